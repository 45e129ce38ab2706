/**
 * PowerPoint export benchmark: the synthetic text decks of bench/pdf.ts at 30 and 1,000 slides, exported by
 * the real CLI (`node lib/bin/briefing.js pptx`) as a user runs it, and — where `marp` is installed (on
 * PATH or in node_modules/.bin) — the same slides as one Marp Markdown file through `marp --pptx`, which
 * renders every slide as a picture in Chromium. Run alone with `npx tsx bench/pptx.ts` (after
 * `npm run compile`); bench/run calls measurePptx(). Environment: PPTX_BENCH_SIZES=30,1000, PPTX_BENCH_RUNS=3.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeTextDeck } from './pdf.js';
import { median } from './stats.js';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'lib', 'bin', 'briefing.js');

export interface PptxBenchResult {
  slides: number;
  runs: number;
  /** Median wall time of one `briefing pptx` process. */
  seconds: number;
  /** Median CPU time (user + system) of that process. */
  cpuSeconds: number;
  slidesPerSecond: number;
  bytes: number;
  /** `marp --pptx` on the same slides: median seconds, or why it was not measured. */
  marp: { seconds: number; bytes: number } | { skipped: string };
}

/** Export each deck size `runs` times and report medians. */
export async function measurePptx(options: { sizes?: number[]; runs?: number } = {}): Promise<PptxBenchResult[]> {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npm run compile\` first`);
  const sizes = options.sizes ?? (process.env.PPTX_BENCH_SIZES ?? '30,1000').split(',').map(Number);
  const runs = options.runs ?? Number(process.env.PPTX_BENCH_RUNS ?? 3);
  const work = mkdtempSync(join(tmpdir(), 'briefing-pptx-bench-'));
  const marp = findMarp();
  const results: PptxBenchResult[] = [];
  try {
    for (const slides of sizes) {
      const deck = join(work, `deck-${slides}`);
      writeTextDeck(deck, slides);
      const out = join(work, `deck-${slides}.pptx`);
      const wall: number[] = [];
      const cpu: number[] = [];
      for (let run = 0; run < runs; run++) {
        const measured = timed(process.execPath, [BIN, 'pptx', deck, '--out', out], work);
        wall.push(measured.seconds);
        cpu.push(measured.cpuSeconds);
      }
      const seconds = median(wall);
      results.push({
        slides, runs, seconds: round(seconds, 2), cpuSeconds: round(median(cpu), 2), slidesPerSecond: round(slides / seconds, 1), bytes: statSync(out).size,
        marp: marp ? measureMarp(marp, deck, join(work, `marp-${slides}`), runs) : { skipped: 'marp is not installed (npm install -g @marp-team/marp-cli to compare)' },
      });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return results;
}

/** Run a process to the end; wall time, and CPU time as the child reports it to the kernel. */
function timed(command: string, args: string[], cwd: string): { seconds: number; cpuSeconds: number } {
  const started = performance.now();
  childCpu();
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`${args.slice(0, 2).join(' ')} failed (exit ${result.status}): ${result.stderr}`);
  // A child's CPU time is not in process.resourceUsage(); /proc gives it on Linux, else the wall time stands in.
  return { seconds, cpuSeconds: childCpu() ?? seconds };
}

let lastChildCpu = 0;
/** CPU seconds used by this process's waited-for children since the last call (Linux /proc), or undefined elsewhere. */
function childCpu(): number | undefined {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    const ticks = Number(fields[13]) + Number(fields[14]); // cutime + cstime, in clock ticks (100 per second)
    const delta = ticks / 100 - lastChildCpu;
    lastChildCpu = ticks / 100;
    return delta;
  } catch {
    return undefined;
  }
}

function findMarp(): string | undefined {
  const local = join(ROOT, 'node_modules', '.bin', 'marp');
  if (existsSync(local)) return local;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) if (dir && existsSync(join(dir, 'marp'))) return join(dir, 'marp');
  return undefined;
}

/** The deck's sections as one Marp file (the same headings, paragraphs, lists and notes), exported with `marp --pptx`. */
function measureMarp(marp: string, deck: string, base: string, runs: number): { seconds: number; bytes: number } | { skipped: string } {
  const slides = readdirSync(deck).filter((f) => /^\d+-.*\.md$/.test(f)).sort()
    .flatMap((f) => readFileSync(join(deck, f), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '').split(/\n---\n/))
    .map((s) => s.replace(/\nNote:\n([\s\S]*)$/, '\n<!-- $1 -->'));
  const file = `${base}.md`;
  writeFileSync(file, `---\nmarp: true\n---\n\n# Title\n\n---\n\n${slides.join('\n\n---\n\n')}\n`);
  const times: number[] = [];
  try {
    for (let run = 0; run < runs; run++) times.push(timed(marp, ['--pptx', '--allow-local-files', file, '-o', `${base}.pptx`], resolve(base, '..')).seconds);
  } catch (cause) {
    return { skipped: `marp --pptx failed: ${(cause as Error).message.split('\n')[0]}` };
  }
  return { seconds: round(median(times), 2), bytes: statSync(`${base}.pptx`).size };
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = await measurePptx();
  console.log('slides  seconds  CPU s  slides/s  size      marp --pptx   (`briefing pptx` process, median of runs)');
  for (const r of results) {
    const marp = 'seconds' in r.marp ? `${r.marp.seconds.toFixed(2)} s, ${Math.round(r.marp.bytes / 1024)} KB` : r.marp.skipped;
    console.log(`${String(r.slides).padStart(6)}  ${r.seconds.toFixed(2).padStart(7)}  ${r.cpuSeconds.toFixed(2).padStart(5)}  ${r.slidesPerSecond.toFixed(1).padStart(8)}  ${`${Math.round(r.bytes / 1024)} KB`.padStart(8)}  ${marp}`);
  }
}
