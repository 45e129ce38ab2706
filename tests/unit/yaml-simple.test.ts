/**
 * The simple-YAML fast path (yaml-simple.ts) reads most front matter without js-yaml. These tests hold
 * it to js-yaml: wherever it answers, the answer is gray-matter's YAML engine's (same keys in the same
 * order, same values and types, -0 and Dates included); wherever js-yaml throws, it declines.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readSimpleYaml } from '../../src/core/fast/yaml-simple.js';
import { normalizeText, parseFrontMatter } from '../../src/core/parse/frontmatter.js';
import { generateBriefing } from '../../bench/generate.js';
import { tempDir } from '../helpers/cli.js';
import { markdownFiles } from '../helpers/corpus.js';

const ROOT = join(import.meta.dirname, '..', '..');
const engine = (createRequire(import.meta.url)('gray-matter/lib/engines.js') as { yaml: { parse(text: string): unknown } }).yaml;

/** js-yaml's answer, or 'throws'. */
function jsYaml(text: string): unknown {
  try {
    return engine.parse(text);
  } catch {
    return 'throws';
  }
}

/** True when the fast path answered (and agreed); false when it declined. */
function expectAgrees(text: string): boolean {
  const fast = readSimpleYaml(text);
  if (fast === undefined) return false;
  const expected = jsYaml(text);
  expect(expected, text).not.toBe('throws');
  expect(fast, text).toEqual(expected);
  expect(Object.keys(fast), text).toEqual(Object.keys(expected as object));
  return true;
}

const keys = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('title', 'order', 'notes', 'sources', 'updated', 'draft', 'as-of', 'x_1', 'B2', 'yes', 'on', 'y') },
  { weight: 1, arbitrary: fc.constantFrom('null', 'Null', 'TRUE', 'False', '_x', '1a', '"q"') },
);
const common = fc.constantFrom('"Quoted: title"', "'single'", 'Plain words here.', '40', '1.5', '2022-04-07', 'true', 'false', '[S1, S2]', '[]', 'émile début', 'a:b', '');
const tricky = fc.constantFrom(
  '', ' ', '"quoted"', '""', "''", '"with \\" escape"', '"a, b"', '"a #b: c"', "'single'", "'it''s'", '"unterminated', "'unterminated",
  'plain words here', 'Section 4: colon', 'words #comment', 'a#b', 'a:b', 'ends:', 'a [b] {c}, d', 'a "b" c', "a 'b' c", 'x'.repeat(120),
  '40', '0', '007', '08', '-5', '-0', '+5', '1.5', '-0.0', '1.50', '.5', '1.', '1e3', '0x1F', '0o17', '1_000', '190:20:30', '12345678901234567890', '123456789012345', '-123456789012345.123456789012345',
  '2022-04-07', '2022-4-7', '2022-13-45', '2022-02-30', '0000-00-00', '2022-04-07T10:00:00Z', '2022-04-07 10:00:00',
  'true', 'false', 'True', 'FALSE', 'yes', 'no', 'on', 'off', 'null', 'Null', 'NULL', '~', '.inf', '-.inf', '.nan', 'Infinity', 'NaN',
  '[S1, S2]', '[S5,S29]', '[ S1 , S2 ]', '[]', '[ ]', '[a,]', '[a, , b]', '[,]', '["a, b"]', '["a", \'b\']', '["", "x, y"]', "['a, b', c]", '["a" , b]', '["a"b, c]', '[" a ", "b"]', '["a\\", b"]', "['it''s, ok']", '[a, "b]', '[1, 2.5, true, null, 2022-04-07]', '[a: b]', '[a:b]', '[a #b]', '[[a]]', '[a', 'a]', '[x] y',
  '{a: 1}', '{}', '&anchor x', '*alias', '!tag x', '!!str 5', '|', '>', '- x', '%x', '@x', '`x`', '? x', ': x', ', x', '# x',
  'Ünicode', 'émile début', 'tab\there', 'nbsp\u00a0end\u00a0', '\u00a0lead', 'bom\ufeffinside', 'emoji 🙂', 'line\u2028sep', 'ctrl\u0007', 'trailing ', 'a  b   c',
);
const indent = fc.oneof({ weight: 6, arbitrary: fc.constant('') }, { weight: 3, arbitrary: fc.constantFrom('  ', '    ') }, { weight: 1, arbitrary: fc.constantFrom(' ', '   ', '      ') });
const line = fc.oneof(
  { weight: 10, arbitrary: fc.tuple(indent, keys, fc.constantFrom(': ', ': ', ': ', ':  ', ':', ':', ' : ', ':\t'), fc.oneof({ weight: 3, arbitrary: common }, { weight: 1, arbitrary: tricky })).map(([i, k, c, v]) => i + k + c + v) },
  { weight: 1, arbitrary: fc.constantFrom('', '  ', '# a comment', '  # indented comment', '  more text', '- item', '  - item', '...', '---', '%YAML 1.2', 'key', '  nested: 1', '\tkey: v') },
);

/** Nested mappings and lists written out with a chosen indentation step, now and then with comments and blank lines between entries. */
type Block = { header: string; lines: string[] };
type List = { items: (string | Entries)[]; indentless: boolean };
type Entries = [string, string | Block | List | Entries][];
const value = fc.oneof({ weight: 4, arbitrary: common }, { weight: 1, arbitrary: tricky });
const block = fc.record({
  header: fc.constantFrom('>-', '>-', '|', '>', '|-', '>+', '|2', '>- # c'),
  lines: fc.array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom('Plain text line.', 'with: colon and # hash', '"quoted" and \'single\'', '- dash', 'émile') },
    { weight: 1, arbitrary: fc.constantFrom('', '  more indented', 'trailing ', '   ') }), { minLength: 0, maxLength: 4 }),
});
const entries = (depth: number): fc.Arbitrary<Entries> => {
  const deeper = depth ? [{ weight: 2, arbitrary: entries(depth - 1) }] : [];
  const list = fc.record({
    items: fc.array(fc.oneof({ weight: 3, arbitrary: value }, ...deeper), { minLength: 1, maxLength: 3 }),
    indentless: fc.boolean(),
  });
  return fc.array(fc.tuple(keys, fc.oneof({ weight: 6, arbitrary: value }, { weight: 2, arbitrary: block }, { weight: 2, arbitrary: list }, ...deeper)), { minLength: 1, maxLength: 4 }) as fc.Arbitrary<Entries>;
};
const between = fc.constantFrom('', '', '', '', '\n', '\n# comment', '\n  # indented comment', '\n   ');
const nested = fc.tuple(entries(2), fc.constantFrom(2, 2, 4, 1, 3), between, fc.constantFrom(' ', ' ', '  ')).map(([tree, step, gap, afterDash]) => {
  const out: string[] = [];
  const write = (list: Entries, pad: string) => {
    const inner = pad + ' '.repeat(step);
    for (const [key, v] of list) {
      if (typeof v === 'string') out.push(`${pad}${key}: ${v}${gap}`);
      else if ('header' in v) out.push(`${pad}${key}: ${v.header}`, ...v.lines.map((l) => (l ? inner + l : l)));
      else if ('items' in v) {
        out.push(`${pad}${key}:${gap}`);
        const dash = v.indentless ? pad : inner;
        for (const item of v.items) {
          if (typeof item === 'string') out.push(`${dash}-${afterDash}${item}`);
          else {
            // `- key: value`, the mapping's further keys under the first.
            const mark = out.length;
            write(item, dash + ' '.repeat(1 + afterDash.length));
            out[mark] = `${dash}-${afterDash}${out[mark]!.slice(dash.length + 1 + afterDash.length)}`;
          }
        }
      } else {
        out.push(`${pad}${key}:${gap}`);
        write(v, inner);
      }
    }
  };
  write(tree, '');
  return out;
});

describe('the simple-YAML fast path', () => {
  it('answers exactly as js-yaml does, or declines', () => {
    let answered = 0;
    let declined = 0;
    fc.assert(
      fc.property(fc.constantFrom('\n', '   \n', ''), fc.oneof(fc.array(line, { minLength: 1, maxLength: 6 }), nested), (first, lines) => {
        const text = first + lines.join('\n');
        if (expectAgrees(text)) answered++;
        else declined++;
      }),
      { numRuns: 10000, seed: 11 },
    );
    // The comparison proves something only where the fast path answers: make sure it often does, and often declines.
    expect(answered).toBeGreaterThan(1200);
    expect(declined).toBeGreaterThan(1200);
  });

  it('answers for typical front matter, with typed values, nested mappings and lists', () => {
    const text = '\ntitle: "Section 4: Support"\norder: 40\nsources: [S5, S29]\nnotes: Support the eastern flank.\nupdated: 2022-04-07\ndraft: false\nweight: -1.5\nempty:\n# comment\n';
    expect(readSimpleYaml(text)).toEqual({
      title: 'Section 4: Support', order: 40, sources: ['S5', 'S29'], notes: 'Support the eastern flank.',
      updated: new Date(Date.UTC(2022, 3, 7)), draft: false, weight: -1.5, empty: null,
    });
    expect(expectAgrees(text)).toBe(true);
    const deck = '\ntitle: Deck\nnotes: >-\n  Folded over\n  two lines: kept.\nsources:\n  S1:\n    title: "Report"\n    url: https://example.org/a\n  S2:\n    title: Other\n';
    expect(readSimpleYaml(deck)).toEqual({
      title: 'Deck', notes: 'Folded over two lines: kept.',
      sources: { S1: { title: 'Report', url: 'https://example.org/a' }, S2: { title: 'Other' } },
    });
    expect(expectAgrees(deck)).toBe(true);
    const layout = '\nfigures:\n  - value: "40,000"\n    label: troops\n  - value: "8"\n    label: battlegroups\ncolumns:\n- One\n- Two\n';
    expect(readSimpleYaml(layout)).toEqual({ figures: [{ value: '40,000', label: 'troops' }, { value: '8', label: 'battlegroups' }], columns: ['One', 'Two'] });
    expect(expectAgrees(layout)).toBe(true);
  });

  it('declines what it is not sure of, and what js-yaml rejects', () => {
    for (const text of ['\ntitle: A\ntitle: B', '\nnotes: >-\n  a\n\n  b', '\nnotes: >-\n  a\n    b', '\nlist:\n  - - a', '\nlist:\n  -\n    a', '\ntitle: Section 4: colon', '\nnote: a # comment', '\nNull: x', '\nn: 007', '\ns: "a\\"b"', '\nt: [a, , b]', '\n# only a comment', '\n']) {
      expect(readSimpleYaml(text), text).toBeUndefined();
    }
  });

  it('agrees with js-yaml on every front matter of the briefings, fixtures and a synthetic briefing', () => {
    const temp = tempDir('briefing-yaml-');
    const files = markdownFiles(join(ROOT, 'briefings'), join(ROOT, 'tests', 'fixtures'), generateBriefing(temp.dir, 40));
    let answered = 0;
    for (const file of files) {
      const text = normalizeText(readFileSync(file, 'utf8'));
      if (!/^---[ \t]*\n/.test(text)) continue;
      const close = text.indexOf('\n---', 3);
      if (expectAgrees(close === -1 ? text.slice(3) : text.slice(3, close))) answered++;
    }
    temp.cleanup();
    expect(answered).toBeGreaterThan(60);
  });

  it('leaves YAML errors to js-yaml, which positions them', () => {
    const r = parseFrontMatter('a.md', '---\ntitle: A\ntitle: B\n---\nBody\n');
    expect(r.diagnostics[0]).toMatchObject({ rule: 'yaml-syntax', line: 3 });
  });
});
