/**
 * `npm run bench`: how fast briefing builds, against the floor (bench/floor.mjs) on the same input.
 *
 * For each size it measures, several times: the floor as a whole process, the CLI as a whole
 * process, a cold in-process build() (fresh process, library already loaded), an incremental rebuild
 * after a one-section edit, peak memory of the CLI, and the deck's output size; then profiles one
 * build of the largest size to show where its CPU time goes. Prints a table and writes
 * bench/results.json. Environment: BENCH_SIZES=30,300 and BENCH_RUNS=3 narrow a run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deliverTables, measureDeliver } from './deliver.js';
import { editOneSection, generateBriefing } from './generate.js';
import { pdfTables, pdfTargets, measurePdf, type PdfBenchResult } from './pdf.js';
import { moduleOf, selfTime } from './profile.js';
import { median, stats, type Stats } from './stats.js';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'lib', 'bin', 'briefing.js');
const FLOOR = join(ROOT, 'bench', 'floor.mjs');
const SIZES = (process.env.BENCH_SIZES ?? '30,300,1000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 9);

/** One input measured: a size, and whether its slides carry raw HTML. */
export interface SizeResult {
  name: string;
  sections: number;
  rawHtml: boolean;
  slides: number;
  floorProcess: Stats;
  cliProcess: Stats;
  /** CPU time (user + system) of the same runs: steadier than wall time on a busy machine. */
  floorCpu: Stats;
  cliCpu: Stats;
  inProcess: Stats;
  incremental?: Stats;
  peakMemoryMb: number;
  floorPeakMemoryMb: number;
  outputBytes: number;
  outputFiles: number;
  /** CLI whole process divided by the floor whole process (medians of wall time). */
  floorRatio: number;
  /** The same ratio on CPU time. */
  floorCpuRatio: number;
  /** Best run against best run (min ÷ min): the least disturbed by other work on a shared machine. */
  floorBestRatio: number;
  /**
   * Median of the ratios of each CLI run to the floor run just before it. The runs alternate, so a
   * slow spell of the machine hits both runs of a pair: the steadiest measure on a shared machine.
   */
  floorPairedRatio: number;
  /** Median ms of each stage of the in-process builds (DeckResult.timings): where the time goes. */
  stages: Record<string, number>;
}


/** Run `node args` to completion; wall-clock ms. Fails loudly if the process fails. */
function timeProcess(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): { ms: number; stdout: string } {
  const started = performance.now();
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return { ms, stdout: r.stdout };
}

/** One whole-process run: wall time, CPU time and peak resident memory, the last two reported by the process as it exits. */
function runProcess(args: string[], cwd: string): { ms: number; cpuMs: number; peakMb: number; stdout: string } {
  const file = join(cwd, 'usage.json');
  const hook = join(cwd, 'usage.cjs');
  writeFileSync(hook, `process.on('exit', () => { const u = process.resourceUsage(); require('node:fs').writeFileSync(${JSON.stringify(file)}, JSON.stringify({ cpu: (u.userCPUTime + u.systemCPUTime) / 1000, rss: u.maxRSS })); });\n`);
  const { ms, stdout } = timeProcess(['--require', hook, ...args], cwd);
  const usage = JSON.parse(readFileSync(file, 'utf8')) as { cpu: number; rss: number };
  return { ms, cpuMs: usage.cpu, peakMb: Math.round(usage.rss / 1024), stdout };
}

/** Time build() of the library in fresh processes: the library is loaded first, then only the call is timed. */
function inProcessBuild(dir: string, out: string, cwd: string): { ms: number; timings: Record<string, number> } {
  const lib = pathToFileURL(join(ROOT, 'lib', 'index.js')).href;
  const code = `const { build } = await import(${JSON.stringify(lib)});
const t = performance.now();
const r = await build({ briefings: [${JSON.stringify(dir)}], outDir: ${JSON.stringify(out)} });
const ms = performance.now() - t;
if (!r.ok) { console.error(JSON.stringify(r.diagnostics)); process.exit(1); }
console.log(JSON.stringify({ ms, timings: r.decks[0].timings }));`;
  return JSON.parse(timeProcess(['--input-type=module', '-e', code], cwd).stdout.trim()) as { ms: number; timings: Record<string, number> };
}

/** Incremental rebuild after editing one section, in one process that keeps its cache between builds. */
function incrementalFallback(dir: string, sections: number, out: string): Stats {
  const lib = pathToFileURL(join(ROOT, 'lib', 'index.js')).href;
  const gen = pathToFileURL(join(ROOT, 'bench', 'generate.ts')).href;
  const code = `const { build, createCache } = await import(${JSON.stringify(lib)});
const { editOneSection } = await import(${JSON.stringify(gen)});
const cache = createCache();
const options = { briefings: [${JSON.stringify(dir)}], outDir: ${JSON.stringify(out)}, cache };
await build(options);
const times = [];
for (let i = 0; i < ${RUNS}; i++) {
  editOneSection(${JSON.stringify(dir)}, ${sections}, i);
  const t = performance.now();
  const r = await build(options);
  times.push(performance.now() - t);
  if (!r.ok) { console.error(JSON.stringify(r.diagnostics)); process.exit(1); }
}
console.log(JSON.stringify(times));`;
  const times = JSON.parse(timeProcess(['--import', 'tsx', '--input-type=module', '-e', code], ROOT).stdout.trim().split('\n').pop()!) as number[];
  return stats(times);
}

function folderSize(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
    files++;
  }
  return { bytes, files };
}

/** Measure one generated briefing. */
function measure(work: string, sections: number, rawHtml: boolean, incremental?: Stats): SizeResult {
  const dir = generateBriefing(work, sections, { rawHtml });
  const name = `${sections}${rawHtml ? ' raw HTML' : ''}`;
  const out = join(work, `out-${sections}${rawHtml ? '-html' : ''}`);
  const floorOut = join(work, `floor-${sections}.html`);
  const cliArgs = [BIN, 'build', dir, '--out', out];
  const floorArgs = [FLOOR, dir, floorOut];
  // Warm the file-system cache once, then alternate floor and CLI so load on the machine hits both alike.
  runProcess(floorArgs, work);
  const first = runProcess(cliArgs, work);
  const floor: ReturnType<typeof runProcess>[] = [];
  const cli: ReturnType<typeof runProcess>[] = [];
  const inProcess: { ms: number; timings: Record<string, number> }[] = [];
  for (let i = 0; i < RUNS; i++) {
    floor.push(runProcess(floorArgs, work));
    cli.push(runProcess(cliArgs, work));
    inProcess.push(inProcessBuild(dir, out, work));
  }
  const slides = Number(/(\d+) slides/.exec(first.stdout)?.[1] ?? 0);
  const size = folderSize(join(out, `synthetic-${sections}${rawHtml ? '-html' : ''}`));
  const floorProcess = stats(floor.map((r) => r.ms));
  const cliProcess = stats(cli.map((r) => r.ms));
  const floorCpu = stats(floor.map((r) => r.cpuMs));
  const cliCpu = stats(cli.map((r) => r.cpuMs));
  return {
    name,
    sections,
    rawHtml,
    slides,
    floorProcess,
    cliProcess,
    floorCpu,
    cliCpu,
    inProcess: stats(inProcess.map((r) => r.ms)),
    ...(incremental ? { incremental } : rawHtml ? {} : { incremental: incrementalFallback(dir, sections, out) }),
    peakMemoryMb: Math.max(...cli.map((r) => r.peakMb)),
    floorPeakMemoryMb: Math.max(...floor.map((r) => r.peakMb)),
    outputBytes: size.bytes,
    outputFiles: size.files,
    floorRatio: Math.round((cliProcess.median / floorProcess.median) * 100) / 100,
    floorCpuRatio: Math.round((cliCpu.median / floorCpu.median) * 100) / 100,
    floorBestRatio: Math.round((cliProcess.min / floorProcess.min) * 100) / 100,
    floorPairedRatio: Math.round(median(cli.map((r, i) => r.ms / floor[i]!.ms)) * 100) / 100,
    stages: Object.fromEntries(Object.keys(inProcess[0]!.timings).map((stage) => [stage, Math.round(median(inProcess.map((r) => r.timings[stage]!)))])),
  };
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** Where a CLI build's CPU time goes: self time by module from one `node --cpu-prof` run, largest first. */
function whereTimeGoes(work: string, sections: number): { module: string; ms: number; percent: number }[] {
  const dir = generateBriefing(work, sections);
  const profiles = join(work, 'profile');
  rmSync(profiles, { recursive: true, force: true });
  // The library (lib/index.js, one file per module) rather than the bundled CLI, so the profile names our own files.
  const lib = pathToFileURL(join(ROOT, 'lib', 'index.js')).href;
  const code = `const { build } = await import(${JSON.stringify(lib)});
const r = await build({ briefings: [${JSON.stringify(dir)}], outDir: ${JSON.stringify(join(work, 'out-profile'))} });
if (!r.ok) process.exit(1);`;
  timeProcess(['--cpu-prof', '--cpu-prof-dir', profiles, '--input-type=module', '-e', code], work);
  const file = readdirSync(profiles).find((f) => f.endsWith('.cpuprofile'))!;
  const profile = JSON.parse(readFileSync(join(profiles, file), 'utf8')) as Parameters<typeof selfTime>[0];
  const totals = selfTime(profile, (n) => moduleOf(n.callFrame.url));
  const total = [...totals.values()].reduce((a, b) => a + b, 0);
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([module, ms]) => ({ module, ms: round(ms), percent: Math.round((1000 * ms) / total) / 10 }));
}

/**
 * Incremental figures from bench/incremental.ts when that module exists (it owns the measurement: the
 * real watch-mode path), keyed by size, plus its full report for results.json.
 */
async function incrementalFromModule(): Promise<{ bySize: Map<number, Stats>; detail: unknown } | undefined> {
  const file = join(ROOT, 'bench', 'incremental.ts');
  if (!existsSync(file)) return undefined;
  const mod = (await import(pathToFileURL(file).href)) as { measureIncremental?: (sizes: number[]) => Promise<{ sections: number; stats: Stats }[]> };
  if (typeof mod.measureIncremental !== 'function') return undefined;
  const detail = await mod.measureIncremental(SIZES);
  return { bySize: new Map(detail.map((r) => [r.sections, r.stats])), detail };
}

/** PowerPoint export figures from bench/pptx.ts when that module exists. */
async function pptxFromModule(): Promise<unknown> {
  const file = join(ROOT, 'bench', 'pptx.ts');
  if (!existsSync(file)) return undefined;
  const mod = (await import(pathToFileURL(file).href)) as { measurePptx?: () => Promise<unknown> | unknown };
  return typeof mod.measurePptx === 'function' ? mod.measurePptx() : undefined;
}

function fmt(s: Stats | undefined): string {
  if (!s) return '—';
  return `${s.median.toFixed(0)} (${s.min.toFixed(0)}–${s.max.toFixed(0)})`;
}

/** The results as a Markdown table, as the README shows them. */
export function table(results: SizeResult[]): string {
  const head = ['sections', 'slides', 'floor, process ms', 'CLI, process ms', 'CLI ÷ floor', 'CPU ms floor / CLI', 'CPU ÷', 'build() in-process ms', 'incremental ms', 'peak MB (floor)', 'output'];
  const rows = results.map((r) => [
    r.name,
    String(r.slides),
    fmt(r.floorProcess),
    fmt(r.cliProcess),
    `${r.floorRatio.toFixed(2)} × (paired ${r.floorPairedRatio.toFixed(2)} ×, best ${r.floorBestRatio.toFixed(2)} ×)`,
    `${r.floorCpu.median.toFixed(0)} / ${r.cliCpu.median.toFixed(0)}`,
    `${r.floorCpuRatio.toFixed(2)} ×`,
    fmt(r.inProcess),
    fmt(r.incremental),
    `${r.peakMemoryMb} (${r.floorPeakMemoryMb})`,
    `${(r.outputBytes / 1024 / 1024).toFixed(2)} MB, ${r.outputFiles} files`,
  ]);
  return [head, head.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** Median ms per stage of the in-process builds, per input, as a Markdown table. */
export function stageTable(results: SizeResult[]): string {
  const stages = Object.keys(results[0]?.stages ?? {});
  const head = ['sections', ...stages, 'build() total'];
  const rows = results.map((r) => [r.name, ...stages.map((stage) => String(r.stages[stage])), r.inProcess.median.toFixed(0)]);
  return [head, head.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** Each target of the benchmark issue, checked against the results. */
export function targets(results: SizeResult[]): { target: string; figure: string; met: boolean }[] {
  const plain = results.filter((r) => !r.rawHtml);
  const at = (n: number) => plain.find((r) => r.sections === n);
  const out: { target: string; figure: string; met: boolean }[] = [];
  const big = at(1000);
  const small = at(30);
  const ratio = (r: SizeResult) => `${r.floorPairedRatio.toFixed(2)} × wall, run by run (medians ${r.floorRatio.toFixed(2)} ×, best runs ${r.floorBestRatio.toFixed(2)} ×; CPU ${r.floorCpuRatio.toFixed(2)} ×)`;
  if (big) out.push({ target: 'CLI at 1,000 sections ≤ 1.2 × floor', figure: ratio(big), met: big.floorPairedRatio <= 1.2 });
  if (small) out.push({ target: 'CLI at 30 sections ≤ 1.3 × floor', figure: ratio(small), met: small.floorPairedRatio <= 1.3 });
  if (big && small) {
    const growth = big.inProcess.median / small.inProcess.median;
    out.push({ target: 'build() at 1,000 ≤ 40 × build() at 30', figure: `${growth.toFixed(1)} ×`, met: growth <= 40 });
  }
  if (big) out.push({ target: 'peak memory at 1,000 sections < 250 MB', figure: `${big.peakMemoryMb} MB`, met: big.peakMemoryMb < 250 });
  return out;
}

async function main(): Promise<void> {
  if (!existsSync(BIN)) throw new Error('lib/bin/briefing.js is missing: run `npm run compile` (npm run bench does) first.');
  const work = mkdtempSync(join(tmpdir(), 'briefing-bench-'));
  const started = performance.now();
  const loadBefore = loadavg()[0];
  try {
    process.stderr.write('measuring incremental rebuilds…\n');
    const incremental = await incrementalFromModule();
    const results: SizeResult[] = [];
    for (const sections of SIZES) {
      process.stderr.write(`measuring ${sections} sections…\n`);
      results.push(measure(work, sections, false, incremental?.bySize.get(sections)));
    }
    const htmlSize = SIZES.includes(300) ? 300 : SIZES[0]!;
    process.stderr.write(`measuring ${htmlSize} sections with raw HTML…\n`);
    results.push(measure(work, htmlSize, true));
    const largest = Math.max(...SIZES);
    process.stderr.write(`profiling a ${largest}-section build…\n`);
    const profile = whereTimeGoes(work, largest);
    process.stderr.write('measuring PDF export against Chromium\'s print and marp-cli…\n');
    const pdf: PdfBenchResult[] = await measurePdf();
    process.stderr.write('measuring single-file builds and slide images…\n');
    const deliver = await measureDeliver();
    process.stderr.write('measuring PowerPoint export…\n');
    const pptx = await pptxFromModule();
    const checks = [...targets(results), ...pdfTargets(pdf)];
    const report = {
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      /** 1-minute load average before and after: above the CPU count, wall times mean little and CPU times tell more. */
      loadAverage: [loadBefore, loadavg()[0]!].map((l) => Math.round(l! * 10) / 10),
      runs: RUNS,
      results,
      profile: { sections: largest, selfTimeByModule: profile },
      ...(incremental ? { incremental: incremental.detail } : {}),
      pdf,
      deliver,
      ...(pptx === undefined ? {} : { pptx }),
      targets: checks,
      seconds: Math.round((performance.now() - started) / 100) / 10,
    };
    writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`${table(results)}\n\nWhere build() spends its time (median ms per stage, in-process):\n\n${stageTable(results)}\n\n`);
    process.stdout.write(`Where the CPU time of a ${largest}-section build goes (build() with start-up, self time by module, one profiled run):\n`);
    for (const p of profile) process.stdout.write(`  ${p.ms.toFixed(0).padStart(6)} ms ${p.percent.toFixed(1).padStart(5)} %  ${p.module}\n`);
    process.stdout.write('\n');
    process.stdout.write(`PDF export (alternating rounds; our steps from \`briefing pdf --timings\`, median ms):\n\n${pdfTables(pdf)}\n\n`);
    process.stdout.write(`Single file beside the deck folder (\`briefing build\` process, median ms), and slide images (\`briefing images\`, one run):\n\n${deliverTables(deliver)}\n\n`);
    if (pptx !== undefined) process.stdout.write(`PowerPoint export: ${JSON.stringify(pptx)}\n\n`);
    for (const t of checks) process.stdout.write(`${t.met ? '✓' : '✗'} ${t.target}: ${t.figure}\n`);
    process.stdout.write(`\nms: median (min–max) of ${RUNS} runs on ${report.cpus} CPUs, load average ${report.loadAverage.join(' → ')}; written to bench/results.json in ${report.seconds} s\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((cause: unknown) => {
    process.stderr.write(`bench: ${cause instanceof Error ? cause.message : String(cause)}\n`);
    process.exitCode = 1;
  });
}
