/**
 * The PDF exporter: write the deck folder to a temporary folder, lay it out for print, print it in one
 * headless Chromium launch, and finish the PDF (metadata, outline, fixed dates) before writing it atomically.
 * Chromium starts (in a worker, see io/browser/worker.ts) as soon as the exporter is created, so it comes
 * up while the deck builds: the launch is the slowest single step of a short export.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { error, warning, type Diagnostic } from '../../core/diagnostics.js';
import type { BriefingIndex } from '../../core/model.js';
import type { Marking } from '../../core/markings/marking.js';
import { revealSettings } from '../../core/compose/reveal.js';
import type { PrintedSlide, PrintPlan } from '../../core/print/layout.js';
import { dateOf, keywordsOf, outlineOf } from '../../core/print/outline.js';
import { replaceFile } from '../../io/atomic.js';
import { launchFailed } from '../../io/browser/find.js';
import { startBrowser } from '../../io/browser/worker.js';
import { emitDeck } from '../../io/emit.js';
import { displayPath, TEMPLATES_DIR } from '../../io/paths.js';
import type { DocumentInfo } from './document.js';
import type { Exporter, ExportResult } from '../types.js';

/** How the PDF is laid out (resolved: see api/options.ts). */
export interface PdfLayout {
  /** Portrait A4 pages, the slide on top and its notes below (the read-ahead format). */
  handout: boolean;
  /** `separate-page`: each slide's notes on the page after it. */
  notes: 'none' | 'separate-page';
  /** `final`: fragments shown in their final state; `each`: one page per fragment step. */
  fragments: 'final' | 'each';
  /** Tagged: Chromium writes the structure tree (headings, lists, tables, figures with their alt text). */
  tagged: boolean;
}

/** Creation date used when the deck has neither `date` nor `asOf`: fixed, so output stays reproducible. */
const FALLBACK_DATE = new Date(Date.UTC(2000, 0, 1));

/** A PDF exporter printing with the Chromium at `executable`, which it starts now; `signal` aborts (and closes) it. */
export function pdfExporter(executable: string, layout: PdfLayout, signal?: AbortSignal): Exporter {
  const session = startBrowser(executable, signal);
  return {
    artifact: 'PDF',
    async write(deck, target, { cwd, onProgress }) {
      const progress = (stage: string, done: number, total: number) => onProgress?.(stage, done, total);
      // Where the time goes, step by step: each lap ends one step (see PdfTimings in api/pdf.ts).
      const timings: Record<string, number> = {};
      let lapStarted = performance.now();
      const lap = (step: string) => {
        const now = performance.now();
        timings[step] = Math.round((now - lapStarted) * 10) / 10;
        lapStarted = now;
      };
      const work = mkdtempSync(join(tmpdir(), 'briefing-pdf-'));
      try {
        // Loaded now, while the worker loads Playwright on the other core: importing the library stays light.
        const [{ printLayout }, { printDocument }] = await Promise.all([import('../../core/print/layout.js'), import('./print.js')]);
        const deckDir = emitDeck(work, deck.slug, deck.files);
        progress('layout', 0, deck.slides);
        const meta = deck.model.deck.meta;
        const reveal = revealSettings(meta.reveal);
        const defaults = revealSettings(undefined);
        const plan = printLayout(deck.html, {
          layout: layout.handout ? 'handout' : 'slides',
          notes: layout.notes,
          fragments: layout.fragments,
          width: dimension(reveal.width, defaults.width),
          height: dimension(reveal.height, defaults.height),
          margin: typeof reveal.margin === 'number' && reveal.margin >= 0 && reveal.margin < 1 ? reveal.margin : defaults.margin,
          slideNumber: reveal.slideNumber,
          css: readFileSync(join(TEMPLATES_DIR, 'print', 'print.css'), 'utf8'),
        });
        const printFile = join(deckDir, '.briefing-print.html');
        writeFileSync(printFile, plan.html);
        progress('layout', plan.slides.length, plan.slides.length);
        lap('layout');

        // pdf-lib takes a quarter of a second to load: load it while Chromium starts and prints.
        const finishing = import('./document.js');
        finishing.catch(() => undefined);
        progress('launch', 0, plan.slides.length);
        const page = await session.ready.catch((cause: unknown) => ({ launchError: cause }));
        signal?.throwIfAborted();
        if ('launchError' in page) return failed(launchFailed(executable, page.launchError, cwd));
        lap('launch');
        progress('print', 0, plan.slides.length);
        const printed = await printDocument(page, { file: printFile, pageSize: plan.pageSize, tagged: layout.tagged }).catch((cause: unknown) => {
          signal?.throwIfAborted(); // a print cut short by Ctrl-C is an abort, not a Chromium failure
          throw cause;
        });
        // Chromium shuts down while pdf-lib finishes the document; `close()` waits for it.
        void session.close();
        progress('print', plan.slides.length, plan.slides.length);
        lapStarted = performance.now();
        timings.load = printed.timings.load;
        timings.print = printed.timings.print;

        progress('finish', 0, plan.slides.length);
        const { finishPdf } = await finishing;
        const pdf = await finishPdf(printed.pdf, documentInfo(meta, deck.model.markings?.overall, plan), outlineOf(plan.slides));
        // Every page of the layout is exactly one PDF page; anything else would point bookmarks at wrong pages.
        if (pdf.pages !== plan.pages) throw new Error(`Chromium printed ${pdf.pages} pages for a layout of ${plan.pages}`);
        lap('finish');
        const why = writeAtomically(target, pdf.bytes);
        if (why) {
          return failed(error('pdf-write-failed', displayPath(target, cwd), `Cannot write the PDF: ${why}`, {}, 'Check that the folder is writable, or pass another --out path.'));
        }
        lap('write');
        progress('finish', plan.slides.length, plan.slides.length);
        const cut = printed.overflowingNotes.map((n) => notesTooLong(plan.slides[n - 1]!, deck.dir, cwd));
        return { file: target, diagnostics: cut, bytes: pdf.bytes.byteLength, pages: pdf.pages, slides: plan.slides.length, timings };
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    },
    close: () => session.close(),
  };
}

function failed(diagnostic: Diagnostic): ExportResult {
  return { diagnostics: [diagnostic], bytes: 0, pages: 0, slides: 0 };
}

type DeckMeta = BriefingIndex['meta'];

/** Title, author (presenter and organization), subject (subtitle), the overall marking, keywords and the fixed date. */
function documentInfo(meta: DeckMeta, overall: Marking | undefined, plan: PrintPlan): DocumentInfo {
  const author = [meta.presenter, meta.organization].filter(Boolean).join(', ');
  return {
    title: meta.title,
    author: author || undefined,
    subject: meta.subtitle,
    classification: overall?.text,
    keywords: keywordsOf(overall?.text, plan.slides),
    lang: meta.lang ?? 'en',
    date: dateOf(meta.date) ?? dateOf(meta.asOf) ?? FALLBACK_DATE,
  };
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
