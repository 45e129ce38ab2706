/**
 * Only files inside the briefing folder are read or copied, after resolving symlinks: a link or a
 * path that leads outside is an error, and nothing from outside ends up in the deck.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { build } from '../../src/api/build.js';
import { tempDir } from '../helpers/cli.js';

const SECRET = 'TOP-SECRET-OUTSIDE-THE-BRIEFING';
let root: string;
let cleanup: () => void;
let briefing: string;

beforeEach(() => {
  ({ dir: root, cleanup } = tempDir('briefing-assets-'));
  writeFileSync(join(root, 'secret.png'), SECRET);
  writeFileSync(join(root, 'secret.md'), `---\ntitle: ${SECRET}\n---\n${SECRET}\n`);
  writeFileSync(join(root, 'secret.css'), `body::after { content: "${SECRET}" }`);
  mkdirSync(join(root, 'outside-images'));
  writeFileSync(join(root, 'outside-images', 'map.png'), SECRET);
  briefing = join(root, 'brief');
  mkdirSync(join(briefing, 'images'), { recursive: true });
  writeFileSync(join(briefing, 'index.md'), '---\ntitle: Assets\n---\n');
  writeFileSync(join(briefing, 'images', 'real.png'), 'PNGDATA');
});
afterEach(() => cleanup());

/** Build the briefing; return its errors and every output file's text. */
async function buildIt() {
  const out = join(root, 'out');
  const result = await build({ briefings: [briefing], outDir: out, cwd: root });
  const texts: string[] = [];
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else texts.push(readFileSync(p, 'latin1'));
    }
  };
  walk(out);
  return { result, errors: result.diagnostics.filter((d) => d.severity === 'error'), leaked: texts.some((t) => t.includes(SECRET)) };
}

function section(body: string, front = '') {
  writeFileSync(join(briefing, '010-s.md'), `---\ntitle: S\n${front}---\n${body}\n`);
}

describe('assets stay inside the briefing folder', () => {
  it('copies an image inside the folder, also through a symlink that stays inside', async () => {
    symlinkSync(join(briefing, 'images', 'real.png'), join(briefing, 'images', 'alias.png'));
    section('![Real](images/real.png)\n\n![Alias](images/alias.png)');
    const { result, errors } = await buildIt();
    expect(errors).toEqual([]);
    expect(result.ok).toBe(true);
    expect(readFileSync(join(root, 'out', 'brief', 'media', 'images', 'alias.png'), 'utf8')).toBe('PNGDATA');
  });

  it.each([
    ['a parent path', '![x](../secret.png)'],
    ['an encoded parent path', '![x](%2e%2e/secret.png)'],
    ['an absolute path', `![x](${'/'}etc/hostname)`],
    ['a raw HTML image', '<img alt="x" src="../secret.png">'],
    ['a video poster', '<video poster="../../secret.png"></video>'],
    ['a srcset candidate', '<img alt="x" src="images/real.png" srcset="images/real.png 1x, ../secret.png 2x">'],
    ['a picture source', '<picture><source srcset="../secret.png"><img alt="x" src="images/real.png"></picture>'],
    ['a preview image', '<img alt="x" src="images/real.png" data-preview-image="../secret.png">'],
    ['a bare slide background', '<!-- .slide: data-background="../../secret.png" -->'],
    ['a background list', '<!-- .slide: data-background-image="images/real.png,../secret.png" -->'],
    ['a url() in a style', '<div style="background-image: url(../secret.png)">x</div>'],
    ['an image-set() in a style', '<div style="background-image: image-set(\'../secret.png\' 1x)">x</div>'],
  ])('refuses %s', async (_, body) => {
    section(body);
    const { errors, leaked } = await buildIt();
    expect(errors).toEqual([expect.objectContaining({ rule: 'asset-escape', file: 'brief/010-s.md', line: 4 })]);
    expect(leaked).toBe(false);
  });

  it('refuses an image symlink that points outside', async () => {
    symlinkSync(join(root, 'secret.png'), join(briefing, 'images', 'link.png'));
    section('![x](images/link.png)');
    const { errors, leaked } = await buildIt();
    expect(errors).toEqual([expect.objectContaining({ rule: 'asset-escape', file: 'brief/010-s.md', line: 4, message: 'images/link.png links to a file outside the briefing folder' })]);
    expect(leaked).toBe(false);
  });

  it('refuses a folder symlink that points outside', async () => {
    symlinkSync(join(root, 'outside-images'), join(briefing, 'linked'));
    section('![x](linked/map.png)');
    const { errors, leaked } = await buildIt();
    expect(errors).toEqual([expect.objectContaining({ rule: 'asset-escape', line: 4 })]);
    expect(leaked).toBe(false);
  });

  it('refuses a slide background outside the folder', async () => {
    section('Text.', 'background: ../secret.png\n');
    const { errors, leaked } = await buildIt();
    expect(errors).toEqual([expect.objectContaining({ rule: 'asset-escape', file: 'brief/010-s.md', line: 3 })]);
    expect(leaked).toBe(false);
  });

  it('refuses a section file that is a symlink to a file outside', async () => {
    section('Text.');
    symlinkSync(join(root, 'secret.md'), join(briefing, '020-linked.md'));
    const { errors, leaked } = await buildIt();
    expect(errors).toEqual([expect.objectContaining({ rule: 'file-escapes', file: 'brief/020-linked.md' })]);
    expect(leaked).toBe(false);
  });

  it('refuses a template override that is a symlink to a file outside', async () => {
    section('Text.');
    mkdirSync(join(briefing, 'templates', 'layouts'), { recursive: true });
    writeFileSync(join(root, 'evil.hbs'), SECRET);
    symlinkSync(join(root, 'evil.hbs'), join(briefing, 'templates', 'layouts', 'content.hbs'));
    const { errors, leaked } = await buildIt();
    expect(errors).toEqual([expect.objectContaining({ rule: 'file-escapes', file: 'brief/templates/layouts/content.hbs' })]);
    expect(leaked).toBe(false);
  });

  it('refuses a theme file outside the folder, directly or through a symlink', async () => {
    section('Text.');
    writeFileSync(join(briefing, 'index.md'), '---\ntitle: Assets\ntheme: ../secret.css\n---\n');
    expect((await buildIt()).errors).toEqual([expect.objectContaining({ rule: 'asset-escape', file: 'brief/index.md' })]);
    symlinkSync(join(root, 'secret.css'), join(briefing, 'theme.css'));
    writeFileSync(join(briefing, 'index.md'), '---\ntitle: Assets\ntheme: theme.css\n---\n');
    const { errors, leaked } = await buildIt();
    expect(errors).toEqual([expect.objectContaining({ rule: 'asset-escape', file: 'brief/index.md' })]);
    expect(leaked).toBe(false);
  });

  it.each([
    ['an @import', '@import "../secret.css";'],
    ['a url() in a rule', '.reveal { background: url(../secret.png); }'],
    ['an @font-face src', '@font-face { font-family: X; src: url("../secret.png"); }'],
  ])('refuses %s in the theme that leaves the folder', async (_, css) => {
    section('Text.');
    writeFileSync(join(briefing, 'theme.css'), `.reveal { color: #123; }\n${css}\n`);
    writeFileSync(join(briefing, 'index.md'), '---\ntitle: Assets\ntheme: theme.css\n---\n');
    const { errors, leaked } = await buildIt();
    expect(errors).toEqual([expect.objectContaining({ rule: 'asset-escape', file: 'brief/theme.css', line: 2 })]);
    expect(leaked).toBe(false);
  });

  it('refuses a parallax background outside the folder, at its line in index.md', async () => {
    section('Text.');
    writeFileSync(join(briefing, 'index.md'), '---\ntitle: Assets\nreveal:\n  parallaxBackgroundImage: ../secret.png\n---\n');
    const { errors, leaked } = await buildIt();
    expect(errors).toEqual([expect.objectContaining({ rule: 'asset-escape', file: 'brief/index.md', line: 4 })]);
    expect(leaked).toBe(false);
  });

  it('copies the theme\'s own files and a parallax image inside the folder', async () => {
    section('Text.');
    mkdirSync(join(briefing, 'styles'));
    writeFileSync(join(briefing, 'styles', 'theme.css'), '@import "more.css";\n.reveal { background: url(../images/real.png); }\n');
    writeFileSync(join(briefing, 'styles', 'more.css'), 'h1 { color: #123; }\n');
    writeFileSync(join(briefing, 'index.md'), '---\ntitle: Assets\ntheme: styles/theme.css\nreveal:\n  parallaxBackgroundImage: images/real.png\n---\n');
    const { errors } = await buildIt();
    expect(errors).toEqual([]);
    const deck = join(root, 'out', 'brief');
    expect(readFileSync(join(deck, 'theme', 'theme.css'), 'utf8')).toBe('h1 { color: #123; }\n.reveal { background: url("media/images/real.png"); }\n');
    expect(readFileSync(join(deck, 'theme', 'media', 'images', 'real.png'), 'utf8')).toBe('PNGDATA');
    expect(readFileSync(join(deck, 'index.html'), 'utf8')).toContain('"parallaxBackgroundImage":"media/images/real.png"');
  });

  it('writes no PDF when a srcset points outside: the PDF embeds nothing from outside', async () => {
    section('<img alt="x" src="images/real.png" srcset="../secret.png 2x">');
    const { exportPdf } = await import('../../src/api/pdf.js');
    const pdf = await exportPdf({ briefing, cwd: root, out: join(root, 'brief.pdf') });
    expect(pdf.ok).toBe(false);
    expect(pdf.diagnostics.filter((d) => d.severity === 'error')).toEqual([expect.objectContaining({ rule: 'asset-escape', file: 'brief/010-s.md', line: 4 })]);
    expect(existsSync(join(root, 'brief.pdf'))).toBe(false);
  }, 60_000);

  it('refuses a section that is a link to a pipe instead of blocking on it', async () => {
    section('Text.');
    spawnSync('mkfifo', [join(briefing, 'images', 'pipe')]);
    symlinkSync(join(briefing, 'images', 'pipe'), join(briefing, '020-pipe.md'));
    const { errors } = await buildIt();
    expect(errors).toEqual([expect.objectContaining({ rule: 'not-a-file', file: 'brief/020-pipe.md' })]);
  });

  it('reports a theme that is a folder instead of crashing', async () => {
    section('Text.');
    mkdirSync(join(briefing, 'odd.css'));
    writeFileSync(join(briefing, 'index.md'), '---\ntitle: Assets\ntheme: odd.css\n---\n');
    const { errors } = await buildIt();
    expect(errors).toEqual([expect.objectContaining({ rule: 'missing-theme', file: 'brief/index.md' })]);
  });

  it('keeps links to web pages as links without fetching them', async () => {
    section('[NATO](https://www.nato.int/) and [a local file](../secret.png)');
    const { errors, result } = await buildIt();
    expect(errors).toEqual([]);
    expect(result.ok).toBe(true);
  });
});
