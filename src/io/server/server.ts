/** A small static HTTP server for one deck folder: nothing outside it, no listings, loopback by default. */
import { createReadStream, realpathSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream';
import { extname, join } from 'node:path';
import { isInside } from '../paths.js';

/** Content types by file extension; anything else is sent as bytes. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.pdf': 'application/pdf',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
};

/** A request handler for a fixed path (the reload client, its event stream). */
export type Route = (req: IncomingMessage, res: ServerResponse) => void;

export interface ServerOptions {
  /** The folder to serve; nothing outside it is ever read. */
  root: string;
  /** Address to listen on (the default lives in api/options.ts). */
  host: string;
  /** Port; 0 picks a free one. */
  port: number;
  /** Rewrites each HTML page before it is sent (the dev server adds its reload client). */
  transformHtml?(html: string): string;
  /** Handlers for exact paths, tried before files. */
  routes?: Readonly<Record<string, Route>>;
}

export interface StaticServer {
  url: string;
  host: string;
  port: number;
  /** Stop listening and drop open connections (event streams included). */
  close(): Promise<void>;
}

/** True for addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Start serving `root`. Rejects with the `EADDRINUSE` error when the port is taken. */
export async function startServer(options: ServerOptions): Promise<StaticServer> {
  const host = options.host;
  const root = realpathSync(options.root);
  const loopbackOnly = isLoopback(host);
  const server: Server = createServer((req, res) => {
    handle(req, res, root, loopbackOnly, options).catch(() => {
      if (!res.headersSent) send(res, 500, 'Internal error');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/`,
    host,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, root: string, loopbackOnly: boolean, options: ServerOptions): Promise<void> {
  // A page on another site can point a name it controls at 127.0.0.1 (DNS rebinding); such requests carry
  // that name in Host, so a loopback-only server answers only to loopback names.
  if (loopbackOnly && !isLoopback(hostName(req.headers.host ?? ''))) return send(res, 403, 'Forbidden host');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return send(res, 405, 'Method not allowed');
  }
  const target = resolveRequest(req.url ?? '');
  if ('status' in target) return send(res, target.status, target.reason);
  const route = options.routes?.[target.urlPath];
  if (route) return route(req, res);
  const file = findFile(root, target.segments);
  if ('status' in file) return send(res, file.status, file.reason);
  if (file.folder && !target.urlPath.endsWith('/')) {
    // So that the page's relative links resolve inside the folder. The target is checked above: one leading slash.
    res.writeHead(301, { Location: `${encodeURI(target.urlPath)}/`, 'Cache-Control': 'no-store' });
    return void res.end();
  }
  const type = CONTENT_TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream';
  const headers = { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
  if (type.startsWith('text/html') && options.transformHtml) {
    const body = Buffer.from(options.transformHtml(await readFile(file.path, 'utf8')));
    res.writeHead(200, { ...headers, 'Content-Length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Length': file.size });
  if (req.method === 'HEAD') return void res.end();
  // pipeline, not pipe: when the client goes away (or the read fails) the file stream is destroyed and its
  // descriptor closed; with pipe, every aborted download kept one open.
  pipeline(createReadStream(file.path), res, () => undefined);
}

type Refusal = { status: 400 | 403 | 404; reason: string };

/**
 * Turn a raw request target into path segments, refusing anything that could name a file outside the
 * folder: `..` (also percent-encoded), encoded slashes and backslashes, NUL, absolute or drive paths.
 * The server also checks where the file really is (symlinks).
 */
function resolveRequest(rawUrl: string): { urlPath: string; segments: string[] } | Refusal {
  if (!rawUrl.startsWith('/') || rawUrl.startsWith('//')) return { status: 400, reason: 'Bad request path' };
  const rawPath = rawUrl.split(/[?#]/, 1)[0]!;
  if (/%2f|%5c|\\/i.test(rawPath)) return { status: 400, reason: 'Backslashes and encoded slashes are not allowed' };
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return { status: 400, reason: 'Bad percent-encoding' };
  }
  if (/[\u0000-\u001f\u007f]/.test(path)) return { status: 400, reason: 'Control characters are not allowed' };
  const segments = path.split('/').slice(1);
  if (segments.some((s) => s === '..' || s === '.')) return { status: 403, reason: 'Path leaves the deck folder' };
  if (segments.slice(0, -1).some((s) => s === '') || segments.some((s) => /^[a-zA-Z]:/.test(s))) return { status: 400, reason: 'Bad request path' };
  // Hidden files: watch mode stages files under dot names; nothing a deck needs starts with a dot.
  if (segments.some((s) => s.startsWith('.'))) return { status: 404, reason: 'Not found' };
  return { urlPath: path, segments: segments.filter(Boolean) };
}

function findFile(root: string, segments: string[]): { path: string; size: number; folder: boolean } | Refusal {
  let real: string;
  try {
    real = realpathSync(join(root, ...segments));
  } catch {
    return { status: 404, reason: 'Not found' };
  }
  if (!isInside(real, root)) return { status: 403, reason: 'Path leaves the deck folder' };
  let stat = statSync(real);
  const folder = stat.isDirectory();
  if (folder) {
    // A folder is served through its index.html, never as a listing.
    try {
      real = realpathSync(join(real, 'index.html'));
      stat = statSync(real);
    } catch {
      return { status: 404, reason: 'Not found' };
    }
    if (!isInside(real, root)) return { status: 403, reason: 'Path leaves the deck folder' };
  }
  return stat.isFile() ? { path: real, size: stat.size, folder } : { status: 404, reason: 'Not found' };
}

function hostName(header: string): string {
  if (header.startsWith('[')) return header.slice(0, header.indexOf(']') + 1);
  return header.replace(/:\d+$/, '');
}

function send(res: ServerResponse, status: number, reason: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(`${status} ${reason}\n`);
}
