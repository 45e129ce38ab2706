/**
 * Find slides whose content does not fit their frame, by opening a built deck in headless Chromium
 * and measuring every slide at the deck's own size. Used by `briefing check --layout` and the browser tests.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { findChromium } from './find.js';
import { withBrowser, withPage } from './launch.js';

/** One slide whose content reaches past the slide's edge. */
export interface Overflow {
  /** The slide's id (`#/id`), or its position `h/v` when it has none. */
  slide: string;
  /** 0-based horizontal and vertical index, as reveal.js counts. */
  h: number;
  v: number;
  /** Where the slide was written: the briefing-relative file and line from the slide's `data-source`. */
  file?: string;
  line?: number;
  /** How far content reaches past each edge, in slide pixels (0 when it does not). */
  bottom: number;
  right: number;
  left: number;
  top: number;
}

export interface LayoutCheckOptions {
  /** A browser to reuse (the caller closes it); otherwise one is launched and closed. */
  browser?: Browser;
  /** Chromium executable; default: found on the system (see findChromium). */
  executablePath?: string;
}

/** Tolerance for sub-pixel rounding, in slide pixels. */
const SLACK = 1;

/** Every slide of the deck at `deck` (a built deck folder or its index.html) whose content overflows. */
export async function findOverflows(deck: string, options: LayoutCheckOptions = {}): Promise<Overflow[]> {
  const abs = resolve(deck);
  const file = existsSync(abs) && statSync(abs).isDirectory() ? join(abs, 'index.html') : abs;
  if (!existsSync(file)) throw new Error(`No deck at ${file}: build it first`);
  const url = pathToFileURL(file).href;
  if (options.browser) return measure(options.browser, url);
  const executable = findChromium(options.executablePath);
  if (!executable) throw new Error('Chromium not found: pass `executablePath`, set CHROME_PATH, or install Chromium (Debian/Ubuntu: `apt-get install -y chromium`).');
  return withBrowser(executable, (browser) => measure(browser, url));
}

async function measure(browser: Browser, url: string): Promise<Overflow[]> {
  return withPage(browser, { viewport: { width: 1280, height: 720 } }, async (page) => {
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady());
    // Fonts change line breaks; measure only once they are in.
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const found = await page.evaluate(measureInPage, SLACK);
    return found.map((o) => {
      const m = /^(.*):(\d+)$/.exec(o.source ?? '');
      return { slide: o.slide, h: o.h, v: o.v, ...(m ? { file: m[1]!, line: Number(m[2]) } : {}), bottom: o.bottom, right: o.right, left: o.left, top: o.top };
    });
  });
}

interface Measured {
  slide: string;
  h: number;
  v: number;
  source: string | null;
  bottom: number;
  right: number;
  left: number;
  top: number;
}

/** Runs in the page: visit every slide without transitions and compare its content with the slide frame. */
function measureInPage(slack: number): Measured[] {
  type RevealApi = {
    configure(o: object): void;
    getSlides(): HTMLElement[];
    getIndices(slide: HTMLElement): { h: number; v?: number };
    slide(h: number, v?: number): void;
    getScale(): number;
    getSlidesElement(): HTMLElement;
  };
  const reveal = (window as unknown as { Reveal: RevealApi }).Reveal;
  reveal.configure({ transition: 'none', backgroundTransition: 'none' });
  const frameOf = reveal.getSlidesElement();
  const out: Measured[] = [];
  for (const slide of reveal.getSlides()) {
    const { h, v = 0 } = reveal.getIndices(slide);
    reveal.slide(h, v);
    const scale = reveal.getScale() || 1;
    const frame = frameOf.getBoundingClientRect();
    const edges = { bottom: 0, right: 0, left: 0, top: 0 };
    const consider = (r: DOMRect) => {
      if (r.width === 0 && r.height === 0) return;
      edges.bottom = Math.max(edges.bottom, (r.bottom - frame.bottom) / scale);
      edges.right = Math.max(edges.right, (r.right - frame.right) / scale);
      edges.left = Math.max(edges.left, (frame.left - r.left) / scale);
      edges.top = Math.max(edges.top, (frame.top - r.top) / scale);
    };
    const walker = document.createTreeWalker(slide, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: (node) =>
        node instanceof Element && (node.matches('aside.notes, section') || getComputedStyle(node).display === 'none')
          ? NodeFilter.FILTER_REJECT
          : NodeFilter.FILTER_ACCEPT,
    });
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node instanceof Element) {
        consider(node.getBoundingClientRect());
      } else if (node.textContent?.trim()) {
        const range = document.createRange();
        range.selectNodeContents(node);
        consider(range.getBoundingClientRect());
      }
    }
    const round = (n: number) => Math.max(0, Math.round(n));
    if (Math.max(edges.bottom, edges.right, edges.left, edges.top) > slack) {
      out.push({ slide: slide.id || `${h}/${v}`, h, v, source: slide.getAttribute('data-source'), bottom: round(edges.bottom), right: round(edges.right), left: round(edges.left), top: round(edges.top) });
    }
  }
  return out;
}
