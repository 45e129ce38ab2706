/**
 * Property-based tests: arbitrary front matter and Markdown give either a deck or positioned
 * diagnostics — no exception, no hang (the test's time limit), and no write outside the output folder.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/api/build.js';
import { check } from '../../src/api/check.js';
import { tempDir } from '../helpers/cli.js';

let root: string;
let cleanup: () => void;

beforeAll(() => {
  ({ dir: root, cleanup } = tempDir('briefing-props-'));
  writeFileSync(join(root, 'bystander.txt'), 'must not change');
});
afterAll(() => cleanup());

const SECTION_KEYS = ['title', 'order', 'layout', 'id', 'notes', 'sources', 'draft', 'class', 'background', 'transition', 'agenda', 'updated', 'classification', 'events', 'figures', 'columns', 'rows', 'quote', 'map'];
const DECK_KEYS = ['title', 'subtitle', 'presenter', 'organization', 'date', 'asOf', 'classification', 'theme', 'reveal', 'sources', 'notes', 'footer', 'lang', 'allowScripts', 'check', 'markings', 'portionMarks'];
const LAYOUTS = ['content', 'section', 'bluf', 'agenda', 'sources', 'two-column', 'comparison', 'timeline', 'figures', 'quote', 'map', 'nope'];

/** Plausible and implausible front-matter values: text (hostile too), numbers, dates, lists, maps. */
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.constantFrom('<script>window.__pwned=1</script>', 'javascript:alert(1)', '../secret.png', '2022-04-07', 'S1', '{{title}}', '"><img src=x onerror=alert(1)>'),
    fc.constantFrom(...LAYOUTS),
    fc.integer(),
    fc.double({ noNaN: false }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom('date', 'title', 'text', 'value', 'label', 'alt', 'groups', 'countries', 'S1', 'url', 'wordBudget'), fc.string({ maxLength: 8 })), tie('value'), { maxKeys: 4 }),
  ),
})).value;

const frontMatter = (keys: string[]) =>
  fc.oneof(
    fc.dictionary(fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 10 })), value, { maxKeys: 8 }).map((data) => `---\n${YAML.stringify(data)}---\n`),
    // Text between the fences that may not be YAML at all.
    fc.string({ maxLength: 80 }).map((text) => `---\n${text}\n---\n`),
    fc.constant(''),
  );

/** Markdown built from the constructs the tool treats specially, hostile HTML and arbitrary text. */
const markdown = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '# Heading', '#### Deep heading', '---', '--', 'Note: say this', 'Notes:', '<div class="x">', '</div>', '```', '~~~', '> quote', '- item', '  - nested',
        '1. one', '|||', '| a | b |\n|---|---|\n| 1 | 2 |', '<!-- .slide: class="dark" data-background-color="#123" -->', '<!-- .element: class="fragment" -->',
        '<!-- .slide: data-notes="<img src=x onerror=alert(1)>" -->', '[link](#/nowhere)', '[web](https://example.org)', '![img](images/none.png)', '![](../x.png)',
        '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '<a href="java&#x09;script:alert(1)">x</a>', '<svg><script>alert(1)</script></svg>',
        '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>', '<style>@import "http://x/y.css";</style>', '{{title}}', '{{#each x}}', '&#106;&amp;&lt;',
        '<!--', '-->', '***', '__', '[', ']', '(', ')', '<', '>', '\\', '\t', '\r\n', '\u0000', '\uFEFF',
      ),
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 20 }),
    ),
    { maxLength: 25 },
  )
  .map((parts) => parts.join('\n'));

/** Every file under `dir` except the output folder, with its content. */
function snapshot(dir: string, except: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (p === except) continue;
      if (statSync(p).isDirectory()) walk(p);
      else out[p] = readFileSync(p, 'base64');
    }
  };
  walk(dir);
  return out;
}

let run = 0;

/** Write a briefing from generated parts, build it, and check the result's shape and the file system. */
async function buildGenerated(deck: string, sections: string[], withCheck: boolean): Promise<void> {
  const dir = join(root, `b${run++}`);
  const out = join(root, 'out');
  mkdirSync(dir);
  writeFileSync(join(dir, 'index.md'), deck);
  sections.forEach((text, i) => writeFileSync(join(dir, `0${i}-s.md`), text));
  const before = snapshot(root, out);
  const result = withCheck ? await check({ briefings: [dir], cwd: root }) : await build({ briefings: [dir], outDir: out, cwd: root });
  expect(snapshot(root, out)).toEqual(before);
  const diagnostics = 'findings' in result ? result.findings : result.diagnostics;
  const files = new Set([`${dir.slice(root.length + 1)}/index.md`, ...sections.map((_, i) => `${dir.slice(root.length + 1)}/0${i}-s.md`)]);
  for (const d of diagnostics) {
    expect(typeof d.message).toBe('string');
    expect(d.message.length).toBeGreaterThan(0);
    expect(d.rule).toMatch(/^[a-z-]+$/);
    if (files.has(d.file) && d.line !== undefined) {
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.column ?? 1).toBeGreaterThanOrEqual(1);
    }
  }
  if (!('findings' in result)) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    expect(result.ok).toBe(errors.length === 0);
    // Every error names a file of this briefing (or the briefing itself) and, for a section, a line.
    for (const e of errors) {
      expect(e.file.startsWith(dir.slice(root.length + 1)), JSON.stringify(e)).toBe(true);
      if (files.has(e.file)) expect(e.line, JSON.stringify(e)).toBeGreaterThanOrEqual(1);
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

describe('arbitrary input', () => {
  it('gives a deck or positioned diagnostics, and writes only into the output folder', async () => {
    await fc.assert(
      fc.asyncProperty(frontMatter(DECK_KEYS), fc.array(fc.tuple(frontMatter(SECTION_KEYS), markdown), { minLength: 1, maxLength: 3 }), async (deck, sections) => {
        await buildGenerated(deck, sections.map(([f, m]) => f + m), false);
      }),
      { numRuns: 150 },
    );
    expect(readFileSync(join(root, 'bystander.txt'), 'utf8')).toBe('must not change');
  }, 180_000);

  it('gives a deck or positioned diagnostics for well-formed sections with arbitrary values', async () => {
    const section = fc.record({ title: fc.string(), layout: fc.constantFrom(...LAYOUTS) }, { requiredKeys: ['title'] }).chain((base) =>
      fc.dictionary(fc.constantFrom(...SECTION_KEYS.filter((k) => k !== 'title')), value, { maxKeys: 4 }).map((rest) => ({ ...rest, ...base })),
    );
    await fc.assert(
      fc.asyncProperty(section, markdown, async (front, body) => {
        await buildGenerated('---\ntitle: Deck\nasOf: 2022-04-07\nsources:\n  S1:\n    title: A source\n---\n', [`---\n${YAML.stringify(front)}---\n${body}`], false);
      }),
      { numRuns: 150 },
    );
  }, 180_000);

  it('never lets a script, an event handler or a script URL through to the deck', async () => {
    const layout = fc.constantFrom('content', 'section', 'bluf', 'two-column', 'quote');
    await fc.assert(
      fc.asyncProperty(layout, fc.array(markdown, { minLength: 1, maxLength: 3 }), async (name, bodies) => {
        const dir = join(root, `s${run++}`);
        mkdirSync(dir);
        writeFileSync(join(dir, 'index.md'), '---\ntitle: Deck\n---\n');
        bodies.forEach((body, i) => writeFileSync(join(dir, `0${i}-s.md`), `---\ntitle: Section\nlayout: ${name}\n---\n${body}`));
        const result = await build({ briefings: [dir], cwd: root, dryRun: true });
        const html = result.decks[0]?.html ?? '';
        if (html) {
          expect(html.match(/<script\b/gi)).toHaveLength(3);
          const slides = html.slice(html.indexOf('<div class="slides">'), html.lastIndexOf('<script'));
          expect(slides).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
          expect(slides).not.toMatch(/(href|src|data-[a-z-]+)\s*=\s*["']?\s*(javascript|vbscript|data:text)/i);
          expect(slides).not.toMatch(/<(iframe|object|embed|style|base|meta|form|math)\b/i);
        }
        rmSync(dir, { recursive: true, force: true });
      }),
      { numRuns: 150 },
    );
  }, 180_000);

  it('check reports findings for arbitrary input without writing anything', async () => {
    await fc.assert(
      fc.asyncProperty(frontMatter(DECK_KEYS), frontMatter(SECTION_KEYS), markdown, async (deck, front, body) => {
        await buildGenerated(deck, [front + body], true);
      }),
      { numRuns: 100 },
    );
  }, 180_000);
});
