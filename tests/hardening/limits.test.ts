/**
 * Limits: a bad or hostile file gets a clear, positioned error or a normal result, never a crash,
 * a stack overflow or a hang. Each case is a real briefing folder built through the library.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/api/build.js';
import { tempDir } from '../helpers/cli.js';

let root: string;
let cleanup: () => void;

beforeAll(() => {
  ({ dir: root, cleanup } = tempDir('briefing-limits-'));
});
afterAll(() => cleanup());

/** Build a one-section briefing whose section file is `text`. */
async function buildSection(name: string, text: string, index = '---\ntitle: Limits\n---\n') {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.md'), index);
  writeFileSync(join(dir, '010-section.md'), text);
  const result = await build({ briefings: [dir], outDir: join(root, 'out'), cwd: root });
  return { result, errors: result.diagnostics.filter((d) => d.severity === 'error') };
}

const front = '---\ntitle: Section\n---\n';

describe('limits', () => {
  it('refuses 10,000 nested blockquotes with a positioned error instead of overflowing the stack', async () => {
    const { errors } = await buildSection('quotes', `${front}Fine.\n\n${'>'.repeat(10_000)} deep\n`);
    expect(errors).toEqual([expect.objectContaining({ rule: 'too-deep', file: 'quotes/010-section.md', line: 6, column: 1 })]);
    expect(errors[0]!.message).toContain('the limit is 100');
  });

  it('refuses 500 nested list levels (cubic time in marked) with a positioned error', async () => {
    const list = Array.from({ length: 500 }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n');
    const { errors } = await buildSection('lists', `${front}${list}\n`);
    expect(errors).toEqual([expect.objectContaining({ rule: 'too-deep', line: 4 + 100 })]);
  });

  it('refuses 10,000 nested HTML elements with a positioned error', async () => {
    const { errors } = await buildSection('divs', `${front}Text.\n\n${'<div>'.repeat(10_000)}x${'</div>'.repeat(10_000)}\n`);
    expect(errors).toEqual([expect.objectContaining({ rule: 'too-deep', file: 'divs/010-section.md' })]);
    expect(errors[0]!.message).toContain('HTML in this slide nests more than 200 elements deep');
  });

  it('refuses unclosed HTML tags that nest without end', async () => {
    const { errors } = await buildSection('unclosed', `${front}${'<span>'.repeat(50_000)}\n`);
    expect(errors.map((e) => e.rule)).toEqual(['too-deep']);
  });

  it('refuses mismatched tags that nest without end', async () => {
    const { errors } = await buildSection('mismatched', `${front}${'<b></i>'.repeat(50_000)}\n`);
    expect(errors.map((e) => e.rule)).toEqual(['too-deep']);
  });

  it('builds 50,000 sibling elements', async () => {
    const { result } = await buildSection('siblings', `${front}${'<span>x</span>'.repeat(50_000)}\n`);
    expect(result.ok).toBe(true);
  });

  it('builds a table of 20,000 rows', async () => {
    const table = `| a | b |\n|---|---|\n${'| 1 | 2 |\n'.repeat(20_000)}`;
    const { result } = await buildSection('table', `${front}${table}`);
    expect(result.ok).toBe(true);
  });

  it('builds a table 2,000 columns wide', async () => {
    const table = `|${' a |'.repeat(2000)}\n|${'---|'.repeat(2000)}\n|${' 1 |'.repeat(2000)}\n`;
    const { result } = await buildSection('wide', `${front}${table}`);
    expect(result.ok).toBe(true);
  });

  it('builds a 900 KB line', async () => {
    const { result } = await buildSection('long-line', `${front}${'word '.repeat(180_000)}\n`);
    expect(result.ok).toBe(true);
  });

  it('builds runs of Markdown punctuation that trip backtracking parsers', async () => {
    const text = `${front}${'*'.repeat(50_000)}x\n\n${'['.repeat(20_000)}x${']'.repeat(20_000)}\n\n${'<'.repeat(50_000)}\n\n${'[a]('.repeat(20_000)}\n\n${'`'.repeat(30_000)}\n`;
    const { result } = await buildSection('punctuation', text);
    expect(result.ok).toBe(true);
  });

  it('refuses a section over 1 MB with a clear error', async () => {
    const { errors } = await buildSection('large', `${front}${'x'.repeat(1024 * 1024 + 10)}\n`);
    expect(errors).toEqual([expect.objectContaining({ rule: 'file-too-large', file: 'large/010-section.md' })]);
    expect(errors[0]!.message).toContain('the limit is 1,048,576 bytes (1 MB)');
  });

  it('refuses front matter that YAML aliases expand a billion-fold', async () => {
    let yaml = 'title: Bomb\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 9; i++) yaml += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    const { errors } = await buildSection('bomb', `---\n${yaml}rows: *a8\n---\nText.\n`);
    expect(errors).toEqual([expect.objectContaining({ rule: 'front-matter-too-large', file: 'bomb/010-section.md', line: 4, column: 10 })]);
  });

  it('refuses reveal options in index.md that alias-expand a billion-fold', async () => {
    let yaml = 'title: Bomb\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 9; i++) yaml += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    const { errors } = await buildSection('deck-bomb', `${front}Text.\n`, `---\n${yaml}reveal: { x: *a8 }\n---\n`);
    expect(errors).toEqual([expect.objectContaining({ rule: 'front-matter-too-large', file: 'deck-bomb/index.md' })]);
  });

  it('reports deeply nested YAML as a YAML error, not a crash', async () => {
    const { errors } = await buildSection('yaml-deep', `---\ntitle: Deep\nx: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n---\nText.\n`);
    expect(errors).toEqual([expect.objectContaining({ rule: 'yaml-syntax', file: 'yaml-deep/010-section.md', line: 1 })]);
    expect(errors[0]!.message).toBe('Invalid YAML in front matter: lists or maps nest too deeply to read');
    expect(errors[0]!.hint).toContain('Flatten');
  });
});
