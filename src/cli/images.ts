/** `briefing images`: one PNG per slide, with a progress line on a terminal and Ctrl-C handling. */
import { exportImages, type ImagesResult } from '../api/images.js';
import { displayPath } from '../io/paths.js';
import { cutOptions } from './build.js';
import { exportTargets } from './targets.js';
import { report, visible, type Io, type Style } from './report.js';
import type { LoadedConfig } from '../io/config.js';

export interface ImagesFlags {
  briefings: string[];
  /** The project's config file, read and reported by the CLI (`cli.ts`); its values already fill the flags. */
  config?: LoadedConfig | undefined;
  out?: string | undefined;
  scale?: string | undefined;
  browser?: string | undefined;
  drafts: boolean;
  noNotes?: boolean;
  audience?: string | undefined;
  only?: string | undefined;
  maxClassification?: string | undefined;
}

/** Exit code after Ctrl-C, as shells report a process ended by SIGINT. */
const INTERRUPTED = 130;

/** Run `briefing images` from CLI flags; returns the exit code. */
export async function runImages(flags: ImagesFlags, io: Io): Promise<number> {
  const cut = cutOptions(flags);
  const usage = 'usage' in cut ? cut.usage
    : flags.scale !== undefined && flags.scale !== '1' && flags.scale !== '2' ? `--scale must be 1 or 2 (got "${flags.scale}").` : undefined;
  if (usage || 'usage' in cut) {
    io.err(`briefing images: ${visible(usage ?? '')}`);
    return 2;
  }
  const cwd = process.cwd();
  const dirs = await exportTargets('images', flags, 'folder', io);
  if (typeof dirs === 'number') return dirs;
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.on('SIGINT', onSigint);
  let code = 0;
  try {
    for (const dir of dirs) {
      const tty = process.stderr.isTTY && process.env.TERM !== 'dumb';
      const name = displayPath(dir, cwd);
      let result: ImagesResult;
      try {
        result = await exportImages({
          briefing: dir, cwd, config: flags.config, drafts: flags.drafts, ...cut, signal: controller.signal,
          ...(flags.scale ? { scale: Number(flags.scale) as 1 | 2 } : {}),
          ...(flags.out ? { out: flags.out } : {}),
          ...(flags.browser ? { browser: flags.browser } : {}),
          ...(tty ? { onProgress: (_stage: string, done: number, total: number) => process.stderr.write(`\r\u001b[K${io.errStyle.bold(visible(name))} ${done}/${total} slides`) } : {}),
        });
      } catch (cause) {
        if (tty) process.stderr.write('\r\u001b[K');
        if (controller.signal.aborted) {
          io.err('briefing images: interrupted; Chromium was closed and no image was written.');
          return INTERRUPTED;
        }
        throw cause;
      }
      if (tty) process.stderr.write('\r\u001b[K');
      report(result.diagnostics, io);
      if (result.ok) io.out(summaryLine(result, cwd, io.style));
      else code = 1;
    }
  } finally {
    process.off('SIGINT', onSigint);
  }
  return code;
}

/** "✓ nato-ukraine  40 images, 3.1 MB, 6.2 s -> dist/nato-ukraine/images/" */
function summaryLine(result: ImagesResult, cwd: string, style: Style): string {
  const size = result.bytes >= 1024 * 1024 ? `${(result.bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(result.bytes / 1024))} KB`;
  return `${style.green('✓')} ${style.bold(visible(result.slug ?? 'images'))}  ${result.images} images, ${size}, ${(result.ms / 1000).toFixed(1)} s -> ${visible(displayPath(result.dir!, cwd))}/`;
}
