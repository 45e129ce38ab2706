/** Slides on a dark background, set by front matter or by reveal.js slide comments, read light in Chromium. */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, openDeck } from '../helpers/browser.js';
import { FIXTURES, runCli, tempDir } from '../helpers/cli.js';
import { settle } from '../briefing/deck.js';

const out = tempDir('briefing-dark-');
let browser: Browser;
let page: Page;
beforeAll(async () => {
  const result = runCli(['build', join(FIXTURES, 'a11y-layouts'), '--out', out.dir]);
  if (result.code !== 0) throw new Error(result.stderr);
  browser = await openBrowser();
  page = await openDeck(browser, pathToFileURL(join(out.dir, 'a11y-layouts', 'index.html')).href);
  await settle(page);
});
afterAll(async () => {
  await browser?.close();
  out.cleanup();
});

/** Show slide `id` and measure the contrast of its parts against the slide's background colour. */
function contrastOn(id: string): Promise<{ dark: boolean; background: string; ratios: Record<string, number> }> {
  return page.evaluate((id) => {
    type RevealApi = { getIndices(s: HTMLElement): { h: number; v?: number }; slide(h: number, v?: number): void; getSlideBackground(s: HTMLElement): HTMLElement };
    const reveal = (window as unknown as { Reveal: RevealApi }).Reveal;
    const slide = document.getElementById(id)!;
    const { h, v = 0 } = reveal.getIndices(slide);
    reveal.slide(h, v);
    const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const luminance = (c: number[]) => {
      const [r, g, b] = c.map((x) => (x / 255 <= 0.03928 ? x / 255 / 12.92 : ((x / 255 + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    // The colour behind the text: reveal.js's background layer if it has one, else the slide's own, else the page's.
    const opaque = (e: Element) => getComputedStyle(e).backgroundColor;
    const background = [reveal.getSlideBackground(slide), slide, document.body].map(opaque).find((c) => !/rgba\(.*, 0\)$|transparent/.test(c)) ?? 'rgb(255, 255, 255)';
    const ratio = (selector: string) => {
      const element = slide.querySelector(selector);
      if (!element) return 0;
      const [a, b] = [luminance(rgb(getComputedStyle(element).color)), luminance(rgb(background))].sort((x, y) => y - x);
      return Math.round(((a! + 0.05) / (b! + 0.05)) * 10) / 10;
    };
    const parts: Record<string, string> = { heading: 'h2', text: '.slide-body li, .slide-body p', link: '.slide-body a', tableCell: 'td', tableHeader: 'th', citation: '.citation', footer: '.deck-footer' };
    return {
      dark: slide.classList.contains('has-dark-background'),
      background,
      ratios: Object.fromEntries(Object.entries(parts).filter(([, s]) => slide.querySelector(s)).map(([name, s]) => [name, ratio(s)])),
    };
  }, id);
}

describe('dark slides', () => {
  it.each([
    ['a `background:` colour in front matter', 'dark-colour'],
    ['a `data-background` slide comment', 'dark-comments'],
    ['a `data-background-color` slide comment', 'dark-comments-2'],
    ['a `background:` image in front matter, shown dimmed over black', 'dark-image'],
  ])('reads light on %s: heading, text, table, citation and footer at 4.5:1 or more', async (_how, id) => {
    const { dark, ratios } = await contrastOn(id);
    expect(dark).toBe(true);
    expect(Object.keys(ratios), JSON.stringify(ratios)).toEqual(expect.arrayContaining(id === 'dark-image' ? ['heading', 'text', 'citation', 'footer'] : ['heading', 'text', 'tableCell', 'tableHeader', 'citation', 'footer']));
    for (const [part, ratio] of Object.entries(ratios)) expect(ratio, part).toBeGreaterThanOrEqual(4.5);
  });

  it('passes check --layout, which measures the text over the image pixel by pixel', () => {
    const result = runCli(['check', '--layout', '--format', 'json', join(FIXTURES, 'a11y-layouts')]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([]);
  }, 120_000); // a whole check --layout run in Chromium

  it('keeps navy headings and dark text on slides with a light background', async () => {
    const { dark, ratios } = await contrastOn('content');
    expect(dark).toBe(false);
    expect(ratios.heading).toBeGreaterThanOrEqual(4.5);
    expect(ratios.text).toBeGreaterThanOrEqual(4.5);
  });
});
