/**
 * Nothing overflows: the default briefing, built by the CLI and opened in real headless Chromium at its
 * own size (1280×720), is checked slide by slide. Two checks: no content past the slide's edge (the
 * shared finder of `briefing check --layout`), and no content past the theme's content box, where it
 * would run into the citation line, the footer or the classification banners.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { findOverflows } from '../../src/io/browser/layout.js';
import { openBrowser, openDeck } from '../helpers/browser.js';
import { buildDefaultBriefing, settle, type BuiltBriefing } from './deck.js';

interface FrameProblem {
  slide: string;
  problem: string;
}

/** Runs in the page: for every slide, content inside `.slide-content`, a citation that is not clipped, nothing that scrolls. */
function frameProblemsInPage(): FrameProblem[] {
  type RevealApi = { getSlides(): HTMLElement[]; getIndices(s: HTMLElement): { h: number; v?: number }; slide(h: number, v?: number): void; getScale(): number };
  const reveal = (window as unknown as { Reveal: RevealApi }).Reveal;
  const SLACK = 1;
  const out: FrameProblem[] = [];
  for (const slide of reveal.getSlides()) {
    const { h, v = 0 } = reveal.getIndices(slide);
    reveal.slide(h, v);
    const name = slide.id || `${h}/${v}`;
    const scale = reveal.getScale() || 1;
    const content = slide.querySelector<HTMLElement>(':scope > .slide-content');
    if (!content) {
      out.push({ slide: name, problem: 'has no .slide-content box' });
      continue;
    }
    const box = content.getBoundingClientRect();
    let worst: { by: number; what: string } | undefined;
    const consider = (r: DOMRect, what: string) => {
      if (r.width === 0 && r.height === 0) return;
      const by = Math.max(r.bottom - box.bottom, r.right - box.right, box.left - r.left, box.top - r.top) / scale;
      if (by > SLACK && (!worst || by > worst.by)) worst = { by, what };
    };
    const walker = document.createTreeWalker(content, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => (node instanceof Element && getComputedStyle(node).display === 'none' ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node instanceof Element) {
        consider(node.getBoundingClientRect(), `<${node.tagName.toLowerCase()}${node.className ? ` class="${node.className}"` : ''}>`);
        const style = getComputedStyle(node);
        if (style.overflowY !== 'visible' && node.scrollHeight > node.clientHeight + SLACK) out.push({ slide: name, problem: `<${node.tagName.toLowerCase()}> scrolls or clips its content` });
      } else if (node.textContent?.trim()) {
        const range = document.createRange();
        range.selectNodeContents(node);
        consider(range.getBoundingClientRect(), `text "${node.textContent.trim().slice(0, 40)}"`);
      }
    }
    if (worst) out.push({ slide: name, problem: `${worst.what} reaches ${Math.round(worst.by)}px past the content box` });
    const citation = slide.querySelector<HTMLElement>('.citation');
    if (citation && citation.scrollHeight > citation.clientHeight + SLACK) out.push({ slide: name, problem: 'citation line is longer than its two lines and is cut off' });
    if (slide.scrollHeight > slide.clientHeight + SLACK) out.push({ slide: name, problem: 'the slide itself scrolls' });
  }
  return out;
}

describe('the default briefing at 1280×720', () => {
  let built: BuiltBriefing;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    built = buildDefaultBriefing();
    browser = await openBrowser();
    page = await openDeck(browser, built.url);
    await settle(page);
  });

  afterAll(async () => {
    await browser?.close();
    built?.cleanup();
  });

  it('has no slide whose content reaches past the slide edge', async () => {
    const { overflows, diagnostics } = await findOverflows(built.deckDir, { browser });
    expect(diagnostics).toEqual([]);
    const named = overflows.map((o) => `${o.slide} (${o.file ?? '?'}:${o.line ?? '?'}): bottom ${o.bottom}px, right ${o.right}px, left ${o.left}px, top ${o.top}px`);
    expect(named, `slides overflowing the 1280×720 frame:\n${named.join('\n')}`).toEqual([]);
  });

  it('keeps every slide’s content clear of the citation line, footer and banners, with nothing cut off or scrolling', async () => {
    const slides = await page.evaluate(() => (window as unknown as { Reveal: { getTotalSlides(): number } }).Reveal.getTotalSlides());
    expect(slides).toBeGreaterThan(30);
    const problems = await page.evaluate(frameProblemsInPage);
    const named = problems.map((p) => `${p.slide}: ${p.problem}`);
    expect(named, `slides that do not fit:\n${named.join('\n')}`).toEqual([]);
  });

  it('notices content that does not fit (the check can fail)', async () => {
    // Push the map slide's legend down past its box on purpose; the same check must name that slide.
    await page.evaluate(() => {
      const legend = document.querySelector<HTMLElement>('#eight-allies .map-legend');
      if (legend) legend.style.marginTop = '400px';
    });
    const problems = await page.evaluate(frameProblemsInPage);
    await page.evaluate(() => document.querySelector<HTMLElement>('#eight-allies .map-legend')?.style.removeProperty('margin-top'));
    expect(problems.map((p) => p.slide)).toContain('eight-allies');
  });
});
