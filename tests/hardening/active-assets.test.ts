/**
 * Active assets: an SVG copied into a deck is cleaned, so opened as a page (a link, reveal.js's preview frame)
 * it runs nothing and loads nothing; HTML and script files are not copied as media; and with
 * `allowScripts: true` the print document behind a PDF still runs no script.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/api/build.js';
import { exportPdf } from '../../src/api/pdf.js';
import { cleanSvg } from '../../src/core/svg.js';
import { openBrowser } from '../helpers/browser.js';
import { FIXTURES, ROOT, tempDir } from '../helpers/cli.js';
import { pageTexts } from '../pdf/pdf-reader.js';

let browser: Browser;
let result: BuildResult;
let out: string;
let cleanup: () => void;

beforeAll(async () => {
  ({ dir: out, cleanup } = tempDir('briefing-active-'));
  result = await build({ briefings: [join(FIXTURES, 'hostile-svg')], outDir: out, cwd: ROOT });
  browser = await openBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  cleanup?.();
});

describe('an SVG asset', () => {
  it('is copied without scripts, handlers, embedded pages, animations, script links or outside references', () => {
    expect(result.ok).toBe(true);
    const svg = readFileSync(join(out, 'hostile-svg', 'media', 'images', 'evil.svg'), 'utf8');
    expect(svg).not.toMatch(/<script|\son\w+=|foreignObject|<iframe|<animate|<set\b|javascript:|127\.0\.0\.1|ENTITY|xml-stylesheet/i);
    // What draws stays: the shapes, their colours, a style sheet that loads nothing, an ordinary web link.
    expect(svg).toContain('<circle class="kept" cx="50" cy="50" r="40" fill="#2a5aa0"/>');
    expect(svg).toContain('.kept { stroke-width: 2; }');
    expect(svg).toContain('href="https://example.org/"');
  });

  it('runs nothing and loads nothing, shown as an image, opened in the preview frame, or opened as a page', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const dialogs: string[] = [];
    const requests: string[] = [];
    page.on('dialog', (d) => void d.dismiss().then(() => dialogs.push(d.message())));
    page.on('request', (r) => {
      if (!/^(file|data):/.test(r.url())) requests.push(r.url());
    });
    await page.goto(pathToFileURL(join(out, 'hostile-svg', 'index.html')).href);
    await page.waitForFunction(() => (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady());
    await page.evaluate(() => (window as unknown as { Reveal: { slide(h: number): void } }).Reveal.slide(1));
    const drawn = await page.evaluate(() => (document.querySelector('img.evil') as HTMLImageElement).naturalWidth);
    await page.click('a.preview');
    const frame = await (await page.waitForSelector('.r-overlay iframe')).contentFrame();
    await frame!.waitForLoadState('load');
    // Clicking what was a script link and hovering what had handlers does nothing either.
    await frame!.evaluate(() => {
      for (const el of document.querySelectorAll('a:not([href]), g')) el.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    });
    const inFrame = await frame!.evaluate(() => document.documentElement.outerHTML.includes('circle'));
    const pwned = await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
    await page.goto(pathToFileURL(join(out, 'hostile-svg', 'media', 'images', 'evil.svg')).href);
    const pwnedAlone = await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
    await page.close();
    expect({ drawn, inFrame, pwned, pwnedAlone, dialogs, requests }).toEqual({ drawn: 100, inFrame: true, pwned: undefined, pwnedAlone: undefined, dialogs: [], requests: [] });
  });

  it('as written (not cleaned) does run when opened as a page, so the check above can see a script that runs', async () => {
    const original = join(out, 'hostile-svg', 'media', 'images', 'original.svg');
    writeFileSync(original, readFileSync(join(FIXTURES, 'hostile-svg', 'images', 'evil.svg')));
    const page = await browser.newPage();
    try {
      await page.goto(pathToFileURL(original).href);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toMatch(/^svg-/);
    } finally {
      await page.close();
    }
  });

  it('keeps nothing that runs, for each kind of vector on its own', () => {
    const vectors = [
      '<svg><script>x()</script></svg>', '<svg onload="x()"/>', '<svg><g ONCLICK="x()"/></svg>', '<svg><a href=" java\tscript:x()"><text>a</text></a></svg>',
      '<svg><a xlink:href="javascript:x()"/></svg>', '<svg><animate attributeName="href" to="javascript:x()"/></svg>', '<svg><set attributeName="onclick" to="x()"/></svg>',
      '<svg><foreignObject><iframe src="javascript:x()"/></foreignObject></svg>', '<svg><svg:script>x()</svg:script></svg>', '<svg><use href="page.svg#a"/></svg>',
      '<svg><style>@\\69mport "http://h/x.css";</style></svg>', '<svg><rect style="fill: u\\72l(http://h/p)"/></svg>', '<svg><image href="http://h/i.png"/></svg>',
      '<svg><feImage href="https://h/i.png"/></svg>', '<?xml-stylesheet href="http://h/s.css"?><svg/>', '<svg><handler type="application/ecmascript">x()</handler></svg>',
    ];
    for (const vector of vectors) {
      const { svg, removed } = cleanSvg(vector);
      expect(removed, vector).toBeGreaterThan(0);
      expect(svg, vector).not.toMatch(/x\(\)|http|page\.svg|<script|<svg:script|<handler/i);
    }
  });
});

describe('files that are pages or scripts', () => {
  it.each([
    ['a video whose source is an HTML page', '<video src="media/page.html" controls></video>', 'media/page.html'],
    ['an image that is a script', '<img alt="x" src="media/tool.js">', 'media/tool.js'],
    ['a background that is an XHTML page', '<!-- .slide: data-background-image="media/page.xhtml" -->\nText', 'media/page.xhtml'],
  ])('refuses %s instead of copying it', async (_, body, path) => {
    const { dir, cleanup: done } = tempDir('briefing-active-');
    try {
      mkdirSync(join(dir, 'b', 'media'), { recursive: true });
      writeFileSync(join(dir, 'b', 'index.md'), '---\ntitle: Pages\n---\n');
      writeFileSync(join(dir, 'b', path), '<script>top.__pwned = 1</script>');
      writeFileSync(join(dir, 'b', '010-s.md'), `---\ntitle: S\n---\n${body}\n`);
      const built = await build({ briefings: [join(dir, 'b')], outDir: join(dir, 'out'), cwd: dir });
      expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([expect.objectContaining({ rule: 'active-asset', file: 'b/010-s.md', line: 4 })]);
    } finally {
      done();
    }
  });
});

describe('the print document of an allowScripts deck', () => {
  it('runs no script: a handler that would write into the page leaves the PDF unchanged', async () => {
    const { dir, cleanup: done } = tempDir('briefing-print-');
    try {
      mkdirSync(join(dir, 'scripted'));
      writeFileSync(join(dir, 'scripted', 'index.md'), '---\ntitle: Scripted print\nallowScripts: true\n---\n');
      writeFileSync(join(dir, 'scripted', '010-s.md'), [
        '---', 'title: Handlers', '---', 'Text before.',
        '<img alt="" src="data:image/png;base64,AAAA" onerror="document.body.insertAdjacentText(\'afterbegin\', \'HANDLER-RAN\')">',
        '<script>document.body.insertAdjacentText("afterbegin", "SCRIPT-RAN")</script>', '',
      ].join('\n'));
      const pdf = await exportPdf({ briefing: join(dir, 'scripted'), cwd: dir, out: join(dir, 'scripted.pdf') });
      expect(pdf.ok).toBe(true);
      const text = pageTexts(join(dir, 'scripted.pdf')).join('\n');
      expect(text).toContain('Text before.');
      expect(text).not.toMatch(/HANDLER-RAN|SCRIPT-RAN/);
    } finally {
      done();
    }
  }, 120_000);
});
