/**
 * Property-based tests for the URL surfaces (an extension of properties.test.ts): arbitrary CSS in `style`
 * attributes and the theme, arbitrary `srcset`, SVG paint, slide-background and easing values, and arbitrary
 * `reveal:` options give a deck or positioned diagnostics; and the deck, opened in real Chromium, requests
 * only URLs its build reported — without its Content-Security-Policy — and nothing with it.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import YAML from 'yaml';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/api/build.js';
import { openBrowser } from '../helpers/browser.js';
import { FIXTURES, tempDir } from '../helpers/cli.js';

const R = 'http://127.0.0.1:9/';
let root: string;
let cleanup: () => void;
let browser: Browser;
let run = 0;

beforeAll(async () => {
  ({ dir: root, cleanup } = tempDir('briefing-url-props-'));
  browser = await openBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  cleanup();
});

/** Pieces of CSS and URLs that load, escape, inject or are harmless; joined at random. */
const piece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(
    `url(${R}a1)`, `url("${R}a2")`, `u\\72l(${R}a3)`, `\\75 rl(${R}a4)`, `image-set("${R}a5" 1x)`, `-webkit-image-set(url(${R}a6) 1x)`, `src("${R}a7")`,
    `ease;}*{background-image:url(${R}i1)}`, `red),url(${R}i2`, `"),url("${R}i3`, `@import url(${R}a8);`, `@import "${R}a9";`, `@import/**/url(${R}b0);`, `@font-face{src:url(${R}b2)}`, `${R}b3.png`, `//127.0.0.1:9/b4.png`, `${R}b5.png 2x`,
    '/**/', ';', ':', '{', '}', '(', ')', "'", '\\', '\n', ',', ' ', 'background:', 'background-image:', 'fill:', 'color: red', '*{', 'a{',
    'url(images/ok.png)', 'images/ok.png', 'url(#frag)', 'url(data:image/png;base64,AAAA)', 'data:image/png,x', 'expression(x)', 'behavior:url(x.htc)',
    'linear-gradient(red, blue)', 'cubic-bezier(0,0,1,1)', 'ease', 'steps(2)', 'javascript:x', '1x', '2w',
  ) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);
const css = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(''));
/** URLs as media attributes hold them: local, remote, protocol-relative, with parentheses, a script; data: URLs that end reveal.js's url() early. */
const one = fc.constantFrom(`${R}m1.png`, 'images/ok.png', '//127.0.0.1:9/m2.png', `${R}m5.png?a=(b)`, 'javascript:x', ` ${R}m6.png`);
const data = fc.constantFrom(`data:image/png,x),url(${R}m3.png`, 'data:image/png;base64,AAAA', `data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg"><image href="${R}m7.png"/></svg>`);
const urls = fc.oneof({ weight: 3, arbitrary: fc.array(one, { minLength: 1, maxLength: 3 }).map((list) => list.join(',')) }, { weight: 1, arbitrary: data });
const srcset = fc.array(fc.tuple(fc.oneof(one, data), fc.constantFrom('', ' 2x', ' 640w', ' 1x')), { minLength: 1, maxLength: 3 }).map((list) => list.map(([u, d]) => u + d).join(', '));
/** A theme: mostly rules of declarations whose values are hostile, sometimes anything at all. */
const declaration = fc.tuple(fc.constantFrom('background', 'background-image', 'src', 'color', 'mask', '--x', 'behavior', 'cursor', 'list-style'), css.map((v) => v.replace(/[{}]/g, '')))
  .map(([property, value]) => `${property}: ${value}`);
const rule = fc.oneof(
  fc.tuple(fc.constantFrom('.reveal', 'h1', '@font-face', '@media screen', '*'), fc.array(declaration, { maxLength: 3 })).map(([selector, body]) => `${selector} { ${body.join('; ')} }`),
  fc.constantFrom(`@import url(${R}t1.css);`, `@import "${R}t2.css";`, `@import/**/url(${R}t3.css);`),
);
const theme = fc.oneof({ weight: 5, arbitrary: fc.array(rule, { maxLength: 5 }).map((rules) => rules.join('\n')) }, { weight: 1, arbitrary: css });
const attribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const slideValue = (value: string) => value.replace(/"|-->|\n/g, '');

/** One section using each value in a place that loads: a style, a srcset, SVG paint, slide backgrounds, an easing, a preview. */
const section = fc.record({ style: css, srcset, fill: css, background: fc.oneof(css, one), image: urls, gradient: css, video: urls, easing: css, elementEasing: css, preview: one, front: fc.oneof(one, data) }).map((v) => [
  '---', 'title: Generated', `background: ${JSON.stringify(v.front)}`, '---',
  `<!-- .slide: data-auto-animate data-background="${slideValue(v.background)}" data-background-gradient="${slideValue(v.gradient)}" -->`,
  `<div data-id="box" style="${attribute(v.style)}">styled</div>`,
  `<img alt="" src="images/ok.png" srcset="${attribute(v.srcset)}" data-preview-image="${attribute(v.preview)}">`,
  `<svg width="10" height="10"><rect width="5" height="5" fill="${attribute(v.fill)}"/></svg>`,
  '', '---', '',
  // reveal.js takes the easing of the slide it animates to, or of the element there.
  `<!-- .slide: data-auto-animate data-auto-animate-easing="${slideValue(v.easing)}" data-background-image="${slideValue(v.image)}" data-background-video="${slideValue(v.video)}" -->`,
  '<div data-id="box" style="margin-left: 100px">moved</div>',
  '', '---', '',
  '<!-- .slide: data-auto-animate -->',
  `<div data-id="box" style="margin-left: 200px" data-auto-animate-easing="${attribute(v.elementEasing)}">moved again</div>`, '',
].join('\n'));

const reveal = fc.record({
  autoAnimateEasing: fc.oneof({ weight: 1, arbitrary: css }, { weight: 4, arbitrary: fc.constantFrom('ease-in', 'steps(3)', 'cubic-bezier(0.1, 0.7, 1, 0.1)') }),
  parallaxBackgroundImage: fc.oneof({ weight: 4, arbitrary: one }, { weight: 1, arbitrary: fc.constantFrom(`${R}p.png")`, `${R}p.png"), url("${R}p2.png`) }),
  autoAnimateDuration: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(0.5, 1) }, { weight: 1, arbitrary: fc.oneof(fc.double(), fc.string()) }),
}, { requiredKeys: [] });

/** A URL as a browser requests it: parsed, without its fragment, percent-decoded, so spellings compare. */
function normal(url: string): string {
  try {
    const href = new URL(url.trim(), R).href.replace(/#.*$/, '');
    return decodeURIComponent(href);
  } catch {
    return url;
  }
}

/** Open `file`, show every slide, open the preview; the network requests that were not blocked by the policy. */
async function requestsOf(file: string): Promise<{ made: string[]; reached: string[] }> {
  const page = await browser.newPage({ viewport: { width: 640, height: 360 } });
  const made: string[] = [];
  const blocked: string[] = [];
  page.on('request', (r) => void (/^(file|data|about):/.test(r.url()) || made.push(r.url())));
  page.on('requestfailed', (r) => void (/^(csp|net::ERR_BLOCKED_BY_CSP)$/.test(r.failure()?.errorText ?? '') && blocked.push(r.url())));
  try {
    await page.goto(pathToFileURL(file).href);
    await page.waitForFunction(() => (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady(), undefined, { timeout: 15_000 });
    await page.evaluate(async () => {
      const deck = (window as unknown as { Reveal: { getSlides(): HTMLElement[]; getIndices(s: HTMLElement): { h: number; v?: number }; slide(h: number, v?: number): void } }).Reveal;
      for (const slide of deck.getSlides()) {
        const { h, v } = deck.getIndices(slide);
        deck.slide(h, v);
        await new Promise((r) => setTimeout(r, 30));
      }
      (document.querySelector('img[data-preview-image]') as HTMLElement | null)?.click();
      await new Promise((r) => setTimeout(r, 100));
    });
  } finally {
    await page.close();
  }
  return { made, reached: made.filter((u) => !blocked.includes(u)) };
}

describe('arbitrary URLs, CSS and reveal options', () => {
  it('give a deck that requests only reported URLs, and nothing through its policy', async () => {
    await fc.assert(
      fc.asyncProperty(section, theme, reveal, async (body, themeCss, options) => {
        const dir = join(root, `u${run++}`);
        mkdirSync(join(dir, 'images'), { recursive: true });
        copyFileSync(join(FIXTURES, 'hostile-requests', 'images', 'square.png'), join(dir, 'images', 'ok.png'));
        writeFileSync(join(dir, 'theme.css'), themeCss);
        writeFileSync(join(dir, 'index.md'), `---\n${YAML.stringify({ title: 'Deck', theme: 'theme.css', reveal: options })}---\n`);
        writeFileSync(join(dir, '010-s.md'), body);
        const result = await build({ briefings: [dir], outDir: join(dir, 'out'), cwd: root });
        for (const d of result.diagnostics) {
          expect(d.rule).toMatch(/^[a-z-]+$/);
          if (d.severity === 'error') expect(d.file.startsWith(`u${run - 1}/`), JSON.stringify(d)).toBe(true);
        }
        if (result.ok) {
          const reported = new Set(result.diagnostics.filter((d) => d.rule === 'remote-asset').map((d) => normal(d.message.replace(/ is loaded from the network.*$/, ''))));
          const deck = join(dir, 'out', `u${run - 1}`);
          writeFileSync(join(deck, 'no-csp.html'), readFileSync(join(deck, 'index.html'), 'utf8').replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ''));
          const open = await requestsOf(join(deck, 'no-csp.html'));
          if (process.env.URL_PROPS_DEBUG && open.made.map(normal).some((u) => !reported.has(u))) writeFileSync('/tmp/harden-cex.json', JSON.stringify({ body, themeCss, options, made: open.made, html: readFileSync(join(deck, 'index.html'), 'utf8') }));
          expect(open.made.map(normal).filter((u) => !reported.has(u))).toEqual([]);
          expect((await requestsOf(join(deck, 'index.html'))).reached).toEqual([]);
        }
        rmSync(dir, { recursive: true, force: true });
      }),
      { numRuns: 25 },
    );
  }, 300_000);
});
