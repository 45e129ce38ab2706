/** `briefing new`: write the starter briefing and say what to do next. */
import { createBriefing } from '../api/new.js';
import { displayPath } from '../io/paths.js';
import { report, type Io } from './report.js';

export interface NewFlags {
  folder: string | undefined;
  title?: string | undefined;
}

/** Run `briefing new` from CLI flags; returns the exit code. */
export function runNew(flags: NewFlags, io: Io): number {
  if (!flags.folder) {
    io.err('briefing new: name the folder to create, e.g. `briefing new briefings/my-brief`.');
    return 2;
  }
  const result = createBriefing({ folder: flags.folder, title: flags.title });
  if (!result.ok) {
    report(result.diagnostics, io);
    return 1;
  }
  const shown = displayPath(result.dir, process.cwd());
  io.out(`${io.style.green('✓')} ${shown}  ${result.files.length} files: ${result.files.join(', ')}`);
  io.out(`Next: npx briefing serve ${shown}   (edit the files; the deck reloads)`);
  io.out(`      npx briefing build ${shown}   npx briefing check ${shown} --strict   npx briefing pdf ${shown}`);
  return 0;
}
