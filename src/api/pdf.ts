/**
 * exportPdf(): build a deck in memory and hand it to the PDF exporter (export/pdf/), whose Chromium starts
 * while the deck builds. Never prints; reports progress through a callback and problems as diagnostics.
 */
import { join, resolve } from 'node:path';
import { hasErrors, type Diagnostic } from '../core/diagnostics.js';
import { findChromium, missingBrowser } from '../io/browser/find.js';
import { build, builtDeckOf } from './build.js';
import { configSettings, resolveOptions } from './options.js';
import { projectConfig, type LoadedConfig } from '../io/config.js';

export interface PdfOptions {
  /** The briefing folder to print. */
  briefing: string;
  /** The PDF to write. Default: `<cwd>/dist/<slug>/<slug>.pdf`. */
  out?: string;
  /** Portrait A4 pages, the slide on top and its notes below (the read-ahead format). */
  handout?: boolean;
  /** `separate-page`: each slide's notes on the page after it. Default `none`. */
  notes?: 'none' | 'separate-page';
  /** `final` (default): fragments shown in their final state; `each`: one page per fragment step. */
  fragments?: 'final' | 'each';
  /** A tagged PDF, with a structure tree for screen readers (default `true`); `false` for the smaller file. */
  tagged?: boolean;
  /** Chromium executable; default: $CHROME_PATH, then the usual system locations. */
  browser?: string;
  /** Include sections marked `draft: true`. */
  drafts?: boolean;
  /** The release cut: leave out every section marked above this level and mark the PDF by what remains. */
  maxClassification?: string | undefined;
  /** Only the sections for this audience, and those for everyone. */
  audience?: string;
  /** Only the sections with these ids. */
  only?: readonly string[];
  /** `false`: no speaker notes anywhere in the PDF (a handout then shows the slides only). Default true. */
  speakerNotes?: boolean;
  /** Working directory for relative paths and for the paths shown in messages. */
  cwd?: string;
  /** The project config (see `BuildOptions.config`); default: the `briefing.config.json` that applies in `cwd`; `false`: none. */
  config?: LoadedConfig | false;
  /** Called as the export moves on; `done` of `total` slides in the current stage. */
  onProgress?: (progress: PdfProgress) => void;
  /** Aborting closes the browser at once; exportPdf then rejects with an AbortError. */
  signal?: AbortSignal;
}

export type PdfStage = 'build' | 'layout' | 'launch' | 'print' | 'finish';

export interface PdfProgress {
  stage: PdfStage;
  done: number;
  total: number;
}

/**
 * Milliseconds per step of one export, in order: `build` the deck; `layout` (write the deck folder and lay it
 * out for print); `launch`, the wait for Chromium beyond what the build overlapped; `load` (the print document
 * loaded, its fonts and images ready, notes fitted); `print`, Chromium's own print; `finish` (metadata,
 * outline, document ID added to Chromium's PDF); `write` (the file, atomically). Steps not reached are absent.
 */
export type PdfTimings = Partial<Record<'build' | 'layout' | 'launch' | 'load' | 'print' | 'finish' | 'write', number>>;

export interface PdfResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  /** The PDF written (absolute), when ok. */
  file?: string;
  slug?: string;
  slides: number;
  pages: number;
  bytes: number;
  ms: number;
  /** Where the time went (`briefing pdf --timings`). */
  timings: PdfTimings;
}

/** Export one briefing as a PDF. Problems in the briefing or a missing browser come back as diagnostics. */
export async function exportPdf(options: PdfOptions): Promise<PdfResult> {
  const started = performance.now();
  const cwd = resolve(options.cwd ?? process.cwd());
  const project = projectConfig(options.config, cwd);
  const settings = resolveOptions({ flags: options, config: configSettings(project) });
  const timings: PdfTimings = {};
  const result = (extra: Partial<PdfResult>, diagnostics: Diagnostic[]): PdfResult => ({
    slides: 0, pages: 0, bytes: 0, timings, ...extra, diagnostics, ok: !diagnostics.some((d) => d.severity === 'error'), ms: Math.round(performance.now() - started),
  });
  const progress = (stage: string, done: number, total: number) => options.onProgress?.({ stage: stage as PdfStage, done, total });

  if (hasErrors(project.diagnostics)) return result({}, project.diagnostics);
  const executable = findChromium(settings.browser);
  if (!executable) return result({}, [missingBrowser(settings.browser, cwd, '`briefing pdf` prints')]);
  // Loaded now rather than at the top: importing the library for build() alone stays light.
  const { pdfExporter } = await import('../export/pdf/pdf.js');
  const exporter = pdfExporter(executable, settings, options.signal);
  try {
    progress('build', 0, 0);
    const buildStarted = performance.now();
    const built = await build({ briefings: [options.briefing], cwd, drafts: settings.drafts, maxClassification: settings.maxClassification, audience: settings.audience, only: settings.only, speakerNotes: settings.speakerNotes, dryRun: true, writeIndex: false, config: project });
    const deck = built.ok ? builtDeckOf(built.decks[0]) : undefined;
    timings.build = Math.round((performance.now() - buildStarted) * 10) / 10;
    if (!deck) return result({ slug: built.decks[0]?.slug }, built.diagnostics);
    options.signal?.throwIfAborted();
    const file = resolve(cwd, options.out ?? join(settings.outDir, deck.slug, `${deck.slug}.pdf`));
    const pdf = await exporter.write(deck, file, { cwd, onProgress: progress, ...(options.signal ? { signal: options.signal } : {}) });
    Object.assign(timings, pdf.timings);
    const diagnostics = [...built.diagnostics, ...pdf.diagnostics];
    return result(pdf.file ? { file: pdf.file, slug: deck.slug, slides: pdf.slides, pages: pdf.pages, bytes: pdf.bytes } : { slug: deck.slug }, diagnostics);
  } finally {
    await exporter.close();
  }
}
