import { afterEach, describe, expect, it, vi } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from '../../src/index.js';
import { FIXTURES, tempDir } from '../helpers/cli.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.splice(0).forEach((c) => c());
  vi.restoreAllMocks();
});

describe('library API', () => {
  it('builds a deck and returns what it did, without printing', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const writes = vi.spyOn(process.stdout, 'write');
    const errors = vi.spyOn(process.stderr, 'write');
    const result = await build({ briefings: [join(FIXTURES, 'basic')], outDir: dir });
    expect(result.ok).toBe(true);
    expect(result.decks[0]).toMatchObject({ slug: 'basic', slides: 7, sections: 4, ok: true, title: 'Basic <Fixture> Deck' });
    expect(result.decks[0]!.watch).toContain(join(FIXTURES, 'basic', '01-intro.md'));
    expect(existsSync(join(dir, 'basic', 'index.html'))).toBe(true);
    expect(writes).not.toHaveBeenCalled();
    expect(errors).not.toHaveBeenCalled();
  });

  it('returns positioned diagnostics instead of throwing on bad input', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const result = await build({ briefings: [join(FIXTURES, 'broken-wrong-type')], outDir: dir });
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', rule: 'invalid-field', line: 3, column: 8, hint: expect.any(String) }),
    ]);
  });

  it('runs every stage but writes nothing on a dry run', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const result = await build({ briefings: [join(FIXTURES, 'basic')], outDir: dir, dryRun: true });
    expect(result.ok).toBe(true);
    expect(result.decks[0]!.html).toContain('<section');
    expect(existsSync(join(dir, 'basic'))).toBe(false);
  });

  it('lists sources in the order the deck first cites them', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    await build({ briefings: [join(FIXTURES, 'basic')], outDir: dir });
    const html = readFileSync(join(dir, 'basic', 'index.html'), 'utf8');
    expect(html).toMatch(/<li value="1" id="source-src-a">“First source”, <em>Example Press<\/em>, 24 February 2022\./);
    expect(html).not.toContain('Second source');
  });
});
