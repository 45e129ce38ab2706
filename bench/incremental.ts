/**
 * Incremental rebuild against cold build, on the synthetic briefings of bench/generate.ts.
 *
 * Cold: `build()` with a fresh cache into a fresh output folder (what `briefing build` does, library loaded).
 * Incremental: the real watch-mode path (`watch()`): edit one section, then time from telling the watcher
 * until the rebuild is done (build + emit; the debounce is set to 0: it is waiting, not work). Measured as `serve` runs it (the
 * page kept in memory, other changed files written to its temporary folder) and as `build --watch` runs
 * it (index.html written too). Three rebuilds before the timed ones let the JIT warm up, as in any
 * long-lived session. Ten-section edits show that the cost grows with the change, not with the deck.
 *
 * Used by bench/run.ts (`npm run bench`); alone: `npx tsx bench/incremental.ts [sizes]`, e.g. `30,1000`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from '../src/api/build.js';
import { watch, type WatchSession } from '../src/api/watch.js';
import { generateBriefing } from './generate.js';
import { stats, type Stats } from './stats.js';


/** Figures for one deck size; `stats` is the one-section incremental rebuild of `serve` (what bench/run.ts reads). */
export interface IncrementalResult {
  sections: number;
  cold: Stats;
  stats: Stats;
  tenSections: Stats;
  /** One-section rebuild of `build --watch`, which also writes index.html. */
  buildWatch: Stats;
  /** Median one-section rebuild as a share of the median cold build, in percent (wall clock). */
  percentOfCold: number;
  /**
   * The same in CPU time of this process (user + system, GC threads included): what the work costs,
   * whatever else the machine is doing. On a shared machine the wall-clock figures wander; these do not.
   */
  cpu: { cold: Stats; oneSection: Stats; percentOfCold: number };
}

/** Wall-clock and CPU milliseconds of `work`. */
async function timed(work: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - started, cpu: (used.user + used.system) / 1000 };
}

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const WARM_UP = 3;

/** Measure cold and incremental builds for each size. */
export async function measureIncremental(sizes: number[]): Promise<IncrementalResult[]> {
  const results: IncrementalResult[] = [];
  for (const sections of sizes) {
    const work = mkdtempSync(join(tmpdir(), 'briefing-bench-incremental-'));
    try {
      const dir = generateBriefing(work, sections);
      const cold: { wall: number; cpu: number }[] = [];
      for (let i = 0; i < Math.min(RUNS, sections >= 1000 ? 3 : RUNS); i++) {
        cold.push(await timed(async () => {
          const result = await build({ briefings: [dir], outDir: join(work, `cold-${i}`), cwd: work });
          if (!result.ok) throw new Error(`cold build failed: ${JSON.stringify(result.diagnostics.slice(0, 3))}`);
        }));
      }
      const files = contentSections(dir, sections);
      let round = 0;
      const rebuild = async (session: WatchSession, edited: string[]): Promise<{ wall: number; cpu: number }> => {
        round++;
        for (const file of edited) writeFileSync(file, readFileSync(file, 'utf8').replace(/\n(Edit \d+\.\n)?$/, `\nEdit ${round}.\n`));
        const ms = await timed(async () => {
          for (const file of edited) session.trigger(file);
          await session.idle();
        });
        const event = session.last;
        if (!event.ok || event.result.rendered.length !== edited.length || event.result.recomposed?.length !== edited.length) {
          throw new Error(`rebuild did ${event.result.rendered.length} renders, ${event.result.recomposed?.length} composes for ${edited.length} edits`);
        }
        return ms;
      };
      const one = (i: number) => [files[(i * 7) % files.length]!];
      const ten = (i: number) => files.slice((i * 10) % (files.length - 10), ((i * 10) % (files.length - 10)) + 10);
      const measure = async (htmlInMemory: boolean, edits: (i: number) => string[]): Promise<{ wall: Stats; cpu: Stats }> => {
        const session = await watch({ briefing: dir, outDir: join(work, `watch-${round}`), cwd: work, fsEvents: false, debounceMs: 0, htmlInMemory });
        const times: { wall: number; cpu: number }[] = [];
        try {
          for (let i = 0; i < WARM_UP; i++) await rebuild(session, edits(RUNS + i));
          for (let i = 0; i < RUNS; i++) times.push(await rebuild(session, edits(i)));
        } finally {
          await session.close();
        }
        return { wall: stats(times.map((t) => t.wall)), cpu: stats(times.map((t) => t.cpu)) };
      };
      const percent = (part: Stats, whole: Stats) => Math.round((part.median / whole.median) * 1000) / 10;
      const coldWall = stats(cold.map((t) => t.wall));
      const coldCpu = stats(cold.map((t) => t.cpu));
      const oneSection = await measure(true, one);
      const tenSections = await measure(true, ten);
      const buildWatch = await measure(false, one);
      results.push({
        sections, cold: coldWall, stats: oneSection.wall, tenSections: tenSections.wall, buildWatch: buildWatch.wall,
        percentOfCold: percent(oneSection.wall, coldWall),
        cpu: { cold: coldCpu, oneSection: oneSection.cpu, percentOfCold: percent(oneSection.cpu, coldCpu) },
      });
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  return results;
}

/** Content sections of a generated briefing: every file but the agenda, the dividers and the sources. */
function contentSections(dir: string, sections: number): string[] {
  const pad = String(sections + 1).length;
  const out: string[] = [];
  for (let i = 1; i <= sections - 2; i++) if (i % 10 !== 0) out.push(join(dir, `${String(i).padStart(pad, '0')}-section-${i}.md`));
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const sizes = (process.argv[2] ?? process.env.BENCH_SIZES ?? '30,1000').split(',').map(Number);
  const results = await measureIncremental(sizes);
  const fmt = (s: Stats) => `${s.median.toFixed(1)} (${s.min.toFixed(1)}–${s.max.toFixed(1)})`;
  console.log('| sections | cold build ms | serve: 1 section edited, ms | % of cold | serve: 10 sections edited, ms | build --watch: 1 section edited, ms | CPU ms: cold → 1 section (%) |');
  console.log('|--:|--:|--:|--:|--:|--:|--:|');
  for (const r of results) {
    console.log(`| ${r.sections} | ${r.cold.median.toFixed(0)} | ${fmt(r.stats)} | ${r.percentOfCold}% | ${fmt(r.tenSections)} | ${fmt(r.buildWatch)} | ${r.cpu.cold.median.toFixed(0)} → ${r.cpu.oneSection.median.toFixed(1)} (${r.cpu.percentOfCold}%) |`);
  }
  console.log('Wall-clock medians (min–max) of the timed runs; cold build over fresh output folders, incremental after a warm-up.');
}
