/**
 * PDF export benchmark: synthetic text-only decks of 30 and 200 slides, exported by the real CLI
 * (`node lib/bin/briefing.js pdf`) as a user runs it: process start, build, one Chromium launch, print, outline
 * and metadata. Run alone with `npx tsx bench/pdf.ts` (after `npx tsc -p .`); bench/run calls measurePdf().
 * Environment: PDF_BENCH_SIZES=30,200 and PDF_BENCH_RUNS=3.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median } from './stats.js';

const BIN = join(resolve(import.meta.dirname, '..'), 'lib', 'bin', 'briefing.js');

export interface PdfBenchResult {
  slides: number;
  pages: number;
  runs: number;
  /** Median wall time of one `briefing pdf` process, browser start included. */
  seconds: number;
  pagesPerSecond: number;
  bytes: number;
  kbPerPage: number;
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

/** Export each deck size `runs` times and report the median time, pages per second and file size. */
export async function measurePdf(options: { sizes?: number[]; runs?: number } = {}): Promise<PdfBenchResult[]> {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: compile first with \`npx tsc -p .\``);
  const sizes = options.sizes ?? (process.env.PDF_BENCH_SIZES ?? '30,200').split(',').map(Number);
  const runs = options.runs ?? Number(process.env.PDF_BENCH_RUNS ?? 3);
  const work = mkdtempSync(join(tmpdir(), 'briefing-pdf-bench-'));
  const results: PdfBenchResult[] = [];
  try {
    for (const slides of sizes) {
      const deck = join(work, `deck-${slides}`);
      writeTextDeck(deck, slides);
      const times: number[] = [];
      let pages = 0;
      let bytes = 0;
      const out = join(work, `deck-${slides}.pdf`);
      for (let run = 0; run < runs; run++) {
        const started = performance.now();
        const result = spawnSync(process.execPath, [BIN, 'pdf', deck, '--out', out], { cwd: work, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
        times.push((performance.now() - started) / 1000);
        if (result.status !== 0) throw new Error(`briefing pdf failed (exit ${result.status}): ${result.stderr}`);
        pages = Number(/ (\d+) pages,/.exec(result.stdout)?.[1]);
        bytes = statSync(out).size;
      }
      const seconds = median(times);
      results.push({ slides, pages, runs, seconds: round(seconds, 2), pagesPerSecond: round(pages / seconds, 1), bytes, kbPerPage: round(bytes / 1024 / pages, 1) });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return results;
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = await measurePdf();
  console.log('slides  pages  seconds  pages/s  size      KB/page   (`briefing pdf` process, median of runs; Chromium start included)');
  for (const r of results) {
    console.log(`${String(r.slides).padStart(6)}  ${String(r.pages).padStart(5)}  ${r.seconds.toFixed(2).padStart(7)}  ${r.pagesPerSecond.toFixed(1).padStart(7)}  ${`${Math.round(r.bytes / 1024)} KB`.padStart(8)}  ${r.kbPerPage.toFixed(1).padStart(7)}`);
  }
}
