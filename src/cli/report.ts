/** Terminal rendering of diagnostics and summaries: `file:line:col`, message, hint and a code frame. */
import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../core/diagnostics.js';

export interface Style {
  red(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
}

/** What a command may use to talk to the user: the CLI's only window on the terminal. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  style: Style;
  errStyle: Style;
  /** `--debug`: show the stack trace behind an internal error. */
  debug?: boolean;
}

/** ANSI colours when `enabled`, plain text otherwise (not a TTY, or NO_COLOR set). */
export function makeStyle(enabled: boolean): Style {
  const wrap = (open: number, close: number) => (s: string) => (enabled ? `\u001b[${open}m${s}\u001b[${close}m` : s);
  return { red: wrap(31, 39), yellow: wrap(33, 39), dim: wrap(2, 22), bold: wrap(1, 22), green: wrap(32, 39), cyan: wrap(36, 39) };
}

/** Whether to colour a stream: only a TTY, and never when NO_COLOR is set. */
export function colourEnabled(stream: NodeJS.WriteStream): boolean {
  return !!stream.isTTY && !('NO_COLOR' in process.env && process.env.NO_COLOR !== '') && process.env.TERM !== 'dumb';
}

/**
 * Text from a briefing (section text, file names, slugs, values the user typed) made safe to print:
 * control characters, DEL, C1 codes, bidirectional overrides and line separators become visible escapes
 * (`\x1b`, `\n`, `\u202e`), so content can neither move the cursor, erase or recolour a line, nor split
 * a `file:line` in two. The one escaping function of the CLI: every message built from outside text uses it.
 */
export function visible(text: string): string {
  return text.replace(UNSAFE, (c) => NAMED[c] ?? (c.charCodeAt(0) <= 0xff ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`));
}

// C0 controls, DEL and C1 controls; zero-width and bidirectional format characters; U+2028/2029.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function hex(c: string, width: number): string {
  return c.charCodeAt(0).toString(16).padStart(width, '0');
}

/** Every diagnostic as a terminal block, errors first. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], style: Style): string[] {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  return [...errors, ...diagnostics.filter((d) => d.severity !== 'error')].map((d) => formatDiagnostic(d, style));
}

/** Print every diagnostic on stderr, errors first, then how many errors and warnings there were. */
export function report(diagnostics: readonly Diagnostic[], io: Io): void {
  for (const block of formatDiagnostics(diagnostics, io.errStyle)) io.err(block);
  if (io.debug) for (const d of diagnostics) if (d.cause instanceof Error && d.cause.stack) io.err(io.errStyle.dim(d.cause.stack));
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (errors) io.err(io.errStyle.red(`${count(errors, 'error')}${warnings ? `, ${count(warnings, 'warning')}` : ''}`));
}

/** "1 error", "3 warnings". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** One diagnostic as a terminal block. */
export function formatDiagnostic(d: Diagnostic, style: Style): string {
  const file = visible(d.file);
  const where = d.line !== undefined ? `${file}:${d.line}:${d.column ?? 1}` : file;
  const label = d.severity === 'error' ? style.red(style.bold('error')) : style.yellow(style.bold('warning'));
  const lines = [`${style.bold(where)} ${label} ${visible(d.message)} ${style.dim(`[${visible(d.rule)}]`)}`];
  const frame = d.line !== undefined ? codeFrame(d.file, d.line, d.column, style) : '';
  if (frame) lines.push(frame);
  if (d.hint) lines.push(`  ${style.cyan('fix:')} ${visible(d.hint)}`);
  return lines.join('\n');
}

/** Characters of a source line a code frame shows. */
const FRAME_WIDTH = 120;

function codeFrame(file: string, line: number, column: number | undefined, style: Style): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return '';
  }
  const all = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const source = all[line - 1];
  if (source === undefined) return '';
  const gutter = String(line).length;
  // A long line is shown as a window around the column; the caret sits under the column's character, so it
  // counts the escapes shown before it.
  let shown = source.replace(/\t/g, ' ');
  let at = column !== undefined && column > 0 ? column - 1 : 0;
  if (shown.length > FRAME_WIDTH) {
    const start = Math.max(0, Math.min(at - 40, shown.length - FRAME_WIDTH));
    shown = `${start > 0 ? '…' : ''}${shown.slice(start, start + FRAME_WIDTH)}${start + FRAME_WIDTH < shown.length ? '…' : ''}`;
    at = at - start + (start > 0 ? 1 : 0);
  }
  const before = column !== undefined && column > 0 ? visible(shown.slice(0, at)).length : 0;
  const out = [`  ${style.dim(`${String(line).padStart(gutter)} |`)} ${visible(shown)}`];
  if (column !== undefined && column > 0) out.push(`  ${style.dim(`${' '.repeat(gutter)} |`)} ${' '.repeat(before)}${style.red('^')}`);
  return out.join('\n');
}
