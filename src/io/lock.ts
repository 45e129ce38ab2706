/**
 * One writer at a time per output folder. Two builds into the same `--out` would otherwise swap deck
 * folders under each other (one renames away the folder the other is about to rename). A lock file,
 * created exclusively, makes the second build wait; a lock left by a killed build is taken over.
 */
import { closeSync, linkSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** The lock file inside an output folder (a dot file: never listed as a deck, never served). */
export const LOCK_FILE = '.briefing.lock';
/** A lock is held only while files are written and swapped; one this old was left by a build that hung or died. */
const STALE_MS = 5 * 60_000;
/** How long a build waits for another build's lock before giving up with a clear error. */
const WAIT_MS = 10 * 60_000;

const held = new Map<string, number>();
const pause = new Int32Array(new SharedArrayBuffer(4));

/** Run `write` while holding the lock of `outRoot` (which must exist); re-entrant within one process. */
export function withOutputLock<T>(outRoot: string, write: () => T): T {
  const file = join(outRoot, LOCK_FILE);
  const depth = held.get(file) ?? 0;
  if (!depth) acquire(file);
  held.set(file, depth + 1);
  try {
    return write();
  } finally {
    if (depth) held.set(file, depth);
    else {
      held.delete(file);
      rmSync(file, { force: true });
    }
  }
}

function acquire(file: string): void {
  const me = `${process.pid} ${hostname()}\n`;
  const deadline = Date.now() + WAIT_MS;
  for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
    try {
      const fd = openSync(file, 'wx', 0o644);
      try {
        writeSync(fd, me);
      } finally {
        closeSync(fd);
      }
      return;
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== 'EEXIST') throw cause;
    }
    if (breakIfStale(file)) continue;
    if (Date.now() > deadline) {
      throw Object.assign(new Error(`another briefing process has held ${file} for ${WAIT_MS / 60_000} minutes`), { code: 'ELOCKED' });
    }
    // Synchronous on purpose: the emit stage is synchronous, and the wait is as long as another deck's write.
    Atomics.wait(pause, 0, 0, wait);
  }
}

/**
 * Remove the lock when its owner is gone (a process on this machine that no longer runs, or a lock older
 * than any write takes). The lock is renamed aside first and removed only if it is still the file judged
 * stale, so two waiters cannot both break it and remove the lock the other just took.
 */
function breakIfStale(file: string): boolean {
  let judged: { ino: number; content: string };
  try {
    judged = { ino: statSync(file).ino, content: readFileSync(file, 'utf8') };
  } catch {
    return true;
  }
  if (!isStale(judged.content, statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0)) return false;
  const aside = `${file}.stale-${process.pid}`;
  try {
    renameSync(file, aside);
  } catch {
    return true;
  }
  if (statSync(aside).ino === judged.ino) rmSync(aside, { force: true });
  else {
    // Another waiter broke the stale lock and took a fresh one in between: give it back (unless a third took the name).
    try {
      linkSync(aside, file);
    } catch {
      // Nothing to give back to: the name is taken again.
    }
    rmSync(aside, { force: true });
  }
  return true;
}

function isStale(content: string, mtimeMs: number): boolean {
  if (Date.now() - mtimeMs > STALE_MS) return true;
  const [pid, host] = content.trim().split(' ');
  // A lock still being written has no content yet; a lock from another machine is judged by age only.
  if (!pid || host !== hostname()) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (cause) {
    return (cause as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
