/**
 * The hostile corpus (tests/fixtures/hostile): every script vector we know of, in sections, front
 * matter and slide attributes. Built, then opened in real headless Chromium: no injected script may
 * run, nothing may reach the network, and the harmless HTML must still be there.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/api/build.js';
import type { Diagnostic } from '../../src/core/diagnostics.js';
import { openBrowser } from '../helpers/browser.js';
import { copyFixture, FIXTURES, ROOT, tempDir } from '../helpers/cli.js';

const HOSTILE = join(FIXTURES, 'hostile');

let browser: Browser;
let page: Page;
let result: BuildResult;
let cleanup: () => void;
const dialogs: string[] = [];
const requests: string[] = [];

beforeAll(async () => {
  const out = tempDir();
  cleanup = out.cleanup;
  result = await build({ briefings: [HOSTILE], outDir: out.dir, cwd: ROOT });
  browser = await openBrowser();
  // Listen before the page loads: a script that ran during load would leave a dialog, a request or window.__pwned.
  page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(join(out.dir, 'hostile', 'index.html')).href);
  await page.waitForFunction(() => (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady());
  // Show every slide, with reveal.js's own notes display on, and give load/error events time to fire.
  await page.evaluate(async () => {
    const reveal = (window as unknown as { Reveal: { configure(o: object): void; getSlides(): HTMLElement[]; getIndices(s: HTMLElement): { h: number; v?: number }; slide(h: number, v?: number): void } }).Reveal;
    reveal.configure({ showNotes: true, transition: 'none' });
    for (const slide of reveal.getSlides()) {
      const { h, v } = reveal.getIndices(slide);
      reveal.slide(h, v);
      await new Promise((r) => setTimeout(r, 20));
    }
  });
  await page.waitForTimeout(300);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  cleanup?.();
});

describe('the hostile corpus', () => {
  it('builds, with warnings but no errors', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('runs no injected script and opens no dialog', async () => {
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
  });

  it('runs no injected script when every remaining link is clicked', async () => {
    const protocols = await page.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => (a as HTMLAnchorElement).protocol));
    expect(new Set(protocols)).toEqual(new Set(protocols.filter((p) => ['http:', 'https:', 'file:', 'mailto:', 'tel:'].includes(p))));
    // Clicking follows whatever survived; only same-page links are clicked so the page stays put.
    await page.evaluate(() => {
      for (const a of document.querySelectorAll<HTMLAnchorElement>('.slides a[href]')) if (a.protocol === 'file:' && a.hash) a.click();
    });
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  });

  it('makes no network request', () => {
    expect(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'))).toEqual([]);
  });

  it('leaves no event handler, embedded page, script or script URL in the DOM', async () => {
    const found = await page.evaluate(() => {
      const all = [...document.querySelectorAll('*')];
      return {
        handlers: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`)),
        // reveal.js draws its own buttons; anything else of this kind came from a section.
        embeds: document.querySelectorAll('iframe, frame, object, embed, applet, base, body meta, meta[http-equiv]:not([http-equiv="Content-Security-Policy"]), form, .slides button, math, foreignObject, animate, set, noscript, template, xmp').length,
        slideStyles: document.querySelectorAll('.slides style').length,
        scripts: [...document.scripts].map((s) => s.src.split('/').pop() || 'inline'),
        scriptedData: document.querySelectorAll('[data-notes], [data-background-iframe], [data-markdown]').length,
        urls: all.flatMap((el) => ['src', 'href', 'xlink:href', 'data-src', 'data-background-image', 'data-background-video', 'poster', 'srcset']
          .map((n) => el.getAttribute(n) ?? '').filter((v) => /^\s*(javascript|vbscript|data:text)/i.test(v.replace(/[\u0000-\u0020]/g, '')))),
        remoteStyles: all.filter((el) => /url\(/i.test(el.getAttribute('style') ?? '') && el.closest('.slides')).length,
      };
    });
    expect(found.handlers).toEqual([]);
    expect(found.embeds).toBe(0);
    expect(found.slideStyles).toBe(0);
    expect(found.scripts).toEqual(['reveal.js', 'notes.js', 'inline']);
    expect(found.scriptedData).toBe(0);
    expect(found.urls).toEqual([]);
    expect(found.remoteStyles).toBe(0);
  });

  it('keeps the harmless HTML: divs, spans, classes, styles, tables, details and inline SVG', async () => {
    const kept = await page.evaluate(() => {
      const box = document.querySelector('.harmless-box') as HTMLElement | null;
      const svg = document.querySelector('svg.harmless-svg');
      return {
        box: box?.textContent?.trim(),
        colour: box ? getComputedStyle(box).color : undefined,
        span: document.querySelector('.harmless-box .harmless-span')?.textContent,
        cell: document.querySelector('table.harmless-table td.harmless-cell')?.textContent,
        details: document.querySelector('details.harmless-details summary')?.textContent,
        viewBox: svg?.getAttribute('viewBox'),
        circle: svg?.querySelector('circle')?.getAttribute('fill'),
      };
    });
    expect(kept).toEqual({ box: 'Box with a span', colour: 'rgb(1, 2, 3)', span: 'a span', cell: 'cell', details: 'Summary', viewBox: '0 0 10 10', circle: 'red' });
  });

  it('shows hostile front-matter strings as text, not markup', async () => {
    const text = await page.evaluate(() => ({
      title: document.title,
      banner: document.querySelector('.classification-banner')?.textContent ?? '',
      sources: document.querySelector('.layout-sources')?.textContent ?? '',
      timeline: document.querySelector('.layout-timeline')?.textContent ?? '',
      html: document.documentElement.lang,
    }));
    expect(text.title).toContain("<script>window.__pwned='deck-title'</script>");
    expect(text.banner).toContain("</div><script>window.__pwned='classification'</script>");
    expect(text.sources).toContain("</li><script>window.__pwned='source-title'</script>");
    expect(text.timeline).toContain("<img src=x onerror=window.__pwned='event-title'>");
    expect(text.html).toBe(`en"><script>window.__pwned='lang'</script>`);
  });

  it('warns about every vector in a section body at the line it is written on', () => {
    const warned = new Set(result.diagnostics.filter(isRemoval).map((d) => `${d.file}:${d.line}`));
    const vectors: string[] = [];
    for (const name of readdirSync(HOSTILE).filter((n) => n.endsWith('.md'))) {
      const lines = readFileSync(join(HOSTILE, name), 'utf8').split('\n');
      const bodyStart = lines.indexOf('---', 1) + 1;
      lines.forEach((line, i) => {
        if (i >= bodyStart && line.includes('__pwned')) vectors.push(`tests/fixtures/hostile/${name}:${i + 1}`);
      });
    }
    expect(vectors.length).toBeGreaterThan(60);
    expect(vectors.filter((v) => !warned.has(v))).toEqual([]);
  });
});

describe('the same corpus with allowScripts: true', () => {
  it('does run the scripts, so the checks above can see a script that runs', async () => {
    const { dir, cleanup: done } = tempDir();
    try {
      const copy = copyFixture('hostile', dir);
      const index = join(copy, 'index.md');
      writeFileSync(index, readFileSync(index, 'utf8').replace('asOf: 2022-04-07', 'asOf: 2022-04-07\nallowScripts: true'));
      // Unsanitized, some vectors reference files that do not exist; the event handlers alone will do.
      for (const name of readdirSync(copy)) if (name.endsWith('.md') && !['index.md', '020-handlers.md'].includes(name)) rmSync(join(copy, name));
      const built = await build({ briefings: [copy], outDir: join(dir, 'out'), cwd: dir });
      expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const scripted = await browser.newPage();
      scripted.on('dialog', (d) => void d.dismiss());
      try {
        await scripted.goto(pathToFileURL(join(dir, 'out', 'hostile', 'index.html')).href);
        await scripted.waitForFunction(() => (window as unknown as { __pwned?: unknown }).__pwned !== undefined, undefined, { timeout: 10_000 });
      } finally {
        await scripted.close();
      }
    } finally {
      done();
    }
  });
});

function isRemoval(d: Diagnostic): boolean {
  // A remote URL in a style is removed and reported as a request the deck would make.
  return d.rule === 'unsafe-html' || d.rule === 'unsupported-html' || d.rule === 'remote-asset';
}
