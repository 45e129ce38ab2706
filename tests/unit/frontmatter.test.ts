/**
 * parseFrontMatter splits the front matter itself and parses it with gray-matter's YAML engine, instead of
 * calling gray-matter's `matter()` (see src/core/frontmatter.ts). These tests hold the split to
 * gray-matter's own answer, on the edge cases of its delimiter rules and on every real file we have.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';
import { createRequire } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import { normalizeText, parseFrontMatter, splitFrontMatter } from '../../src/core/parse/frontmatter.js';
import { markdownFiles } from '../helpers/corpus.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** gray-matter's answer, or 'throws'; ours must be the same. */
function expectSame(text: string, label = text): void {
  let expected: { data: unknown; content: string; matter: string } | 'throws';
  try {
    const m = matter(text, {});
    expected = { data: m.data, content: m.content, matter: m.matter };
  } catch {
    expected = 'throws';
  }
  if (expected === 'throws') expect(() => splitFrontMatter(text), label).toThrow();
  else expect(splitFrontMatter(text), label).toEqual(expected);
}

describe('the front-matter split', () => {
  it('agrees with gray-matter on its delimiter rules', () => {
    const cases = [
      '---\ntitle: A\n---\nBody\n',
      '---\ntitle: A\n---',
      '---\ntitle: A\n---\n\n\nBody after blank lines\n',
      '---   \ntitle: A\n---\nBody\n',
      '---\ntitle: A\n----\nFour dashes close it too\n',
      '---\ntitle: A\n--- trailing words\nBody\n',
      '---\ntitle: A\nno closing line\n',
      '---\ntitle: A\nkey: value\n',
      '---\n# only a comment\n---\nBody\n',
      '---\n\n---\nEmpty block\n',
      '---\nlist:\n  - a\n  - b\nnested:\n  key: value\n---\nBody with --- inside a line\n',
      '---\ntitle: "quoted: colon"\ndate: 2022-02-24\n---\nBody\n',
      '---\n~\n---\nNull document\n',
      '---\ntitle: A\n---\r\nCarriage return after the fence\n',
    ];
    for (const text of cases) expectSame(text);
  });

  it('agrees with gray-matter on every Markdown file of the briefings and fixtures', () => {
    let checked = 0;
    for (const file of markdownFiles(join(ROOT, 'briefings'), join(ROOT, 'tests', 'fixtures'))) {
      const text = normalizeText(readFileSync(file, 'utf8'));
      if (!/^---[ \t]*\n/.test(text)) continue;
      expectSame(text, file);
      checked++;
    }
    expect(checked).toBeGreaterThan(60);
  });

  it('reports a YAML error at its line in the file', () => {
    const r = parseFrontMatter('a.md', '---\ntitle: A\nbad: [unclosed\n---\nBody\n');
    expect(r.diagnostics).toHaveLength(1);
    // js-yaml notices the unclosed list where the stream ends; the message points at where it was opened.
    expect(r.diagnostics[0]).toMatchObject({ rule: 'yaml-syntax', file: 'a.md', line: 3, column: 6, message: expect.stringContaining('bracket `[` is never closed') });
    const indented = parseFrontMatter('a.md', '---\ntitle: A\n  bad: value\n---\nBody\n');
    expect(indented.diagnostics).toMatchObject([{ rule: 'yaml-syntax', line: 3, column: expect.any(Number) }]);
  });
});

describe('front-matter key positions', () => {
  const text = '---\ntitle: A\nsources: [one, two]\nmap:\n  groups:\n    - label: Allies\n---\nBody\n';

  it('gives the line and column of keys, values and list items', () => {
    const { positions } = parseFrontMatter('a.md', text);
    expect(positions.of(['title'], { key: true })).toEqual({ line: 2, column: 1 });
    expect(positions.of(['title'])).toEqual({ line: 2, column: 8 });
    expect(positions.of(['sources', 1])).toEqual({ line: 3, column: 16 });
    expect(positions.of(['map', 'groups', 0, 'label'])).toEqual({ line: 6, column: 14 });
    expect(positions.of(['nowhere'])).toEqual({ line: 1, column: 1 });
  });

  it('reads a file for positions once, however many messages ask', () => {
    const yaml = createRequire(import.meta.url)('yaml') as typeof import('yaml');
    const parse = vi.spyOn(yaml, 'parseDocument');
    try {
      const { positions } = parseFrontMatter('a.md', text);
      expect(parse).not.toHaveBeenCalled();
      for (const path of [['title'], ['sources', 0], ['sources', 1], ['map', 'groups'], ['title']]) positions.of(path);
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
  });
});
