import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

describe('command line usage', () => {
  it('prints the version from package.json', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(runCli(['--version'])).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('prints help listing the commands', () => {
    const r = runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: briefing <command>/);
    expect(r.stdout).toMatch(/build\s+Build briefings/);
  });

  it('prints help for a command', () => {
    const r = runCli(['build', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: briefing build [path...]');
    expect(r.stdout).toContain('--out <dir>');
  });

  it('lists in each command\'s usage line every option its help explains', () => {
    for (const command of ['build', 'check', 'serve', 'pdf']) {
      const r = runCli([command, '--help']);
      expect(r.code).toBe(0);
      const usage = /^Usage: (.*)$/m.exec(r.stdout)?.[1] ?? '';
      const explained = [...r.stdout.matchAll(/^\s+(?:-\w, )?(--[a-z-]+)/gm)].map((m) => m[1]!);
      expect(explained, command).toContain('--debug');
      expect(explained.length, command).toBeGreaterThan(2);
      for (const flag of explained) expect(usage, `${command} ${flag}`).toContain(flag);
    }
  });

  it('exits 2 on an unknown command', () => {
    const r = runCli(['bulid']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "bulid"');
    expect(r.stderr).toContain('Did you mean `briefing build`?');
  });

  it('exits 2 on an unknown flag, with the usage line', () => {
    const r = runCli(['build', '--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown option '--frobnicate'/);
    expect(r.stderr).toContain('Usage: briefing build');
  });

  it('exits 2 when no command is given', () => {
    expect(runCli([]).code).toBe(2);
  });

  it('uses no colour when NO_COLOR is set or output is not a terminal', () => {
    const { dir, cleanup } = tempDir();
    try {
      // With NO_COLOR set, and with it empty (which means unset) on a pipe: neither may colour.
      for (const NO_COLOR of ['1', '']) {
        const r = runCli(['build', 'tests/fixtures/broken-wrong-type', '--out', dir], { env: { NO_COLOR } });
        expect(r.code).toBe(1);
        expect(r.stderr).toContain('error `order`');
        expect(r.stderr).not.toContain('\u001b[');
      }
    } finally {
      cleanup();
    }
  });
});
