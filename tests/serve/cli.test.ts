/** `briefing serve` and `briefing build --watch` as a user runs them: the real binary, real files, Ctrl-C. */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, copyFixture, runCli, tempDir } from '../helpers/cli.js';

interface Running {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  /** Resolves with stdout once `pattern` appears in it. */
  waitFor(pattern: RegExp): Promise<string>;
  exit: Promise<number | null>;
}

const running: Running[] = [];
const temps: { cleanup: () => void }[] = [];
afterEach(() => {
  for (const r of running.splice(0)) r.child.kill('SIGKILL');
  for (const t of temps.splice(0)) t.cleanup();
});

function start(args: string[], cwd: string, env: Record<string, string> = {}): Running {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env } });
  let out = '';
  let err = '';
  const listeners: (() => void)[] = [];
  child.stdout!.on('data', (c) => ((out += c), listeners.forEach((l) => l())));
  child.stderr!.on('data', (c) => ((err += c), listeners.forEach((l) => l())));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const r: Running = {
    child,
    out: () => out,
    err: () => err,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => pattern.test(out) && resolve(out);
        listeners.push(check);
        check();
        void exit.then(() => reject(new Error(`exited before ${pattern}:\n${out}\n${err}`)));
      }),
    exit,
  };
  running.push(r);
  return r;
}

function workspace(): { dir: string; deck: string } {
  const tmp = tempDir('briefing-serve-cli-');
  temps.push(tmp);
  return { dir: tmp.dir, deck: copyFixture('serve-deck', tmp.dir) };
}

describe('briefing serve', () => {
  it('prints the URL, serves the deck, and stops cleanly on Ctrl-C', async () => {
    const { dir } = workspace();
    const serve = start(['serve', 'serve-deck', '--port', '0'], dir);
    const out = await serve.waitFor(/Press Ctrl-C/);
    const url = /Serving serve-deck at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)![1]!;
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('The middle slide says hello.');
    serve.child.kill('SIGINT');
    expect(await serve.exit).toBe(0);
    expect(serve.out()).toContain('Stopped.');
    await expect(fetch(url)).rejects.toThrow();
    expect(existsSync(join(dir, 'dist'))).toBe(false);
  });

  it('logs one line per rebuild, and the positioned error of a bad edit without stopping', async () => {
    const { dir, deck } = workspace();
    const serve = start(['serve', 'serve-deck', '--port', '0'], dir);
    await serve.waitFor(/Press Ctrl-C/);
    const file = join(deck, '020-middle.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('says hello', 'says goodbye'));
    await serve.waitFor(/020-middle\.md changed: re-rendered 020-middle\.md, re-composed 1 of 3 sections, \d+ ms/);
    writeFileSync(file, readFileSync(file, 'utf8').replace('title: Middle', 'title: Middle\nlayout: contnet'));
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => /still serving the last good deck/.test(serve.err()) && (clearInterval(poll), resolve()), 50);
    });
    expect(serve.err()).toContain('serve-deck/020-middle.md:3:9 error Unknown layout `contnet`');
    expect(serve.child.exitCode).toBe(null);
    serve.child.kill('SIGTERM');
    expect(await serve.exit).toBe(0);
  });

  it('says so and exits 1 when the port is in use', async () => {
    const { dir } = workspace();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const result = runCli(['serve', 'serve-deck', '--port', String(port)], { cwd: dir });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
      expect(result.stderr).toContain('--port 0 picks a free one');
    } finally {
      blocker.close();
    }
  });

  it('says which folder is not a briefing, and exits 1 instead of waiting for it', () => {
    const { dir } = workspace();
    const serve = runCli(['serve', 'no-such-deck', '--port', '0'], { cwd: dir });
    expect(serve.code).toBe(1);
    expect(serve.stderr).toContain('no-such-deck error Briefing folder not found');
    const watch = runCli(['build', '--watch', 'no-such-deck'], { cwd: dir });
    expect(watch.code).toBe(1);
    expect(watch.stderr).toContain('no-such-deck error Briefing folder not found');
  });

  it('rejects a bad port as bad usage', () => {
    const { dir } = workspace();
    const result = runCli(['serve', 'serve-deck', '--port', 'eighty'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--port must be a number from 0 to 65535');
  });

  it('opens the browser named by $BROWSER with --open', async () => {
    const { dir } = workspace();
    const opener = join(dir, 'opener.sh');
    writeFileSync(opener, `#!/bin/sh\necho "$1" > "${join(dir, 'opened.txt')}"\n`);
    chmodSync(opener, 0o755);
    const serve = start(['serve', 'serve-deck', '--port', '0', '--open'], dir, { BROWSER: opener });
    const out = await serve.waitFor(/Press Ctrl-C/);
    const url = /at (http:\S+)/.exec(out)![1]!;
    // The opener's shell creates the file before it writes the line: wait for the whole line.
    const opened = join(dir, 'opened.txt');
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => existsSync(opened) && readFileSync(opened, 'utf8').endsWith('\n') && (clearInterval(poll), resolve()), 50);
    });
    expect(readFileSync(join(dir, 'opened.txt'), 'utf8').trim()).toBe(url);
    serve.child.kill('SIGINT');
    expect(await serve.exit).toBe(0);
  });
});

describe('briefing build --watch', () => {
  it('builds into the output folder, rebuilds on save, and stops on Ctrl-C', async () => {
    const { dir, deck } = workspace();
    const watch = start(['build', '--watch', 'serve-deck', '--out', 'site'], dir);
    await watch.waitFor(/✓ serve-deck .* -> site\/serve-deck\/index\.html/);
    await watch.waitFor(/Watching \d+ files/);
    const built = join(dir, 'site', 'serve-deck', 'index.html');
    expect(readFileSync(built, 'utf8')).toContain('The closing slide.');
    expect(readFileSync(built, 'utf8')).not.toContain('__briefing');
    expect(existsSync(join(dir, 'site', 'index.html'))).toBe(true);
    const file = join(deck, '030-closing.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('The closing slide.', 'The closing slide, rewritten.'));
    await watch.waitFor(/030-closing\.md changed: re-rendered 030-closing\.md/);
    expect(readFileSync(built, 'utf8')).toContain('The closing slide, rewritten.');
    watch.child.kill('SIGINT');
    expect(await watch.exit).toBe(0);
  });
});
