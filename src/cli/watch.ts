/** `briefing build --watch`: rebuild on change, one log line per rebuild; shared terminal output for `serve`. */
import { basename } from 'node:path';
import { BriefingError } from '../core/diagnostics.js';
import { findBriefings } from '../io/discover.js';
import { watch, type BuildEvent, type WatchSession } from '../api/watch.js';
import { summaryLine } from './summary.js';
import { count, report, visible, type Io, type Style } from './report.js';
import { briefingsDirOf, type LoadedConfig } from '../io/config.js';

export interface WatchFlags {
  briefings: string[];
  /** The project's config file, read and reported by the CLI (`cli.ts`); its values already fill the flags. */
  config?: LoadedConfig | undefined;
  out?: string | undefined;
  drafts: boolean;
  maxClassification?: string | undefined;
  /** Section filters and speaker notes, already checked (cli/build.ts `cutOptions`). */
  audience?: string | undefined;
  only?: readonly string[] | undefined;
  speakerNotes?: boolean | undefined;
}


/** Build, then rebuild each briefing on change until Ctrl-C; returns the exit code. */
export async function runWatch(flags: WatchFlags, io: Io): Promise<number> {
  const cwd = process.cwd();
  const found = findBriefings(flags.briefings, cwd, briefingsDirOf(flags.config));
  if (!found.dirs.length) {
    report(found.diagnostics, io);
    return 1;
  }
  const sessions: WatchSession[] = [];
  const several = found.dirs.length > 1;
  for (const briefing of found.dirs) {
    const log = buildLogger(io, { several, where: 'the deck in the output folder is unchanged' });
    try {
      sessions.push(await watch({ briefing, outDir: flags.out ?? 'dist', cwd, drafts: flags.drafts, maxClassification: flags.maxClassification, audience: flags.audience, only: flags.only, speakerNotes: flags.speakerNotes, writeIndex: true, config: flags.config, onBuild: log }));
    } catch (cause) {
      if (!(cause instanceof BriefingError)) throw cause;
      await Promise.all(sessions.map((s) => s.close()));
      report(cause.diagnostics, io);
      return 1;
    }
  }
  const watching = sessions.reduce((n, s) => n + s.watching, 0);
  io.out(io.style.dim(`Watching ${watching} files and folders for changes. Press Ctrl-C to stop.`));
  await waitForStop();
  await Promise.all(sessions.map((s) => s.close()));
  return 0;
}

/** Prints a build event: the full report for the first build, then one line per rebuild (plus its problems). */
export function buildLogger(io: Io, options: { several: boolean; where: string }): (event: BuildEvent) => void {
  let shown = '';
  return (event) => {
    // Problems are printed when they change, so a warning is not repeated on every save.
    const problems = event.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}:${d.rule}:${d.message}`).join('\n');
    if (problems !== shown || !event.ok) report(event.diagnostics, io);
    shown = problems;
    if (event.number === 0) io.out(summaryLine(event.result, io.style));
    else (event.ok ? io.out : io.err)(rebuildLine(event, io.style, options));
  };
}

/** "12:03:04 01-intro.md changed: re-rendered 01-intro.md, re-composed 1 of 4 sections, 12 ms" */
function rebuildLine(event: BuildEvent, style: Style, options: { several: boolean; where: string }): string {
  const time = style.dim(new Date().toTimeString().slice(0, 8));
  const deck = options.several ? `${style.bold(visible(event.result.slug))} ` : '';
  const changed = `${visible(list(event.changed.map((p) => basename(p))))} changed`;
  if (!event.ok) {
    const errors = event.diagnostics.filter((d) => d.severity === 'error').length;
    return `${time} ${style.red('✗')} ${deck}${changed}: ${count(errors, 'error')}, ${options.where}, ${event.ms} ms`;
  }
  const rendered = event.result.rendered.length ? `re-rendered ${visible(list(event.result.rendered.map((p) => basename(p))))}` : 'no section re-rendered';
  const recomposed = `re-composed ${event.result.recomposed?.length ?? event.result.sections} of ${event.result.sections} section${event.result.sections === 1 ? '' : 's'}`;
  const unchanged = event.written.length || event.removed.length ? '' : ', deck unchanged';
  return `${time} ${style.green('↻')} ${deck}${changed}: ${rendered}, ${recomposed}${unchanged}, ${event.ms} ms`;
}

/** Resolves on Ctrl-C (SIGINT) or SIGTERM, after which the caller shuts down cleanly. */
export function waitForStop(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function list(names: string[]): string {
  if (!names.length) return 'nothing';
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}
