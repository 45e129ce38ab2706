/**
 * Find slides whose content does not fit their frame, by opening a built deck in headless Chromium
 * and measuring every slide at the deck's own size. Used by `briefing check --layout` and the browser tests.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { error, type Diagnostic } from '../../core/diagnostics.js';
import { displayPath } from '../paths.js';
import { findChromium, missingBrowser } from './find.js';
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
  /** Working directory for the paths in diagnostics. Default: the process's. */
  cwd?: string;
}

/** What a layout check found: the overflowing slides, or the problems that kept it from measuring. */
export interface LayoutCheck {
  overflows: Overflow[];
  diagnostics: Diagnostic[];
}

/** Tolerance for sub-pixel rounding, in slide pixels. */
const SLACK = 1;

/**
 * Every slide of the deck at `deck` (a built deck folder or its index.html) whose content overflows. Never
 * throws for a missing deck or browser: those come back as diagnostics, with how to fix them.
 */
export async function findOverflows(deck: string, options: LayoutCheckOptions = {}): Promise<LayoutCheck> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const abs = resolve(cwd, deck);
  const file = existsSync(abs) && statSync(abs).isDirectory() ? join(abs, 'index.html') : abs;
  const failed = (diagnostic: Diagnostic): LayoutCheck => ({ overflows: [], diagnostics: [diagnostic] });
  if (!existsSync(file)) return failed(error('no-deck', displayPath(file, cwd), 'No built deck here', {}, 'Build it first with `briefing build`, then pass its folder.'));
  const url = pathToFileURL(file).href;
  const executable = options.browser ? undefined : findChromium(options.executablePath);
  if (!options.browser && !executable) return failed(missingBrowser(options.executablePath, cwd, 'the layout check measures slides'));
  try {
    const overflows = options.browser ? await measure(options.browser, url) : await withBrowser(executable!, (browser) => measure(browser, url));
    return { overflows, diagnostics: [] };
  } catch (cause) {
    return failed({ ...error('layout-check-failed', displayPath(dirname(file), cwd), `Could not measure the slides: ${(cause as Error).message.split('\n')[0]}`, {},
      `Check that ${executable ?? 'the browser'} starts; run without --layout to check everything else.`), cause });
  }
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
