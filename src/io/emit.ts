/** The emit stage: write a deck folder atomically, so a failed build never leaves a half-written deck. */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, openSync, readSync, closeSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { replaceFile } from './atomic.js';
import { copyFrom } from './inside.js';
import { withOutputLock } from './lock.js';
import type { OutputFile } from '../core/model.js';

/**
 * Write `files` into `<outRoot>/<slug>`: everything goes to a temporary folder inside `outRoot`
 * first, then replaces the previous deck with two renames. Nothing outside `outRoot` is touched.
 * Builds into one `outRoot` take turns (a lock file), and each first repairs what a killed build left.
 */
export function emitDeck(outRoot: string, slug: string, files: readonly OutputFile[]): string {
  const root = resolve(outRoot);
  const target = join(root, slug);
  if (slug.includes('/') || slug.includes(sep) || slug.startsWith('.') || relative(root, target).startsWith('..')) {
    throw new Error(`refusing to write deck "${slug}" outside ${root}`);
  }
  mkdirSync(root, { recursive: true });
  return withOutputLock(root, () => {
    repairOutput(root);
    const staging = mkdtempSync(join(root, `.${slug}.tmp-`));
    try {
      // mkdtemp makes the folder private (0700); the deck is for a web server and colleagues to read.
      chmodSync(staging, 0o755);
      for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
        const dest = join(staging, ...file.path.split('/'));
        if (relative(staging, dest).startsWith('..')) throw new Error(`refusing to write ${file.path} outside the deck folder`);
        mkdirSync(dirname(dest), { recursive: true });
        if ('from' in file) {
          copyFrom(file, dest);
          // A copy keeps its source's mode; an image saved private (0600) must still be readable in the deck.
          chmodSync(dest, 0o644);
        } else writeFileSync(dest, file.content, { mode: 0o644 });
      }
      // A kill between these two renames leaves the old deck in `<staging>.old`: repairOutput puts it back.
      const previous = existsSync(target) ? `${staging}.old` : undefined;
      if (previous) renameSync(target, previous);
      renameSync(staging, target);
      if (previous) rmSync(previous, { recursive: true, force: true });
    } catch (cause) {
      rmSync(staging, { recursive: true, force: true });
      throw cause;
    }
    return target;
  });
}

/** A staging folder (`.<slug>.tmp-XXXXXX`) or the previous deck moved aside during a swap (`….old`). */
const STAGING = /^\.(.+)\.tmp-[A-Za-z0-9]{6}(\.old)?$/;

/**
 * Clean up after builds that were killed while writing into `root` (called with the lock held, so no
 * live build owns these): a deck moved aside whose replacement never arrived is moved back, and every
 * other staging folder is removed.
 */
export function repairOutput(root: string): void {
  const leftovers = readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory() && STAGING.test(e.name)).map((e) => e.name).sort();
  for (const name of leftovers) {
    const [, slug, old] = STAGING.exec(name)!;
    if (old && !existsSync(join(root, slug!))) renameSync(join(root, name), join(root, slug!));
    else rmSync(join(root, name), { recursive: true, force: true });
  }
}

const GENERATOR = '<meta name="generator" content="briefing">';

/**
 * Write `<outRoot>/index.html` listing the decks there, as `render` turns the list into a page. The list is
 * taken with the output lock held, so two builds finishing together both end up listed. An index.html that
 * briefing did not write is left alone.
 */
export function emitIndex(outRoot: string, render: (decks: ReturnType<typeof listDecks>) => string): boolean {
  const root = resolve(outRoot);
  const target = join(root, 'index.html');
  mkdirSync(root, { recursive: true });
  return withOutputLock(root, () => {
    if (existsSync(target) && !readFileSync(target, 'utf8').includes(GENERATOR)) return false;
    replaceFile(target, { content: render(listDecks(root)).replace('<head>', `<head>\n${GENERATOR}`) });
    return true;
  });
}

/** Decks already in `outRoot`: folders with an index.html written by briefing, with their titles and overall markings. */
export function listDecks(outRoot: string): { slug: string; title: string; classification?: string }[] {
  const root = resolve(outRoot);
  if (!existsSync(root)) return [];
  const decks: { slug: string; title: string; classification?: string }[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const index = join(root, entry.name, 'index.html');
    if (!existsSync(index)) continue;
    const html = readHead(index);
    if (!html.includes('name="generator" content="briefing"')) continue;
    const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? entry.name;
    const classification = /<meta name="classification" content="([^"]*)">/.exec(html)?.[1];
    decks.push({ slug: entry.name, title, ...(classification ? { classification } : {}) });
  }
  return decks.sort((a, b) => (a.slug < b.slug ? -1 : 1));
}

/** The start of a page, where its generator and title are: a 1,000-section deck's page is megabytes. */
function readHead(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.toString('utf8', 0, length);
  } finally {
    closeSync(fd);
  }
}
