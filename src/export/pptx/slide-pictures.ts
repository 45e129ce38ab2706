/**
 * Pictures of deck slides, for `--images` and for slides whose custom layout has no PowerPoint mapping:
 * the built deck opened in headless Chromium from the disk, each slide shown with every fragment visible,
 * and captured at 2× the deck's size. Requests that would leave the deck folder are refused.
 */
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { withBrowser, withPage } from '../../io/browser/launch.js';
import { readDeck } from '../../core/print/slides.js';

/** PNG pictures of the slides numbered `wanted` (1-based, deck order) of the deck built in `deckDir`. */
export async function slidePictures(deckDir: string, html: string, wanted: readonly number[], size: { width: number; height: number }, executable: string): Promise<Map<number, Uint8Array>> {
  const slides = readDeck(html).slides;
  const out = new Map<number, Uint8Array>();
  if (!wanted.length) return out;
  const root = pathToFileURL(deckDir).href;
  await withBrowser(executable, (browser) => withPage(browser, { viewport: size, deviceScaleFactor: 2 }, async (page) => {
    await page.route('**/*', (route) => (route.request().url().startsWith(root) ? route.continue() : route.abort()));
    await page.goto(pathToFileURL(join(deckDir, 'index.html')).href, { waitUntil: 'load' });
    await page.evaluate(`(async () => {
      await new Promise((resolve) => (window.Reveal && Reveal.isReady() ? resolve() : window.Reveal ? Reveal.on('ready', resolve) : resolve()));
      if (window.Reveal) Reveal.configure({ transition: 'none', backgroundTransition: 'none', controls: false, progress: false });
      await document.fonts.ready;
    })()`);
    for (const n of wanted) {
      const slide = slides[n - 1];
      if (!slide) continue;
      await page.evaluate(`(async () => {
        if (window.Reveal) Reveal.slide(${slide.h}, ${slide.v ?? 0});
        const current = window.Reveal ? Reveal.getCurrentSlide() : document.body;
        for (const f of current.querySelectorAll('.fragment')) f.classList.add('visible');
        await Promise.all([...current.querySelectorAll('img')].map((img) => img.decode().catch(() => undefined)));
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      })()`);
      out.set(n, await page.screenshot({ type: 'png' }));
    }
  }));
  return out;
}
