/** Replace one file atomically: readers see the old file or the new one, never half of either. */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { copyFrom } from './inside.js';
import { basename, dirname, join } from 'node:path';

/**
 * Write `content` (or a copy of the file `from`) to `dest` through a hidden sibling and a rename.
 * The staging name starts with a dot, so the dev server, which never serves dot files, cannot hand
 * out a half-written copy. On failure the staging file is removed and the error rethrown.
 */
export function replaceFile(dest: string, source: { content: string | Uint8Array } | { from: string; inside?: string }): void {
  const staging = join(dirname(dest), `.${basename(dest)}.tmp-${process.pid}`);
  try {
    mkdirSync(dirname(dest), { recursive: true });
    if ('from' in source) copyFrom(source, staging);
    else writeFileSync(staging, source.content);
    renameSync(staging, dest);
  } catch (cause) {
    rmSync(staging, { force: true });
    throw cause;
  }
}
