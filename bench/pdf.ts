/**
 * PDF export benchmark: synthetic text-only decks of 30 and 1,000 slides, and, in alternating rounds on the
 * same slides: `briefing pdf --timings` (the real CLI as a user runs it: process start, build, one Chromium
 * launch, print, outline and metadata), Chromium's own `--print-to-pdf` of the floor script's HTML
 * (bench/floor.mjs: the least any such tool must print), and `marp --pdf` (marp-cli, a devDependency) on
 * the same slides as one Marp file. Wall time and the CPU time of each whole process tree, sizes, and where
 * our time goes (the `--timings` steps). Run alone with `npx tsx bench/pdf.ts` after `npm run compile`;
 * bench/run calls measurePdf(). Environment: PDF_BENCH_SIZES=30,1000 and PDF_BENCH_RUNS=3.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { measureProcess, type Measured } from './process-tree.js';
import { median, stats, type Stats } from './stats.js';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'lib', 'bin', 'briefing.js');
const FLOOR = join(ROOT, 'bench', 'floor.mjs');
const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/** One tool's runs on one deck: wall and CPU ms, and the file it wrote. */
export interface ToolRuns {
  wall: Stats;
  cpu: Stats | undefined;
  bytes: number;
  pages: number;
}

export interface PdfBenchResult {
  slides: number;
  runs: number;
  ours: ToolRuns;
  /** `chromium --headless --print-to-pdf` of the floor HTML: the reference the targets are checked against. */
  chromium: ToolRuns;
  marp: ToolRuns | { skipped: string };
  /** Median of run-by-run ratios (ours ÷ the other tool's run in the same round): steadiest on a shared machine. */
  ratioChromium: number;
  ratioMarp: number | undefined;
  /** Median ms of each step of our export (`briefing pdf --timings`). */
  steps: Record<string, number>;
  kbPerPage: number;
  /** 1-minute load average before and after this size. */
  load: [number, number];
}
const WORDS = ('alliance posture eastern flank reinforcement deterrence readiness brigade battlegroup logistics sanctions summit '
  + 'ministers consultation article partners corridor airspace exercise command assessment capability border support').split(' ');

/** Deterministic filler text, so every run prints the same deck. */
function sentence(seed: number, length: number): string {
  const words = Array.from({ length }, (_, i) => WORDS[(seed * 7 + i * 13 + ((seed * i) % 5)) % WORDS.length]!);
  return words.join(' ').replace(/^./, (c) => c.toUpperCase());
}

/** Write a briefing of `slides` text-only slides (title slide included): three slides per section, with notes and citations. */
export function writeTextDeck(dir: string, slides: number): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.md'), `---
title: "PDF benchmark, ${slides} slides"
subtitle: "Text-only slides"
presenter: "Bench"
date: "2022-04-07"
asOf: "2022-04-07"
classification: "UNCLASSIFIED"
sources:
  S1: { title: "First report", publisher: "Publisher One", date: "2022-03-01" }
  S2: { title: "Second report", publisher: "Publisher Two", date: "2022-03-02" }
---
Benchmark deck.
`);
  let written = 1;
  for (let section = 1; written < slides; section++) {
    const count = Math.min(3, slides - written);
    const body = Array.from({ length: count }, (_, k) => {
      const n = written + k;
      const bullets = Array.from({ length: 5 }, (_, b) => `- ${sentence(n + b, 7)} **${sentence(n * b + 1, 2).toLowerCase()}**`).join('\n');
      return `## ${sentence(n, 5)}\n\n${sentence(n + 3, 18)}.\n\n${bullets}\n\nNote:\n${sentence(n + 9, 30)}.`;
    }).join('\n\n---\n\n');
    writeFileSync(join(dir, `${String(section).padStart(3, "0")}-part-${section}.md`), `---\ntitle: "Part ${section}"\nsources: [S1, S2]\n---\n${body}\n`);
    written += count;
  }
}

/** Export each deck size `runs` times with each tool, alternating, and report medians. */
export async function measurePdf(options: { sizes?: number[]; runs?: number } = {}): Promise<PdfBenchResult[]> {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npm run compile\` first`);
  const sizes = options.sizes ?? (process.env.PDF_BENCH_SIZES ?? '30,1000').split(',').map(Number);
  const runs = options.runs ?? Number(process.env.PDF_BENCH_RUNS ?? 3);
  const work = mkdtempSync(join(tmpdir(), 'briefing-pdf-bench-'));
  const marp = findMarp();
  const results: PdfBenchResult[] = [];
  try {
    for (const slides of sizes) {
      const load0 = loadavg()[0]!;
      const deck = join(work, `deck-${slides}`);
      writeTextDeck(deck, slides);
      const floorHtml = join(work, `floor-${slides}.html`);
      await measureProcess(process.execPath, [FLOOR, deck, floorHtml], { cwd: work });
      const marpMd = join(work, `marp-${slides}.md`);
      writeMarpDeck(deck, marpMd);
      const out = { ours: join(work, `ours-${slides}.pdf`), chromium: join(work, `chromium-${slides}.pdf`), marp: join(work, `marp-${slides}.pdf`) };
      const tools: Record<'ours' | 'chromium' | 'marp', () => Promise<Measured>> = {
        ours: () => measureProcess(process.execPath, [BIN, 'pdf', deck, '--out', out.ours, '--timings'], { cwd: work }),
        chromium: () => measureProcess(CHROMIUM, ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--print-to-pdf=${out.chromium}`, pathToFileURL(floorHtml).href], { cwd: work }),
        marp: () => measureProcess(marp!, ['--pdf', '--allow-local-files', marpMd, '-o', out.marp], { cwd: work, env: { CHROME_PATH: CHROMIUM } }),
      };
      const names = (['ours', 'chromium', 'marp'] as const).filter((n) => n !== 'marp' || marp);
      const measured: Record<string, Measured[]> = { ours: [], chromium: [], marp: [] };
      let marpFailed: string | undefined;
      for (let run = 0; run < runs; run++) {
        for (const name of names) {
          if (name === 'marp' && marpFailed) continue;
          try {
            measured[name]!.push(await tools[name]());
          } catch (cause) {
            if (name !== 'marp') throw cause;
            marpFailed = `marp --pdf failed: ${(cause as Error).message.split('\n')[0]}`;
          }
          process.stderr.write(`  ${slides} slides, round ${run + 1}: ${name} ${(measured[name]!.at(-1)?.ms ?? 0).toFixed(0)} ms\n`);
        }
      }
      const runsOf = (name: string, file: string): ToolRuns => ({
        wall: stats(measured[name]!.map((m) => m.ms)),
        cpu: measured[name]!.every((m) => m.cpuMs !== undefined) ? stats(measured[name]!.map((m) => m.cpuMs!)) : undefined,
        bytes: statSync(file).size,
        pages: pageCount(file),
      });
      const paired = (other: string) => round(median(measured.ours!.map((m, i) => m.ms / measured[other]![i]!.ms)), 2);
      const ours = runsOf('ours', out.ours);
      const steps = measured.ours!.map((m) => parseSteps(m.stderr));
      results.push({
        slides, runs, ours,
        chromium: runsOf('chromium', out.chromium),
        marp: marp && !marpFailed && measured.marp!.length ? runsOf('marp', out.marp) : { skipped: marpFailed ?? 'marp is not installed (npm ci installs @marp-team/marp-cli)' },
        ratioChromium: paired('chromium'),
        ratioMarp: marp && !marpFailed && measured.marp!.length === runs ? paired('marp') : undefined,
        steps: Object.fromEntries(Object.keys(steps[0] ?? {}).map((step) => [step, Math.round(median(steps.map((s) => s[step] ?? 0)))])),
        kbPerPage: round(ours.bytes / 1024 / ours.pages, 2),
        load: [round(load0, 1), round(loadavg()[0]!, 1)],
      });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return results;
}

/** `  build 420 ms · layout 180 ms · …` (the --timings line) as numbers. */
function parseSteps(stderr: string): Record<string, number> {
  const line = stderr.trim().split('\n').pop() ?? '';
  return Object.fromEntries(line.split(' · ').map((part) => /^\s*(\w+) ([\d,]+) ms$/.exec(part)).filter((m) => m !== null).map((m) => [m[1]!, Number(m[2]!.replace(/,/g, ''))]));
}

/** Pages of a PDF, as poppler's pdfinfo reads them (0 without poppler). */
function pageCount(file: string): number {
  const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info.stdout ?? '')?.[1] ?? 0);
}

/** marp-cli on PATH or in node_modules/.bin. */
export function findMarp(): string | undefined {
  const local = join(ROOT, 'node_modules', '.bin', 'marp');
  if (existsSync(local)) return local;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) if (dir && existsSync(join(dir, 'marp'))) return join(dir, 'marp');
  return undefined;
}

/** The deck's sections as one Marp file: the same headings, paragraphs, lists and notes. */
export function writeMarpDeck(deck: string, file: string): void {
  const slides = readdirSync(deck).filter((f) => /^\d+-.*\.md$/.test(f)).sort()
    .flatMap((f) => readFileSync(join(deck, f), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '').split(/\n---\n/))
    .map((slide) => slide.replace(/\nNote:\n([\s\S]*)$/, '\n<!-- $1 -->'));
  writeFileSync(file, `---\nmarp: true\n---\n\n# Title\n\n---\n\n${slides.join('\n\n---\n\n')}\n`);
}

/** The results as Markdown tables, as the README shows them. */
export function pdfTables(results: PdfBenchResult[]): string {
  const s = (ms: number) => (ms / 1000).toFixed(2);
  const wall = (r: ToolRuns) => `${s(r.wall.median)} (${s(r.wall.min)}–${s(r.wall.max)})`;
  const cpu = (r: ToolRuns) => (r.cpu ? s(r.cpu.median) : '—');
  const size = (r: ToolRuns) => `${(r.bytes / 1024 / 1024).toFixed(2)} MB, ${r.pages} pages`;
  const lines = ['| slides | tool | wall s, median (range) | CPU s | ours ÷ tool, run by run | file |', '| --- | --- | --- | --- | --- | --- |'];
  for (const r of results) {
    lines.push(`| ${r.slides} | \`briefing pdf\` | ${wall(r.ours)} | ${cpu(r.ours)} | — | ${size(r.ours)} |`);
    lines.push(`| ${r.slides} | Chromium \`--print-to-pdf\` of the floor HTML | ${wall(r.chromium)} | ${cpu(r.chromium)} | ${r.ratioChromium.toFixed(2)} × | ${size(r.chromium)} |`);
    if ('wall' in r.marp) lines.push(`| ${r.slides} | \`marp --pdf\` | ${wall(r.marp)} | ${cpu(r.marp)} | ${r.ratioMarp?.toFixed(2) ?? '—'} × | ${size(r.marp)} |`);
    else lines.push(`| ${r.slides} | \`marp --pdf\` | ${r.marp.skipped} | | | |`);
  }
  const steps = Object.keys(results[0]?.steps ?? {});
  lines.push('', `| slides | ${steps.join(' | ')} | load average |`, `| --- | ${steps.map(() => '---').join(' | ')} | --- |`);
  for (const r of results) lines.push(`| ${r.slides} | ${steps.map((step) => String(r.steps[step] ?? '—')).join(' | ')} | ${r.load.join(' → ')} |`);
  return lines.join('\n');
}

/** The targets, checked. */
export function pdfTargets(results: PdfBenchResult[]): { target: string; figure: string; met: boolean }[] {
  const out: { target: string; figure: string; met: boolean }[] = [];
  for (const r of results) {
    const limit = r.slides >= 1000 ? 1.5 : r.slides <= 30 ? 1.3 : undefined;
    if (limit) out.push({ target: `PDF at ${r.slides} slides ≤ ${limit} × Chromium's print of the floor HTML`, figure: `${r.ratioChromium.toFixed(2)} × (run by run)`, met: r.ratioChromium <= limit });
    if (r.ratioMarp !== undefined) out.push({ target: `PDF at ${r.slides} slides faster than marp-cli`, figure: `${r.ratioMarp.toFixed(2)} × (run by run)`, met: r.ratioMarp < 1 });
  }
  return out;
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = await measurePdf();
  console.log(pdfTables(results));
  console.log('');
  for (const t of pdfTargets(results)) console.log(`${t.met ? '✓' : '✗'} ${t.target}: ${t.figure}`);
}
