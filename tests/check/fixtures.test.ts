/**
 * Broken briefings under tests/fixtures/, each with an expected.json naming every finding it must produce
 * (tests/helpers/expected.ts). A test per folder, generated from the folder list; the rules to cover come
 * from the rule registry (CHECK_RULES in src/core/lint/lint.ts).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/api/check.js';
import { build } from '../../src/api/build.js';
import { FIXTURES, ROOT } from '../helpers/cli.js';
import { expectedFixtures } from '../helpers/expected.js';
import { CHECK_RULES } from '../../src/core/lint/lint.js';

const checked = expectedFixtures().filter((f) => f.expected.command !== 'build');

describe('check fixtures', () => {
  it('has a fixture for every rule check reports (from the rule registry)', () => {
    const covered = new Set(expectedFixtures().flatMap((f) => f.expected.diagnostics.map((d) => d.rule)));
    const missing = CHECK_RULES.filter((rule) => !covered.has(rule));
    expect(missing, 'rules with no fixture whose expected.json names them').toEqual([]);
  });

  it('every check-* folder states its expected findings', () => {
    const named = readdirSync(FIXTURES).filter((name) => name.startsWith('check-')).sort();
    expect(checked.map((f) => f.name).filter((n) => n.startsWith('check-'))).toEqual(named);
  });

  for (const { name, dir, expected } of checked) {
    const what = expected.diagnostics.map((d) => `${d.rule} at ${d.file}:${d.line}`).join(', ') || 'nothing';
    it(`reports ${what} in ${name}, and nothing else`, async () => {
      const result = await check({ briefings: [dir], cwd: ROOT, strict: true, ...(expected.command === 'check --layout' ? { layout: true } : {}) });
      expect(result.findings, JSON.stringify(result.findings, null, 2)).toHaveLength(expected.diagnostics.length);
      result.findings.forEach((finding, i) => {
        const want = expected.diagnostics[i]!;
        expect(finding.rule).toBe(want.rule);
        expect(finding.severity).toBe(want.severity);
        expect(relative(dir, resolve(ROOT, finding.file)).split('\\').join('/')).toBe(want.file);
        expect(finding.line).toBe(want.line ?? 1);
        expect(finding.column).toBe(want.column ?? finding.column);
        expect(finding.column).toBeGreaterThanOrEqual(1);
        expect(finding.message).toContain(want.message);
        expect(finding.hint, 'every finding says how to fix it').toBeTruthy();
        if (want.hint) expect(finding.hint).toContain(want.hint);
      });
      expect(result.ok).toBe(expected.diagnostics.length === 0);
    }, 60_000);
  }
});

describe('check reports what the build rejects', () => {
  const broken = readdirSync(FIXTURES).filter((name) => name.startsWith('broken-') && existsSync(join(FIXTURES, name, 'index.md'))).sort();
  for (const folder of broken) {
    it(`reports every build error of ${folder}`, async () => {
      const dir = join(FIXTURES, folder);
      const built = await build({ briefings: [dir], cwd: ROOT, dryRun: true });
      const checked = await check({ briefings: [dir], cwd: ROOT });
      const errors = built.diagnostics.filter((d) => d.severity === 'error');
      expect(errors.length).toBeGreaterThan(0);
      for (const e of errors) {
        expect(checked.findings).toContainEqual(expect.objectContaining({ rule: e.rule, file: e.file, line: e.line ?? 1, message: e.message }));
      }
      expect(checked.ok).toBe(false);
    });
  }
});
