/** The default briefing (briefings/nato-ukraine), built by the real CLI into a temporary folder, and ways to read it in Chromium. */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { runCli, tempDir } from '../helpers/cli.js';

export const BRIEFING = 'briefings/nato-ukraine';

export interface BuiltBriefing {
  /** The deck folder: index.html, theme/, figures/, … */
  deckDir: string;
  url: string;
  cleanup: () => void;
}

/** Build the default briefing as a user would (`briefing build briefings/nato-ukraine --out <tmp>`). */
export function buildDefaultBriefing(): BuiltBriefing {
  const { dir, cleanup } = tempDir('briefing-default-');
  const result = runCli(['build', BRIEFING, '--out', dir]);
  if (result.code !== 0) {
    cleanup();
    throw new Error(`briefing build failed with exit code ${result.code}:\n${result.stderr}`);
  }
  const deckDir = join(dir, 'nato-ukraine');
  return { deckDir, url: pathToFileURL(join(deckDir, 'index.html')).href, cleanup };
}

/** What one slide shows, read from the live deck after reveal.js has laid it out. */
export interface SlideView {
  id: string;
  /** The section file the slide comes from (`data-section`); the title slide has none. */
  section: string;
  h: number;
  v: number;
  layout: string;
  /** Heading text (the slide title, without a kicker such as "Bottom line up front"). */
  title: string;
  /** Visible text of the slide's content box, heading excluded. */
  body: string;
  /** The body without labels: event dates, figure values and dates, a quote's speaker line, kickers. */
  reading: string;
  /** All visible text of the slide, banners and footer included. */
  text: string;
  citation: string;
  footer: string;
  notes: string;
  banners: { top: string; bottom: string };
}

/** Turn off transitions and wait for the fonts, so what is measured is what the audience sees. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as { Reveal: { configure(o: object): void } }).Reveal.configure({ transition: 'none', backgroundTransition: 'none' }));
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

/** Visit every slide in order and read what it shows. */
export async function readSlides(page: Page): Promise<SlideView[]> {
  await settle(page);
  return page.evaluate(() => {
    type RevealApi = { getSlides(): HTMLElement[]; getIndices(s: HTMLElement): { h: number; v?: number }; slide(h: number, v?: number): void };
    const reveal = (window as unknown as { Reveal: RevealApi }).Reveal;
    const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
    return reveal.getSlides().map((slide) => {
      const { h, v = 0 } = reveal.getIndices(slide);
      reveal.slide(h, v);
      const content = slide.querySelector<HTMLElement>('.slide-content');
      const heading = content?.querySelector<HTMLElement>('h1, h2');
      const headingText = heading ? clean([...heading.childNodes].filter((n) => !(n instanceof Element && n.classList.contains('kicker'))).map((n) => n.textContent).join(' ')) : '';
      // innerText needs layout, so each copy is attached off-screen just long enough to read it.
      const textWithout = (selector: string) => {
        if (!content) return '';
        const copy = content.cloneNode(true) as HTMLElement;
        for (const e of copy.querySelectorAll(selector)) e.remove();
        copy.style.cssText = 'position:absolute;left:-99999px;top:0;width:1152px';
        slide.appendChild(copy);
        const text = clean(copy.innerText);
        copy.remove();
        return text;
      };
      const headingSelector = ':scope > h1:first-child, :scope > h2:first-child, .slide-title, .slide-body > h2:first-child';
      const body = textWithout(headingSelector);
      // Labels, as `briefing check`'s word budget counts them: not text the audience reads.
      const reading = textWithout(`${headingSelector}, .event-date, .figure-value, .figure-date, figure.quote figcaption, .divider-part, .kicker`);
      return {
        id: slide.id,
        section: slide.getAttribute('data-section') ?? '',
        h,
        v,
        layout: [...slide.classList].find((c) => c.startsWith('layout-'))?.slice('layout-'.length) ?? '',
        title: headingText,
        body,
        reading,
        text: clean(slide.innerText),
        citation: clean(slide.querySelector('.citation')?.textContent),
        footer: clean(slide.querySelector('.deck-footer')?.textContent),
        notes: clean(slide.querySelector('aside.notes')?.textContent),
        banners: { top: clean(slide.querySelector('.classification-top')?.textContent), bottom: clean(slide.querySelector('.classification-bottom')?.textContent) },
      };
    });
  });
}

/** Words as a reader counts them: tokens with a letter or digit ("–", "·" and "…" are not words). */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((t) => /[\p{L}\p{N}]/u.test(t)).length;
}
