import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli, tempDir } from '../helpers/cli.js';
import { join } from 'node:path';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { expectedFixtures } from '../helpers/expected.js';

/** Every fixture whose expected.json says `build` rejects it (tests/helpers/expected.ts). */
const rejected = expectedFixtures().filter((f) => f.expected.command === 'build');

/** One diagnostic line of the terminal report: `file:line:col severity message [rule]`. */
const LINE = /^(\S+?)(?::(\d+):(\d+))? (error|warning) (.*) \[([a-z0-9-]+)\]$/;

describe('bad input', () => {
  it('has a broken-* fixture for each problem the build rejects, each stating what it expects', () => {
    expect(rejected.map((f) => f.name)).toEqual(readdirSync(FIXTURES).filter((n) => n.startsWith('broken-')).sort());
  });

  for (const { name, expected } of rejected) {
    it(`reports ${expected.diagnostics.map((d) => d.rule).join(', ')} for ${name} with file, line and column, and exits 1`, () => {
      const { dir, cleanup } = tempDir();
      try {
        const r = runCli(['build', join(FIXTURES, name), '--out', dir]);
        expect(r.code).toBe(1);
        const reported = r.stderr.split('\n').map((l) => LINE.exec(l)).filter((m) => m !== null);
        expect(reported.map((m) => m[6]), r.stderr).toEqual(expected.diagnostics.map((d) => d.rule));
        reported.forEach((m, i) => {
          const want = expected.diagnostics[i]!;
          expect(m[1]).toBe(`tests/fixtures/${name}/${want.file}`);
          if (want.line !== undefined) expect(Number(m[2])).toBe(want.line);
          if (want.column !== undefined) expect(Number(m[3])).toBe(want.column);
          expect(m[4]).toBe(want.severity);
          expect(m[5]).toContain(want.message);
          if (want.hint) expect(r.stderr).toContain(`fix: ${want.hint}`);
        });
        expect(r.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
        expect(existsSync(join(dir, name))).toBe(false);
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
