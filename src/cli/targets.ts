/** The briefings an export command works on, shared by `pdf`, `images` and `pptx`. */
import { resolve } from 'node:path';
import { briefingsDirOf, type LoadedConfig } from '../io/config.js';
import { report, type Io } from './report.js';

/**
 * The folders named on the command line, or every briefing found; an exit code when there is none (1) or when
 * `--out` names one `outKind` for several briefings (2).
 */
export async function exportTargets(command: string, flags: { briefings: string[]; out?: string | undefined; config?: LoadedConfig | undefined }, outKind: string, io: Io): Promise<string[] | number> {
  const cwd = process.cwd();
  // An explicit folder needs no pipeline to find it; the export loads the pipeline while Chromium starts.
  const found = flags.briefings.length
    ? { dirs: flags.briefings.map((p) => resolve(cwd, p)), diagnostics: [] }
    : (await import('../io/discover.js')).findBriefings(undefined, cwd, briefingsDirOf(flags.config));
  if (!found.dirs.length) {
    report(found.diagnostics, io);
    return 1;
  }
  if (flags.out && found.dirs.length > 1) {
    io.err(`briefing ${command}: --out names one ${outKind}, but ${found.dirs.length} briefings would be exported. Pass the briefing folder too.`);
    return 2;
  }
  return found.dirs;
}
