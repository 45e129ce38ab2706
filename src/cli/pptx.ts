/** `briefing pptx`: export briefings as editable PowerPoint files. */
import type { PptxOptions, PptxResult } from '../api/pptx.js';
import { displayPath } from '../io/paths.js';
import { cutOptions } from './build.js';
import { exportTargets } from './targets.js';
import { report, visible, type Io, type Style } from './report.js';
import type { LoadedConfig } from '../io/config.js';

export interface PptxFlags {
  briefings: string[];
  /** The project's config file, read and reported by the CLI (`cli.ts`); its values already fill the flags. */
  config?: LoadedConfig | undefined;
  out?: string | undefined;
  /** `--no-notes`: leave the speaker notes out of the notes pages. */
  noNotes: boolean;
  images: boolean;
  drafts: boolean;
  maxClassification?: string | undefined;
  /** `--audience`, `--only` (see cli/build.ts `cutOptions`). */
  audience?: string | undefined;
  only?: string | undefined;
  browser?: string | undefined;
}

/** Run `briefing pptx` from CLI flags; returns the exit code. */
export async function runPptx(flags: PptxFlags, io: Io): Promise<number> {
  if (flags.out !== undefined && !/\.pptx$/i.test(flags.out)) {
    io.err(`briefing pptx: --out names the PowerPoint file to write and must end in .pptx (got "${visible(flags.out)}").`);
    return 2;
  }
  const cut = cutOptions(flags);
  if ('usage' in cut) {
    io.err(`briefing pptx: ${cut.usage}`);
    return 2;
  }
  const cwd = process.cwd();
  const dirs = await exportTargets('pptx', flags, 'file', io);
  if (typeof dirs === 'number') return dirs;
  const { exportPptx } = await import('../api/pptx.js');
  let code = 0;
  for (const dir of dirs) {
    const options: PptxOptions = {
      briefing: dir,
      cwd,
      config: flags.config,
      images: flags.images,
      drafts: flags.drafts,
      ...cut,
      ...(flags.out ? { out: flags.out } : {}),
      ...(flags.browser ? { browser: flags.browser } : {}),
    };
    const result = await exportPptx(options);
    report(result.diagnostics, io);
    if (result.ok) io.out(summaryLine(result, cwd, io.style));
    else code = 1;
  }
  return code;
}

/** "✓ nato-ukraine  39 slides, 234 KB, 1.6 s -> dist/nato-ukraine/nato-ukraine.pptx" */
function summaryLine(result: PptxResult, cwd: string, style: Style): string {
  const where = result.file ? ` -> ${visible(displayPath(result.file, cwd))}` : '';
  const pictures = result.pictures ? ` (${result.pictures} as pictures)` : '';
  const size = result.bytes >= 1024 * 1024 ? `${(result.bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(result.bytes / 1024))} KB`;
  return `${style.green('✓')} ${style.bold(visible(result.slug ?? 'pptx'))}  ${result.slides} slides${pictures}, ${size}, ${(result.ms / 1000).toFixed(1)} s${where}`;
}
