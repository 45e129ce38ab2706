/** findOverflows reports what keeps it from measuring as diagnostics, never as a thrown error. */
import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findOverflows } from '../../src/io/browser/layout.js';
import { tempDir } from '../helpers/cli.js';

describe('findOverflows', () => {
  it('says there is no deck to measure instead of throwing', async () => {
    const work = tempDir();
    const result = await findOverflows(join(work.dir, 'nothing-here'), { cwd: work.dir });
    expect(result.overflows).toEqual([]);
    expect(result.diagnostics).toMatchObject([{ severity: 'error', rule: 'no-deck', file: 'nothing-here', hint: expect.stringContaining('briefing build') }]);
    work.cleanup();
  });

  it('says which browser is missing and how to install one', async () => {
    const work = tempDir();
    mkdirSync(join(work.dir, 'deck'));
    writeFileSync(join(work.dir, 'deck', 'index.html'), '<!doctype html><title>x</title>');
    const result = await findOverflows(join(work.dir, 'deck'), { cwd: work.dir, executablePath: '/nonexistent/chrome' });
    expect(result.diagnostics).toMatchObject([{ rule: 'no-browser', message: expect.stringContaining('No browser at --browser /nonexistent/chrome'), hint: expect.stringContaining('apt-get install -y chromium') }]);
    work.cleanup();
  });
});
