/**
 * exportImages(): build a deck in memory and hand it to the slide-images exporter (export/images/), whose
 * Chromium starts while the deck builds. Never prints; reports progress through a callback and problems as
 * diagnostics.
 */
import { join, resolve } from 'node:path';
import { hasErrors, type Diagnostic } from '../core/diagnostics.js';
import { projectConfig, type LoadedConfig } from '../io/config.js';
import { findChromium, missingBrowser } from '../io/browser/find.js';
import { build, builtDeckOf } from './build.js';
import { configSettings, resolveOptions } from './options.js';

export interface ImagesOptions {
  /** The briefing folder. */
  briefing: string;
  /** The folder to write the PNGs into. Default: `<cwd>/dist/<slug>/images`. */
  out?: string;
  /** 1 (default): PNGs at the deck's size; 2: twice as wide and high. */
  scale?: 1 | 2;
  /** Chromium executable; default: $CHROME_PATH, then the usual system locations. */
  browser?: string;
  /** Section filters and speaker notes, as `build` takes them. */
  drafts?: boolean;
  audience?: string;
  only?: readonly string[];
  speakerNotes?: boolean;
  /** The release cut: leave out every section marked above this level. */
  maxClassification?: string;
  /** Working directory for relative paths and for the paths shown in messages. */
  cwd?: string;
  /** The project config (see `BuildOptions.config`); default: the `briefing.config.json` that applies in `cwd`; `false`: none. */
  config?: LoadedConfig | false;
  /** Called as the export moves on: `done` of `total` slides photographed. */
  onProgress?: (stage: string, done: number, total: number) => void;
  /** Aborting closes the browser at once; exportImages then rejects with an AbortError. */
  signal?: AbortSignal;
}

export interface ImagesResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  /** The folder written (absolute), when ok. */
  dir?: string;
  slug?: string;
  /** PNGs written: one per slide. */
  images: number;
  bytes: number;
  ms: number;
}

/** Write one PNG per slide of one briefing. Problems in the briefing or a missing browser come back as diagnostics. */
export async function exportImages(options: ImagesOptions): Promise<ImagesResult> {
  const started = performance.now();
  const cwd = resolve(options.cwd ?? process.cwd());
  const project = projectConfig(options.config, cwd);
  const settings = resolveOptions({ flags: options, config: configSettings(project) });
  const result = (extra: Partial<ImagesResult>, diagnostics: Diagnostic[]): ImagesResult => ({
    images: 0, bytes: 0, ...extra, diagnostics, ok: !diagnostics.some((d) => d.severity === 'error'), ms: Math.round(performance.now() - started),
  });
  if (hasErrors(project.diagnostics)) return result({}, project.diagnostics);
  const executable = findChromium(settings.browser);
  if (!executable) return result({}, [missingBrowser(settings.browser, cwd, '`briefing images` photographs slides')]);
  const built = await build({ briefings: [options.briefing], cwd, drafts: settings.drafts, maxClassification: settings.maxClassification, audience: settings.audience, only: settings.only, speakerNotes: settings.speakerNotes, dryRun: true, writeIndex: false, config: project });
  const deck = built.ok ? builtDeckOf(built.decks[0]) : undefined;
  if (!deck) return result({ slug: built.decks[0]?.slug }, built.diagnostics);
  options.signal?.throwIfAborted();
  const { imagesExporter, deckSize } = await import('../export/images/images.js');
  const exporter = imagesExporter(executable, deckSize(deck.model.deck.meta.reveal), { scale: settings.scale }, options.signal);
  try {
    const dir = resolve(cwd, options.out ?? join(settings.outDir, deck.slug, 'images'));
    const written = await exporter.write(deck, dir, { cwd, ...(options.onProgress ? { onProgress: options.onProgress } : {}), ...(options.signal ? { signal: options.signal } : {}) });
    const diagnostics = [...built.diagnostics, ...written.diagnostics];
    return result(written.file ? { dir: written.file, slug: deck.slug, images: written.pages, bytes: written.bytes } : { slug: deck.slug }, diagnostics);
  } finally {
    await exporter.close();
  }
}
