/**
 * Stack a slide's blocks (paragraphs, code, quotes, tables, pictures) top to bottom inside a box, as the
 * HTML does, and shrink the type evenly when they would not fit — PowerPoint's "shrink text on overflow",
 * worked out here so every reader shows the same thing. Pure.
 */
import type { Block, DraftParagraph, DraftRun, DraftCell } from './html/html-blocks.js';
import { COLOUR, SIZE } from './theme.js';
import { lineHeight, paragraphsHeight, textWidth } from './measure.js';
import type { Box, Cell, Paragraph, Run, Shape, TableShape, TextShape } from './spec.js';

/** Resolves what the HTML points at: slide anchors to slide numbers, deck paths to picture sizes. */
export interface FlowContext {
  /** The slide number (1-based) of a slide id, for `#/id` links. */
  slideOf(anchor: string): number | undefined;
  /** Pixel size of a picture in the built deck, or undefined if the deck has no such file. */
  pictureSize(path: string): { w: number; h: number } | undefined;
  /** Text colour of the slide (light text on dark slides). */
  colour?: string;
  /** Strong text colour (navy on light slides). */
  strong?: string;
}

export interface FlowOptions {
  /** Base type size in points. */
  size?: number;
  /** Smallest scale the type may shrink to. */
  minScale?: number;
  /** Space after each paragraph, as a share of its size. */
  paragraphGap?: number;
}

const GAP = 0.14;
const SPACING = 1.12;

/** Lay out blocks in `box`; returns the shapes and the height they use. */
export function flowBlocks(blocks: readonly Block[], box: Box, ctx: FlowContext, options: FlowOptions = {}): { shapes: Shape[]; height: number; scale: number } {
  return flowColumns([blocks], [box], ctx, options);
}

/** Lay out several columns side by side with one type scale, so they match. */
export function flowColumns(columns: readonly (readonly Block[])[], boxes: readonly Box[], ctx: FlowContext, options: FlowOptions = {}): { shapes: Shape[]; height: number; scale: number } {
  const minScale = options.minScale ?? 0.6;
  let scale = 1;
  for (;;) {
    const laid = columns.map((blocks, i) => layOut(blocks, boxes[i]!, ctx, options, scale));
    const fits = laid.every((l, i) => l.height <= boxes[i]!.h + 0.01);
    if (fits || scale <= minScale) {
      return { shapes: laid.flatMap((l) => l.shapes), height: Math.max(0, ...laid.map((l) => l.height)), scale };
    }
    scale = Math.max(minScale, Math.round((scale - 0.05) * 100) / 100);
  }
}

function layOut(blocks: readonly Block[], box: Box, ctx: FlowContext, options: FlowOptions, scale: number): { shapes: Shape[]; height: number } {
  const size = (options.size ?? SIZE.body) * scale;
  const shapes: Shape[] = [];
  let y = box.y;
  const segments = segmentsOf(blocks);
  const pictures = segments.filter((s) => s.kind === 'picture').length;
  // Pictures take what the text leaves, shared evenly, at most their natural aspect at full width.
  const textHeight = segments.reduce((sum, s) => (s.kind === 'picture' ? sum : sum + measureSegment(s, box.w, size, ctx, options).h + GAP), 0);
  const pictureRoom = pictures ? Math.max(1.2 * scale, (box.h - textHeight - GAP * pictures) / pictures) : 0;
  for (const segment of segments) {
    if (segment.kind === 'picture') {
      const natural = ctx.pictureSize(segment.path);
      if (!natural) continue;
      const ratio = natural.w / natural.h;
      let h = Math.min(pictureRoom, box.w / ratio, (natural.h / 96) * 1.5);
      let w = h * ratio;
      if (w > box.w) {
        w = box.w;
        h = w / ratio;
      }
      shapes.push({ kind: 'picture', x: box.x, y, w, h, path: segment.path, alt: segment.alt });
      y += h + GAP;
      continue;
    }
    const measured = measureSegment(segment, box.w, size, ctx, options);
    shapes.push(...place(measured, box.x, y, box.w));
    y += measured.h + GAP;
  }
  return { shapes, height: Math.max(0, y - box.y - GAP) };
}

type Segment =
  | { kind: 'text' | 'quote' | 'code'; paragraphs: DraftParagraph[] }
  | { kind: 'table'; rows: DraftCell[][]; headerRows: number }
  | { kind: 'picture'; path: string; alt: string };

/** Consecutive paragraphs of one kind share a text box; quotes and code get boxes of their own. */
function segmentsOf(blocks: readonly Block[]): Segment[] {
  const out: Segment[] = [];
  for (const block of blocks) {
    if (block.kind !== 'text') {
      out.push(block);
      continue;
    }
    for (const p of block.paragraphs) {
      const kind = p.role === 'quote' ? 'quote' : p.role === 'code' ? 'code' : 'text';
      const last = out[out.length - 1];
      if (last && last.kind === kind) last.paragraphs.push(p);
      else out.push({ kind, paragraphs: [p] });
    }
  }
  return out;
}

type Measured = { h: number } & ({ kind: 'text'; shape: Omit<TextShape, 'x' | 'y' | 'w'>; bar?: boolean } | { kind: 'table'; shape: Omit<TableShape, 'x' | 'y'> });

function measureSegment(segment: Exclude<Segment, { kind: 'picture' }>, width: number, size: number, ctx: FlowContext, options: FlowOptions): Measured {
  if (segment.kind === 'table') return measureTable(segment.rows, segment.headerRows, width, size, ctx);
  const colour = ctx.colour ?? COLOUR.ink;
  if (segment.kind === 'code') {
    const codeSize = Math.max(9, size * (SIZE.code / SIZE.body));
    const paragraphs = segment.paragraphs.map((p) => ({ runs: resolveRuns(p.runs, ctx), code: true }));
    const inset = 6;
    const h = paragraphs.length * lineHeight(codeSize, 1.05) + (inset * 2) / 72;
    return { kind: 'text', h, shape: { kind: 'text', h, paragraphs, size: codeSize, colour: COLOUR.ink, fill: COLOUR.tint, inset, lineSpacing: 1.05 } };
  }
  const paragraphs = segment.paragraphs.map((p) => styleParagraph(p, size, ctx, options));
  const inset = segment.kind === 'quote' ? 8 : 0;
  const inner = width - (inset * 2) / 72 - (segment.kind === 'quote' ? 0.08 : 0);
  const h = paragraphsHeight(paragraphs, inner, size, SPACING) + (inset * 2) / 72;
  const shape: Omit<TextShape, 'x' | 'y' | 'w'> = { kind: 'text', h, paragraphs, size, colour, lineSpacing: SPACING };
  if (segment.kind === 'quote') {
    shape.fill = COLOUR.tint;
    shape.inset = inset;
    shape.colour = COLOUR.ink;
    return { kind: 'text', h, shape, bar: true };
  }
  return { kind: 'text', h, shape };
}

function place(measured: Measured, x: number, y: number, w: number): Shape[] {
  if (measured.kind === 'table') return [{ ...measured.shape, x, y }];
  if (measured.bar) {
    return [
      { kind: 'rect', x, y, w: 0.08, h: measured.h, fill: COLOUR.accent },
      { ...measured.shape, x: x + 0.08, y, w: w - 0.08 },
    ];
  }
  return [{ ...measured.shape, x, y, w }];
}

/** Size, weight and colour of a paragraph from what it was in the HTML. */
export function styleParagraph(p: DraftParagraph, size: number, ctx: FlowContext, options: FlowOptions = {}): Paragraph {
  const out: Paragraph = { runs: resolveRuns(p.runs, ctx, ctx.strong ?? COLOUR.navy) };
  if (p.bullet) out.bullet = p.bullet;
  if (p.level) out.level = p.level;
  let s = size;
  if (p.role === 'heading') {
    const level = p.heading ?? 3;
    s = size * (level <= 2 ? 1.2 : level === 3 ? 1 : 0.9);
    out.bold = true;
    out.colour = level <= 3 ? (ctx.strong ?? COLOUR.navy) : (ctx.colour ?? COLOUR.ink);
  }
  // Nested list levels are set smaller, as the theme does.
  if (p.level) s = size * 0.85;
  if (s !== size) out.size = round(s);
  out.spaceAfter = round(s * (p.bullet ? 0.4 : (options.paragraphGap ?? 0.55)));
  return out;
}

/** Runs with `#/id` links turned into slide jumps (or plain text when the slide is not in the file). */
export function resolveRuns(runs: readonly DraftRun[], ctx: FlowContext, strong?: string): Run[] {
  return runs.map((r) => {
    const { link, ...rest } = r;
    const run: Run = { ...rest };
    if (run.bold && strong) run.colour = strong;
    if (link && 'anchor' in link) {
      const slide = ctx.slideOf(link.anchor);
      if (slide) run.link = { slide };
    } else if (link) run.link = link;
    return run;
  });
}

/** A native table: column widths from the text they hold, row heights from wrapped lines. */
export function measureTable(rows: readonly DraftCell[][], headerRows: number, width: number, bodySize: number, ctx: FlowContext, labelColumn = false): { kind: 'table'; h: number; shape: Omit<TableShape, 'x' | 'y'> } {
  const size = Math.max(8, bodySize * (SIZE.table / SIZE.body));
  const count = Math.max(...rows.map((r) => r.length));
  const cells: Cell[][] = rows.map((row, r) =>
    Array.from({ length: count }, (_, c) => {
      const cell = row[c];
      const paragraphs = (cell?.paragraphs ?? []).map((p) => ({ ...styleParagraph(p, size, ctx, { paragraphGap: 0.2 }), spaceAfter: 0 }));
      const out: Cell = { paragraphs: paragraphs.length ? paragraphs : [{ runs: [{ text: '' }] }] };
      if (r < headerRows || cell?.header) out.header = r < headerRows;
      if (labelColumn && c === 0 && r >= headerRows) out.label = true;
      if (cell?.align) out.align = cell.align;
      return out;
    }),
  );
  const margin = 0.2;
  // Widths follow the longest text of each column (clamped), as a browser's auto table layout does.
  const want = Array.from({ length: count }, (_, c) =>
    Math.min(4, Math.max(0.9, ...cells.map((row) => textWidth(row[c]!.paragraphs.map((p) => p.runs.map((x) => x.text).join('')).join(' '), size) + margin))),
  );
  const total = want.reduce((a, b) => a + b, 0);
  const columns = want.map((w) => round((w / total) * width, 3));
  const rowHeights = cells.map((row) =>
    Math.max(...row.map((cell, c) => paragraphsHeight(cell.paragraphs, columns[c]! - margin, size, 1.1) + 0.14)),
  );
  const h = rowHeights.reduce((a, b) => a + b, 0);
  return { kind: 'table', h, shape: { kind: 'table', w: width, columns, rowHeights, rows: cells, size: round(size), headerRow: headerRows > 0, labelColumn } };
}

function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

