/**
 * Limits that keep a hostile or broken file from exhausting the tool. marked recurses once per
 * nesting level (10,000 nested `>` overflow the stack) and nested lists cost it cubic time, so
 * nesting is measured with a linear scan before marked ever sees the text.
 */
import { error, type Diagnostic } from './diagnostics.js';

/** Deeper block nesting (blockquotes plus lists) than any slide needs. */
export const MAX_NESTING = 100;
/** Front matter values visited when validating; YAML aliases can make a small file expand enormously. */
export const MAX_FRONT_MATTER_NODES = 100_000;
/**
 * Characters front matter may expand to (every string and key, each alias counted again where it is used).
 * Without aliases front matter is smaller than its file (1 MB at most); a 100 KB string repeated through
 * 4,000 aliases would be 400 MB of deck.
 */
export const MAX_FRONT_MATTER_CHARS = 2 * 1024 * 1024;

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const LIST_ITEM = /^([ \t]*)([-+*]|\d{1,9}[.)])([ \t]|$)/;

/** The first line where Markdown nests deeper than MAX_NESTING, as an error; undefined when it is fine. */
export function nestingProblem(markdown: string, file: string, line: number): Diagnostic | undefined {
  // Each line opens at most one list level plus its `>` marks, so text with fewer lines and `>` than the limit is fine.
  if (shallowByCount(markdown, MAX_NESTING)) return undefined;
  const lines = markdown.split('\n');
  let fence: string | undefined;
  let lists: number[] = [];
  let blank = false;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    const prefix = /^[ \t>]*/.exec(text)![0];
    const quotes = countChar(prefix, '>');
    const rest = quotes ? text.slice(prefix.lastIndexOf('>') + 1) : text;
    const open = FENCE.exec(rest)?.[1];
    if (fence) {
      if (open && open[0] === fence[0] && open.length >= fence.length && !rest.trim().slice(open.length)) fence = undefined;
      continue;
    }
    if (open) {
      fence = open;
      continue;
    }
    if (!rest.trim()) {
      blank = true;
      continue;
    }
    const item = LIST_ITEM.exec(rest);
    const indent = width(item ? item[1]! : /^[ \t]*/.exec(rest)![0]);
    if (item) {
      while (lists.length && lists[lists.length - 1]! >= indent) lists.pop();
      lists.push(indent);
    } else if (blank && indent < 2) {
      // A paragraph after a blank line, not indented under an item, ends every open list.
      lists = [];
    }
    blank = false;
    const depth = quotes + lists.length;
    if (depth > MAX_NESTING) {
      return error('too-deep', file, `Markdown nests ${depth} levels deep (blockquotes and lists); the limit is ${MAX_NESTING}`, { line: line + i, column: 1 },
        'Flatten the nesting: no slide needs more than a few levels of lists or quotes.');
    }
  }
  return undefined;
}

/** Error for a section whose rendering overflowed the stack despite the checks above. */
export function tooComplex(file: string, line: number): Diagnostic {
  return error('too-complex', file, 'This slide is too deeply nested or complex to render', { line, column: 1 },
    'Simplify the slide: split long lists and tables, and remove deeply nested HTML.');
}

/**
 * Count the values in parsed front matter, following YAML aliases, and stop at `limit`. Iterative,
 * so a deeply nested value cannot overflow the stack either.
 */
export function countValues(data: unknown, limit = MAX_FRONT_MATTER_NODES): number {
  return measureValues(data, limit, Infinity).values;
}

/**
 * What parsed front matter expands to, following YAML aliases: its values, and the characters of its strings
 * and keys. Stops as soon as either passes its limit, so measuring a bomb costs no more than the limit.
 */
export function measureValues(data: unknown, maxValues = MAX_FRONT_MATTER_NODES, maxChars = MAX_FRONT_MATTER_CHARS): { values: number; chars: number } {
  const stack: unknown[] = [data];
  let values = 0;
  let chars = 0;
  while (stack.length && values <= maxValues && chars <= maxChars) {
    const value = stack.pop();
    values++;
    if (typeof value === 'string') chars += value.length;
    else if (value && typeof value === 'object' && !(value instanceof Date)) {
      if (Array.isArray(value)) for (const child of value) stack.push(child);
      else for (const [key, child] of Object.entries(value)) {
        chars += key.length;
        stack.push(child);
      }
    }
  }
  return { values, chars };
}

/** True when the lines of `text` plus its `>` characters number at most `limit`: then it cannot nest deeper. */
function shallowByCount(text: string, limit: number): boolean {
  // indexOf, not a loop over every character: this runs on every slide, mostly while the code is still cold.
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) if (++n > limit) return false;
  for (let i = text.indexOf('>'); i !== -1; i = text.indexOf('>', i + 1)) if (++n > limit) return false;
  return true;
}

function countChar(text: string, c: string): number {
  let n = 0;
  for (const ch of text) if (ch === c) n++;
  return n;
}

function width(whitespace: string): number {
  let w = 0;
  for (const ch of whitespace) w += ch === '\t' ? 4 - (w % 4) : 1;
  return w;
}
