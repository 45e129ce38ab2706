/**
 * Delivery benchmark: the single-file build beside the folder build (time and size) for the default
 * briefing and synthetic decks, and `briefing images` for decks of 30 and 1,000 slides — each the real CLI
 * (`node lib/bin/briefing.js`) as a user runs it. Run alone with `npx tsx bench/deliver.ts` after
 * `npm run compile`; bench/run calls measureDeliver(). Environment: DELIVER_BENCH_RUNS=5,
 * DELIVER_BENCH_SIZES=30,1000 (sections), IMAGES_BENCH_SLIDES=30,1000.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateBriefing } from './generate.js';
import { findMarp, writeMarpDeck, writeTextDeck } from './pdf.js';
import { median } from './stats.js';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'lib', 'bin', 'briefing.js');

export interface SingleFileBench {
  deck: string;
  slides: number;
  /** Median wall time of one `briefing build` process, ms: the deck folder, then `--single-file`. */
  folderMs: number;
  singleFileMs: number;
  /** Bytes of the deck folder (every file) and of the single file. */
  folderBytes: number;
  singleFileBytes: number;
}

export interface ImagesBench {
  slides: number;
  /** Wall time of one `briefing images` process (one run: Chromium start, build, every slide photographed), seconds. */
  seconds: number;
  imagesPerSecond: number;
  bytes: number;
  /** `marp --images png` on the same slides (one run), or why it was not measured. */
  marp: { seconds: number; images: number } | { skipped: string };
}

function cli(args: string[], cwd: string): { ms: number; stdout: string } {
  const started = performance.now();
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`briefing ${args[0]} failed (exit ${result.status}): ${result.stderr}`);
  return { ms, stdout: result.stdout };
}

function sizeOf(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).reduce((sum, e) => sum + statSync(join(e.parentPath, e.name)).size, 0);
}

/** Folder and single-file builds of `dir`, alternated `runs` times so load on the machine hits both alike. */
function singleFile(dir: string, name: string, work: string, runs: number): SingleFileBench {
  const out = join(work, `out-${name}`);
  const folder: number[] = [];
  const single: number[] = [];
  let slides = 0;
  cli(['build', dir, '--out', out], work); // warm the file-system cache
  for (let i = 0; i < runs; i++) {
    const f = cli(['build', dir, '--out', out], work);
    folder.push(f.ms);
    slides = Number(/(\d+) slides/.exec(f.stdout)?.[1] ?? 0);
    single.push(cli(['build', dir, '--out', out, '--single-file'], work).ms);
  }
  const slug = dir.split(/[\\/]/).pop()!;
  return {
    deck: name, slides, folderMs: Math.round(median(folder)), singleFileMs: Math.round(median(single)),
    folderBytes: sizeOf(join(out, slug)), singleFileBytes: sizeOf(join(out, `${slug}.html`)),
  };
}

/** `marp --images png` on the deck's slides as one Marp file: one PNG per slide, in one Chromium. */
function marpImages(deck: string, dir: string, work: string): { seconds: number; images: number } | { skipped: string } {
  const marp = findMarp();
  if (!marp) return { skipped: 'marp is not installed' };
  mkdirSync(dir, { recursive: true });
  writeMarpDeck(deck, join(dir, 'deck.md'));
  const started = performance.now();
  const result = spawnSync(marp, ['--images', 'png', '--allow-local-files', join(dir, 'deck.md')], { cwd: work, encoding: 'utf8', env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' } });
  const seconds = Math.round((performance.now() - started) / 10) / 100;
  if (result.status !== 0) return { skipped: `marp --images failed: ${result.stderr.split('\n')[0]}` };
  return { seconds, images: readdirSync(dir).filter((f) => f.endsWith('.png')).length };
}

/** Measure single-file builds and slide images. */
export async function measureDeliver(options: { runs?: number; sizes?: number[]; imageSlides?: number[] } = {}): Promise<{ singleFile: SingleFileBench[]; images: ImagesBench[] }> {
  const runs = options.runs ?? Number(process.env.DELIVER_BENCH_RUNS ?? 5);
  const sizes = options.sizes ?? (process.env.DELIVER_BENCH_SIZES ?? '30,1000').split(',').map(Number);
  const imageSlides = options.imageSlides ?? (process.env.IMAGES_BENCH_SLIDES ?? '30,1000').split(',').map(Number);
  const work = mkdtempSync(join(tmpdir(), 'briefing-deliver-bench-'));
  try {
    const files = [singleFile(join(ROOT, 'briefings', 'nato-ukraine'), 'default briefing', work, runs)];
    for (const sections of sizes) files.push(singleFile(generateBriefing(work, sections), `${sections} sections`, work, runs));
    const images: ImagesBench[] = [];
    for (const slides of imageSlides) {
      const deck = join(work, `images-${slides}`);
      writeTextDeck(deck, slides);
      const out = join(work, `png-${slides}`);
      const { ms } = cli(['images', deck, '--out', out], work);
      const count = readdirSync(out).length;
      if (count !== slides) throw new Error(`briefing images wrote ${count} images for ${slides} slides`);
      images.push({ slides, seconds: Math.round(ms / 10) / 100, imagesPerSecond: Math.round((slides / (ms / 1000)) * 10) / 10, bytes: sizeOf(out), marp: marpImages(deck, join(work, `marp-png-${slides}`), work) });
    }
    return { singleFile: files, images };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The figures as Markdown tables. */
export function deliverTables(result: Awaited<ReturnType<typeof measureDeliver>>): string {
  const kb = (b: number) => (b >= 1024 * 1024 ? `${(b / 1024 / 1024).toFixed(2)} MB` : `${Math.round(b / 1024)} KB`);
  const lines = ['| deck | slides | folder build ms | single-file build ms | single ÷ folder | folder size | single file size |', '| --- | --- | --- | --- | --- | --- | --- |'];
  for (const r of result.singleFile) lines.push(`| ${r.deck} | ${r.slides} | ${r.folderMs} | ${r.singleFileMs} | ${(r.singleFileMs / r.folderMs).toFixed(2)} × | ${kb(r.folderBytes)} | ${kb(r.singleFileBytes)} |`);
  lines.push('', '| slides | `briefing images` s | images/s | PNG total | `marp --images png` s |', '| --- | --- | --- | --- | --- |');
  for (const r of result.images) lines.push(`| ${r.slides} | ${r.seconds.toFixed(2)} | ${r.imagesPerSecond} | ${kb(r.bytes)} | ${'seconds' in r.marp ? `${r.marp.seconds.toFixed(2)} (${r.marp.images} images)` : r.marp.skipped} |`);
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await measureDeliver();
  console.log(deliverTables(result));
}
