/** `briefing check` as a user runs it: exit codes, text and JSON output, and that it writes nothing. */
import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixture, FIXTURES, runCli, tempDir } from '../helpers/cli.js';

/** Every file under `dir` with its content, to compare a folder before and after a command. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[p.slice(dir.length)] = `${statSync(p).mtimeMs}:${readFileSync(p, 'base64')}`;
    }
  };
  walk(dir);
  return out;
}

describe('briefing check', () => {
  it('exits 0 and says so when a briefing has no problems', () => {
    const r = runCli(['check', join(FIXTURES, 'check-clean')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✓ check-clean  no problems');
  });

  it('exits 0 on warnings, and 1 with --strict', () => {
    const dir = join(FIXTURES, 'check-missing-notes');
    const plain = runCli(['check', dir]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('tests/fixtures/check-missing-notes/020-silent.md:5:1 warning Slide has no speaker notes [missing-notes]');
    expect(plain.stdout).toContain('fix: Add a line `Note:`');
    expect(runCli(['check', '--strict', dir]).code).toBe(1);
  });

  it('exits 1 on errors and shows file, line, column, rule, a code frame and the fix', () => {
    const r = runCli(['check', join(FIXTURES, 'check-broken-link')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('tests/fixtures/check-broken-link/020-links.md:5:57 error Link to `#/fatcs`');
    expect(r.stdout).toContain('[broken-link]');
    expect(r.stdout).toContain('5 | Read the [facts](#/facts) first, then [the facts again](#/fatcs).');
    expect(r.stdout).toContain('fix: Did you mean `#/facts`?');
    expect(r.stdout).toContain('✗ check-broken-link  1 error, 0 warnings');
    expect(r.stderr).toBe('');
  });

  it('prints a machine-readable list with --format json', () => {
    const r = runCli(['check', '--format', 'json', join(FIXTURES, 'check-heading-skip'), join(FIXTURES, 'check-missing-notes')]);
    expect(r.code).toBe(0);
    const findings = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(findings).toEqual([
      {
        severity: 'warning', rule: 'heading-skip', file: 'tests/fixtures/check-heading-skip/020-outline.md', line: 9, column: 1,
        message: 'Heading level jumps from h2 to h4', hint: 'Use ### (h3) here, or add the missing level above it.',
      },
      expect.objectContaining({ rule: 'missing-notes', file: 'tests/fixtures/check-missing-notes/020-silent.md', line: 5, column: 1 }),
    ]);
  });

  it('prints an empty JSON list for a clean briefing', () => {
    const r = runCli(['check', '--format=json', join(FIXTURES, 'check-clean')]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  it('rejects an unknown --format with exit 2', () => {
    const r = runCli(['check', '--format', 'xml', join(FIXTURES, 'check-clean')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format must be text or json');
  });

  it('documents itself in --help', () => {
    const r = runCli(['check', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--format');
    expect(r.stdout).toContain('--strict');
    expect(r.stdout).toContain('--layout');
  });

  it('reports a slide that overflows its frame with --layout, with the file and line of the slide', () => {
    const r = runCli(['check', '--layout', join(FIXTURES, 'check-layout-overflow')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/tests\/fixtures\/check-layout-overflow\/020-tall\.md:11:1 warning Slide #\/tall-2 overflows its frame: content reaches \d+ px past the bottom \[overflow\]/);
    expect(runCli(['check', '--layout', '--strict', join(FIXTURES, 'check-layout-overflow')]).code).toBe(1);
    expect(runCli(['check', join(FIXTURES, 'check-layout-overflow')]).stdout).toContain('no problems');
  }, 240_000); // three runs, two of them in Chromium (slow on a loaded machine)

  it('says how to install Chromium when --layout cannot find it', () => {
    const r = runCli(['check', '--layout', join(FIXTURES, 'check-clean')], { env: { CHROME_PATH: '/nonexistent/chrome' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('[no-browser]');
    expect(r.stdout).toContain('CHROME_PATH=/nonexistent/chrome');
    expect(r.stdout).toContain('apt-get install -y chromium');
  });

  it('gives the same no-browser message as pdf, and takes --browser like pdf', () => {
    const check = runCli(['check', '--layout', '--browser', '/nonexistent/chrome', join(FIXTURES, 'check-clean')]);
    const pdf = runCli(['pdf', '--browser', '/nonexistent/chrome', join(FIXTURES, 'check-clean')]);
    expect(check.code).toBe(1);
    const advice = (out: string) => out.split('\n').find((l) => l.includes('fix:'));
    expect(check.stdout).toContain('No browser at --browser /nonexistent/chrome; `briefing check --layout` measures slides with headless Chromium [no-browser]');
    expect(advice(check.stdout)).toBe(advice(pdf.stdout + pdf.stderr));
  });

  it('writes nothing and leaves the sources and the last good output as they were', () => {
    const { dir, cleanup } = tempDir();
    try {
      copyFixture('check-broken-link', join(dir, 'briefings'));
      copyFixture('check-clean', join(dir, 'briefings'));
      mkdirSync(join(dir, 'dist', 'check-clean'), { recursive: true });
      writeFileSync(join(dir, 'dist', 'check-clean', 'index.html'), '<p>last good deck</p>');
      const before = snapshot(dir);
      const r = runCli(['check'], { cwd: dir });
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('✓ check-clean  no problems');
      expect(r.stdout).toContain('✗ check-broken-link');
      expect(snapshot(dir)).toEqual(before);
    } finally {
      cleanup();
    }
  });
});
