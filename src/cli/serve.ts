/** `briefing serve`: flags -> `serve()` options; prints the URL, one line per rebuild, and stops on Ctrl-C. */
import { spawn } from 'node:child_process';
import { relative } from 'node:path';
import { BriefingError } from '../core/diagnostics.js';
import { findBriefings } from '../io/discover.js';
import { serve } from '../api/serve.js';
import { report, visible, type Io } from './report.js';
import { buildLogger, waitForStop } from './watch.js';
import { briefingsDirOf, type LoadedConfig } from '../io/config.js';

export interface ServeFlags {
  briefings: string[];
  /** The project's config file, read and reported by the CLI (`cli.ts`); its values already fill the flags. */
  config?: LoadedConfig | undefined;
  port?: string | undefined;
  host?: string | undefined;
  open: boolean;
  drafts: boolean;
}


const USAGE = 'Usage: briefing serve [path] [--port N] [--host H] [--open] [--drafts]';

/** Serve one briefing until Ctrl-C; returns the exit code (2 for bad usage, 1 when it cannot start). */
export async function runServe(flags: ServeFlags, io: Io): Promise<number> {
  const port = flags.port === undefined || !/^\d{1,5}$/.test(flags.port) || Number(flags.port) > 65535 ? undefined : Number(flags.port);
  if (flags.port !== undefined && port === undefined) return usage(io, `--port must be a number from 0 to 65535 (0 picks a free port), not "${visible(flags.port)}".`);
  if (flags.host !== undefined && !flags.host.trim()) return usage(io, '--host needs an address, e.g. 127.0.0.1.');
  if (flags.briefings.length > 1) return usage(io, 'serve takes one briefing folder.');
  const cwd = process.cwd();
  let briefing = flags.briefings[0];
  if (!briefing) {
    const found = findBriefings(undefined, cwd, briefingsDirOf(flags.config));
    if (found.dirs.length !== 1) {
      if (!found.dirs.length) report(found.diagnostics, io);
      else io.err(`briefing serve: there are ${found.dirs.length} briefings; say which one, e.g. \`briefing serve ${visible(relative(cwd, found.dirs[0]!))}\`.`);
      return found.dirs.length ? 2 : 1;
    }
    briefing = found.dirs[0]!;
  }

  let handle: Awaited<ReturnType<typeof serve>>;
  try {
    handle = await serve({
      briefing, cwd, port, drafts: flags.drafts, config: flags.config,
      ...(flags.host !== undefined ? { host: flags.host } : {}),
      onBuild: buildLogger(io, { several: false, where: 'still serving the last good deck (the browser shows the error)' }),
    });
  } catch (cause) {
    if (!(cause instanceof BriefingError)) throw cause;
    report(cause.diagnostics, io);
    return 1;
  }
  for (const warning of handle.warnings) io.err(io.errStyle.yellow(`warning: ${visible(warning)}`));
  io.out(`Serving ${io.style.bold(visible(handle.session.slug))} at ${io.style.cyan(handle.url)}`);
  io.out(io.style.dim(`Watching ${handle.session.watching} files and folders; the deck is built in a temporary folder, not dist/. Press Ctrl-C to stop.`));
  if (flags.open) openBrowser(handle.url, io);
  await waitForStop();
  await handle.close();
  io.out(io.style.dim('Stopped.'));
  return 0;
}

/** Open `url` in the user's browser: $BROWSER if set, else the platform's opener. Failure is only a warning. */
function openBrowser(url: string, io: Io): void {
  const [command, args] = process.env.BROWSER
    ? [process.env.BROWSER, [url]]
    : process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  child.on('error', () => io.err(io.errStyle.yellow(`warning: could not start ${command} to open a browser; open ${url} yourself.`)));
  child.unref();
}

function usage(io: Io, message: string): number {
  io.err(`briefing serve: ${visible(message)}`);
  io.err(USAGE);
  return 2;
}
