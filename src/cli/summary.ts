/** One line per built deck, shared by `build`, `build --watch` and `serve`. */
import { displayPath } from '../io/paths.js';
import type { DeckResult } from '../pipeline/run.js';
import { visible, type Style } from './report.js';

/** "✓ nato-ukraine  34 slides, 12 sections, 85 ms -> dist/nato-ukraine/index.html" */
export function summaryLine(deck: DeckResult, style: Style): string {
  if (!deck.ok) return `${style.red('✗')} ${visible(deck.slug)}  failed; the previous deck (if any) was left in place`;
  const where = deck.file ? ` -> ${visible(displayPath(deck.file, process.cwd()))}` : deck.outDir ? ` -> ${visible(displayPath(deck.outDir, process.cwd()))}/index.html` : '';
  const size = deck.bytes !== undefined ? `, ${(deck.bytes / 1024).toFixed(0)} KB` : '';
  return `${style.green('✓')} ${style.bold(visible(deck.slug))}  ${deck.slides} slides, ${deck.sections} sections${size}, ${deck.ms} ms${where}`;
}

/** "  load 12 ms · parse 30 ms · render 150 ms · compose 40 ms · emit 9 ms" */
export function timingsLine(deck: DeckResult, style: Style): string {
  return `  ${Object.entries(deck.timings).map(([stage, ms]) => `${stage} ${style.dim(`${Math.round(ms)} ms`)}`).join(' · ')}`;
}
