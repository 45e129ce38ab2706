/** Which briefing folders a command works on. */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { displayPath } from './paths.js';
import { error, type Diagnostic } from '../core/diagnostics.js';

/** The briefing folders to build: the given paths, or every briefing under `briefingsDir` (default `<cwd>/briefings`; the config file's `briefings`). */
export function findBriefings(paths: string[] | undefined, cwd: string, briefingsDir = 'briefings'): { dirs: string[]; diagnostics: Diagnostic[] } {
  if (paths && paths.length) return { dirs: paths.map((p) => resolve(cwd, p)), diagnostics: [] };
  const root = resolve(cwd, briefingsDir);
  const dirs = existsSync(root)
    ? readdirSync(root, { withFileTypes: true })
        .filter((e) => e.isDirectory() && existsSync(join(root, e.name, 'index.md')))
        .map((e) => join(root, e.name))
        .sort()
    : [];
  return dirs.length
    ? { dirs, diagnostics: [] }
    : { dirs, diagnostics: [error('no-briefings', displayPath(root, cwd) || '.', 'No briefings found', {}, `Pass a briefing folder, e.g. \`briefing build path/to/briefing\`, or create ${displayPath(root, cwd) || '.'}/<name>/index.md.`)] };
}
