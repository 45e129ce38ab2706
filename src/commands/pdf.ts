/**
 * exportPdf(): build a deck into a temporary folder, lay it out for print, print it in one headless
 * Chromium launch, and finish the PDF (metadata, outline, fixed dates). Never prints; reports progress
 * through a callback and problems as diagnostics.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { replaceFile } from '../io/atomic.js';
import { join, resolve } from 'node:path';
import { error, warning, type Diagnostic } from '../core/diagnostics.js';
import type { Deck } from '../core/model.js';
import type { PrintedSlide, PrintPlan } from '../core/print-layout.js';
import { dateOf, keywordsOf, outlineOf } from '../core/print-outline.js';
import { findChromium, INSTALL_HINT } from '../io/browser.js';
import { startBrowser } from '../io/pdf-browser.js';
import { displayPath } from '../io/paths.js';
import { TEMPLATES_DIR } from '../io/paths.js';
import type { DocumentInfo } from '../io/pdf-document.js';

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
  /** Chromium executable; default: $CHROME_PATH, then the usual system locations. */
  browser?: string;
  /** Include sections marked `draft: true`. */
  drafts?: boolean;
  /** Working directory for relative paths and for the paths shown in messages. */
  cwd?: string;
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
}

/** Creation date used when the deck has neither `date` nor `asOf`: fixed, so output stays reproducible. */
const FALLBACK_DATE = new Date(Date.UTC(2000, 0, 1));

/** Export one briefing as a PDF. Problems in the briefing or a missing browser come back as diagnostics. */
export async function exportPdf(options: PdfOptions): Promise<PdfResult> {
  const started = performance.now();
  const cwd = resolve(options.cwd ?? process.cwd());
  const result = (extra: Partial<PdfResult>, diagnostics: Diagnostic[]): PdfResult => ({
    slides: 0, pages: 0, bytes: 0, ...extra, diagnostics, ok: !diagnostics.some((d) => d.severity === 'error'), ms: Math.round(performance.now() - started),
  });
  const progress = (stage: PdfStage, done: number, total: number) => options.onProgress?.({ stage, done, total });

  const executable = findChromium(options.browser);
  if (!executable) return result({}, [missingBrowser(options.browser, cwd)]);

  // Chromium starts (in a worker) while the deck builds: the launch is the slowest single step of a short export.
  const session = startBrowser(executable, options.signal);
  const work = mkdtempSync(join(tmpdir(), 'briefing-pdf-'));
  try {
    // Loaded now, on this core while the worker loads Playwright on the other, rather than at the top:
    // importing the library for build() alone stays light, too.
    const [{ build }, { REVEAL_DEFAULTS }, { printLayout }, { printDocument }] = await Promise.all([
      import('../pipeline.js'), import('../core/compose.js'), import('../core/print-layout.js'), import('../io/pdf-print.js'),
    ]);
    progress('build', 0, 0);
    const built = await build({ briefings: [options.briefing], outDir: work, cwd, drafts: options.drafts ?? false });
    const deck = built.decks[0];
    if (!built.ok || !deck?.outDir || !deck.html || !deck.model) return result({ slug: deck?.slug }, built.diagnostics);
    options.signal?.throwIfAborted();

    progress('layout', 0, deck.slides);
    const meta = deck.model.deck.meta;
    const reveal = { ...REVEAL_DEFAULTS, ...(meta.reveal ?? {}) } as Record<string, unknown>;
    const plan = printLayout(deck.html, {
      layout: options.handout ? 'handout' : 'slides',
      notes: options.notes ?? 'none',
      fragments: options.fragments ?? 'final',
      width: dimension(reveal.width, REVEAL_DEFAULTS.width),
      height: dimension(reveal.height, REVEAL_DEFAULTS.height),
      margin: typeof reveal.margin === 'number' && reveal.margin >= 0 && reveal.margin < 1 ? reveal.margin : REVEAL_DEFAULTS.margin,
      slideNumber: reveal.slideNumber,
      classification: meta.classification,
      css: readFileSync(join(TEMPLATES_DIR, 'print', 'print.css'), 'utf8'),
    });
    const printFile = join(deck.outDir, '.briefing-print.html');
    writeFileSync(printFile, plan.html);
    progress('layout', plan.slides.length, plan.slides.length);

    // pdf-lib takes a quarter of a second to load: load it while Chromium starts and prints.
    const finishing = import('../io/pdf-document.js');
    finishing.catch(() => undefined);
    progress('launch', 0, plan.slides.length);
    const page = await session.ready.catch((cause: unknown) => ({ launchError: cause }));
    options.signal?.throwIfAborted();
    if ('launchError' in page) return result({ slug: deck.slug }, [...built.diagnostics, launchFailed(executable, page.launchError, cwd)]);
    progress('print', 0, plan.slides.length);
    const printed = await printDocument(page, { file: printFile, pageSize: plan.pageSize, tagged: false }).catch((cause: unknown) => {
      options.signal?.throwIfAborted(); // a print cut short by Ctrl-C is an abort, not a Chromium failure
      throw cause;
    });
    // Chromium shuts down while pdf-lib finishes the document; `finally` waits for it.
    void session.close();
    progress('print', plan.slides.length, plan.slides.length);

    progress('finish', 0, plan.slides.length);
    const info = documentInfo(meta, plan);
    const { finishPdf } = await finishing;
    const pdf = await finishPdf(printed.pdf, info, outlineOf(plan.slides));
    // Every page of the layout is exactly one PDF page; anything else would point bookmarks at wrong pages.
    if (pdf.pages !== plan.pages) throw new Error(`Chromium printed ${pdf.pages} pages for a layout of ${plan.pages}`);
    const file = resolve(cwd, options.out ?? join('dist', deck.slug, `${deck.slug}.pdf`));
    const failed = writeAtomically(file, pdf.bytes);
    if (failed) {
      return result({ slug: deck.slug }, [...built.diagnostics, error('pdf-write-failed', displayPath(file, cwd), `Cannot write the PDF: ${failed}`, {},
        'Check that the folder is writable, or pass another --out path.')]);
    }
    progress('finish', plan.slides.length, plan.slides.length);
    const cut = printed.overflowingNotes.map((n) => notesTooLong(plan.slides[n - 1]!, deck.dir, cwd));
    return result({ file, slug: deck.slug, slides: plan.slides.length, pages: pdf.pages, bytes: pdf.bytes.byteLength }, [...built.diagnostics, ...cut]);
  } finally {
    await session.close();
    rmSync(work, { recursive: true, force: true });
  }
}

type DeckMeta = Deck['meta'];

/** Title, author (presenter and organization), subject (subtitle), keywords and the fixed date. */
function documentInfo(meta: DeckMeta, plan: PrintPlan): DocumentInfo {
  const author = [meta.presenter, meta.organization].filter(Boolean).join(', ');
  return {
    title: meta.title,
    author: author || undefined,
    subject: meta.subtitle,
    keywords: keywordsOf(meta.classification, plan.slides),
    lang: meta.lang ?? 'en',
    date: dateOf(meta.date) ?? dateOf(meta.asOf) ?? FALLBACK_DATE,
  };
}

function missingBrowser(explicit: string | undefined, cwd: string): Diagnostic {
  const env = process.env.CHROME_PATH;
  const [file, message] = explicit
    ? [displayPath(resolve(cwd, explicit), cwd), `No browser at --browser ${explicit}`]
    : env
      ? [env, `No browser at CHROME_PATH=${env}`]
      : ['chromium', 'No Chromium or Chrome found in the usual places (/usr/bin/chromium, /usr/bin/google-chrome, …)'];
  return error('no-browser', file, `${message}; \`briefing pdf\` prints with headless Chromium`, {}, INSTALL_HINT);
}

function launchFailed(executable: string, cause: unknown, cwd: string): Diagnostic {
  const reason = cause instanceof Error ? cause.message.split('\n')[0]!.replace(/^browserType\.\w+: /, '') : String(cause);
  const missingDriver = /Cannot find (package|module) 'playwright-core'/.test(reason);
  return missingDriver
    ? error('no-browser-driver', 'playwright-core', 'playwright-core, which drives Chromium, is not installed', {}, 'Run `npm install playwright-core` (it downloads no browser).')
    : error('browser-launch-failed', displayPath(executable, cwd), `Chromium did not start: ${reason}`, {}, INSTALL_HINT);
}

function notesTooLong(slide: PrintedSlide, dir: string, cwd: string): Diagnostic {
  const file = slide.source ? displayPath(join(dir, slide.source.file), cwd) : displayPath(join(dir, 'index.md'), cwd);
  return warning('notes-too-long', file, `The notes of slide ${slide.number} (“${slide.title}”) do not fit on their page even in small type; the end is cut off in the PDF`,
    slide.source ? { line: slide.source.line, column: 1 } : {}, 'Shorten the notes, or split the slide in two.');
}

function dimension(value: unknown, fallback: number): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/** Write next to the target and rename, so a failed export never leaves a truncated PDF behind. Returns why it failed, if it did. */
function writeAtomically(file: string, bytes: Uint8Array): string | undefined {
  try {
    replaceFile(file, { content: bytes });
    return undefined;
  } catch (cause) {
    const e = cause as NodeJS.ErrnoException;
    return e.code ? `${e.code} (${e.message.replace(/^\w+: /, '').replace(/, \w+ '.*$/, '')})` : String(cause);
  }
}
