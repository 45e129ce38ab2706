/** What a new author met on the way (issue #16), each as they met it: through the real `briefing` command. */
import { chmodSync, cpSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli, tempDir } from '../helpers/cli.js';
import { findChromium } from '../../src/io/browser/find.js';

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

describe('rough edges a new author meets', () => {
  it('accepts unquoted dates in layout data and formats ISO dates like the deck\'s other dates', () => {
    const { dir, cleanup } = tempDir();
    try {
      const r = runCli(['build', join(FIXTURES, 'layout-dates'), '--out', dir]);
      expect(r.code, r.stderr).toBe(0);
      const html = readFileSync(join(dir, 'layout-dates', 'index.html'), 'utf8');
      const dates = [...html.matchAll(/class="(event|figure|quote)-date">([^<]*)</g)].map((m) => `${m[1]}: ${m[2]}`);
      expect(dates).toEqual(['event: 15 Oct 2026', 'event: 2 Nov 2026', 'event: 21–22 Feb 2022', 'figure: 1 Sep 2026', 'quote: 24 March 2026']);
    } finally {
      cleanup();
    }
  });

  it('builds a briefing named by its index.md', () => {
    const { dir, cleanup } = tempDir();
    try {
      const r = runCli(['build', 'tests/fixtures/basic/index.md', '--out', dir]);
      expect(r.code, r.stderr).toBe(0);
      expect(readFileSync(join(dir, 'basic', 'index.html'), 'utf8')).toContain('<section');
    } finally {
      cleanup();
    }
  });

  it('writes the deck folder readable by others: folders 0755, files 0644, even from a private image', () => {
    const { dir, cleanup } = tempDir();
    try {
      const briefing = join(dir, 'private');
      cpSync(join(FIXTURES, 'basic'), briefing, { recursive: true });
      const image = join(briefing, 'secret-ish.png');
      writeFileSync(image, readFileSync(join(FIXTURES, '..', '..', 'node_modules', 'reveal.js', 'LICENSE')));
      chmodSync(image, 0o600);
      writeFileSync(join(briefing, '99-image.md'), '---\ntitle: Image\n---\n![A picture](secret-ish.png)\n');
      const r = runCli(['build', briefing, '--out', join(dir, 'out')], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      const deck = join(dir, 'out', 'private');
      expect(mode(deck)).toBe('755');
      expect(mode(join(deck, 'index.html'))).toBe('644');
      expect(mode(join(deck, 'vendor', 'reveal.js'))).toBe('755');
      expect(mode(join(deck, 'media', 'secret-ish.png'))).toBe('644');
    } finally {
      cleanup();
    }
  });

  it('names a CHROME_PATH that is not a browser as such', () => {
    const { dir, cleanup } = tempDir();
    try {
      for (const notABrowser of ['/bin/true', join(FIXTURES, 'basic', 'index.md')]) {
        const r = runCli(['pdf', 'tests/fixtures/basic', '--out', join(dir, 'x.pdf')], { env: { CHROME_PATH: notABrowser } });
        expect(r.code).toBe(1);
        expect(r.stderr).toContain(`is not a browser`);
        expect(r.stderr).toContain('[not-a-browser]');
        expect(r.stderr).not.toContain('Target page, context or browser has been closed [');
      }
    } finally {
      cleanup();
    }
  });

  it('says which browser pdf would use in its help, and "No browser found" only when there is none', () => {
    const found = findChromium();
    const r = runCli(['pdf', '--help']);
    expect(r.code).toBe(0);
    if (found) {
      expect(r.stdout).not.toContain('No browser found');
      expect(r.stdout).toContain(`Browser: ${found}`);
    }
    const none = runCli(['pdf', '--help'], { env: { CHROME_PATH: '/nonexistent/chrome' } });
    expect(none.stdout).toContain('No browser found');
  });
});
