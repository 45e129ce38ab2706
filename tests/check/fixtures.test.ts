/**
 * One broken briefing per rule under tests/fixtures/check-*, each with an expected.json naming the one
 * finding it must produce. A test per folder, generated from the folder list.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/api/check.js';
import { build } from '../../src/api/build.js';
import { FIXTURES, ROOT } from '../helpers/cli.js';

interface Expected {
  rule: string;
  severity: 'error' | 'warning';
  file: string;
  line: number;
  message: string;
  hint?: string;
  layout?: boolean;
}

const folders = readdirSync(FIXTURES).filter((name) => name.startsWith('check-')).sort();

describe('check fixtures', () => {
  it('has a fixture for every rule of the README', () => {
    const rules = new Set(folders.map((f) => (JSON.parse(readFileSync(join(FIXTURES, f, 'expected.json'), 'utf8')) as Expected | null)?.rule));
    for (const rule of ['broken-link', 'image-alt', 'word-budget', 'missing-notes', 'missing-sources', 'unused-source', 'heading-skip', 'stale-section', 'scripts-allowed', 'unknown-key', 'unknown-language', 'notes-swallow-headings', 'unsafe-html', 'overflow', 'contrast']) {
      expect(rules, rule).toContain(rule);
    }
  });

  for (const folder of folders) {
    const dir = join(FIXTURES, folder);
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected | null;
    if (!expected) {
      it(`finds nothing in ${folder}`, async () => {
        const result = await check({ briefings: [dir], cwd: ROOT, strict: true });
        expect(result.findings).toEqual([]);
        expect(result.ok).toBe(true);
      });
      continue;
    }
    it(`reports ${expected.rule} at ${expected.file}:${expected.line} in ${folder}, and nothing else`, async () => {
      const result = await check({ briefings: [dir], cwd: ROOT, ...(expected.layout ? { layout: true } : {}) });
      expect(result.findings, JSON.stringify(result.findings, null, 2)).toHaveLength(1);
      const [finding] = result.findings;
      expect(finding!.rule).toBe(expected.rule);
      expect(finding!.severity).toBe(expected.severity);
      expect(relative(dir, resolve(ROOT, finding!.file)).split('\\').join('/')).toBe(expected.file);
      expect(finding!.line).toBe(expected.line);
      expect(finding!.column).toBeGreaterThanOrEqual(1);
      expect(finding!.message).toContain(expected.message);
      expect(finding!.hint, 'every finding says how to fix it').toBeTruthy();
      if (expected.hint) expect(finding!.hint).toContain(expected.hint);
      expect(result.ok).toBe(expected.severity === 'warning');
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
