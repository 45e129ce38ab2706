/** `briefing new`: write a small working briefing into a new folder. */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { error, type Diagnostic } from '../core/diagnostics.js';
import { starterBriefing } from '../core/scaffold/starter.js';
import { displayPath } from '../io/paths.js';

export interface NewOptions {
  /** The folder to create, e.g. `briefings/my-brief`. It must not exist, or be empty. */
  folder: string;
  /** The deck title; default: the folder name in words ("my-brief" -> "My brief"). */
  title?: string | undefined;
  /** The date of the briefing and its as-of date (YYYY-MM-DD); default: today (UTC). */
  date?: string | undefined;
  cwd?: string | undefined;
}

export interface NewResult {
  ok: boolean;
  /** The folder written (absolute). */
  dir: string;
  /** The files written, relative to the folder. */
  files: string[];
  diagnostics: Diagnostic[];
}

/** `my-brief_2` -> `My brief 2`. */
function titleFromFolder(folder: string): string {
  const words = basename(folder).replace(/[-_]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : 'New briefing';
}

/** Write the starter briefing. Never overwrites: a folder that exists and is not empty is an error. */
export function createBriefing(options: NewOptions): NewResult {
  const cwd = resolve(options.cwd ?? process.cwd());
  const dir = resolve(cwd, options.folder);
  const shown = displayPath(dir, cwd);
  const fail = (d: Diagnostic): NewResult => ({ ok: false, dir, files: [], diagnostics: [d] });
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    return fail(error('folder-not-empty', shown, 'The folder already exists and is not empty; `briefing new` never overwrites files', {}, `Pick a new folder, e.g. ${shown}-2.`));
  }
  const date = options.date ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return fail(error('invalid-date', shown, `Expected a date in the form YYYY-MM-DD, got "${date}"`));
  const files = starterBriefing(options.title?.trim() || titleFromFolder(dir), date);
  // Written into a hidden sibling and renamed into place: an interrupted `new` leaves no half briefing.
  mkdirSync(dirname(dir), { recursive: true });
  const staging = mkdtempSync(join(dirname(dir), `.${basename(dir)}.new-`));
  try {
    chmodSync(staging, 0o755);
    for (const file of files) writeFileSync(join(staging, file.path), file.text, { mode: 0o644 });
    if (existsSync(dir)) rmSync(dir, { recursive: true });
    renameSync(staging, dir);
  } catch (cause) {
    rmSync(staging, { recursive: true, force: true });
    return fail(error('output-unwritable', shown, `Could not write the briefing: ${(cause as Error).message}`, {}, 'Check that the folder can be written.'));
  }
  return { ok: true, dir, files: files.map((f) => f.path), diagnostics: [] };
}
