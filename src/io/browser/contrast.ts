/**
 * Find text too faint to read: open a built deck in headless Chromium, show every slide in turn, and measure
 * each piece of text against what is actually behind it — the colours of its element and their ancestors,
 * gradients, reveal.js's slide background, and for image backgrounds the pixels themselves. Used by
 * `briefing check --layout`.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { withPage } from './launch.js';
import { collectInPage, prepareInPage, type SlideSamples, type TextSample } from './contrast-page.js';
import {
  backgroundsOf,
  gradientStops,
  hex,
  isLargeText,
  parseColour,
  requiredRatio,
  sampledContrast,
  worstContrast,
  type BackgroundLayer,
  type Rgba,
} from '../../core/lint/contrast.js';

/** Text on one slide whose contrast is below WCAG AA. */
export interface LowContrast {
  /** The slide's id (`#/id`), or its position `h/v`. */
  slide: string;
  /** Where the slide was written, from its `data-source`. */
  file?: string;
  line?: number;
  /** The text furthest below its minimum, shortened. */
  text: string;
  /** How many pieces of text on the slide are below AA, this one included. */
  count: number;
  /** Measured contrast (lowest of the pieces) and the AA minimum that applies. */
  ratio: number;
  required: number;
  large: boolean;
  foreground: string;
  background: string;
}

/** Every slide's text below WCAG AA contrast in the deck at `deck` (a built deck folder or its index.html). */
export async function findLowContrast(deck: string, browser: Browser): Promise<LowContrast[]> {
  const abs = resolve(deck);
  const file = existsSync(abs) && statSync(abs).isDirectory() ? join(abs, 'index.html') : abs;
  if (!existsSync(file)) throw new Error(`No deck at ${file}: build it first`);
  return withPage(browser, { viewport: { width: 1280, height: 720 } }, async (page) => {
    await page.goto(pathToFileURL(file).href);
    await page.waitForFunction(() => (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady());
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const count = await page.evaluate(prepareInPage);
    // Every slide in one round trip; a slide over an image is shown again to be photographed.
    const slides = await page.evaluate(collectInPage, { from: 0, to: count });
    const found: LowContrast[] = [];
    for (const [index, samples] of slides.entries()) {
      let pixels: Rgba[][] | undefined;
      if (samples.texts.some((t) => t.layers.some((l) => l.image.includes('url(')))) {
        await page.evaluate(collectInPage, { from: index, to: index + 1 });
        pixels = await samplePixels(page, samples.texts);
      }
      found.push(...judge(samples, pixels));
    }
    return found;
  });
}

/** Turn one slide's measurements into at most one finding: its faintest text, and how many more fall short. */
function judge(samples: SlideSamples, pixels: Rgba[][] | undefined): LowContrast[] {
  const at = /^(.*):(\d+)$/.exec(samples.source ?? '');
  let worst: LowContrast | undefined;
  let count = 0;
  samples.texts.forEach((t, i) => {
    const colour = parseColour(t.colour);
    if (!colour) return;
    const text = { ...colour, a: colour.a * t.opacity };
    if (text.a < 0.05) return; // not shown (a fragment's hidden state is measured as shown: see collectInPage)
    const sampled = pixels?.[i];
    const { ratio, background } = sampled?.length ? sampledContrast(text, sampled) : worstContrast(text, backgroundsOf(t.layers.map(layerOf), parseColour(t.page)));
    const required = requiredRatio(t.fontSize, t.fontWeight);
    if (ratio >= required) return;
    count++;
    // The text furthest below its minimum is the one to show.
    if (worst && ratio / required >= worst.ratio / worst.required) return;
    worst = {
      slide: samples.slide,
      ...(at ? { file: at[1]!, line: Number(at[2]) } : {}),
      text: t.text.length > 40 ? `${t.text.slice(0, 39)}…` : t.text,
      count: 0,
      ratio,
      required,
      large: isLargeText(t.fontSize, t.fontWeight),
      foreground: hex(blend(text, background)),
      background: hex(background),
    };
  });
  return worst ? [{ ...worst, count }] : [];
}

function blend(top: Rgba, bottom: Rgba): Rgba {
  return { r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a), b: top.b * top.a + bottom.b * (1 - top.a), a: 1 };
}

function layerOf(layer: { colour: string; image: string; opacity: number }): BackgroundLayer {
  const colour = parseColour(layer.colour);
  const out: BackgroundLayer = {};
  if (colour && colour.a > 0) out.colour = { ...colour, a: colour.a * layer.opacity };
  if (layer.image && layer.image !== 'none') {
    const stops = gradientStops(layer.image.replace(/url\([^)]*\)/g, '')).map((s) => ({ ...s, a: s.a * layer.opacity }));
    if (stops.length) out.stops = stops;
    if (layer.image.includes('url(')) out.image = layer.opacity;
  }
  return out;
}

/**
 * For slides over an image: photograph the slide with its text made transparent and read the pixels behind
 * each piece of text (a grid of points in each of its line boxes). The screenshot is read in the page from a
 * data: URL, which leaves the canvas readable.
 */
async function samplePixels(page: Page, texts: TextSample[]): Promise<Rgba[][]> {
  // reveal.js sets a background image as the slide is shown: wait until it is decoded and painted.
  await page.evaluate(async () => {
    const urls = Array.from(document.querySelectorAll('.backgrounds .present .slide-background-content')).flatMap((e) =>
      [...getComputedStyle(e).backgroundImage.matchAll(/url\("?([^")]*)"?\)/g)].map((m) => m[1]!),
    );
    await Promise.all(urls.map((src) => Object.assign(new Image(), { src }).decode().catch(() => undefined)));
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  });
  const hide = await page.addStyleTag({ content: '.reveal .slides *, .reveal .slides *::before, .reveal .slides *::after { color: transparent !important; text-shadow: none !important; text-decoration-color: transparent !important; }' });
  const shot = await page.screenshot({ type: 'png' });
  await hide.evaluate((style) => (style as Element).remove());
  return page.evaluate(
    async ({ png, rects }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${png}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const scale = image.naturalWidth / window.innerWidth;
      return rects.map((list) =>
        list.flatMap((r) => {
          const points: { r: number; g: number; b: number; a: number }[] = [];
          for (let i = 1; i <= 3; i++)
            for (let j = 1; j <= 5; j++) {
              const x = Math.min(canvas.width - 1, Math.max(0, Math.round((r.x + (r.width * j) / 6) * scale)));
              const y = Math.min(canvas.height - 1, Math.max(0, Math.round((r.y + (r.height * i) / 4) * scale)));
              const [red, green, blue] = context.getImageData(x, y, 1, 1).data;
              points.push({ r: red!, g: green!, b: blue!, a: 1 });
            }
          return points;
        }),
      );
    },
    { png: shot.toString('base64'), rects: texts.map((t) => t.rects) },
  );
}
