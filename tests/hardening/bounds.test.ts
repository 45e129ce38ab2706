/**
 * Bounded work: front matter that expands through YAML aliases, thousands of cited sources and absurd
 * slide sizes end in positioned diagnostics (or a normal build), never an internal error or a hang.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, tooLarge } from '../../src/api/build.js';
import { citationLine, citedSources } from '../../src/core/compose/generated.js';
import { runCli, tempDir } from '../helpers/cli.js';

let root: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir: root, cleanup } = tempDir('briefing-bounds-'));
});
afterAll(() => cleanup());

function briefing(name: string, index: string, sections: Record<string, string> = { '010-a.md': '---\ntitle: A\n---\n## A\n\nText.\n' }): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.md'), index);
  for (const [file, text] of Object.entries(sections)) writeFileSync(join(dir, file), text);
  return dir;
}

const deck = '---\ntitle: Bounds\nclassification: UNCLASSIFIED\n---\nDeck.\n';
/** A 116 KB section whose aliases repeat a 100 KB string 4,000 times: 400 MB once expanded. */
const aliasBomb = `---\ntitle: Bomb\nfigures: &a "${'x'.repeat(100_000)}"\nevents: [${Array(4000).fill('*a').join(', ')}]\n---\n## Hi\n`;

describe('front matter that expands', () => {
  it('refuses a section whose YAML aliases expand to 400 MB, at the first alias, from the CLI', () => {
    const dir = briefing('alias-section', deck, { '010-bomb.md': aliasBomb });
    const r = runCli(['build', dir, '--out', join(root, 'out')], { cwd: root });
    expect(r.code).toBe(1);
    const line = r.stderr.split('\n').find((l) => l.includes('[front-matter-too-large]'));
    expect(line).toBe('alias-section/010-bomb.md:4:10 error Front matter expands to more than 2 MB of text through YAML aliases [front-matter-too-large]');
    expect(r.stderr).not.toContain('internal error');
    // The code frame shows a window of the 16,000-character line, not all of it.
    for (const l of r.stderr.split('\n')) expect(l.length).toBeLessThan(200);
  });

  it('refuses the same in index.md, and in a check', async () => {
    const dir = briefing('alias-deck', `---\ntitle: Bomb\nclassification: UNCLASSIFIED\nfooter: &f "${'y'.repeat(60_000)}"\nreveal: {a: [${Array(100).fill('*f').join(', ')}]}\n---\nDeck.\n`);
    const result = await build({ briefings: [dir], outDir: join(root, 'out'), cwd: root });
    expect(result.diagnostics).toEqual([expect.objectContaining({ rule: 'front-matter-too-large', file: 'alias-deck/index.md', line: 5, column: 14 })]);
    const r = runCli(['check', dir, '--format', 'json'], { cwd: root });
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as { rule: string }[]).map((f) => f.rule)).toContain('front-matter-too-large');
  });

  it('still builds front matter that uses a few aliases', async () => {
    const dir = briefing('alias-fine', deck, { '010-a.md': '---\ntitle: A\nevents:\n  - &e {date: "2022", title: Start}\n  - *e\n---\n## A\n' });
    const result = await build({ briefings: [dir], outDir: join(root, 'out'), cwd: root });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('many sources', () => {
  it('writes the citation line of a section citing 20,000 sources in one pass', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `s${i}`);
    const section = { front: { title: 't', sources: ids } } as never;
    const cited = citedSources([section], Object.fromEntries(ids.map((id) => [id, { title: id, publisher: `Publisher ${id}` }])));
    const line = citationLine(section, cited);
    expect(line.startsWith('Sources: [1] Publisher s0; +19999 more [2, 3, 4,')).toBe(true);
    expect(line.endsWith(', 19999, 20000]')).toBe(true);
  });

  it('builds a 290 KB index.md with 12,000 sources, all cited by one section', async () => {
    const n = 12_000;
    const sources = Array.from({ length: n }, (_, i) => `  s${i}: {title: T${i}}\n`).join('');
    const dir = briefing('many-sources', `---\ntitle: Many\nclassification: UNCLASSIFIED\nsources:\n${sources}---\nDeck.\n`,
      { '010-a.md': `---\ntitle: A\nsources: [${Array.from({ length: n }, (_, i) => `s${i}`).join(', ')}]\n---\n## A\n\nText.\n` });
    const result = await build({ briefings: [dir], outDir: join(root, 'out'), cwd: root });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.ok).toBe(true);
  }, 120_000);
});

describe('slide sizes', () => {
  it('refuses reveal sizes out of range or too far apart, at the value', async () => {
    const wide = briefing('reveal-wide', '---\ntitle: Wide\nclassification: UNCLASSIFIED\nreveal:\n  width: 100000\n  height: 1\n---\nDeck.\n');
    const result = await build({ briefings: [wide], outDir: join(root, 'out'), cwd: root });
    expect(result.diagnostics.map((d) => [d.rule, d.line, d.column, d.message])).toEqual([
      ['invalid-field', 5, 10, '`reveal.width`: Expected a size in pixels from 100 to 8000 (1280 by 720 is the default), or a percentage such as "100%"'],
      ['invalid-field', 6, 11, '`reveal.height`: Expected a size in pixels from 100 to 8000 (1280 by 720 is the default), or a percentage such as "100%"'],
    ]);
    const thin = briefing('reveal-thin', '---\ntitle: Thin\nclassification: UNCLASSIFIED\nreveal: {width: 8000, height: 100}\n---\nDeck.\n');
    const second = await build({ briefings: [thin], outDir: join(root, 'out'), cwd: root });
    expect(second.diagnostics).toEqual([expect.objectContaining({ rule: 'invalid-field', line: 4, column: 9 })]);
    expect(second.diagnostics[0]!.message).toContain('more than 10:1 apart');
    const fine = briefing('reveal-fine', '---\ntitle: Fine\nclassification: UNCLASSIFIED\nreveal: {width: "100%", height: 1080}\n---\nDeck.\n');
    expect((await build({ briefings: [fine], outDir: join(root, 'out'), cwd: root })).ok).toBe(true);
  });

  it('refuses width 100000 in briefing pdf with a positioned error, not an internal one', () => {
    const dir = briefing('reveal-pdf', '---\ntitle: Wide\nclassification: UNCLASSIFIED\nreveal: {width: 100000, height: 1}\n---\nDeck.\n');
    const r = runCli(['pdf', dir, '--out', join(root, 'wide.pdf')], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('reveal-pdf/index.md:4:17 error `reveal.width`');
    expect(r.stderr).not.toContain('internal error');
  });
});

describe('the engine\'s own limits', () => {
  it('turns a string or stack overflow into a positioned too-large diagnostic, and nothing else', () => {
    expect(tooLarge(new RangeError('Invalid string length'), '/b/deck', '/b')).toEqual(expect.objectContaining({ rule: 'too-large', file: 'deck/index.md', line: 1, column: 1 }));
    expect(tooLarge(new RangeError('Maximum call stack size exceeded'), '/b/deck', '/b')?.rule).toBe('too-large');
    expect(tooLarge(new TypeError('x is undefined'), '/b/deck', '/b')).toBeUndefined();
  });
});
