/** Incremental emit for watch mode: update a deck folder in place, writing only the files that changed. */
import { rmSync, statSync } from 'node:fs';
import { replaceFile } from './atomic.js';
import { dirname, join, relative, resolve } from 'node:path';
import { withOutputLock } from './lock.js';
import type { OutputFile } from '../core/model.js';

/** What each file of a deck folder was written from: its content, or its source path, size and time. */
export type Signatures = Map<string, string | Uint8Array>;

/** What was done to the deck folder. */
export interface SyncResult {
  written: string[];
  removed: string[];
  signatures: Signatures;
}

/** The signatures of `files` as they are now, e.g. right after a full emit. */
export function signaturesOf(files: readonly OutputFile[]): Signatures {
  return new Map(files.map((f) => [f.path, signature(f)]));
}

/**
 * Bring `deckDir` from `previous` to `files`: write new and changed files, delete files that are gone.
 * Each file is replaced by a rename, so a server reading the folder never sees half a file.
 */
export function syncDeck(deckDir: string, files: readonly OutputFile[], previous: Signatures): SyncResult {
  // A build into the same output folder swaps whole deck folders: it waits while this updates files in one.
  return withOutputLock(dirname(resolve(deckDir)), () => syncFiles(resolve(deckDir), files, previous));
}

function syncFiles(root: string, files: readonly OutputFile[], previous: Signatures): SyncResult {
  const signatures: Signatures = new Map();
  const written: string[] = [];
  for (const file of files) {
    const now = signature(file);
    signatures.set(file.path, now);
    if (same(previous.get(file.path), now)) continue;
    const dest = join(root, ...file.path.split('/'));
    const rel = relative(root, dest);
    if (!rel || rel.startsWith('..')) throw new Error(`refusing to write ${file.path} outside the deck folder`);
    replaceFile(dest, file);
    written.push(file.path);
  }
  const removed: string[] = [];
  for (const path of previous.keys()) {
    if (signatures.has(path)) continue;
    rmSync(join(root, ...path.split('/')), { force: true });
    removed.push(path);
  }
  return { written, removed, signatures };
}

function signature(file: OutputFile): string | Uint8Array {
  if ('content' in file) return file.content;
  try {
    const stat = statSync(file.from);
    return `\u0000from:${file.from}:${stat.size}:${stat.mtimeMs}`;
  } catch {
    return `\u0000from:${file.from}:missing`;
  }
}

function same(a: string | Uint8Array | undefined, b: string | Uint8Array): boolean {
  if (a === undefined) return false;
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);
}
