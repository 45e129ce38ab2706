/** Watch the files a build read; debounce bursts, and run rebuilds one at a time without losing a change. */
import { existsSync, statSync, watch as watchFolder, type FSWatcher } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface WatcherOptions {
  /** Files and folders to watch, as the build reports them (`DeckResult.watch`). */
  paths: readonly string[];
  /** Handles one batch of changed absolute paths; the next batch waits until this one settles. */
  onChange(paths: string[]): Promise<void> | void;
  /** Quiet time that closes a burst of changes into one batch (default: api/options.ts). */
  debounceMs: number;
  /**
   * Longest a burst may hold back its batch: a file that keeps changing (an editor autosaving, a sync tool)
   * is still rebuilt this often (default: api/options.ts).
   */
  maxWaitMs: number;
  /** Listen to the file system (default true). `false` leaves only `trigger`, so a test controls every change. */
  fsEvents?: boolean;
  /**
   * How often to check that each watched folder is still the one being watched (default 500 ms). A folder
   * deleted and recreated, or renamed away and back, is a new folder the old watch never hears from.
   */
  recheckMs?: number;
  /** A folder could not be watched, or `onChange` threw. The watcher carries on. */
  onError?(error: Error): void;
}

export interface Watcher {
  /** Report a change as the file system would: the entry point tests use. */
  trigger(path: string): void;
  /** Watch a new list of paths (a rebuild may have read other files than the last one). */
  update(paths: readonly string[]): void;
  /** Resolves once no change is waiting and no batch is running. */
  idle(): Promise<void>;
  /** Number of files and folders being watched. */
  readonly size: number;
  close(): void;
}

/**
 * Watch `paths`. Folders are watched rather than single files, because editors often save by writing a
 * new file and renaming it over the old one, which a watch on the old file would not survive. Changes
 * that arrive while `onChange` runs are queued for the next batch (as Eleventy's WatchQueue does).
 */
export function createWatcher(options: WatcherOptions): Watcher {
  const debounceMs = options.debounceMs;
  const maxWaitMs = Math.max(options.maxWaitMs, debounceMs);
  const useFs = options.fsEvents ?? true;
  const folders = new Map<string, FSWatcher>();
  /** Identity (device and inode) of each watched folder when its watch began. */
  const identity = new Map<string, string>();
  /** Folders the build needs, watched or not (a missing one is watched once it appears). */
  let wanted = new Set<string>();
  const isFolder = new Map<string, boolean>();
  let files = new Set<string>();
  let listed = new Set<string>();
  const pending = new Set<string>();
  const triggered = new Set<string>();
  const waiters: (() => void)[] = [];
  let timer: NodeJS.Timeout | undefined;
  /** When the burst now waiting began. */
  let burstStart = 0;
  let running = false;
  let closed = false;

  const settle = () => {
    if (timer || running || pending.size) return;
    for (const resolve of waiters.splice(0)) resolve();
  };
  const schedule = () => {
    const now = Date.now();
    if (timer) clearTimeout(timer);
    else burstStart = now;
    // Each change restarts the quiet time, but never past the burst's deadline.
    timer = setTimeout(flush, Math.max(0, Math.min(debounceMs, burstStart + maxWaitMs - now)));
  };
  const flush = () => {
    timer = undefined;
    if (running || closed) return settle();
    // A file that came and went within the burst (an editor's or sed's temporary file) changed nothing the build reads.
    const batch = [...pending].filter((p) => triggered.has(p) || files.has(p) || listed.has(p) || existsSync(p)).sort();
    pending.clear();
    triggered.clear();
    if (!batch.length) return settle();
    running = true;
    Promise.resolve()
      .then(() => options.onChange(batch))
      .catch((cause: unknown) => options.onError?.(cause instanceof Error ? cause : new Error(String(cause))))
      .finally(() => {
        running = false;
        if (pending.size && !closed) schedule();
        else settle();
      });
  };
  const add = (path: string) => {
    if (closed) return;
    pending.add(path);
    schedule();
  };

  // An event in a watched folder matters when it names a watched path, or an entry of a folder the build
  // listed (a new section, a new template). Editor swap and backup files never do.
  const onEvent = (folder: string, name: string | null) => {
    if (!name) return add(folder);
    const path = join(folder, name);
    const base = basename(name);
    if (base.startsWith('.') || base.endsWith('~') || /^\d+$/.test(base)) return;
    if (files.has(path) || listed.has(folder) || listed.has(path)) add(path);
  };

  let current: readonly string[] = [];
  let complete = false;
  const unwatch = (folder: string) => {
    folders.get(folder)?.close();
    folders.delete(folder);
    identity.delete(folder);
    current = [];
    complete = false;
  };
  const watchFolderOnce = (folder: string) => {
    if (folders.has(folder) || !useFs) return;
    try {
      const id = identityOf(folder);
      if (!id) return;
      const watcher = watchFolder(folder, { persistent: true }, (_event, name) => onEvent(folder, name === null ? null : String(name)));
      watcher.on('error', () => {
        // The folder went away (deleted or renamed): report it, and re-watch it when a rebuild lists it again.
        unwatch(folder);
        add(folder);
      });
      folders.set(folder, watcher);
      identity.set(folder, id);
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== 'ENOENT') options.onError?.(cause as Error);
    }
  };
  // On Linux a deleted folder's watch ends without an error: check each folder's identity now and then. A
  // folder that went away, or came back as another folder, is a change (the rebuild says what is wrong),
  // and is watched again as soon as it exists.
  const recheck = useFs
    ? setInterval(() => {
        for (const folder of wanted) {
          const now = identityOf(folder);
          if (now === identity.get(folder)) continue;
          if (folders.has(folder)) unwatch(folder);
          if (now) watchFolderOnce(folder);
          triggered.add(folder);
          add(folder);
        }
      }, options.recheckMs ?? 500)
    : undefined;
  recheck?.unref();

  const update = (paths: readonly string[]) => {
    // Most rebuilds read the same files as the last one; comparing is cheaper than re-deriving the folders.
    if (closed || (complete && paths.length === current.length && paths.every((p, i) => p === current[i]))) return;
    current = [...paths];
    const parents = new Set(paths.map((p) => dirname(p)));
    const nextListed = new Set<string>();
    const nextFiles = new Set<string>();
    for (const path of paths) {
      let folder = isFolder.get(path);
      if (folder === undefined) {
        try {
          folder = statSync(path).isDirectory();
          isFolder.set(path, folder);
        } catch {
          folder = false;
        }
      }
      if (folder) nextListed.add(path);
      else nextFiles.add(path);
    }
    wanted = new Set([...parents, ...nextListed]);
    for (const folder of [...folders.keys()]) if (!wanted.has(folder)) unwatch(folder);
    for (const folder of wanted) watchFolderOnce(folder);
    // A folder that does not exist yet cannot be watched; the recheck watches it when it appears.
    complete = !useFs || [...wanted].every((f) => folders.has(f));
    current = [...paths];
    files = nextFiles;
    listed = nextListed;
  };

  update(options.paths);
  return {
    trigger(path) {
      triggered.add(path);
      add(path);
    },
    update,
    idle: () => new Promise<void>((resolve) => {
      waiters.push(resolve);
      settle();
    }),
    get size() {
      return files.size + listed.size;
    },
    close() {
      closed = true;
      if (recheck) clearInterval(recheck);
      if (timer) clearTimeout(timer);
      timer = undefined;
      for (const watcher of folders.values()) watcher.close();
      folders.clear();
      pending.clear();
      if (!running) for (const resolve of waiters.splice(0)) resolve();
    },
  };
}

/** A folder's device and inode, or undefined when it is not there (or not a folder). */
function identityOf(folder: string): string | undefined {
  const stat = statSync(folder, { throwIfNoEntry: false });
  return stat?.isDirectory() ? `${stat.dev}:${stat.ino}` : undefined;
}
