/** `serve`: build a briefing into a temporary folder, serve it over HTTP, rebuild on change and reload open pages. */
import { configSettings, DEFAULTS, resolveOptions } from './options.js';
import { projectConfig, type LoadedConfig } from '../io/config.js';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BriefingError, error, hasErrors } from '../core/diagnostics.js';
import { displayPath } from '../io/paths.js';
import { CLIENT_PATH, createReloadHub, EVENTS_PATH, injectReloadClient, RELOAD_CLIENT, type ReloadHub, type ReloadState } from '../io/server/live-reload.js';
import { isLoopback, startServer, type StaticServer } from '../io/server/server.js';
import { watch, type BuildEvent, type WatchSession } from './watch.js';

export interface ServeOptions {
  /** The briefing folder. */
  briefing: string;
  /** Working directory for relative paths and the paths shown in messages. */
  cwd?: string;
  /** Default: `DEFAULTS.port` (8000); 0 picks a free port. A port in use is an error, never silently replaced. */
  port?: number;
  /** Default 127.0.0.1 (this machine only). */
  host?: string;
  drafts?: boolean;
  /** The project config (see `BuildOptions.config`), read once at the start; default: the one that applies in `cwd`; `false`: none. */
  config?: LoadedConfig | false;
  /** Quiet time that closes a burst of changes into one rebuild. Default 60 ms. */
  debounceMs?: number;
  /** Listen to the file system (default true); `false` leaves only `session.trigger`, for tests. */
  fsEvents?: boolean;
  /** Called after the first build and after every rebuild. */
  onBuild?(event: BuildEvent): void;
}

export interface ServeHandle {
  /** Where the deck is, e.g. `http://127.0.0.1:8000/`. */
  url: string;
  host: string;
  port: number;
  /**
   * The temporary deck folder being served (removed by `close`): runtime, theme and media files. The page
   * itself, index.html, is served from memory. The user's dist/ is never written.
   */
  deckDir: string;
  /** Things the user should know about the set-up, e.g. a host other machines can reach. */
  warnings: string[];
  /** The watch session behind the server. */
  session: WatchSession;
  /** What open pages were last told: deck version, and the errors of a failed rebuild. */
  readonly state: ReloadState;
  /** Stop watching and serving, close open pages' connections and remove the temporary folder. */
  close(): Promise<void>;
}

/** Serve a briefing with live reload. Rejects with a BriefingError when the port is taken or the host is unusable. */
export async function serve(options: ServeOptions): Promise<ServeHandle> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const project = projectConfig(options.config, cwd);
  if (hasErrors(project.diagnostics)) throw new BriefingError(project.diagnostics);
  const settings = resolveOptions({ flags: { host: options.host, port: options.port, drafts: options.drafts, debounceMs: options.debounceMs }, config: configSettings(project) });
  const { host, port } = settings;
  const outDir = mkdtempSync(join(tmpdir(), 'briefing-serve-'));
  let hub: ReloadHub | undefined;
  let session: WatchSession;
  try {
    session = await watch({
      briefing: options.briefing,
      outDir,
      cwd,
      drafts: settings.drafts,
      debounceMs: settings.debounceMs,
      config: project,
      ...(options.fsEvents !== undefined ? { fsEvents: options.fsEvents } : {}),
      htmlInMemory: true,
      onBuild(event) {
        hub?.publish(stateOf(event));
        options.onBuild?.(event);
      },
    });
  } catch (cause) {
    rmSync(outDir, { recursive: true, force: true });
    throw cause;
  }
  mkdirSync(session.deckDir, { recursive: true });
  const live = createReloadHub(stateOf(session.last));
  // The deck page comes from memory; until a build works, a blank page to show the errors over.
  const page = (req: IncomingMessage, res: ServerResponse) => {
    const body = Buffer.from(injectReloadClient(session.html ?? PLACEHOLDER, live.state.version));
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  hub = live;
  let server: StaticServer;
  try {
    server = await startServer({
      root: session.deckDir,
      host,
      port,
      transformHtml: (html) => injectReloadClient(html, live.state.version),
      routes: {
        '/': page,
        '/index.html': page,
        [EVENTS_PATH]: (req, res) => live.handle(req, res),
        [CLIENT_PATH]: (_req, res) => {
          res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
          res.end(RELOAD_CLIENT);
        },
      },
    });
  } catch (cause) {
    live.close();
    await session.close();
    rmSync(outDir, { recursive: true, force: true });
    throw listenError(cause, host, port, displayPath(resolve(cwd, options.briefing), cwd));
  }
  const warnings = isLoopback(host)
    ? []
    : [`Listening on ${host}: anyone who can reach this machine on port ${server.port} can see the deck. Leave out --host to keep it on this machine (127.0.0.1).`];
  return {
    url: server.url,
    host,
    port: server.port,
    deckDir: session.deckDir,
    warnings,
    session,
    get state() {
      return live.state;
    },
    async close() {
      await session.close();
      live.close();
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

/** What open pages are told about a build: its version and, if it failed, its errors. */
function stateOf(event: BuildEvent): ReloadState {
  const errors = event.diagnostics.filter((d) => d.severity === 'error');
  return { version: event.version, ok: event.ok, diagnostics: errors.map(({ severity: _, ...rest }) => rest) };
}

function listenError(cause: unknown, host: string, port: number, file: string): unknown {
  const code = (cause as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    return new BriefingError([error('port-in-use', file, `Port ${port} on ${host} is already in use`, {},
      `Stop the other server, or choose another port: --port ${port + 1} (--port 0 picks a free one).`)]);
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new BriefingError([error('bad-host', file, `Cannot listen on ${host}: no such address on this machine`, {}, 'Leave out --host to use 127.0.0.1, or give an address of this machine.')]);
  }
  if (code === 'EACCES') {
    return new BriefingError([error('port-denied', file, `Not allowed to listen on port ${port}`, {}, `Ports below 1024 need special rights; use the default ${DEFAULTS.port} or another port above 1024.`)]);
  }
  return cause;
}

const PLACEHOLDER = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>briefing: build failed</title></head>
<body><p>The first build failed. Fix the file named below; this page reloads by itself.</p></body>
</html>
`;
