/** `briefing build`: build decks and report them, one summary line per deck. */
import { build } from '../api/build.js';
import { report, type Io } from './report.js';
import { summaryLine, timingsLine } from './summary.js';
import type { LoadedConfig } from '../io/config.js';

export interface BuildFlags {
  briefings: string[];
  /** The project's config file, read and reported by the CLI (`cli.ts`); its values already fill the flags. */
  config?: LoadedConfig | undefined;
  out?: string | undefined;
  drafts: boolean;
  /** The release cut (`--max-classification LEVEL`). */
  maxClassification?: string | undefined;
  /** Keep running and rebuild on change (`--watch`). */
  watch?: boolean;
  /** Print the time each stage took, per deck (`--timings`). */
  timings?: boolean;
  /** One self-contained `<out>/<slug>.html` (`--single-file`). */
  singleFile?: boolean;
  /** The output flags every writing command shares (`--no-notes`, `--audience`, `--only`). */
  noNotes?: boolean;
  audience?: string | undefined;
  only?: string | undefined;
}

/** `--no-notes`, `--audience`, `--only` as library options, or the usage problem with them. */
export function cutOptions(flags: { noNotes?: boolean; audience?: string | undefined; only?: string | undefined; maxClassification?: string | undefined }):
  { speakerNotes?: false; audience?: string; only?: string[]; maxClassification?: string } | { usage: string } {
  const only = flags.only?.split(',').map((id) => id.trim()).filter(Boolean);
  if (flags.only !== undefined && !only?.length) return { usage: '--only takes section ids separated by commas, e.g. --only bluf,articles.' };
  if (flags.audience !== undefined && !flags.audience.trim()) return { usage: '--audience takes the name of an audience, e.g. --audience staff.' };
  return {
    ...(flags.noNotes ? { speakerNotes: false as const } : {}),
    ...(flags.audience !== undefined ? { audience: flags.audience.trim() } : {}),
    ...(only ? { only } : {}),
    ...(flags.maxClassification !== undefined ? { maxClassification: flags.maxClassification } : {}),
  };
}


/** Run a build from CLI flags; returns the exit code. */
export async function runBuild(flags: BuildFlags, io: Io): Promise<number> {
  const cut = cutOptions(flags);
  if ('usage' in cut) {
    io.err(`briefing build: ${cut.usage}`);
    return 2;
  }
  if (flags.watch && flags.singleFile) {
    io.err('briefing build: --watch keeps a deck folder up to date; build --single-file once instead.');
    return 2;
  }
  if (flags.watch) return (await import('./watch.js')).runWatch({ briefings: flags.briefings, out: flags.out, drafts: flags.drafts, ...cut, config: flags.config }, io);
  const options = { briefings: flags.briefings, drafts: flags.drafts, singleFile: !!flags.singleFile, ...cut, ...(flags.out ? { outDir: flags.out } : {}), config: flags.config };
  const result = await build(options);
  report(result.diagnostics, io);
  for (const deck of result.decks) {
    io.out(summaryLine(deck, io.style));
    if (flags.timings) io.out(timingsLine(deck, io.style));
  }
  return result.ok ? 0 : 1;
}
