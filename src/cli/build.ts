/** `briefing build`: build decks and report them, one summary line per deck. */
import { build } from '../api/build.js';
import { report, type Io } from './report.js';
import { summaryLine, timingsLine } from './summary.js';

export interface BuildFlags {
  briefings: string[];
  out?: string | undefined;
  drafts: boolean;
  /** The release cut (`--max-classification LEVEL`). */
  maxClassification?: string | undefined;
  /** Keep running and rebuild on change (`--watch`). */
  watch?: boolean;
  /** Print the time each stage took, per deck (`--timings`). */
  timings?: boolean;
}


/** Run a build from CLI flags; returns the exit code. */
export async function runBuild(flags: BuildFlags, io: Io): Promise<number> {
  if (flags.watch) return (await import('./watch.js')).runWatch(flags, io);
  const options = { briefings: flags.briefings, drafts: flags.drafts, maxClassification: flags.maxClassification, ...(flags.out ? { outDir: flags.out } : {}) };
  const result = await build(options);
  report(result.diagnostics, io);
  for (const deck of result.decks) {
    io.out(summaryLine(deck, io.style));
    if (flags.timings) io.out(timingsLine(deck, io.style));
  }
  return result.ok ? 0 : 1;
}
