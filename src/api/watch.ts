/** Watch mode: build a briefing, then rebuild incrementally on every change and update its deck folder in place. */
import { realpathSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { BriefingError, error, hasErrors, sortDiagnostics, type Diagnostic } from '../core/diagnostics.js';
import { renderIndexPage } from '../core/compose/index-page.js';
import { buildDeck, createCache, type DeckResult } from '../pipeline/run.js';
import { emitDeck, emitIndex } from '../io/emit.js';
import { displayPath } from '../io/paths.js';
import { signaturesOf, syncDeck, type Signatures } from '../io/sync.js';
import { createWatcher } from '../io/watch.js';
import { configSettings, resolveOptions } from './options.js';
import { deckDefaultsOf, projectConfig, type LoadedConfig } from '../io/config.js';

export interface WatchOptions {
  /** The briefing folder. */
  briefing: string;
  /** Output root: the deck is kept up to date in `<outDir>/<slug>/`. */
  outDir: string;
  /** Working directory for the paths shown in messages. Default: the process's. */
  cwd?: string;
  drafts?: boolean;
  /** The release cut: leave out every section marked above this level. */
  maxClassification?: string | undefined;
  /** Section filters and speaker notes, as `build` takes them. */
  audience?: string | undefined;
  only?: readonly string[] | undefined;
  speakerNotes?: boolean | undefined;
  /** Also keep `<outDir>/index.html`, the list of decks, as `build` does. */
  writeIndex?: boolean;
  /** The project config (see `BuildOptions.config`), read once at the start; default: the one that applies in `cwd`; `false`: none. */
  config?: LoadedConfig | false;
  /** Quiet time that closes a burst of changes into one rebuild (default: DEFAULTS in options.ts). */
  debounceMs?: number;
  /** Listen to the file system (default true); `false` leaves only `trigger`, for tests. */
  fsEvents?: boolean;
  /**
   * Keep the deck's index.html in memory (`session.html`) instead of writing it: what `serve` does. At a
   * thousand sections the page is megabytes, and encoding and writing it would be most of a rebuild.
   */
  htmlInMemory?: boolean;
  /** Called after the first build and after every rebuild, whether it worked or not. */
  onBuild?(event: BuildEvent): void;
}

/** One build of a watch session. */
export interface BuildEvent {
  /** 0 for the first build, then 1, 2, … */
  number: number;
  /** What triggered it, as shown to the user (empty for the first build). */
  changed: string[];
  result: DeckResult;
  ok: boolean;
  /** Errors and warnings, sorted. */
  diagnostics: Diagnostic[];
  /** Deck files written or removed in this build; empty when nothing the browser sees changed. */
  written: string[];
  removed: string[];
  /** Bumped whenever the deck folder changed: what tells an open page to reload. */
  version: number;
  /** Wall time of the build, emit included. */
  ms: number;
}

export interface WatchSession {
  slug: string;
  /** The deck folder kept up to date. */
  deckDir: string;
  /** The latest build. */
  readonly last: BuildEvent;
  /** The deck page of the last good build, with `htmlInMemory` (otherwise it is in the deck folder). */
  readonly html: string | undefined;
  /** Number of files and folders being watched. */
  readonly watching: number;
  /** Report a change as the file system would (tests drive rebuilds with this). */
  trigger(path: string): void;
  /** Resolves when no rebuild is waiting or running. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Build `options.briefing` once, then keep rebuilding it on change until `close()`. Never prints; rejects
 * with a BriefingError when the folder is not a briefing at all.
 */
export async function watch(options: WatchOptions): Promise<WatchSession> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const project = projectConfig(options.config, cwd);
  if (hasErrors(project.diagnostics)) throw new BriefingError(project.diagnostics);
  const flags = { debounceMs: options.debounceMs, drafts: options.drafts, maxClassification: options.maxClassification, audience: options.audience, only: options.only, speakerNotes: options.speakerNotes };
  const settings = resolveOptions({ flags, config: configSettings(project) });
  const deckDefaults = deckDefaultsOf(project);
  const outDir = resolve(cwd, options.outDir);
  const dir = realFolder(resolve(cwd, options.briefing));
  const slug = basename(dir);
  const cache = createCache();
  let signatures: Signatures | undefined;
  let html: string | undefined;
  let version = 0;
  let watched: string[] = [dir];
  let number = 0;

  const failed = (diagnostic: Diagnostic): DeckResult => ({ slug, dir, slides: 0, sections: 0, rendered: [], ms: 0, timings: { load: 0, parse: 0, render: 0, compose: 0, emit: 0 }, diagnostics: [diagnostic], watch: [], ok: false });
  const run = async (changed: string[] | undefined): Promise<BuildEvent> => {
    const started = performance.now();
    let result: DeckResult;
    let written: string[] = [];
    let removed: string[] = [];
    try {
      result = await buildDeck(dir, { cwd, outDir, cache, drafts: settings.drafts, maxClassification: settings.maxClassification, audience: settings.audience, only: settings.only, speakerNotes: settings.speakerNotes, deckDefaults, ...(changed ? { changed } : {}) });
    } catch (cause) {
      result = failed({ ...error('internal-error', displayPath(dir, cwd), `Internal error while building: ${cause instanceof Error ? cause.message : String(cause)}`, {},
        'Save the file again to retry; report it if it persists (run with --debug for the stack trace).'), cause });
    }
    try {
      if (result.ok && result.files) {
        const files = options.htmlInMemory ? result.files.filter((f) => f.path !== 'index.html') : result.files;
        if (!signatures) {
          // The first good build replaces whatever deck was there, atomically, as `build` does.
          const target = emitDeck(outDir, result.slug, files);
          // Served decks live in a temporary folder the user never opens; only a written deck has a path to show.
          if (!options.htmlInMemory) result = { ...result, outDir: target };
          signatures = signaturesOf(files);
          written = files.map((f) => f.path);
          if (options.writeIndex) emitIndex(outDir, renderIndexPage);
        } else {
          ({ written, removed, signatures } = syncDeck(resolve(outDir, result.slug), files, signatures));
        }
        if (options.htmlInMemory && result.html !== html) {
          html = result.html;
          written.unshift('index.html');
        }
        if (written.length || removed.length) version++;
      }
    } catch (cause) {
      // A disk error while writing the deck must not end the session: report it like any other problem.
      const diagnostic = { ...error('write-failed', displayPath(outDir, cwd), `Could not update the deck: ${cause instanceof Error ? cause.message : String(cause)}`, {},
        'Check that the output folder is writable and the disk is not full.'), cause };
      result = failed(diagnostic);
    }
    // A failed build may not have got far enough to list everything; keep watching what the last one read.
    watched = result.ok ? [dir, ...result.watch] : [...new Set([...watched, ...result.watch])];
    return {
      number: number++,
      changed: (changed ?? []).map((p) => displayPath(p, cwd)),
      result,
      ok: result.ok,
      // The config file's warnings (an unknown key) are told once, with the first build.
      diagnostics: sortDiagnostics(number === 0 ? [...project.diagnostics, ...result.diagnostics] : result.diagnostics),
      written,
      removed,
      version,
      ms: Math.round(performance.now() - started),
    };
  };

  let last = await run(undefined);
  // A wrong path is a mistake to report now, not a folder to wait for.
  const notBriefing = last.diagnostics.filter((d) => d.rule === 'not-a-briefing');
  if (notBriefing.length) throw new BriefingError(notBriefing);
  options.onBuild?.(last);
  const watcher = createWatcher({
    paths: watched,
    debounceMs: settings.debounceMs,
    maxWaitMs: settings.maxWaitMs,
    ...(options.fsEvents !== undefined ? { fsEvents: options.fsEvents } : {}),
    async onChange(paths) {
      last = await run(paths);
      watcher.update(watched);
      options.onBuild?.(last);
    },
  });

  return {
    slug,
    deckDir: resolve(outDir, slug),
    get last() {
      return last;
    },
    get html() {
      return html;
    },
    get watching() {
      return watcher.size;
    },
    trigger: (path) => watcher.trigger(resolve(cwd, path)),
    idle: () => watcher.idle(),
    async close() {
      watcher.close();
      await watcher.idle();
    },
  };
}

function realFolder(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
