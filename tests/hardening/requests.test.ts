/**
 * Requests nobody reported (tests/fixtures/hostile-requests): every way a slide or a theme can load a URL —
 * srcset, SVG paint references, style attributes, theme @import/url()/@font-face, reveal.js backgrounds,
 * auto-animate easings, the parallax image, preview images. Each remote URL is either reported as
 * `remote-asset` or removed; the deck is opened in real Chromium twice: without its Content-Security-Policy
 * it requests only what the build reported, and with it nothing at all.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/api/build.js';
import { openBrowser } from '../helpers/browser.js';
import { FIXTURES, ROOT, tempDir } from '../helpers/cli.js';

const FIXTURE = join(FIXTURES, 'hostile-requests');
const REMOTE = /http:\/\/127\.0\.0\.1:9\/[\w.-]+/g;
/** URLs in the fixture that are injections: they must be gone from the deck, not merely reported. */
const REMOVED = ['svg-fill', 'svg-stroke', 'svg-clip', 'svg-marker', 'bg-url', 'bg-gradient', 'bg-data-breakout', 'front-data-breakout', 'easing-slide', 'easing-element'];

let browser: Browser;
let result: BuildResult;
let deckDir: string;
let cleanup: () => void;

beforeAll(async () => {
  const out = tempDir();
  cleanup = out.cleanup;
  result = await build({ briefings: [FIXTURE], outDir: out.dir, cwd: ROOT });
  deckDir = join(out.dir, 'hostile-requests');
  const html = readFileSync(join(deckDir, 'index.html'), 'utf8');
  writeFileSync(join(deckDir, 'no-csp.html'), html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ''));
  browser = await openBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  cleanup?.();
});

/** Open a page of the deck, show every slide (auto-animate runs between the two easing slides), open the preview; the network requests and CSP refusals it made. */
async function visit(file: string): Promise<{ requests: string[]; blocked: string[]; refused: string[]; page: Page }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const requests: string[] = [];
  const blocked: string[] = [];
  const refused: string[] = [];
  // Chromium announces a request the policy then blocks before it leaves the browser (failure `csp`).
  page.on('request', (r) => {
    if (!/^(file|data):/.test(r.url())) requests.push(r.url());
  });
  page.on('requestfailed', (r) => {
    if (/^(csp|net::ERR_BLOCKED_BY_CSP)$/.test(r.failure()?.errorText ?? '')) blocked.push(r.url());
  });
  page.on('console', (m) => {
    if (/Content Security Policy/.test(m.text())) refused.push(m.text());
  });
  await page.goto(pathToFileURL(join(deckDir, file)).href);
  await page.waitForFunction(() => (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady());
  await page.evaluate(async () => {
    const reveal = (window as unknown as { Reveal: { getSlides(): HTMLElement[]; getIndices(s: HTMLElement): { h: number; v?: number }; slide(h: number, v?: number): void } }).Reveal;
    for (const slide of reveal.getSlides()) {
      const { h, v } = reveal.getIndices(slide);
      reveal.slide(h, v);
      await new Promise((r) => setTimeout(r, 50));
    }
    (document.querySelector('img.preview') as HTMLElement | null)?.click();
    await new Promise((r) => setTimeout(r, 200));
  });
  await page.waitForLoadState('load');
  return { requests, blocked, refused, page };
}

function outputText(dir: string): string {
  return readdirSync(dir).map((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? outputText(path) : /\.(html|css)$/.test(name) ? readFileSync(path, 'utf8') : '';
  }).join('\n');
}

describe('URLs in slides and themes', () => {
  it('builds, reporting every remote URL it keeps as remote-asset', () => {
    expect(result.ok).toBe(true);
    const reported = result.diagnostics.filter((d) => d.rule === 'remote-asset').map((d) => d.message.match(REMOTE)?.[0]);
    const kept = [...new Set(outputText(deckDir).match(REMOTE) ?? [])];
    expect(kept.length).toBeGreaterThan(3);
    expect(kept.filter((url) => !reported.includes(url))).toEqual([]);
  });

  it('removes the injections: SVG paint URLs, backgrounds that leave their url(), easings that add rules', () => {
    const text = outputText(deckDir);
    expect(REMOVED.filter((name) => text.includes(`127.0.0.1:9/${name}`))).toEqual([]);
    const warned = result.diagnostics.filter((d) => d.rule === 'unsafe-html').map((d) => `${d.file.split('/').pop()}:${d.line}`);
    expect(warned).toEqual(expect.arrayContaining(['010-svg.md:6', '010-svg.md:7', '010-svg.md:8', '010-svg.md:9', '030-backgrounds.md:4', '030-backgrounds.md:14',
      '030-backgrounds.md:19', '040-front-background.md:3', '050-easing.md:9', '050-easing.md:15']));
  });

  it('without its Content-Security-Policy, requests only URLs the build reported', async () => {
    const { requests, page } = await visit('no-csp.html');
    await page.close();
    const reported = new Set(result.diagnostics.filter((d) => d.rule === 'remote-asset').map((d) => d.message.match(REMOTE)?.[0]));
    // The check can fail: the reported URLs are really requested when nothing blocks them.
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((url) => !reported.has(url))).toEqual([]);
  });

  it('with its Content-Security-Policy, lets no request reach the network', async () => {
    const { requests, blocked, refused, page } = await visit('index.html');
    await page.close();
    expect(requests.filter((url) => !blocked.includes(url))).toEqual([]);
    // The policy did the blocking: the reported URLs were refused, not merely never asked for.
    expect(blocked).toEqual(expect.arrayContaining(['http://127.0.0.1:9/picture-srcset.png', 'http://127.0.0.1:9/bg-bare.png', 'http://127.0.0.1:9/parallax.png']));
    expect(refused.length).toBeGreaterThanOrEqual(blocked.length);
  });

  it('keeps what is local: srcset, style url(), the theme\'s font, image and import, backgrounds', async () => {
    const { page } = await visit('index.html');
    const seen = await page.evaluate(async () => {
      await document.fonts.ready;
      const local = document.querySelector('.local-style') as HTMLElement;
      const srcset = document.querySelector('img.local-srcset') as HTMLImageElement;
      return {
        style: getComputedStyle(local).backgroundImage,
        srcset: srcset.getAttribute('srcset'),
        srcsetLoaded: srcset.complete && srcset.naturalWidth > 0,
        font: document.fonts.check('36px "Fixture Sans"') && [...document.fonts].some((f) => f.family.includes('Fixture Sans') && f.status === 'loaded'),
        colour: getComputedStyle(document.querySelector('.reveal')!).color,
        paint: document.querySelector('.local-paint')?.getAttribute('fill'),
        gradient: document.querySelector('section.kept-gradient')?.getAttribute('data-background-gradient'),
        image: document.querySelector('section.kept-image')?.getAttribute('data-background-image'),
      };
    });
    await page.close();
    expect(seen).toEqual({
      style: expect.stringContaining('media/images/square.png'),
      srcset: 'media/images/wide.png 2x, media/images/square.png 1x',
      srcsetLoaded: true,
      font: true,
      colour: 'rgb(16, 32, 48)',
      paint: 'url(#local-gradient)',
      gradient: 'linear-gradient(#102030, #304050)',
      image: 'media/images/wide.png',
    });
  });
});

describe('what the build refuses outright', () => {
  async function buildWith(index: string, theme?: string): Promise<BuildResult> {
    const { dir, cleanup: done } = tempDir('briefing-refuse-');
    try {
      const briefing = join(dir, 'b');
      mkdirSync(briefing);
      writeFileSync(join(briefing, 'index.md'), index);
      if (theme !== undefined) writeFileSync(join(briefing, 'theme.css'), theme);
      return await build({ briefings: [briefing], outDir: join(dir, 'out'), cwd: dir });
    } finally {
      done();
    }
  }

  it('refuses a theme a browser would read differently from the check (`@\\69mport`), at its line and column', async () => {
    const built = await buildWith('---\ntitle: T\ntheme: theme.css\n---\n', '.reveal { color: #123; }\n@\\69mport url(http://127.0.0.1:9/escaped-import.css);\n');
    expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([expect.objectContaining({ rule: 'theme-css-invalid', file: 'b/theme.css', line: 2, column: 1 })]);
  });

  it('refuses reveal options that reveal.js would paste into CSS, at their lines', async () => {
    const built = await buildWith([
      '---', 'title: T', 'reveal:', '  autoAnimateEasing: "ease;}*{background-image:url(http://127.0.0.1:9/easing-option.png)}"',
      '  autoAnimateDuration: "1s; color: red"', '  parallaxBackgroundImage: \'x.png"), url("http://127.0.0.1:9/parallax-breakout.png\'', '---', '',
    ].join('\n'));
    expect(built.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.rule, d.line, d.message])).toEqual([
      ['invalid-reveal-option', 4, '`reveal.autoAnimateEasing` is not a CSS easing'],
      ['invalid-reveal-option', 5, '`reveal.autoAnimateDuration` is not a number of seconds'],
      ['invalid-reveal-option', 6, '`reveal.parallaxBackgroundImage` could end reveal.js\'s `url("…")` early'],
    ]);
  });

  it('keeps reveal options that fit their grammar', async () => {
    const built = await buildWith('---\ntitle: T\nreveal:\n  autoAnimateEasing: cubic-bezier(0.1, 0.7, 1.0, 0.1)\n  autoAnimateDuration: 0.8\n---\n');
    expect(built.ok).toBe(true);
    expect(built.decks[0]?.html).toContain('"autoAnimateEasing":"cubic-bezier(0.1, 0.7, 1.0, 0.1)","autoAnimateDuration":0.8');
  });
});
