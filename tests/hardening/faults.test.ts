/**
 * Faults while writing: what a killed build leaves behind is cleaned up or repaired by the next build,
 * and builds running at the same time into one output folder take turns instead of failing.
 */
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { BIN, FIXTURES, ROOT, runCli, tempDir, type RunResult } from '../helpers/cli.js';

/** Dot entries a build may leave in the output folder: staging folders, lock files. */
const leftovers = (out: string) => readdirSync(out).filter((name) => name.startsWith('.'));

function runCliAsync(args: string[]): Promise<RunResult> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

describe('faults: what killed builds leave behind', () => {
  it('removes the staging folders of killed builds', () => {
    const { dir, cleanup } = tempDir();
    try {
      const out = join(dir, 'out');
      for (const name of ['.basic.tmp-AbC123', '.other.tmp-xYz789', '.basic.tmp-Qq1234.old']) {
        mkdirSync(join(out, name, 'vendor'), { recursive: true });
        writeFileSync(join(out, name, 'vendor', 'half.js'), 'half a file');
      }
      mkdirSync(join(out, 'basic'));
      writeFileSync(join(out, 'basic', 'index.html'), 'the old deck');
      const r = runCli(['build', join(FIXTURES, 'basic'), '--out', out]);
      expect(r.code, r.stderr).toBe(0);
      expect(leftovers(out)).toEqual([]);
      expect(readFileSync(join(out, 'basic', 'index.html'), 'utf8')).toContain('<section');
    } finally {
      cleanup();
    }
  });

  it('puts back a deck a kill left only in its .old folder, on the next build of any deck into that folder', () => {
    const { dir, cleanup } = tempDir();
    try {
      const out = join(dir, 'out');
      expect(runCli(['build', join(FIXTURES, 'basic'), '--out', out]).code).toBe(0);
      const good = readFileSync(join(out, 'basic', 'index.html'), 'utf8');
      // The moment between emit's two renames: the old deck moved aside, the new one not yet in place.
      renameSync(join(out, 'basic'), join(out, '.basic.tmp-k1LLed.old'));
      mkdirSync(join(out, '.basic.tmp-k1LLed'));
      writeFileSync(join(out, '.basic.tmp-k1LLed', 'index.html'), 'a new deck, perhaps incomplete');
      const r = runCli(['build', join(FIXTURES, 'crlf-bom'), '--out', out]);
      expect(r.code, r.stderr).toBe(0);
      expect(readFileSync(join(out, 'basic', 'index.html'), 'utf8')).toBe(good);
      expect(leftovers(out)).toEqual([]);
      expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('href="basic/');
    } finally {
      cleanup();
    }
  });

  it('leaves a complete deck and nothing else after builds killed at random moments', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const out = join(dir, 'out');
      expect(runCli(['build', join(FIXTURES, 'basic'), '--out', out]).code).toBe(0);
      const good = readFileSync(join(out, 'basic', 'index.html'), 'utf8');
      for (let i = 0; i < 12; i++) {
        const child = spawn(process.execPath, [BIN, 'build', join(FIXTURES, 'basic'), '--out', out], { cwd: ROOT, stdio: 'ignore' });
        // Kill once the build has started writing (a staging folder appears), or at once on even rounds.
        await new Promise<void>((done) => {
          const started = Date.now();
          const poll = setInterval(() => {
            const writing = readdirSync(out).some((n) => n.includes('.tmp-'));
            if (i % 2 === 0 || writing || Date.now() - started > 20_000) {
              clearInterval(poll);
              child.kill('SIGKILL');
              child.on('exit', () => done());
              if (child.exitCode !== null || child.signalCode !== null) done();
            }
          }, i % 3);
        });
      }
      expect(runCli(['build', join(FIXTURES, 'basic'), '--out', out]).code).toBe(0);
      expect(readFileSync(join(out, 'basic', 'index.html'), 'utf8')).toBe(good);
      expect(leftovers(out)).toEqual([]);
    } finally {
      cleanup();
    }
  }, 240_000);

  it('takes over the lock of a build that no longer runs', () => {
    const { dir, cleanup } = tempDir();
    try {
      const out = join(dir, 'out');
      mkdirSync(out);
      const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
      writeFileSync(join(out, '.briefing.lock'), `${gone} ${hostname()}\n`);
      const r = runCli(['build', join(FIXTURES, 'basic'), '--out', out]);
      expect(r.code, r.stderr).toBe(0);
      expect(existsSync(join(out, 'basic', 'index.html'))).toBe(true);
      expect(leftovers(out)).toEqual([]);
    } finally {
      cleanup();
    }
  });
});

describe('faults: concurrent builds into one output folder', () => {
  it('lets every one of many parallel CLI builds succeed, and lists every deck', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const out = join(dir, 'out');
      const briefings = join(dir, 'briefings');
      for (const name of ['basic', 'crlf-bom']) cpSync(join(FIXTURES, name), join(briefings, name), { recursive: true });
      const first = readFileSync(join(FIXTURES, 'basic', 'index.md'), 'utf8');
      for (let round = 0; round < 3; round++) {
        const runs = await Promise.all(Array.from({ length: 6 }, (_, i) => runCliAsync(['build', join(briefings, i % 2 ? 'crlf-bom' : 'basic'), '--out', out])));
        for (const r of runs) expect(r.code, r.stderr).toBe(0);
        expect(leftovers(out)).toEqual([]);
      }
      const index = readFileSync(join(out, 'index.html'), 'utf8');
      expect(index).toContain('href="basic/');
      expect(index).toContain('href="crlf-bom/');
      expect(readFileSync(join(briefings, 'basic', 'index.md'), 'utf8')).toBe(first);
    } finally {
      cleanup();
    }
  }, 300_000);

  it('lets four processes emitting one deck 40 times each all succeed (the emit stage itself, at full speed)', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const out = join(dir, 'out');
      // Each process swaps the same deck folder in as fast as it can: without the lock, one renames away the
      // folder another is about to rename, or removes its staging folder.
      const script = `
        const { emitDeck } = await import(${JSON.stringify(join(ROOT, 'lib', 'io', 'emit.js'))});
        const files = Array.from({ length: 20 }, (_, i) => ({ path: 'part/f' + i + '.txt', content: 'file ' + i + ' of process ' + process.pid }));
        files.push({ path: 'index.html', content: '<title>same</title>' });
        for (let i = 0; i < 40; i++) emitDeck(process.argv[1], 'same', files);
      `;
      const runs = await Promise.all(Array.from({ length: 4 }, () => new Promise<{ code: number | null; stderr: string }>((done) => {
        const child = spawn(process.execPath, ['--input-type=module', '-e', script, out], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('close', (code) => done({ code, stderr }));
      })));
      for (const r of runs) expect(r.code, r.stderr).toBe(0);
      expect(readdirSync(join(out, 'same', 'part'))).toHaveLength(20);
      expect(leftovers(out)).toEqual([]);
    } finally {
      cleanup();
    }
  }, 120_000);
});
