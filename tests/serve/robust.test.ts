/**
 * `briefing serve` under abuse, as the real binary: hundreds of aborted downloads leave no descriptor
 * open, and a briefing folder deleted and recreated (or renamed away and back) is watched again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, copyFixture, FIXTURES, tempDir } from '../helpers/cli.js';

const children: ChildProcess[] = [];
const temps: { cleanup: () => void }[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const t of temps.splice(0)) t.cleanup();
});

/** Start `briefing serve` on a free port in a copy of serve-deck; resolves with the URL and the process. */
async function serveCopy(): Promise<{ url: string; child: ChildProcess; dir: string; deck: string }> {
  const tmp = tempDir('briefing-serve-robust-');
  temps.push(tmp);
  const deck = copyFixture('serve-deck', tmp.dir);
  const child = spawn(process.execPath, [BIN, 'serve', 'serve-deck', '--port', '0'], { cwd: tmp.dir, env: { ...process.env, NO_COLOR: '1' } });
  children.push(child);
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const found = /Serving serve-deck at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (found && out.includes('Press Ctrl-C')) resolve(found[1]!);
    });
    child.on('exit', () => reject(new Error(`serve exited:\n${out}`)));
  });
  return { url, child, dir: tmp.dir, deck };
}

const openDescriptors = (pid: number) => readdirSync(`/proc/${pid}/fd`).length;

/** Start a download, wait for its first bytes, then drop the connection. */
function abortedDownload(url: string): Promise<void> {
  return new Promise((done) => {
    const req = request(url, (res) => {
      res.once('data', () => {
        req.destroy();
        done();
      });
    });
    req.on('error', () => done());
    req.end();
  });
}

/** Poll until `probe` holds or the deadline passes; returns whether it held (no timing is asserted). */
async function eventually(probe: () => boolean | Promise<boolean>, deadlineMs = 30_000): Promise<boolean> {
  const end = Date.now() + deadlineMs;
  while (Date.now() < end) {
    if (await probe()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return probe();
}

const page = async (url: string) => (await fetch(url)).text();

describe('serve: descriptors', () => {
  it('closes the file of every aborted download (300 aborted, descriptor count back to where it was)', async () => {
    const { url, child } = await serveCopy();
    const asset = `${url}vendor/reveal.js/reveal.js`;
    await abortedDownload(asset);
    const before = openDescriptors(child.pid!);
    for (let round = 0; round < 6; round++) await Promise.all(Array.from({ length: 50 }, () => abortedDownload(asset)));
    // The server notices each closed connection asynchronously: wait until the count settles, then compare.
    await eventually(() => openDescriptors(child.pid!) <= before + 5, 20_000);
    const after = openDescriptors(child.pid!);
    expect(after, `descriptors before ${before}, after 300 aborted downloads ${after}`).toBeLessThanOrEqual(before + 5);
    // And the server still answers.
    expect((await fetch(asset)).status).toBe(200);
  }, 120_000);
});

describe('serve: the briefing folder comes back', () => {
  it('watches a briefing folder again after it is deleted and recreated', async () => {
    const { url, deck } = await serveCopy();
    expect(await page(url)).toContain('The middle slide says hello.');
    rmSync(deck, { recursive: true });
    // The deletion itself is a change: the rebuild fails, the last good deck stays served.
    await new Promise((r) => setTimeout(r, 1500));
    cpSync(join(FIXTURES, 'serve-deck'), deck, { recursive: true });
    const middle = join(deck, '020-middle.md');
    expect(await eventually(async () => (await page(url)).includes('The middle slide says hello.'))).toBe(true);
    writeFileSync(middle, readFileSync(middle, 'utf8').replace('says hello', 'says goodbye'));
    expect(await eventually(async () => (await page(url)).includes('The middle slide says goodbye.'))).toBe(true);
    writeFileSync(join(deck, '040-new.md'), '---\ntitle: Added later\n---\n## Added later\n\nA section added after the folder came back.\n');
    expect(await eventually(async () => (await page(url)).includes('A section added after the folder came back.'))).toBe(true);
  }, 120_000);

  it('watches a briefing folder again after it is renamed away and back', async () => {
    const { url, deck } = await serveCopy();
    expect(await page(url)).toContain('The middle slide says hello.');
    renameSync(deck, `${deck}-away`);
    await new Promise((r) => setTimeout(r, 1500));
    renameSync(`${deck}-away`, deck);
    const middle = join(deck, '020-middle.md');
    await new Promise((r) => setTimeout(r, 1500));
    writeFileSync(middle, readFileSync(middle, 'utf8').replace('says hello', 'says hello again'));
    expect(await eventually(async () => (await page(url)).includes('The middle slide says hello again.'))).toBe(true);
  }, 120_000);
});
