/** `briefing pdf`: export briefings as PDF documents, with a progress bar on a terminal and Ctrl-C handling. */
import { resolve } from 'node:path';
import { exportPdf, type PdfOptions, type PdfProgress, type PdfResult } from '../api/pdf.js';
import { displayPath } from '../io/paths.js';
import { cutOptions } from './build.js';
import { exportTargets } from './targets.js';
import { report, visible, type Io, type Style } from './report.js';
import type { LoadedConfig } from '../io/config.js';

export interface PdfFlags {
  briefings: string[];
  /** The project's config file, read and reported by the CLI (`cli.ts`); its values already fill the flags. */
  config?: LoadedConfig | undefined;
  out?: string | undefined;
  handout: boolean;
  notes?: string | undefined;
  fragments?: string | undefined;
  untagged?: boolean;
  browser?: string | undefined;
  drafts: boolean;
  /** The release cut (`--max-classification LEVEL`). */
  maxClassification?: string | undefined;
  /** `--no-notes`, `--audience`, `--only` (see cli/build.ts `cutOptions`). */
  noNotes?: boolean;
  audience?: string | undefined;
  only?: string | undefined;
  /** Print where the time went after the result (`--timings`), on stderr. */
  timings?: boolean;
}


const NOTES = ['none', 'separate-page'] as const;
const FRAGMENTS = ['final', 'each'] as const;
/** Exit code after Ctrl-C, as shells report a process ended by SIGINT. */
const INTERRUPTED = 130;

/** Run `briefing pdf` from CLI flags; returns the exit code. */
export async function runPdf(flags: PdfFlags, io: Io): Promise<number> {
  const cut = cutOptions(flags);
  const usage = 'usage' in cut ? cut.usage : usageProblem(flags);
  if (usage || 'usage' in cut) {
    io.err(`briefing pdf: ${visible(usage ?? '')}`);
    return 2;
  }
  const cwd = process.cwd();
  const dirs = await exportTargets('pdf', flags, 'file', io);
  if (typeof dirs === 'number') return dirs;

  // Ctrl-C aborts the export, which closes Chromium before the process exits.
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.on('SIGINT', onSigint);
  let code = 0;
  try {
    for (const dir of dirs) {
      const bar = process.stderr.isTTY && process.env.TERM !== 'dumb' ? progressBar(displayPath(dir, cwd), io) : undefined;
      const options: PdfOptions = {
        briefing: dir,
        cwd,
        config: flags.config,
        handout: flags.handout,
        notes: (flags.notes ?? 'none') as PdfOptions['notes'],
        fragments: (flags.fragments ?? 'final') as PdfOptions['fragments'],
        ...(flags.untagged ? { tagged: false } : {}),
        drafts: flags.drafts,
        ...cut,
        signal: controller.signal,
        ...(flags.out ? { out: flags.out } : {}),
        ...(flags.browser ? { browser: flags.browser } : {}),
        ...(bar ? { onProgress: bar.update } : {}),
      };
      let result: PdfResult;
      try {
        result = await exportPdf(options);
      } catch (cause) {
        bar?.clear();
        if (controller.signal.aborted) {
          io.err('briefing pdf: interrupted; Chromium was closed and no PDF was written.');
          return INTERRUPTED;
        }
        throw cause;
      }
      bar?.clear();
      report(result.diagnostics, io);
      if (result.ok) io.out(summaryLine(result, cwd, io.style));
      else code = 1;
      if (flags.timings) io.err(timingsLine(result, io.errStyle));
    }
  } finally {
    process.off('SIGINT', onSigint);
  }
  return code;
}

function usageProblem(flags: PdfFlags): string | undefined {
  if (flags.notes !== undefined && !(NOTES as readonly string[]).includes(flags.notes)) return `--notes must be one of ${NOTES.join(', ')} (got "${flags.notes}").`;
  if (flags.fragments !== undefined && !(FRAGMENTS as readonly string[]).includes(flags.fragments)) return `--fragments must be one of ${FRAGMENTS.join(', ')} (got "${flags.fragments}").`;
  if (flags.noNotes && flags.notes === 'separate-page') return '--no-notes leaves the speaker notes out; leave out --notes separate-page.';
  if (flags.handout && flags.notes === 'separate-page') return '--handout already prints each slide\'s notes below it; leave out --notes separate-page.';
  if (flags.out !== undefined && !/\.pdf$/i.test(flags.out)) return `--out names the PDF file to write and must end in .pdf (got "${flags.out}").`;
  return undefined;
}

/** "✓ nato-ukraine  39 pages, 239 KB, 2.1 s -> dist/nato-ukraine/nato-ukraine.pdf" */
export function summaryLine(result: PdfResult, cwd: string, style: Style): string {
  const where = result.file ? ` -> ${visible(displayPath(resolve(result.file), cwd))}` : '';
  return `${style.green('✓')} ${style.bold(visible(result.slug ?? 'pdf'))}  ${result.pages} pages, ${kilobytes(result.bytes)}, ${(result.ms / 1000).toFixed(1)} s${where}`;
}

/** "  build 420 ms · layout 180 ms · launch 0 ms · load 900 ms · print 5,200 ms · finish 80 ms · write 4 ms" */
export function timingsLine(result: PdfResult, style: Style): string {
  return `  ${Object.entries(result.timings).map(([step, ms]) => `${step} ${style.dim(`${Math.round(ms).toLocaleString('en-US')} ms`)}`).join(' · ')}`;
}

function kilobytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

const STAGES: Record<PdfProgress['stage'], { label: string; from: number; to: number }> = {
  build: { label: 'building the deck', from: 0, to: 0.15 },
  layout: { label: 'laying out pages', from: 0.15, to: 0.2 },
  launch: { label: 'starting Chromium', from: 0.2, to: 0.25 },
  print: { label: 'printing', from: 0.25, to: 0.9 },
  finish: { label: 'adding outline and metadata', from: 0.9, to: 1 },
};

/**
 * A one-line bar on stderr: `████░░░░ printing 1000 slides · 12 s`, then `1000/1000 slides printed`.
 * Chromium prints a document in one call that reports nothing until it is done, so while it prints the line
 * says how long it has been printing (redrawn every second) rather than a count that would not move.
 */
function progressBar(name: string, io: Io) {
  const width = 24;
  let total = 0;
  let last: PdfProgress = { stage: 'build', done: 0, total: 0 };
  let printingSince: number | undefined;
  let ticker: NodeJS.Timeout | undefined;
  const draw = () => {
    const p = last;
    const stage = STAGES[p.stage];
    const share = p.total ? p.done / p.total : 0;
    const fraction = stage.from + (stage.to - stage.from) * share;
    const filled = Math.round(fraction * width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    let text = stage.label;
    if (p.stage === 'print' && p.done < p.total) text = `printing ${total} slides · ${Math.floor((performance.now() - (printingSince ?? performance.now())) / 1000)} s`;
    else if (p.stage === 'print' || p.stage === 'finish') text = `${total}/${total} slides printed · ${stage.label}`;
    process.stderr.write(`\r\u001b[K${io.errStyle.bold(visible(name))} ${bar} ${io.errStyle.dim(text)}`);
  };
  const stopTicking = () => {
    clearInterval(ticker);
    ticker = undefined;
  };
  const update = (p: PdfProgress) => {
    if (p.total) total = p.total;
    last = p;
    if (p.stage === 'print' && p.done < p.total) {
      printingSince ??= performance.now();
      ticker ??= setInterval(draw, 1000);
      ticker.unref();
    } else stopTicking();
    draw();
  };
  return {
    update,
    clear: () => {
      stopTicking();
      process.stderr.write('\r\u001b[K');
    },
  };
}
