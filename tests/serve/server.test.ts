/** The dev server over tests/fixtures/serve-site: loopback binding, traversal refused, content types, live reload. */
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StaticServer } from '../../src/io/server/server.js';
import { serve } from '../../src/api/serve.js';
import { build } from '../../src/api/build.js';
import { copyFixture, tempDir } from '../helpers/cli.js';

const SECRET = 'top secret outside the deck folder';

interface Raw {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Send a request line exactly as given: no client normalises the path on the way. */
function raw(port: number, target: string, options: { method?: string; host?: string } = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    });
    socket.write(`${options.method ?? 'GET'} ${target} HTTP/1.1\r\nHost: ${options.host ?? `127.0.0.1:${port}`}\r\nConnection: close\r\n\r\n`);
  });
}

let tmp: { dir: string; cleanup: () => void };
let server: StaticServer;

beforeAll(async () => {
  tmp = tempDir('briefing-server-');
  const site = copyFixture('serve-site', tmp.dir);
  writeFileSync(join(tmp.dir, 'secret.txt'), SECRET);
  mkdirSync(join(tmp.dir, 'private'));
  writeFileSync(join(tmp.dir, 'private', 'secret.txt'), SECRET);
  symlinkSync(join(tmp.dir, 'secret.txt'), join(site, 'leak.txt'));
  symlinkSync(join(tmp.dir, 'private'), join(site, 'private'));
  symlinkSync(join(site, 'style.css'), join(site, 'alias.css'));
  writeFileSync(join(site, '.hidden'), SECRET);
  server = await startServer({ root: site, host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await server.close();
  tmp.cleanup();
});

describe('the dev server', () => {
  it('listens on the loopback address only, by default', async () => {
    expect(server.host).toBe('127.0.0.1');
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    const outside = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal);
    if (outside) {
      const reached = await new Promise<boolean>((resolve) => {
        const socket = connect(server.port, outside.address);
        socket.on('connect', () => (socket.destroy(), resolve(true)));
        socket.on('error', () => resolve(false));
      });
      expect(reached).toBe(false);
    }
  });

  it('serves index.html for the root and for folders that have one', async () => {
    const root = await raw(server.port, '/');
    expect(root.status).toBe(200);
    expect(root.body).toContain('The served folder of the server tests.');
    expect((await raw(server.port, '/sub/')).body).toContain('Sub page.');
    const bare = await raw(server.port, '/sub');
    expect(bare.status).toBe(301);
    expect(bare.headers.location).toBe('/sub/');
  });

  it('never lists a folder', async () => {
    for (const target of ['/fonts/', '/fonts', '/media/']) {
      const res = await raw(server.port, target);
      expect(res.status, target).toBe(404);
      expect(res.body, target).not.toContain('sans.woff2');
    }
  });

  const attempts = [
    '/../secret.txt',
    '/media/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/%2E%2E/secret.txt',
    '/.%2e/secret.txt',
    '/media/..%2f..%2fsecret.txt',
    '/media/%2e%2e%2F%2e%2e%2Fsecret.txt',
    '/..%5csecret.txt',
    '/media\\..\\..\\secret.txt',
    '/%252e%252e/secret.txt',
    '//etc/passwd',
    '/%2fetc%2fpasswd',
    'http://127.0.0.1/../secret.txt',
    'C:/Windows/win.ini',
    '/C:/Windows/win.ini',
    '/index.html%00.png',
    '/%00../secret.txt',
    '/leak.txt',
    '/private/secret.txt',
    '/.hidden',
    '/%2ehidden',
  ];
  for (const target of attempts) {
    it(`refuses ${target}`, async () => {
      const res = await raw(server.port, target);
      expect([400, 403, 404]).toContain(res.status);
      expect(res.body).not.toContain(SECRET);
    });
  }

  it('follows a symlink that stays inside the folder', async () => {
    const res = await raw(server.port, '/alias.css');
    expect(res.status).toBe(200);
    expect(res.body).toContain('font-family');
  });

  it('answers only to loopback host names (no DNS rebinding)', async () => {
    expect((await raw(server.port, '/', { host: 'evil.example' })).status).toBe(403);
    expect((await raw(server.port, '/', { host: `localhost:${server.port}` })).status).toBe(200);
  });

  it('allows only GET and HEAD', async () => {
    expect((await raw(server.port, '/index.html', { method: 'POST' })).status).toBe(405);
    const head = await raw(server.port, '/index.html', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  const types: [string, string][] = [
    ['/index.html', 'text/html; charset=utf-8'],
    ['/app.js', 'text/javascript; charset=utf-8'],
    ['/style.css', 'text/css; charset=utf-8'],
    ['/fonts/sans.woff2', 'font/woff2'],
    ['/media/dot.svg', 'image/svg+xml'],
    ['/media/dot.png', 'image/png'],
    ['/media/dot.jpg', 'image/jpeg'],
    ['/media/page.pdf', 'application/pdf'],
    ['/LICENSE', 'application/octet-stream'],
  ];
  for (const [target, type] of types) {
    it(`sends ${target} as ${type}, with nosniff`, async () => {
      const res = await raw(server.port, target);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe(type);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(Number(res.headers['content-length'])).toBeGreaterThan(0);
    });
  }
});

describe('serve', () => {
  it('injects the reload client into served pages only, never into build output', async () => {
    const dir = tempDir('briefing-serve-inject-');
    const deck = copyFixture('serve-deck', dir.dir);
    const handle = await serve({ briefing: deck, cwd: dir.dir, port: 0, fsEvents: false });
    try {
      const page = await raw(handle.port, '/');
      expect(page.body).toMatch(/<script src="\/__briefing\/reload\.js" data-version="1"><\/script>\n<\/body>/);
      const css = await raw(handle.port, '/theme/theme.css');
      expect(css.body).not.toContain('__briefing');
      const client = await raw(handle.port, '/__briefing/reload.js');
      expect(client.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(client.body).toContain('EventSource');
      expect(existsSync(join(handle.deckDir, 'index.html'))).toBe(false);
      expect(existsSync(join(handle.deckDir, 'theme', 'theme.css'))).toBe(true);
      const built = await build({ briefings: [deck], cwd: dir.dir, outDir: join(dir.dir, 'dist') });
      expect(built.ok).toBe(true);
      expect(readFileSync(join(dir.dir, 'dist', 'serve-deck', 'index.html'), 'utf8')).not.toContain('__briefing');
    } finally {
      await handle.close();
      dir.cleanup();
    }
  });

  it('tells a page the deck version and build state as soon as it connects', async () => {
    const dir = tempDir('briefing-serve-events-');
    const deck = copyFixture('serve-deck', dir.dir);
    const handle = await serve({ briefing: deck, cwd: dir.dir, port: 0, fsEvents: false });
    try {
      const first = await new Promise<string>((resolve, reject) => {
        const socket = connect(handle.port, '127.0.0.1');
        let text = '';
        socket.on('data', (c) => {
          text += c.toString();
          if (text.includes('data: ')) {
            socket.destroy();
            resolve(text);
          }
        });
        socket.on('error', reject);
        socket.write(`GET /__briefing/events HTTP/1.1\r\nHost: 127.0.0.1:${handle.port}\r\n\r\n`);
      });
      expect(first.toLowerCase()).toContain('content-type: text/event-stream');
      expect(JSON.parse(/data: (.*)\n/.exec(first)![1]!)).toEqual({ version: 1, ok: true, diagnostics: [] });
    } finally {
      await handle.close();
      dir.cleanup();
    }
  });

  it('warns when it listens on an address other machines can reach', async () => {
    const dir = tempDir('briefing-serve-host-');
    const deck = copyFixture('serve-deck', dir.dir);
    const handle = await serve({ briefing: deck, cwd: dir.dir, port: 0, host: '0.0.0.0', fsEvents: false });
    try {
      expect(handle.warnings.join('\n')).toMatch(/anyone who can reach this machine/);
    } finally {
      await handle.close();
      dir.cleanup();
    }
  });
});
