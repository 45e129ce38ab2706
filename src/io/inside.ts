/**
 * Reading files that must be inside a folder, checked on what is actually opened. Checking a path and
 * then reading it leaves a gap: a file swapped for a symlink in between, or a folder on the way swapped
 * for a link to elsewhere, would be read from outside. So the file is opened first and the open
 * descriptor is checked (where it really is, and that it is a regular file), and the bytes are read
 * through that descriptor. Hard links are the same file under two names: no path check can see them.
 */
import { closeSync, constants, copyFileSync, fstatSync, openSync, readFileSync, readlinkSync, readSync, realpathSync, statSync, writeSync, type Stats } from 'node:fs';
import { error, type Diagnostic } from '../core/diagnostics.js';
import { displayPath, isInside } from './paths.js';

/** Why a file cannot be read from inside its folder. */
export type Refusal = 'missing' | 'outside' | 'folder' | 'not-a-file' | 'link';

/** An open, checked file: read it through `fd`, then `closeSync(fd)`. */
export interface OpenFile {
  fd: number;
  stat: Stats;
}

// O_NONBLOCK: opening a named pipe for reading would otherwise wait for a writer; a pipe is refused after fstat.
const READ = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
const HAS_PROC_FD = (() => {
  try {
    return statSync('/proc/self/fd').isDirectory();
  } catch {
    return false;
  }
})();

/**
 * Open `path` for reading if what it names is a regular file inside `root` (absolute, symlink-resolved).
 * `noFollow`: `path` is `<root>/<name>` and must not be a link itself (O_NOFOLLOW; `'link'` when it is).
 * Otherwise links are followed, and the opened file's real location is checked against `root`.
 */
export function openInside(path: string, root: string, noFollow = false): OpenFile | Refusal {
  let fd: number;
  try {
    fd = openSync(path, READ | (noFollow ? constants.O_NOFOLLOW : 0));
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (noFollow && code === 'ELOOP') return 'link';
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
    throw cause;
  }
  try {
    const stat = fstatSync(fd);
    // A link to a pipe outside is an escape before it is a pipe.
    const refusal = (noFollow ? undefined : placeOf(fd, path, stat, root)) ?? (stat.isDirectory() ? 'folder' : !stat.isFile() ? 'not-a-file' : undefined);
    if (refusal) {
      closeSync(fd);
      return refusal;
    }
    return { fd, stat };
  } catch (cause) {
    closeSync(fd);
    throw cause;
  }
}

/** Where the open file is: `outside` unless it is inside `root`. */
function placeOf(fd: number, path: string, stat: Stats, root: string): 'outside' | undefined {
  if (HAS_PROC_FD) {
    // The kernel's name for the open file: exactly what was opened, whatever the path has become since.
    return isInside(readlinkSync(`/proc/self/fd/${fd}`), root) ? undefined : 'outside';
  }
  // Elsewhere: resolve the path now and require that it names the very file that was opened.
  try {
    const real = realpathSync(path);
    const now = statSync(real);
    return isInside(real, root) && now.ino === stat.ino && now.dev === stat.dev ? undefined : 'outside';
  } catch {
    return 'outside';
  }
}

/** Read up to `limit` bytes (plus one, to tell a file over the limit) through an open descriptor. */
export function readOpen(file: OpenFile, limit = Number.MAX_SAFE_INTEGER): Buffer {
  // The size can change after fstat (the file is still being written): read until the end or past the limit.
  const chunks: Buffer[] = [];
  let total = 0;
  for (let want = file.stat.size + 1; total <= limit; want = 1 << 16) {
    const buffer = Buffer.allocUnsafe(Math.min(want, limit + 1 - total));
    const n = readSync(file.fd, buffer, 0, buffer.length, null);
    if (n > 0) chunks.push(n === buffer.length ? buffer : buffer.subarray(0, n));
    total += n;
    // A regular file reads short only at its end.
    if (n < buffer.length) break;
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

/** Thrown when a file that passed its checks is, when opened, outside its folder (it was swapped during the build). */
export class EscapedFileError extends Error {
  readonly code = 'EESCAPED';
  constructor(readonly path: string, readonly refusal: Refusal) {
    super(`${path} is no longer a file inside the briefing folder (${refusal})`);
    this.name = 'EscapedFileError';
  }
}

/** The bytes of `path`, which must be a regular file inside `root` when it is opened. */
export function readInside(path: string, root: string): Buffer {
  const file = openInside(path, root);
  if (typeof file === 'string') throw new EscapedFileError(path, file);
  try {
    return readOpen(file);
  } finally {
    closeSync(file.fd);
  }
}

/** Copy `path`, which must be a regular file inside `root` when it is opened, to the new file `dest`. */
export function copyInside(path: string, root: string, dest: string): void {
  const file = openInside(path, root);
  if (typeof file === 'string') throw new EscapedFileError(path, file);
  try {
    const out = openSync(dest, 'w', 0o644);
    try {
      const buffer = Buffer.allocUnsafe(1 << 20);
      for (let n; (n = readSync(file.fd, buffer, 0, buffer.length, null)) > 0; ) {
        for (let done = 0; done < n; ) done += writeSync(out, buffer, done, n - done);
      }
    } finally {
      closeSync(out);
    }
  } finally {
    closeSync(file.fd);
  }
}

/** Copy an output file's source to `dest`: through a checked descriptor when it must stay inside a folder. */
export function copyFrom(file: { from: string; inside?: string }, dest: string): void {
  if (file.inside) copyInside(file.from, file.inside, dest);
  else copyFileSync(file.from, dest);
}

/** The bytes of an output file's source, read through a checked descriptor when it must stay inside a folder. */
export function bytesFrom(file: { from: string; inside?: string }): Buffer {
  return file.inside ? readInside(file.from, file.inside) : readFileSync(file.from);
}

/** The diagnostic for a file that was swapped for a link to elsewhere while the deck was built. */
export function escapedDiagnostic(cause: EscapedFileError, cwd: string): Diagnostic {
  return error('asset-escape', displayPath(cause.path, cwd), 'File changed while the deck was built: it is no longer a file inside the briefing folder, so it was not copied',
    {}, 'Build again once the briefing folder has stopped changing; a link must point inside the briefing folder.');
}
