/**
 * Highlighted code as a person sees it: the built deck in real headless Chromium, stepping through a block's
 * line highlights with reveal.js's own fragments (no highlight plugin runs), and the PDF read back with poppler.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, openDeck } from '../helpers/browser.js';
import { FIXTURES, runCli, tempDir } from '../helpers/cli.js';
import { pageTexts, pdfInfo } from '../pdf/pdf-reader.js';

const out = tempDir('briefing-code-');
const fixture = join(FIXTURES, 'code-highlight');

let browser: Browser;
let page: Page;
beforeAll(async () => {
  const built = runCli(['build', fixture, '--out', out.dir]);
  if (built.code !== 0) throw new Error(built.stderr);
  browser = await openBrowser();
  page = await openDeck(browser, pathToFileURL(join(out.dir, 'code-highlight', 'index.html')).href);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  out.cleanup();
});

/** The visible copy of the current slide's first code block: its highlighted line numbers and all its line numbers. */
async function shownBlock(): Promise<{ copies: number; visible: number; highlighted: string[]; lines: string[]; keyword: string }> {
  return page.evaluate(() => {
    const pre = document.querySelector('section.present pre.code-wrapper')!;
    const copies = [...pre.querySelectorAll(':scope > code')] as HTMLElement[];
    const visible = copies.filter((c) => getComputedStyle(c).visibility === 'visible' && Number(getComputedStyle(c).opacity) === 1);
    const shown = visible[0]!;
    const numbers = (rows: Element[]) => rows.map((r) => getComputedStyle(r.querySelector('.hljs-ln-n')!, '::before').content.replace(/"/g, ''));
    const keyword = shown.querySelector('.hljs-keyword');
    return {
      copies: copies.length,
      visible: visible.length,
      highlighted: numbers([...shown.querySelectorAll('tr.highlight-line')]),
      lines: numbers([...shown.querySelectorAll('tr')]),
      keyword: keyword ? getComputedStyle(keyword).color : '',
    };
  });
}

describe('code steps in the browser', () => {
  it('steps through `js [1-2|3|5]` one highlight at a time, one copy visible at each step', async () => {
    await page.evaluate(() => (window as unknown as { Reveal: { slide(h: number): void } }).Reveal.slide(1));
    const first = await shownBlock();
    expect(first).toMatchObject({ copies: 3, visible: 1, highlighted: ['1', '2'], lines: ['1', '2', '3', '4', '5'] });
    // Highlighted by highlight.js at build time, coloured by the theme.
    expect(first.keyword).toBe('rgb(107, 44, 145)');
    const steps: string[][] = [];
    for (let i = 0; i < 2; i++) {
      await page.evaluate(() => (window as unknown as { Reveal: { next(): void } }).Reveal.next());
      const shown = await shownBlock();
      expect(shown.visible).toBe(1);
      steps.push(shown.highlighted);
    }
    expect(steps).toEqual([['3'], ['5']]);
    await page.evaluate(() => (window as unknown as { Reveal: { prev(): void } }).Reveal.prev());
    expect((await shownBlock()).highlighted).toEqual(['3']);
  });

  it('numbers an excerpt from its offset and highlights rows counted from its first line', async () => {
    await page.evaluate(() => (window as unknown as { Reveal: { slide(h: number): void } }).Reveal.slide(2));
    expect(await shownBlock()).toMatchObject({ copies: 2, visible: 1, highlighted: ['713'], lines: ['712', '713', '714'] });
  });

  it('makes no network request', () => {
    const requests = (page as Page & { requests?: string[] }).requests ?? [];
    expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
  });
});

describe('code steps in the PDF', () => {
  it('prints the final step of each block, every line once', () => {
    const pdf = join(out.dir, 'final.pdf');
    const result = runCli(['pdf', fixture, '--out', pdf]);
    expect(result.code, result.stderr).toBe(0);
    const pages = pageTexts(pdf);
    expect(pages).toHaveLength(4);
    const all = pages.join(' ');
    for (const line of ["const ready = systems.every((s) => s.ok);", "if (!window) throw new Error('no window');", 'launch(window.opens);',
      'def orbit(height_km: float) -> float:', '"""Period in minutes."""', 'payload: [camera, radio]']) {
      expect(all.split(line).length - 1, line).toBe(1);
    }
    expect(pages[2]).toContain('712 def orbit');
    expect(pages[2]).toContain('714 return 2 * pi');
  }, 120_000);

  it('prints a page per step with --fragments each', () => {
    const pdf = join(out.dir, 'each.pdf');
    const result = runCli(['pdf', fixture, '--out', pdf, '--fragments', 'each']);
    expect(result.code, result.stderr).toBe(0);
    // Title 1; `[1-2|3|5]` 3; `[712: 2|1,3]` and `[]` 2; `[|2]` 2.
    expect(pdfInfo(pdf).Pages).toBe('8');
    const pages = pageTexts(pdf);
    for (const p of pages.slice(1, 4)) expect(p.split('launch(window.opens);').length - 1).toBe(1);
  }, 120_000);
});
