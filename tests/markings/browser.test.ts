/**
 * Banners as a person sees them, in real headless Chromium: each slide's banners in its section's level
 * colours (TOP SECRET with black text), the title slide in the deck's highest level, and a release cut
 * re-marked.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, openDeck } from '../helpers/browser.js';
import { FIXTURES, runCli, tempDir } from '../helpers/cli.js';

const out = tempDir('briefing-markings-browser-');
const built = (name: string, args: string[] = []) => {
  const r = runCli(['build', join(FIXTURES, 'markings-us'), '--out', join(out.dir, name), ...args]);
  if (r.code !== 0) throw new Error(r.stderr);
  return pathToFileURL(join(out.dir, name, 'markings-us', 'index.html')).href;
};
const full = built('full');
const cut = built('cut', ['--max-classification', 'CUI']);

let browser: Browser;
beforeAll(async () => {
  browser = await openBrowser();
});
afterAll(async () => {
  await browser?.close();
  out.cleanup();
});

interface Seen {
  title: string;
  top: { text: string; background: string; color: string; height: number };
  bottom: { text: string; background: string; color: string; height: number };
}

/** Go to each slide in turn and read its banners as rendered: text, colours, and that they are on screen. */
async function everySlide(page: Page): Promise<Seen[]> {
  const count = await page.evaluate(() => (window as unknown as { Reveal: { getTotalSlides(): number } }).Reveal.getTotalSlides());
  const seen: Seen[] = [];
  for (let i = 0; i < count; i++) {
    seen.push(await page.evaluate((index) => {
      const reveal = (window as unknown as { Reveal: { slide(h: number): void; getCurrentSlide(): HTMLElement } }).Reveal;
      reveal.slide(index);
      const slide = reveal.getCurrentSlide();
      const read = (selector: string) => {
        const el = slide.querySelector<HTMLElement>(selector)!;
        const style = getComputedStyle(el);
        return { text: el.innerText.trim(), background: style.backgroundColor, color: style.color, height: Math.round(el.getBoundingClientRect().height) };
      };
      return { title: (slide.querySelector('h1, h2')?.textContent ?? '').trim(), top: read('.classification-top'), bottom: read('.classification-bottom') };
    }, i));
  }
  return seen;
}

const GREEN = 'rgb(0, 122, 51)';
const PURPLE = 'rgb(80, 43, 133)';
const BLUE = 'rgb(0, 51, 160)';
const RED = 'rgb(200, 16, 46)';
const ORANGE = 'rgb(255, 140, 0)';
const WHITE = 'rgb(255, 255, 255)';
const BLACK = 'rgb(0, 0, 0)';

describe('classification banners in Chromium', () => {
  it('shows each US level in its colour on its section’s slides, TOP SECRET with black text, and the title slide in the highest level', { timeout: 60_000 }, async () => {
    const page = await openDeck(browser, full);
    try {
      const slides = await everySlide(page);
      expect(slides.map((s) => [s.top.text, s.top.background, s.top.color])).toEqual([
        ['TOP SECRET', ORANGE, BLACK],
        ['UNCLASSIFIED', GREEN, WHITE],
        ['CUI', PURPLE, WHITE],
        ['CONFIDENTIAL', BLUE, WHITE],
        ['SECRET//NOFORN', RED, WHITE],
        ['TOP SECRET', ORANGE, BLACK],
        ['CONFIDENTIAL', BLUE, WHITE],
      ]);
      for (const s of slides) {
        expect(s.bottom).toEqual(s.top);
        expect(s.top.height).toBeGreaterThan(10);
      }
      expect(slides.map((s) => s.title)).toEqual([
        '(TS) Marked briefing', '(U) Section marked UNCLASSIFIED', '(CUI) Section marked CUI', '(C) Section marked CONFIDENTIAL',
        '(S//NF) Section marked SECRET', '(TS) Section marked TOP SECRET', '(C) Own heading',
      ]);
    } finally {
      await page.close();
    }
  });

  it('re-marks a release cut: only the sections at or below the cut, the title slide in the highest remaining level', { timeout: 60_000 }, async () => {
    const page = await openDeck(browser, cut);
    try {
      const slides = await everySlide(page);
      expect(slides.map((s) => [s.title, s.top.text, s.top.background])).toEqual([
        ['(CUI) Marked briefing', 'CUI', PURPLE],
        ['(U) Section marked UNCLASSIFIED', 'UNCLASSIFIED', GREEN],
        ['(CUI) Section marked CUI', 'CUI', PURPLE],
      ]);
    } finally {
      await page.close();
    }
  });
});
