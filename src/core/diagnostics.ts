import { closest as closestMatch, distance } from 'fastest-levenshtein';

/** Positions, messages and the one error type every stage reports problems with. */

export type Severity = 'error' | 'warning';

/** A problem found in a briefing, positioned in the file that caused it. */
export interface Diagnostic {
  severity: Severity;
  /** Stable rule id, e.g. `yaml-syntax`, `unknown-layout`. */
  rule: string;
  /** Path of the file at fault, relative to the working directory where possible. */
  file: string;
  /** 1-based line, when known. */
  line?: number;
  /** 1-based column, when known. */
  column?: number;
  /** What is wrong, in one sentence. */
  message: string;
  /** How to fix it, in one line. */
  hint?: string;
  /** The error behind an internal failure, kept for `--debug` (never shown otherwise). */
  cause?: unknown;
}

/**
 * The single error type of the library. It carries the diagnostics that made an operation fail,
 * so a caller can render them (terminal, browser overlay, JSON) instead of a stack trace.
 */
export class BriefingError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[], options?: { cause?: unknown }) {
    const first = diagnostics[0];
    super(first ? formatPlain(first) : 'briefing failed', options);
    this.name = 'BriefingError';
    this.diagnostics = diagnostics;
  }
}

/** Shorthand for building an error diagnostic. */
export function error(rule: string, file: string, message: string, at: Position = {}, hint?: string): Diagnostic {
  return { severity: 'error', rule, file, ...positionOf(at), message, ...(hint ? { hint } : {}) };
}

/** Shorthand for building a warning diagnostic. */
export function warning(rule: string, file: string, message: string, at: Position = {}, hint?: string): Diagnostic {
  return { severity: 'warning', rule, file, ...positionOf(at), message, ...(hint ? { hint } : {}) };
}

export interface Position {
  line?: number;
  column?: number;
}

function positionOf(at: Position): Position {
  const out: Position = {};
  if (at.line !== undefined) out.line = at.line;
  if (at.column !== undefined) out.column = at.column;
  return out;
}

/** `file:line:col message (rule)` — the plain one-line form used in error messages. */
export function formatPlain(d: Diagnostic): string {
  const where = [d.file, d.line, d.line !== undefined ? d.column ?? 1 : undefined].filter((x) => x !== undefined).join(':');
  return `${where} ${d.severity}: ${d.message} (${d.rule})${d.hint ? `\n  hint: ${d.hint}` : ''}`;
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Sort diagnostics by file, line and column so output is stable. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || a.rule.localeCompare(b.rule),
  );
}

/** The closest candidate to `word` by edit distance, if it is close enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = closestMatch(word.toLowerCase(), candidates.map((c) => c.toLowerCase()));
  const index = candidates.findIndex((c) => c.toLowerCase() === best);
  const found = candidates[index];
  return found !== undefined && distance(word.toLowerCase(), best) <= Math.max(2, Math.floor(word.length / 3)) ? found : undefined;
}
