import { describe, expect, it } from 'vitest';
import { normalizeText, parseFrontMatter } from '../../src/core/parse/frontmatter.js';
import { idFromFileName, parseIndex, parseSection, sortSections } from '../../src/core/parse/briefing.js';

const file = (rel: string, text: string) => ({ file: `b/${rel}`, rel, text });

describe('front matter', () => {
  it('strips a byte-order mark and turns CRLF into LF', () => {
    expect(normalizeText('\uFEFF---\r\ntitle: x\r\n---\r\nBody\r\n')).toBe('---\ntitle: x\n---\nBody\n');
  });

  it('reports the file line on which the body starts', () => {
    const fm = parseFrontMatter('a.md', '---\ntitle: A\norder: 2\n---\nFirst body line\n');
    expect(fm.body.split('\n')[0]).toBe('First body line');
    expect(fm.bodyLine).toBe(5);
  });

  it('positions YAML syntax errors in the file', () => {
    const fm = parseFrontMatter('a.md', '---\ntitle: A\nbad: : x\n---\n');
    expect(fm.diagnostics[0]).toMatchObject({ rule: 'yaml-syntax', file: 'a.md', line: 3 });
  });
});

describe('parseSection', () => {
  it('applies defaults: layout content, id from the file name', () => {
    const { value } = parseSection(file('020-The Crisis.md', '---\ntitle: Crisis\n---\nText'));
    expect(value).toMatchObject({ id: 'the-crisis', layout: 'content', title: 'Crisis', draft: false });
  });

  it('points a wrong type at the value, with what it expected and got', () => {
    const { value, diagnostics } = parseSection(file('a.md', '---\ntitle: A\norder: "first"\n---\n'));
    expect(value).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({ rule: 'invalid-field', line: 3, column: 8, message: expect.stringMatching(/`order`.*number.*"first"/) }),
    ]);
  });

  it('requires a title', () => {
    const { diagnostics } = parseSection(file('a.md', '---\norder: 1\n---\n'));
    expect(diagnostics).toEqual([expect.objectContaining({ rule: 'missing-field', message: '`title` is required' })]);
  });

  it('warns about unknown keys and names the closest known key', () => {
    const { diagnostics } = parseSection(file('a.md', '---\ntitle: A\nlayuot: content\n---\n'));
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'warning', rule: 'unknown-key', line: 3, hint: 'Did you mean `layout`?' })]);
  });

  it('refuses an empty file', () => {
    expect(parseSection(file('a.md', '  \n')).diagnostics[0]!.rule).toBe('empty-section');
  });
});

describe('parseIndex', () => {
  it('accepts dates written with or without quotes', () => {
    const { value } = parseIndex(file('index.md', '---\ntitle: T\ndate: 2022-04-07\nasOf: "2022-04-07"\n---\n'));
    expect(value!.meta.date).toBe('2022-04-07');
    expect(value!.meta.asOf).toBe('2022-04-07');
  });

  it('validates source entries', () => {
    const { diagnostics } = parseIndex(file('index.md', '---\ntitle: T\nsources:\n  a:\n    publisher: X\n---\n'));
    expect(diagnostics[0]).toMatchObject({ rule: 'invalid-field', message: '`sources.a`: A source needs a `title` (as on the page) or a `description` (in your own words)' });
  });

  it('accepts a description of our own in place of a title', () => {
    const { diagnostics, value } = parseIndex(file('index.md', '---\ntitle: T\nsources:\n  a:\n    description: Press conference after the summit\n    publisher: NATO\n    date: 2022-03-24\n---\n'));
    expect(diagnostics).toEqual([]);
    expect(value!.meta.sources.a).toMatchObject({ description: 'Press conference after the summit', publisher: 'NATO', date: '2022-03-24' });
  });
});

describe('ordering', () => {
  it('sorts by order, then by file name, with unordered sections last', () => {
    const sorted = sortSections([
      { order: undefined, rel: 'a.md' },
      { order: 2, rel: 'z.md' },
      { order: 1, rel: 'y.md' },
      { order: 2, rel: 'b.md' },
    ]);
    expect(sorted.map((s) => s.rel)).toEqual(['y.md', 'b.md', 'z.md', 'a.md']);
  });

  it('derives ids from file names without their numeric prefix', () => {
    expect(idFromFileName('010-bluf.md')).toBe('bluf');
    expect(idFromFileName('2022.md')).toBe('section-x');
  });
});

describe('YAML errors at the mistake', () => {
  it('reports an unclosed quote at its opening quote, not at the end of the front matter', () => {
    const fm = parseFrontMatter('a.md', '---\ntitle: "Hello\nlayout: content\norder: 3\n---\nBody\n');
    expect(fm.diagnostics[0]).toMatchObject({ rule: 'yaml-syntax', line: 2, column: 8, message: 'Invalid YAML in front matter: this double quote is never closed' });
  });

  it('reports an unclosed flow list at its bracket, and ignores quotes in comments and closed strings', () => {
    const fm = parseFrontMatter('a.md', "---\ntitle: 'it''s # fine' # a \"comment\n  # another '\nsources: [S1, S2\nx: 1\n---\n");
    expect(fm.diagnostics[0]).toMatchObject({ line: 4, column: 10, message: 'Invalid YAML in front matter: this bracket `[` is never closed' });
  });
});
