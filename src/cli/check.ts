/** `briefing check`: report every problem in briefings without writing anything. */
import type { Diagnostic } from '../core/diagnostics.js';
import { check, type CheckResult } from '../api/check.js';
import { count, formatDiagnostics, visible, type Io } from './report.js';
import type { LoadedConfig } from '../io/config.js';

export interface CheckFlags {
  briefings: string[];
  /** The project's config file, read and reported by the CLI (`cli.ts`); its values already fill the flags. */
  config?: LoadedConfig | undefined;
  format: string | undefined;
  strict: boolean;
  layout: boolean;
  drafts: boolean;
  /** Chromium for --layout (`--browser`). */
  browser?: string | undefined;
}


/** Run a check from CLI flags; returns the exit code (2 for a bad --format). */
export async function runCheck(flags: CheckFlags, io: Io): Promise<number> {
  const format = flags.format ?? 'text';
  if (format !== 'text' && format !== 'json') {
    io.err(`briefing check: --format must be text or json, not "${visible(format)}".`);
    return 2;
  }
  const result = await check({
    ...(flags.briefings.length ? { briefings: flags.briefings } : {}),
    strict: flags.strict,
    layout: flags.layout,
    drafts: flags.drafts,
    ...(flags.browser ? { executablePath: flags.browser } : {}),
    ...(flags.config ? { config: flags.config } : {}),
  });
  if (format === 'json') io.out(JSON.stringify(result.findings.map(toJson), null, 2));
  else printText(result, io);
  return result.ok ? 0 : 1;
}

/** A finding with its keys always present and in a fixed order, for editors and CI. */
function toJson(d: Diagnostic) {
  return { severity: d.severity, rule: d.rule, file: d.file, line: d.line ?? 1, column: d.column ?? 1, message: d.message, hint: d.hint ?? '' };
}

function printText(result: CheckResult, io: Io): void {
  for (const block of formatDiagnostics(result.findings, io.style)) io.out(block);
  for (const deck of result.decks) {
    const e = deck.findings.filter((d) => d.severity === 'error').length;
    const w = deck.findings.length - e;
    const mark = e ? io.style.red('✗') : w ? io.style.yellow('!') : io.style.green('✓');
    io.out(`${mark} ${io.style.bold(visible(deck.slug))}  ${e || w ? `${count(e, 'error')}, ${count(w, 'warning')}` : 'no problems'}`);
  }
  if (!result.decks.length) io.out(`${io.style.red('✗')} ${count(result.findings.filter((d) => d.severity === 'error').length, 'error')}`);
}
