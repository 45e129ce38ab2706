import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, existsSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { copyFixture, FIXTURES, runCli, tempDir } from '../helpers/cli.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function temp(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

/** Every file under `dir` with its bytes, for byte-for-byte comparison. */
function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

describe('briefing build', () => {
  it('builds a deck with reveal.js, notes plugin, theme, fonts and assets, and prints one summary line', () => {
    const out = temp();
    const r = runCli(['build', join(FIXTURES, 'basic'), '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^✓ basic {2}7 slides, 4 sections, \d+ ms -> .*basic\/index\.html\n$/);
    const files = [...snapshot(join(out, 'basic')).keys()].sort();
    expect(files).toEqual([
      'index.html',
      'media/images/square.png',
      'theme/fonts/LICENSE',
      'theme/fonts/source-sans-3-latin-400-italic.woff2',
      'theme/fonts/source-sans-3-latin-400-normal.woff2',
      'theme/fonts/source-sans-3-latin-600-normal.woff2',
      'theme/fonts/source-sans-3-latin-700-normal.woff2',
      'theme/theme.css',
      'vendor/reveal.js/LICENSE',
      'vendor/reveal.js/plugin/notes.js',
      'vendor/reveal.js/reveal.css',
      'vendor/reveal.js/reveal.js',
    ]);
    const html = readFileSync(join(out, 'basic', 'index.html'), 'utf8');
    expect(html).toContain('<aside class="notes"><p>Notes for the second slide.</p>');
    expect(html).toContain('<title>Basic &lt;Fixture&gt; Deck</title>');
    expect(html).toContain('plugins: [RevealNotes]');
    expect(html).toContain('<a href="#/part">Part one</a>');
    expect(html).toContain('Source: [1] Example Press, 24 Feb 2022');
  });

  it('--timings adds one line per deck with the time of each stage', () => {
    const out = temp();
    const r = runCli(['build', join(FIXTURES, 'basic'), '--out', out, '--timings']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    // The stages in pipeline order; how long each took is the benchmark's business, not a test's.
    expect(lines[1]).toMatch(/^ {2}load \d+ ms · parse \d+ ms · render \d+ ms · compose \d+ ms · emit \d+ ms$/);
  });

  it('makes no network request: no remote URL in the HTML or CSS it writes', () => {
    const out = temp();
    runCli(['build', join(FIXTURES, 'basic'), '--out', out]);
    for (const [path, bytes] of snapshot(join(out, 'basic'))) {
      if (!/\.(html|css)$/.test(path)) continue;
      const text = bytes.toString('utf8');
      expect(text, path).not.toMatch(/(src|href)="(https?:)?\/\/(?!example\.org\/a")/);
      expect(text, path).not.toMatch(/@import\s+(url\()?["']?(https?:)?\/\//);
      expect(text, path).not.toMatch(/url\(["']?(https?:)?\/\//);
    }
  });

  it('writes dist/index.html listing the decks that were built', () => {
    const out = temp();
    runCli(['build', join(FIXTURES, 'basic'), join(FIXTURES, 'drafts'), '--out', out]);
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    expect(index).toContain('<a href="basic/index.html">Basic &lt;Fixture&gt; Deck</a>');
    expect(index).toContain('<a href="drafts/index.html">Drafts deck</a>');
  });

  it('gives byte-identical output for the same input', () => {
    const a = temp();
    const b = temp();
    runCli(['build', join(FIXTURES, 'basic'), '--out', a]);
    runCli(['build', join(FIXTURES, 'basic'), '--out', b]);
    const left = snapshot(a);
    const right = snapshot(b);
    expect([...left.keys()]).toEqual([...right.keys()]);
    for (const [path, bytes] of left) expect(bytes.equals(right.get(path)!), path).toBe(true);
  });

  it('keeps the last good deck when a section breaks', () => {
    const work = temp();
    const briefing = copyFixture('basic', work);
    const out = join(work, 'out');
    expect(runCli(['build', briefing, '--out', out]).code).toBe(0);
    const before = snapshot(join(out, 'basic'));
    writeFileSync(join(briefing, '01-intro.md'), '---\ntitle: [broken\n---\n');
    const r = runCli(['build', briefing, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('failed; the previous deck (if any) was left in place');
    const after = snapshot(join(out, 'basic'));
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [path, bytes] of before) expect(bytes.equals(after.get(path)!), path).toBe(true);
    expect(readdirSync(out).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('writes nothing outside the output folder and leaves the briefing untouched', () => {
    const work = temp();
    const briefing = copyFixture('basic', work);
    const sourceBefore = snapshot(briefing);
    const out = join(work, 'out');
    expect(runCli(['build', briefing, '--out', out]).code).toBe(0);
    expect(readdirSync(work).sort()).toEqual(['basic', 'out']);
    const sourceAfter = snapshot(briefing);
    expect([...sourceAfter.keys()]).toEqual([...sourceBefore.keys()]);
    for (const [path, bytes] of sourceBefore) expect(bytes.equals(sourceAfter.get(path)!), path).toBe(true);
  });

  it('refuses an output folder that would replace the briefing itself', () => {
    const work = temp();
    copyFixture('basic', work);
    const r = runCli(['build', join(work, 'basic'), '--out', work]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[output-overlaps-source]');
    expect(existsSync(join(work, 'basic', 'index.md'))).toBe(true);
  });

  it('refuses an image that links outside the briefing folder through a symlink', () => {
    const work = temp();
    const briefing = copyFixture('basic', work);
    writeFileSync(join(work, 'secret.png'), 'secret');
    symlinkSync(join(work, 'secret.png'), join(briefing, 'images', 'link.png'));
    writeFileSync(join(briefing, '05-link.md'), '---\ntitle: Link\n---\n![Linked](images/link.png)\n');
    const r = runCli(['build', briefing, '--out', join(work, 'out')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/05-link\.md:4:1 error images\/link\.png links to a file outside the briefing folder \[asset-escape\]/);
  });

  it('reads UTF-8 with a byte-order mark and CRLF line endings', () => {
    const out = temp();
    const r = runCli(['build', join(FIXTURES, 'crlf-bom'), '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(out, 'crlf-bom', 'index.html'), 'utf8');
    expect(html).toContain('<li>two</li>');
    expect(html).toContain('<h2>Second</h2>');
    expect(html).toContain('<aside class="notes"><p>crlf notes</p>');
    expect(html).not.toContain('\r');
  });

  it('leaves draft sections out unless --drafts', () => {
    const out = temp();
    runCli(['build', join(FIXTURES, 'drafts'), '--out', out]);
    expect(readFileSync(join(out, 'drafts', 'index.html'), 'utf8')).not.toContain('Draft text');
    runCli(['build', join(FIXTURES, 'drafts'), '--out', out, '--drafts']);
    expect(readFileSync(join(out, 'drafts', 'index.html'), 'utf8')).toContain('Draft text');
  });

  it('uses layouts and partials from the briefing templates folder over the built-in ones', () => {
    const out = temp();
    const r = runCli(['build', join(FIXTURES, 'override'), '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(out, 'override', 'index.html'), 'utf8');
    expect(html).toContain('<div class="my-banner">Custom: <p>Hello <strong>custom</strong></p>');
    expect(html).toContain('<h2 class="overridden-heading">Default</h2>');
  });

  it('builds every briefing under ./briefings when no path is given', () => {
    const work = temp();
    cpSync(join(FIXTURES, 'basic'), join(work, 'briefings', 'one'), { recursive: true });
    cpSync(join(FIXTURES, 'drafts'), join(work, 'briefings', 'two'), { recursive: true });
    const r = runCli(['build'], { cwd: work });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(2);
    expect(statSync(join(work, 'dist', 'one', 'index.html')).isFile()).toBe(true);
    expect(statSync(join(work, 'dist', 'two', 'index.html')).isFile()).toBe(true);
  });
});
