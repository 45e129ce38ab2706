/** `briefing build`: build decks and report them, one summary line per deck. */
import { displayPath } from '../io/paths.js';
import { build } from '../pipeline.js';
import type { DeckResult } from '../pipeline.js';
import { report, type Style, type Io } from './report.js';

export interface BuildFlags {
  briefings: string[];
  out?: string | undefined;
  drafts: boolean;
  /** Keep running and rebuild on change (`--watch`). */
  watch?: boolean;
  /** Print the time each stage took, per deck (`--timings`). */
  timings?: boolean;
}


/** Run a build from CLI flags; returns the exit code. */
export async function runBuild(flags: BuildFlags, io: Io): Promise<number> {
  if (flags.watch) return (await import('./watch.js')).runWatch(flags, io);
  const options = { briefings: flags.briefings, drafts: flags.drafts, ...(flags.out ? { outDir: flags.out } : {}) };
  const result = await build(options);
  report(result.diagnostics, io);
  for (const deck of result.decks) {
    io.out(summaryLine(deck, io.style));
    if (flags.timings) io.out(timingsLine(deck, io.style));
  }
  return result.ok ? 0 : 1;
}

/** "✓ nato-ukraine  34 slides, 12 sections, 85 ms -> dist/nato-ukraine/index.html" */
export function summaryLine(deck: DeckResult, style: Style): string {
  if (!deck.ok) return `${style.red('✗')} ${deck.slug}  failed; the previous deck (if any) was left in place`;
  const where = deck.outDir ? ` -> ${displayPath(deck.outDir, process.cwd())}/index.html` : '';
  return `${style.green('✓')} ${style.bold(deck.slug)}  ${deck.slides} slides, ${deck.sections} sections, ${deck.ms} ms${where}`;
}

/** "  load 12 ms · parse 30 ms · render 150 ms · compose 40 ms · emit 9 ms" */
export function timingsLine(deck: DeckResult, style: Style): string {
  return `  ${Object.entries(deck.timings).map(([stage, ms]) => `${stage} ${style.dim(`${Math.round(ms)} ms`)}`).join(' · ')}`;
}
