/**
 * How much room text takes in Arial, estimated from the font's character widths, so the mapping can stack
 * boxes without overlap and shrink a slide's text when it would not fit. Estimates, on the safe side. Pure.
 */
import type { Paragraph, Run } from './spec.js';

// Arial advance widths in em (the metrics Liberation Sans shares), by character class; a table for ASCII.
const ASCII = new Float64Array(128).map((_, code) => classWidth(String.fromCharCode(code)));

function classWidth(ch: string): number {
  if (ch === ' ') return 0.278;
  if ("iIjlt.,;:'!|()[]{}/\\-` fr".includes(ch)) return 0.3;
  if ('mwMW@%'.includes(ch)) return 0.86;
  if (ch >= 'A' && ch <= 'Z') return 0.69;
  if (ch >= '0' && ch <= '9') return 0.556;
  return 0.54;
}

/** Width of one character in em, regular weight. */
function charWidth(code: number): number {
  if (code < 128) return ASCII[code]!;
  if (code >= 0x2e80 && code <= 0xffdc) return 1; // CJK, Hangul, full-width forms
  if (code === 0x2014 || code === 0x2026) return 1;
  return 0.54;
}

// A little on the wide side: overestimating keeps text inside its box.
const SAFETY = 1.04;
const BOLD = 1.07;

/** Width of `text` in inches at `size` points. */
export function textWidth(text: string, size: number, bold = false, code = false): number {
  if (code) return ([...text].length * 0.6 * size) / 72;
  let em = 0;
  for (let i = 0; i < text.length; i++) em += charWidth(text.charCodeAt(i));
  return (em * size * SAFETY * (bold ? BOLD : 1)) / 72;
}

/**
 * A text cut where lines may break (after spaces, hyphens, dashes and slashes): each piece's width in em,
 * with and without its trailing space. Cached by text: the shrink-to-fit loops measure the same text at
 * several sizes, and widths scale with the size.
 */
interface Pieces {
  widths: number[];
  trimmed: number[];
}
const pieces = new Map<string, Pieces>();

function piecesOf(text: string, code: boolean): Pieces {
  const key = code ? `\u0000${text}` : text;
  let found = pieces.get(key);
  if (found) return found;
  if (pieces.size > 50_000) pieces.clear();
  found = { widths: [], trimmed: [] };
  let width = 0;
  let trailing = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const w = code ? 0.6 : charWidth(c);
    width += w;
    trailing = c === 32 ? trailing + w : 0;
    if (c === 32 || c === 45 || c === 0x2013 || c === 0x2014 || c === 47) {
      // Spaces that follow stay with this piece.
      if (c === 32 && text.charCodeAt(i + 1) === 32) continue;
      found.widths.push(width);
      found.trimmed.push(width - trailing);
      width = 0;
      trailing = 0;
    }
  }
  if (width > 0) {
    found.widths.push(width);
    found.trimmed.push(width - trailing);
  }
  pieces.set(key, found);
  return found;
}

/** Line height in inches at `size` points and a line spacing multiple. */
export function lineHeight(size: number, spacing = 1.15): number {
  // A line at "multiple 1.0" is Arial's own line height, about 1.15 em.
  return (size * spacing * 1.15) / 72;
}

/** How many lines runs take when wrapped at `width` inches (piece by piece, as PowerPoint wraps words). */
export function countLines(runs: readonly Run[], width: number, size: number, codeSize = size * 0.85): number {
  let lines = 1;
  let x = 0;
  for (const run of runs) {
    if (run.breakBefore) {
      lines++;
      x = 0;
    }
    const code = !!run.code;
    const scale = code ? codeSize / 72 : ((size * SAFETY * (run.bold ? BOLD : 1)) / 72);
    const { widths, trimmed } = piecesOf(run.text, code);
    for (let i = 0; i < widths.length; i++) {
      const w = widths[i]! * scale;
      if (x > 0 && x + trimmed[i]! * scale > width) {
        lines++;
        x = 0;
      }
      // A piece longer than the line (a URL) is broken across lines.
      if (w > width) {
        lines += Math.floor(w / width);
        x = w % width;
      } else x += w;
    }
  }
  return lines;
}

/** Height of paragraphs in a box `width` inches wide, with the box's default size. */
export function paragraphsHeight(paragraphs: readonly Paragraph[], width: number, size: number, spacing = 1.15): number {
  let h = 0;
  for (const p of paragraphs) {
    const s = p.size ?? size;
    const indent = p.bullet || p.level ? indentOf(p, s) : 0;
    h += countLines(p.runs, Math.max(0.5, width - indent), s) * lineHeight(s, spacing) + (p.spaceAfter ?? 0) / 72;
  }
  return h;
}

/** Left indent of a list paragraph in inches: the bullet's hanging indent plus its level. */
export function indentOf(p: Paragraph, size: number): number {
  const step = Math.max(0.3, (size * 1.5) / 72);
  return (p.bullet ? step : 0) + step * (p.level ?? 0);
}
