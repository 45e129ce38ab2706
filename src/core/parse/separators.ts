/**
 * Slides split by a section's own separators — `separator:`, `verticalSeparator:` and `notesSeparator:` in its
 * front matter, regular expressions as reveal.js's `data-separator`, `data-separator-vertical` and
 * `data-separator-notes` attributes and reveal-md's front matter take them — the way reveal.js's Markdown
 * plugin splits (its `slidify`): one search for either separator over the whole body, horizontal where the
 * match also matches `separator`, notes from the first `notesSeparator` match on. Matches inside fenced code
 * are code, not structure (there reveal.js would split). Pure.
 */
import { makeSlide, type SlideStack } from './slides.js';

/** The separators a section sets; undefined fields take the defaults (`---`, `--` or `----`, `Note:`). */
export interface Separators {
  separator?: string | undefined;
  verticalSeparator?: string | undefined;
  notesSeparator?: string | undefined;
}

/** Why a separator cannot be used: which key, and the message. */
export interface SeparatorProblem {
  key: keyof Separators;
  message: string;
}

// The built-in separators, as regular expressions: what splitSlides does line by line.
const DEFAULTS = { separator: '^[ \\t]*---[ \\t]*$', verticalSeparator: '^[ \\t]*(?:--|----)[ \\t]*$', notesSeparator: '^[ \\t]*notes?:[ \\t]?' };

/** Compile a section's separators; a problem for each that is not a usable regular expression. */
export function compileSeparators(given: Separators): { horizontal: RegExp; either: RegExp; notes: RegExp } | SeparatorProblem[] {
  const problems: SeparatorProblem[] = [];
  const source = (key: keyof Separators): string => {
    const value = given[key] ?? DEFAULTS[key];
    try {
      // The plugin's flags: `mg` for the slide separators, `mgi` for notes.
      if (new RegExp(value, 'mg').test('')) problems.push({ key, message: `\`${key}\` /${value}/ matches empty text, so it would split everywhere` });
    } catch (cause) {
      problems.push({ key, message: `\`${key}\` is not a valid regular expression: ${(cause as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '')}` });
    }
    return value;
  };
  const separator = source('separator');
  const vertical = source('verticalSeparator');
  const notes = source('notesSeparator');
  if (problems.length) return problems;
  return { horizontal: new RegExp(separator), either: new RegExp(`${separator}|${vertical}`, 'mg'), notes: new RegExp(notes, 'mgi') };
}

/** Split a section body by compiled separators into stacks of slides (reveal.js's `slidify`). */
export function splitSlidesWith(body: string, bodyLine: number, regexes: { horizontal: RegExp; either: RegExp; notes: RegExp }): SlideStack[] {
  const fences = fenceRanges(body);
  const inFence = (at: number) => fences.some(([start, end]) => at >= start && at < end);
  // reveal.js's slidify: a slide on its own, or a vertical stack (an array) opened by a vertical separator.
  type Piece = { start: number; end: number };
  const entries: (Piece | Piece[])[] = [];
  let wasHorizontal = true;
  let last = 0;
  const either = new RegExp(regexes.either.source, 'mg');
  for (let m = either.exec(body); m; m = either.exec(body)) {
    if (m[0] === '') either.lastIndex++;
    if (m[0] === '' || inFence(m.index)) continue;
    const horizontal = regexes.horizontal.test(m[0]);
    if (!horizontal && wasHorizontal) entries.push([]);
    const piece = { start: last, end: m.index };
    if (horizontal && wasHorizontal) entries.push(piece);
    else (entries[entries.length - 1] as Piece[]).push(piece);
    last = either.lastIndex;
    wasHorizontal = horizontal;
  }
  const rest = { start: last, end: body.length };
  if (wasHorizontal) entries.push(rest);
  else (entries[entries.length - 1] as Piece[]).push(rest);

  const lineAt = lineIndex(body, bodyLine);
  const stacks = entries.map((entry) => ({ slides: (Array.isArray(entry) ? entry : [entry]).map(({ start, end }) => slideOf(body, start, end, lineAt, regexes.notes, inFence)) }));
  const kept = stacks.filter((s) => s.slides.some((slide) => slide.markdown || slide.notes || slide.attributes.length));
  return kept.length ? kept : [{ slides: [makeSlide([], undefined, bodyLine, undefined)] }];
}

function slideOf(body: string, start: number, end: number, lineAt: (offset: number) => number, notesRegex: RegExp, inFence: (at: number) => boolean) {
  const notes = new RegExp(notesRegex.source, 'mgi');
  notes.lastIndex = start;
  let found: RegExpExecArray | null = null;
  for (let m = notes.exec(body); m && m.index < end; m = notes.exec(body)) {
    if (m[0] === '') notes.lastIndex++;
    else if (!inFence(m.index)) {
      found = m;
      break;
    }
  }
  const text = body.slice(start, found ? found.index : end);
  const notesText = found ? body.slice(found.index + found[0].length, end) : undefined;
  return makeSlide(text.split('\n'), notesText?.split('\n'), lineAt(start), found ? lineAt(found.index) : undefined);
}

/** The file line of a character offset in the body. */
function lineIndex(body: string, bodyLine: number): (offset: number) => number {
  const starts = [0];
  for (let i = body.indexOf('\n'); i !== -1; i = body.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return bodyLine + lo;
  };
}

/** Character ranges of fenced code blocks, fence lines included (CommonMark: up to 3 spaces, ``` or ~~~). */
function fenceRanges(body: string): [number, number][] {
  const ranges: [number, number][] = [];
  let open: { char: string; length: number; start: number } | undefined;
  let offset = 0;
  for (const line of body.split('\n')) {
    const next = offset + line.length + 1;
    if (open) {
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (close && close[1]![0] === open.char && close[1]!.length >= open.length) {
        ranges.push([open.start, next]);
        open = undefined;
      }
    } else {
      const start = /^ {0,3}(`{3,}|~{3,})/.exec(line);
      if (start) open = { char: start[1]![0]!, length: start[1]!.length, start: offset };
    }
    offset = next;
  }
  if (open) ranges.push([open.start, body.length + 1]);
  return ranges;
}
