/**
 * reveal.js's line numbers and highlight steps on a fenced code block, read as reveal.js reads them:
 * the Markdown plugin takes `[…]` from the fence's info string (```` ```js [712: 1-2|3] ````) and the
 * highlight plugin splits its `data-line-numbers` into steps (`|`), lines (`,`) and ranges (`-`). Pure.
 */

/** One highlighted line or range; neither field when the step highlights nothing (all lines shown plain). */
export interface LineRange {
  start?: number;
  end?: number;
}

/** A fence's info string taken apart. */
export interface FenceInfo {
  /** The language as written (`js`), or undefined. */
  language: string | undefined;
  /** `data-line-numbers` as reveal.js's Markdown plugin writes it (`1-2|3`, `` for `[]`); undefined without brackets. */
  lineNumbers: string | undefined;
  /** The number of the first line (`[712: …]`), when the brackets give one. */
  startFrom: number | undefined;
}

// The Markdown plugin's pattern (reveal.js 6, plugin/markdown): an optional `N:` offset, then lines.
const LINE_NUMBERS = /\[\s*((\d*):)?\s*([\s\d,|-]*)\]/;

/** Read a fence's info string (everything after the backticks) as reveal.js's Markdown plugin does. */
export function parseFenceInfo(info: string | undefined): FenceInfo {
  let rest = (info ?? '').trim();
  let lineNumbers: string | undefined;
  let startFrom: number | undefined;
  const match = LINE_NUMBERS.exec(rest);
  if (match) {
    if (match[2]) startFrom = Number(match[2]);
    lineNumbers = match[3]!.trim();
    rest = rest.replace(LINE_NUMBERS, '').trim();
  }
  // The plugin writes the rest into `class`; highlight.js takes its first word as the language.
  const language = /^\S+/.exec(rest)?.[0];
  return { language, lineNumbers, startFrom };
}

/** `1,2|3,5-10` → the highlight plugin's steps: `[[{start:1},{start:2}],[{start:3},{start:5,end:10}]]`. */
export function parseSteps(lineNumbers: string): LineRange[][] {
  return lineNumbers.replace(/\s/g, '').split('|').map((step) =>
    step.split(',').map((part) => {
      if (!/^[\d-]+$/.test(part)) return {};
      const [a, b] = part.split('-');
      const start = Number.parseInt(a!, 10);
      const end = Number.parseInt(b ?? '', 10);
      // `-3` has no start: the plugin would write a selector the browser rejects; it highlights nothing here.
      if (Number.isNaN(start)) return {};
      return Number.isNaN(end) ? { start } : { start, end };
    }),
  );
}

/** One step back into `data-line-numbers` form, as the highlight plugin writes it on each step's block. */
export function formatStep(step: LineRange[]): string {
  return step.map((r) => (r.end !== undefined ? `${r.start}-${r.end}` : r.start !== undefined ? String(r.start) : '')).join(',');
}

/** Whether row `row` (1-based, counted from the block's first line whatever its number) is highlighted in `step`. */
export function isHighlighted(step: LineRange[], row: number): boolean {
  // The plugin selects `tr:nth-child(n+start):nth-child(-n+end)` or `tr:nth-child(start)`.
  return step.some((r) => (r.end !== undefined ? r.start !== undefined && row >= r.start && row <= r.end : r.start === row));
}
