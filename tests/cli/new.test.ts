import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

describe('briefing new', () => {
  it('writes a briefing titled after its folder that passes check --strict', () => {
    const { dir, cleanup } = tempDir();
    try {
      const r = runCli(['new', 'briefings/road-map_2027'], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      expect(readFileSync(join(dir, 'briefings', 'road-map_2027', 'index.md'), 'utf8')).toContain('title: "Road map 2027"');
      const checked = runCli(['check', '--strict'], { cwd: dir });
      expect(checked.code, checked.stdout).toBe(0);
    } finally {
      cleanup();
    }
  });

  it('exits 2 without a folder, with the usage line', () => {
    const r = runCli(['new']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('briefing new briefings/my-brief');
  });
});
