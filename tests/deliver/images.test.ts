/** `briefing images` as a user runs it: one PNG per slide, vertical slides included, at the deck's size or twice it. */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES, runCli, tempDir } from '../helpers/cli.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function temp(): string {
  const t = tempDir('briefing-images-');
  cleanups.push(t.cleanup);
  return t.dir;
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('briefing images', () => {
  it('writes one 1280x720 PNG per slide, vertical slides included, named in deck order', () => {
    const out = join(temp(), 'shots');
    const r = runCli(['images', join(FIXTURES, 'basic'), '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    // basic: title, agenda, intro (two slides and a vertical one), a divider, sources = 7 slides, as `build` counts them.
    expect(readdirSync(out).sort()).toEqual(['slide-01.png', 'slide-02.png', 'slide-03.png', 'slide-04.png', 'slide-05.png', 'slide-06.png', 'slide-07.png']);
    for (const name of readdirSync(out)) expect(pngSize(join(out, name))).toEqual({ width: 1280, height: 720 });
    expect(r.stdout).toMatch(/^✓ basic {2}7 images, .* -> .*shots\/\n$/);
    // Different slides, different pictures.
    expect(readFileSync(join(out, 'slide-01.png')).equals(readFileSync(join(out, 'slide-02.png')))).toBe(false);
  }, 120_000);

  it('writes twice the size with --scale 2, and only the cut with --only', () => {
    const out = join(temp(), 'shots');
    const r = runCli(['images', join(FIXTURES, 'audience'), '--out', out, '--scale', '2', '--only', 'bluf,berths']);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['slide-01.png', 'slide-02.png', 'slide-03.png']);
    expect(pngSize(join(out, 'slide-02.png'))).toEqual({ width: 2560, height: 1440 });
  }, 120_000);

  it('refuses to replace a folder that holds other files', () => {
    const out = temp();
    writeFileSync(join(out, 'notes.txt'), 'mine');
    const r = runCli(['images', join(FIXTURES, 'basic'), '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('holds other files (notes.txt)');
    expect(readdirSync(out)).toEqual(['notes.txt']);
  }, 120_000);

  it('refuses a scale other than 1 or 2 as bad usage', () => {
    const r = runCli(['images', join(FIXTURES, 'basic'), '--scale', '3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--scale must be 1 or 2');
  });
});
