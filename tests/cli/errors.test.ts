import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli, tempDir } from '../helpers/cli.js';
import { join } from 'node:path';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';

/** Each broken fixture, the problem it must report, and where. */
const cases: { fixture: string; rule: string; file: string; line: number; message: RegExp; hint?: RegExp }[] = [
  // An unclosed bracket or quote is reported where it was opened, not where the YAML ends.
  { fixture: 'broken-yaml', rule: 'yaml-syntax', file: '01-bad.md', line: 3, message: /:3:8 error Invalid YAML in front matter: this bracket `\[` is never closed/, hint: /Close the bracket/ },
  { fixture: 'broken-deck-yaml', rule: 'yaml-syntax', file: 'index.md', line: 2, message: /:2:8 error Invalid YAML in front matter: this double quote is never closed/ },
  { fixture: 'broken-missing-title', rule: 'missing-field', file: '01-untitled.md', line: 1, message: /`title` is required/, hint: /Add `title: \.\.\.`/ },
  { fixture: 'broken-wrong-type', rule: 'invalid-field', file: '01-wrong.md', line: 3, message: /`order`: Expected a number.*"first"/ },
  { fixture: 'broken-unknown-layout', rule: 'unknown-layout', file: '01-layout.md', line: 3, message: /Unknown layout `timelime`/, hint: /Did you mean `timeline`\?.*Available layouts: .*comparison/ },
  { fixture: 'broken-duplicate-id', rule: 'duplicate-id', file: '02-two.md', line: 1, message: /`same` is already used by .*01-one\.md/ },
  { fixture: 'broken-undefined-source', rule: 'undefined-source', file: '01-cites.md', line: 5, message: /Source `unknwn` is not defined/ },
  { fixture: 'broken-missing-image', rule: 'missing-asset', file: '01-image.md', line: 6, message: /images\/nothere\.png not found/ },
  { fixture: 'broken-escaping-asset', rule: 'asset-escape', file: '01-escape.md', line: 4, message: /outside the briefing folder/ },
  { fixture: 'broken-empty-section', rule: 'empty-section', file: '01-empty.md', line: 1, message: /empty/ },
  { fixture: 'broken-binary-section', rule: 'binary-file', file: '01-binary.md', line: 1, message: /not text/ },
  { fixture: 'broken-above-ceiling', rule: 'above-ceiling', file: '02-over.md', line: 3, message: /Section is marked SECRET\/\/NOFORN, above the deck's classification CONFIDENTIAL \(.*index\.md:3\)/, hint: /Mark the section CONFIDENTIAL or lower/ },
  { fixture: 'broken-unknown-theme', rule: 'unknown-theme', file: 'index.md', line: 4, message: /:4:8 error Unknown theme `blackk`/, hint: /Did you mean `black`\?/ },
  { fixture: 'broken-missing-theme', rule: 'missing-theme', file: 'index.md', line: 3, message: /:3:8 error Theme file styles\/my-theem\.css not found/, hint: /Did you mean `styles\/my-theme\.css`\?/ },
  { fixture: 'broken-unknown-country', rule: 'unknown-country', file: '01-map.md', line: 8, message: /:8:27 error Unknown country `Frnace`/, hint: /Did you mean "France"\?/ },
  { fixture: 'broken-as-of', rule: 'invalid-field', file: 'index.md', line: 3, message: /`asOf`: Expected a date in the form YYYY-MM-DD/, hint: /`asOf: 2026-09-30`/ },
  { fixture: 'broken-comparison-row', rule: 'layout-data', file: '01-compare.md', line: 7, message: /Row 2 of the comparison has 2 cells but `columns` has 3/, hint: /Add the missing cell/ },
  { fixture: 'broken-template-helper', rule: 'template-error', file: 'templates/layouts/content.hbs', line: 2, message: /:2:17 error Template error: unknown helper `formatDat`/, hint: /Did you mean `formatDate`\?/ },
  { fixture: 'broken-separator', rule: 'invalid-separator', file: '01-imported.md', line: 3, message: /`separator` is not a valid regular expression: Unterminated group/, hint: /'\^\\n\\n\\n' \(two blank lines\)/ },
  { fixture: 'broken-template', rule: 'template-error', file: 'templates/layouts/content.hbs', line: 2, message: /Template error: if doesn't match each/ },
];

describe('bad input', () => {
  for (const c of cases) {
    it(`reports ${c.rule} for ${c.fixture} with file and line, and exits 1`, () => {
      const { dir, cleanup } = tempDir();
      try {
        const r = runCli(['build', join(FIXTURES, c.fixture), '--out', dir]);
        expect(r.code).toBe(1);
        const path = `tests/fixtures/${c.fixture}/${c.file}`;
        const line = r.stderr.split('\n').find((l) => l.includes(`[${c.rule}]`));
        expect(line, r.stderr).toBeDefined();
        expect(line!.startsWith(`${path}:${c.line}:`), line).toBe(true);
        expect(line).toMatch(c.message);
        if (c.hint) expect(r.stderr).toMatch(c.hint);
        expect(r.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
        expect(existsSync(join(dir, c.fixture))).toBe(false);
      } finally {
        cleanup();
      }
    });
  }

  it('lists every problem of a build, not only the first', () => {
    const r = runCli(['build', join(FIXTURES, 'broken-many'), '--out', tempDir().dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('01-a.md:3:8 error `order`');
    expect(r.stderr).toContain('02-b.md:3:9 error Unknown layout `nope`');
    expect(r.stderr).toContain('03-c.md:1:1 error `title` is required');
    expect(r.stderr).toContain('03-c.md:2:1 warning Unknown front-matter key `titel`');
    expect(r.stderr).toContain('fix: Did you mean `title`?');
    expect(r.stderr).toContain('3 errors, 1 warning');
  });

  it('shows a code frame under each positioned error', () => {
    const r = runCli(['build', join(FIXTURES, 'broken-wrong-type'), '--out', tempDir().dir]);
    expect(r.stderr).toContain('  3 | order: "first"\n    |        ^');
  });

  it('reports an output folder it cannot write to as a problem to fix, not a crash', () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'a-file');
      writeFileSync(file, 'not a folder');
      const r = runCli(['build', join(FIXTURES, 'basic'), '--out', join(file, 'out')]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/a-file\/out error Cannot write the deck here: not a directory \(ENOTDIR\) \[output-unwritable\]/);
      expect(r.stderr).toContain('fix: Choose an --out folder you can write to');
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    } finally {
      cleanup();
    }
  });

  it('tells a file that is not UTF-8 from one that merely contains a replacement character', () => {
    const { dir, cleanup } = tempDir();
    try {
      cpSync(join(FIXTURES, 'basic'), join(dir, 'deck'), { recursive: true });
      // Latin-1 bytes: invalid UTF-8, no NUL.
      writeFileSync(join(dir, 'deck', '90-latin1.md'), Buffer.from('---\ntitle: Caf\xe9\n---\nUn caf\xe9.\n', 'latin1'));
      const bad = runCli(['build', join(dir, 'deck'), '--out', join(dir, 'out')]);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/90-latin1\.md:1:1 error File is not valid UTF-8 text \[binary-file\]/);
      // U+FFFD written as UTF-8 is text like any other.
      writeFileSync(join(dir, 'deck', '90-latin1.md'), '---\ntitle: Replacement \uFFFD sign\n---\nA \uFFFD in the text.\n');
      const good = runCli(['build', join(dir, 'deck'), '--out', join(dir, 'out')]);
      expect(good.code, good.stderr).toBe(0);
      expect(readFileSync(join(dir, 'out', 'deck', 'index.html'), 'utf8')).toContain('A \uFFFD in the text.');
    } finally {
      cleanup();
    }
  });

  it('says which folder is not a briefing', () => {
    const r = runCli(['build', join(FIXTURES, 'does-not-exist'), '--out', tempDir().dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/does-not-exist error Briefing folder not found \[not-a-briefing\]/);
  });
});
