/**
 * What reaches the terminal: text from sections and file names is shown with its control characters
 * escaped, `check --format json` prints only JSON, and the size message says the real size.
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyFixture, FIXTURES, runCli, tempDir } from '../helpers/cli.js';
import { visible } from '../../src/cli/report.js';

// Any C0 control but the newline ending a line, DEL, C1 controls (0x9b is a one-byte CSI), bidi overrides.
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('control characters in terminal messages', () => {
  it('escapes C0, C1, DEL, bidi overrides and line breaks, and leaves other text alone', () => {
    expect(visible('a\u001b[2Kb')).toBe('a\\x1b[2Kb');
    expect(visible('x\ny\rz\t')).toBe('x\\ny\\rz\\t');
    expect(visible('\u009b31m\u007f')).toBe('\\x9b31m\\x7f');
    expect(visible('abc\u202edef')).toBe('abc\\u202edef');
    expect(visible('Brief — “Übersicht” 日本')).toBe('Brief — “Übersicht” 日本');
  });

  it('shows escape sequences from section text and front-matter keys escaped, in messages and code frames', () => {
    const { dir, cleanup } = tempDir();
    try {
      const r = runCli(['build', join(FIXTURES, 'terminal-escapes'), '--out', dir]);
      expect(r.code).toBe(0);
      for (const line of r.stderr.split('\n')) expect(line, JSON.stringify(line)).not.toMatch(RAW_CONTROL);
      expect(r.stdout).not.toMatch(RAW_CONTROL);
      expect(r.stderr).toContain('Unknown front-matter key `ti\\x1b[2K\\x1b[1Atel`');
      // The warning's code frame shows the line with the sequences that would have erased the warning.
      expect(r.stderr).toContain('\\x1b[2K\\x1b[1A\\x1b]0;owned\\x07 hidden');
    } finally {
      cleanup();
    }
  });

  it('keeps file:line:col on one line when a file name holds a newline or an escape', () => {
    const { dir, cleanup } = tempDir();
    try {
      const briefing = copyFixture('terminal-escapes', dir);
      const name = '02-two\nlines\u001b[31m.md';
      writeFileSync(join(briefing, name), '---\ntitle: Two\ntitel: typo\n---\nText.\n');
      const r = runCli(['build', briefing, '--out', join(dir, 'out')], { cwd: dir });
      expect(r.code).toBe(0);
      const line = r.stderr.split('\n').find((l) => l.includes('titel'));
      expect(line).toBe('terminal-escapes/02-two\\nlines\\x1b[31m.md:3:1 warning Unknown front-matter key `titel` [unknown-key]');
      const json = runCli(['check', briefing, '--format', 'json'], { cwd: dir });
      const findings = JSON.parse(json.stdout) as { file: string; rule: string }[];
      expect(findings.find((f) => f.rule === 'unknown-key' && f.file.includes('two'))?.file).toBe('terminal-escapes/02-two\nlines\u001b[31m.md');
    } finally {
      cleanup();
    }
  });

  it('shows an escape sequence in a command-line value escaped', () => {
    const r = runCli(['check', '--format', 'x\u001b[2Ky']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not "x\\x1b[2Ky"');
    expect(r.stderr).not.toMatch(RAW_CONTROL);
  });
});

describe('check --format json', () => {
  it('prints only JSON on stdout, even when a dependency logs (an invalid srcset descriptor)', () => {
    const r = runCli(['check', join(FIXTURES, 'terminal-escapes'), '--format', 'json']);
    expect(r.stdout).not.toContain('Invalid srcset descriptor');
    expect(() => JSON.parse(r.stdout)).not.toThrow();
    expect(r.stdout.trimStart().startsWith('[')).toBe(true);
  });
});

describe('the file-size message', () => {
  it('says the real size of a section just over the limit', () => {
    const { dir, cleanup } = tempDir();
    try {
      const briefing = copyFixture('terminal-escapes', dir);
      const head = '---\ntitle: Big\n---\n';
      writeFileSync(join(briefing, '03-big.md'), head + 'x'.repeat(1024 * 1024 + 1 - head.length));
      const r = runCli(['build', briefing, '--out', join(dir, 'out')], { cwd: dir });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('terminal-escapes/03-big.md error File is 1,048,577 bytes; the limit is 1,048,576 bytes (1 MB) [file-too-large]');
    } finally {
      cleanup();
    }
  });
});
