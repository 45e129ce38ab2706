/**
 * Imports that work unchanged: reveal.js's own examples/markdown.md (tests/fixtures/reveal-js, with the separators
 * reveal.js's examples/markdown.html gives it) and a reveal-md deck (tests/fixtures/reveal-md: reveal-md's default
 * `---` and `----`, and its `separator:`/`verticalSeparator:` front matter) are turned into slides by reveal.js's
 * own Markdown plugin in headless Chromium, and built by briefing; the slides, vertical stacks, headings, text and
 * notes must be the same.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser } from '../helpers/browser.js';
import { FIXTURES, ROOT, runCli, tempDir } from '../helpers/cli.js';
import { escapeHtml } from '../../src/core/escape.js';

interface Slide {
  headings: string[];
  text: string;
  notes: string;
}

const out = tempDir('briefing-import-');
const REVEAL = join(ROOT, 'node_modules', 'reveal.js', 'dist');

let browser: Browser;
beforeAll(async () => {
  browser = await openBrowser();
});
afterAll(async () => {
  await browser?.close();
  out.cleanup();
});

/** What reveal.js's Markdown plugin makes of `markdown` with these `data-separator*` attributes: stacks of slides. */
async function revealSlides(markdown: string, attributes: Record<string, string>): Promise<Slide[][]> {
  const attrs = Object.entries(attributes).map(([k, v]) => ` ${k}="${escapeHtml(v)}"`).join('');
  const page = join(out.dir, `reveal-${Math.random().toString(36).slice(2)}.html`);
  writeFileSync(page, `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="${pathToFileURL(join(REVEAL, 'reveal.css')).href}"></head>
<body><div class="reveal"><div class="slides"><section data-markdown${attrs}><textarea data-template>${escapeHtml(markdown)}</textarea></section></div></div>
<script src="${pathToFileURL(join(REVEAL, 'reveal.js')).href}"></script><script src="${pathToFileURL(join(REVEAL, 'plugin', 'markdown.js')).href}"></script>
<script>Reveal.initialize({ plugins: [RevealMarkdown] });</script></body></html>`);
  return read(pathToFileURL(page).href, null);
}

/** Open a page in Chromium (no network: remote images are not fetched) and read its slides, or those of one section. */
async function read(url: string, section: string | null): Promise<Slide[][]> {
  const page: Page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  try {
    await page.route(/^https?:/, (route) => route.abort());
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady());
    return await page.evaluate((section) => {
      const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
      const slide = (el: Element) => {
        const content = el.querySelector('.slide-content') ?? el;
        const copy = content.cloneNode(true) as Element;
        copy.querySelectorAll('aside.notes').forEach((n) => n.remove());
        return {
          headings: [...copy.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => clean(h.textContent ?? '')),
          text: clean(copy.textContent ?? ''),
          notes: clean(el.querySelector('aside.notes')?.textContent ?? ''),
        };
      };
      const stacks = [...document.querySelectorAll('.reveal .slides > section')].map((top) => {
        const children = [...top.querySelectorAll(':scope > section')];
        return children.length ? children : [top];
      });
      return stacks
        .map((stack) => stack.filter((s) => section === null || s.getAttribute('data-section') === section))
        .filter((stack) => stack.length)
        .map((stack) => stack.map(slide));
    }, section);
  } finally {
    await page.close();
  }
}

/** Build a briefing folder with the CLI and read the slides of one of its sections. */
async function ourSlides(briefing: string, section: string): Promise<Slide[][]> {
  const dist = join(out.dir, 'dist');
  const result = runCli(['build', briefing, '--out', dist]);
  expect(result.code, result.stderr).toBe(0);
  const slug = briefing.split(/[\\/]/).pop()!;
  return read(pathToFileURL(join(dist, slug, 'index.html')).href, section);
}

/** A section's body without its front matter. */
function body(file: string): string {
  return readFileSync(file, 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
}

describe("reveal.js's examples/markdown.md", () => {
  const markdown = readFileSync(join(FIXTURES, 'reveal-js', 'markdown.md'), 'utf8');
  const briefing = join(out.dir, 'briefings', 'reveal-example');

  beforeAll(() => {
    mkdirSync(briefing, { recursive: true });
    writeFileSync(join(briefing, 'index.md'), '---\ntitle: reveal.js Markdown example\n---\n');
    // The file unchanged, after front matter that names the separators examples/markdown.html gives it.
    writeFileSync(join(briefing, '010-demo.md'), `---\ntitle: Markdown Demo\nseparator: '^\\n\\n\\n'\nverticalSeparator: '^\\n\\n'\nnotesSeparator: '^Note:'\n---\n${markdown}`);
  });

  it('builds to the slides, stacks, headings and notes reveal.js\'s Markdown plugin makes of it', async () => {
    const theirs = await revealSlides(markdown, { 'data-separator': '^\\n\\n\\n', 'data-separator-vertical': '^\\n\\n', 'data-separator-notes': '^Note:' });
    const ours = await ourSlides(briefing, 'demo');
    expect(theirs.map((s) => s.length)).toEqual([1, 2, 1, 4]);
    expect(ours).toEqual(theirs);
    expect(ours[1]![0]!.notes).toBe('This will only appear in the speaker notes window.');
  }, 120_000);

  it('is one slide with six slides in its notes without the separators, and check says so', () => {
    const plain = join(out.dir, 'briefings', 'plain');
    mkdirSync(plain, { recursive: true });
    writeFileSync(join(plain, 'index.md'), '---\ntitle: reveal.js Markdown example\n---\n');
    writeFileSync(join(plain, '010-demo.md'), `---\ntitle: Markdown Demo\n---\n${markdown}`);
    const result = runCli(['check', plain, '--format', 'json']);
    const findings = JSON.parse(result.stdout) as { rule: string; line: number; message: string }[];
    expect(findings.filter((f) => f.rule === 'notes-swallow-headings')).toEqual([
      expect.objectContaining({ line: 12, message: expect.stringContaining('`## External 1.2` (line 15) and 5 more') }),
    ]);
  });
});

describe('a reveal-md deck', () => {
  const briefing = join(FIXTURES, 'reveal-md');

  it("builds reveal-md's default separators (`---`, `----`, `Note:`) as reveal.js does with them", async () => {
    const theirs = await revealSlides(body(join(briefing, '010-review.md')), {
      'data-separator': '\\r?\\n---\\r?\\n', 'data-separator-vertical': '\\r?\\n----\\r?\\n', 'data-separator-notes': '^Note:',
    });
    const ours = await ourSlides(briefing, 'review');
    expect(theirs.map((s) => s.length)).toEqual([1, 3, 1]);
    expect(ours).toEqual(theirs);
  }, 120_000);

  it('builds a section with `separator:` and `verticalSeparator:` front matter as reveal.js does with them', async () => {
    const theirs = await revealSlides(body(join(briefing, '020-ground.md')), { 'data-separator': '<!--s-->', 'data-separator-vertical': '<!--v-->', 'data-separator-notes': '^Note:' });
    const ours = await ourSlides(briefing, 'ground');
    expect(theirs.map((s) => s.length)).toEqual([2, 1]);
    expect(ours).toEqual(theirs);
  }, 120_000);
});
