/** The data layouts in PowerPoint terms: comparison (a native table), timeline, figures, quote, map. Pure. */
import { htmlRuns, type DraftCell } from '../html/html-blocks.js';
import { flowBlocks, measureTable, resolveRuns } from '../flow.js';
import { countLines, lineHeight, paragraphsHeight, textWidth } from '../measure.js';
import { BODY, blocksOf, titleAndBody, type LayoutInput, type LayoutOutput } from './layout-input.js';
import { COLOUR, SIZE, px } from '../theme.js';
import type { Box, Paragraph, Run, Shape, TextShape } from '../spec.js';

interface Event { date: string; title: string; text: string }
interface Figure { value: string; label: string; date: string }
interface Quote { text: string; speaker?: string; date?: string; context: string }
interface MapData { src: string; alt: string; caption: string; legend: { label: string; color: string }[] }

/** The slide's intro text (its Markdown body) above the layout's data; returns the box left below it. */
function intro(input: LayoutInput, html: string, shapes: Shape[]): { title: Run[]; box: Box } {
  const { title, blocks } = titleAndBody(input, html);
  if (!blocks.length) return { title, box: BODY };
  const laid = flowBlocks(blocks, { ...BODY, h: BODY.h * 0.35 }, { ...input.flow, colour: COLOUR.muted }, { size: SIZE.body * 0.8 });
  shapes.push(...laid.shapes);
  const used = laid.height + 0.15;
  return { title, box: { ...BODY, y: BODY.y + used, h: BODY.h - used } };
}

/** `comparison`: a native table — the `columns:` header row, each row labelled by its first cell. */
export function comparisonSlide(input: LayoutInput): LayoutOutput {
  const shapes: Shape[] = [];
  const { title, box } = intro(input, input.slide.html, shapes);
  const data = input.section?.data as { columns?: string[]; rows?: { label: string; cells: string[] }[] };
  const cell = (html: string, header: boolean): DraftCell => ({ paragraphs: [{ runs: htmlRuns(html), role: 'body' }], header });
  const rows: DraftCell[][] = [];
  if (data.columns?.length) rows.push(data.columns.map((c) => cell(c, true)));
  for (const row of data.rows ?? []) rows.push([cell(row.label, true), ...row.cells.map((c) => cell(c, false))]);
  if (!rows.length) return { master: 'light', title, shapes };
  let size = SIZE.body * (0.8 / 0.75);
  let table = measureTable(rows, data.columns?.length ? 1 : 0, box.w, size, input.flow, true);
  while (table.h > box.h && size > SIZE.body * 0.5) {
    size *= 0.92;
    table = measureTable(rows, data.columns?.length ? 1 : 0, box.w, size, input.flow, true);
  }
  // The label column is narrower than the compared columns, which share the rest evenly (as `table-layout: fixed`).
  const count = table.shape.columns.length;
  if (count > 1) {
    const label = Math.min(box.w * 0.22, table.shape.columns[0]!);
    table.shape.columns = [label, ...Array.from({ length: count - 1 }, () => (box.w - label) / (count - 1))];
  }
  shapes.push({ ...table.shape, x: box.x, y: box.y });
  return { master: 'light', title, shapes };
}

/** `timeline`: one row per event — the date right-aligned, a marker on a line, the title and its text. */
export function timelineSlide(input: LayoutInput): LayoutOutput {
  const shapes: Shape[] = [];
  const { title, box } = intro(input, input.slide.html, shapes);
  const events = ((input.section?.data as { events?: Event[] }).events ?? []);
  let scale = 1;
  let rows = layoutEvents(events, input, box, scale);
  while (rows.height > box.h && scale > 0.55) rows = layoutEvents(events, input, box, (scale -= 0.05));
  if (events.length) {
    shapes.push({ kind: 'rect', x: rows.lineX - px(1), y: box.y + 0.12, w: px(2), h: Math.max(0.2, rows.height - 0.2), fill: COLOUR.rule, name: 'Timeline' });
  }
  shapes.push(...rows.shapes);
  return { master: 'light', title, shapes };
}

function layoutEvents(events: readonly Event[], input: LayoutInput, box: Box, scale: number): { shapes: Shape[]; height: number; lineX: number } {
  const size = SIZE.timeline * scale;
  // As wide as the longest date, so dates stay on one line (within reason).
  const dateW = Math.min(box.w * 0.3, Math.max(1.2 * scale, ...events.map((e) => textWidth(e.date, size, true) + 0.05)));
  const lineX = box.x + dateW + 0.22;
  const textX = lineX + 0.25;
  const textW = box.x + box.w - textX;
  const shapes: Shape[] = [];
  let y = box.y;
  for (const event of events) {
    const paragraphs: Paragraph[] = [{ runs: resolveRuns(htmlRuns(event.title), input.flow, COLOUR.navy), bold: true, colour: COLOUR.ink }];
    if (event.text) paragraphs.push({ runs: resolveRuns(htmlRuns(event.text), input.flow, COLOUR.navy), size: round(size * 0.85), colour: COLOUR.muted });
    const h = paragraphsHeight(paragraphs, textW, size, 1.1);
    const dateH = countLines([{ text: event.date }], dateW, size) * lineHeight(size, 1.1);
    shapes.push({ kind: 'text', x: box.x, y, w: dateW, h: dateH, size: round(size), colour: COLOUR.navy, align: undefined, lineSpacing: 1.1,
      paragraphs: [{ runs: [{ text: event.date, bold: true }], align: 'right' }], name: 'Date' } as TextShape);
    const dot = 0.14 * scale;
    shapes.push({ kind: 'rect', x: lineX - dot / 2, y: y + lineHeight(size, 1.1) / 2 - dot / 2, w: dot, h: dot, fill: COLOUR.accent, ellipse: true, name: 'Marker' });
    shapes.push({ kind: 'text', x: textX, y, w: textW, h, size: round(size), colour: COLOUR.ink, lineSpacing: 1.1, paragraphs, name: 'Event' });
    y += Math.max(h, dateH) + 0.14 * scale;
  }
  return { shapes, height: y - box.y, lineX };
}

/** `figures`: number cards — the value large, its label, and its date — up to four a row. */
export function figuresSlide(input: LayoutInput): LayoutOutput {
  const shapes: Shape[] = [];
  const { title, box } = intro(input, input.slide.html, shapes);
  const figures = (input.section?.data as { figures?: Figure[] }).figures ?? [];
  const perRow = Math.min(4, Math.max(1, figures.length));
  const gap = px(28);
  const w = (box.w - gap * (perRow - 1)) / perRow;
  const rowsOf = Math.ceil(figures.length / perRow);
  let scale = 1;
  const cardParagraphs = (f: Figure, s: number): Paragraph[] => {
    const out: Paragraph[] = [
      { runs: [{ text: f.value, bold: true }], size: round(SIZE.figure * s), colour: COLOUR.navy, spaceAfter: 4 },
      { runs: resolveRuns(htmlRuns(f.label), input.flow, COLOUR.navy), size: round(SIZE.body * 0.72 * s), colour: COLOUR.ink, spaceAfter: 6 },
    ];
    if (f.date) out.push({ runs: [{ text: f.date.toUpperCase(), bold: true }], size: round(SIZE.body * 0.5 * s), colour: COLOUR.muted });
    return out;
  };
  const cardHeight = (s: number) => Math.max(...figures.map((f) => paragraphsHeight(cardParagraphs(f, s), w - 0.3, SIZE.body * s, 1.1))) + 0.45;
  while (rowsOf * (cardHeight(scale) + gap) > box.h && scale > 0.5) scale -= 0.05;
  const h = cardHeight(scale);
  figures.forEach((f, i) => {
    const x = box.x + (i % perRow) * (w + gap);
    const y = box.y + 0.05 + Math.floor(i / perRow) * (h + gap);
    shapes.push({ kind: 'rect', x, y, w, h, fill: COLOUR.tint, name: 'Card' });
    shapes.push({ kind: 'rect', x, y, w, h: px(6), fill: COLOUR.accent, name: 'Card bar' });
    shapes.push({ kind: 'text', x: x + 0.15, y: y + 0.15, w: w - 0.3, h: h - 0.25, size: round(SIZE.body * scale), colour: COLOUR.ink, lineSpacing: 1.1, paragraphs: cardParagraphs(f, scale), name: 'Figure' });
  });
  return { master: 'light', title, shapes };
}

/** `quote`: the quotation in a panel with an accent bar, the speaker and date below, then the context. */
export function quoteSlide(input: LayoutInput): LayoutOutput {
  const quote = (input.section?.data as { quote?: Quote }).quote;
  const { title, blocks } = titleAndBody(input);
  if (!quote) {
    const wrapped = blocks.map((b) => (b.kind === 'text' ? { ...b, paragraphs: b.paragraphs.map((p) => ({ ...p, role: 'quote' as const })) } : b));
    return { master: 'light', title, shapes: flowBlocks(wrapped, BODY, input.flow).shapes };
  }
  const shapes: Shape[] = [];
  let scale = 1;
  const build = (s: number) => {
    const out: Shape[] = [];
    let y = BODY.y + 0.05;
    const size = SIZE.body * s;
    const textParagraphs: Paragraph[] = [{ runs: [{ text: '“' }, ...resolveRuns(htmlRuns(quote.text), input.flow, COLOUR.navy), { text: '”' }] }];
    const qh = paragraphsHeight(textParagraphs, BODY.w - 0.5, size, 1.3) + 0.4;
    out.push({ kind: 'rect', x: BODY.x, y, w: px(6), h: qh, fill: COLOUR.accent, name: 'Accent bar' });
    out.push({ kind: 'text', x: BODY.x + px(6), y, w: BODY.w - px(6), h: qh, size: round(size), colour: COLOUR.ink, fill: COLOUR.tint, inset: 10, lineSpacing: 1.3, paragraphs: textParagraphs, name: 'Quotation' });
    y += qh + 0.15;
    if (quote.speaker) {
      const runs: Run[] = [{ text: quote.speaker, bold: true, colour: COLOUR.navy }];
      if (quote.date) runs.push({ text: `, ${quote.date}` });
      out.push({ kind: 'text', x: BODY.x, y, w: BODY.w, h: lineHeight(size * 0.65) + 0.05, size: round(size * 0.65), colour: COLOUR.muted, paragraphs: [{ runs }], name: 'Speaker' });
      y += lineHeight(size * 0.65) + 0.25;
    }
    if (quote.context) {
      const paragraphs: Paragraph[] = [{ runs: resolveRuns(htmlRuns(quote.context), input.flow, COLOUR.navy), bold: true }];
      const ch = paragraphsHeight(paragraphs, BODY.w - 0.2, size * 0.85);
      out.push({ kind: 'rect', x: BODY.x, y, w: px(4), h: ch, fill: COLOUR.navy, name: 'Context bar' });
      out.push({ kind: 'text', x: BODY.x + 0.15, y, w: BODY.w - 0.15, h: ch, size: round(size * 0.85), colour: COLOUR.navy, paragraphs, name: 'Context' });
      y += ch + 0.15;
    }
    if (blocks.length) {
      const laid = flowBlocks(blocks, { ...BODY, y, h: BODY.y + BODY.h - y }, input.flow, { size, minScale: 0.8 });
      out.push(...laid.shapes);
      y += laid.height;
    }
    return { shapes: out, height: y - BODY.y };
  };
  let laid = build(scale);
  while (laid.height > BODY.h && scale > 0.55) laid = build((scale -= 0.05));
  shapes.push(...laid.shapes);
  return { master: 'light', title, shapes };
}

/** `map`: the build-time map as a picture with its alt text, the legend's swatches and labels beside it, then the caption. */
export function mapSlide(input: LayoutInput): LayoutOutput {
  const map = (input.section?.data as { map?: MapData }).map;
  const { title, blocks } = titleAndBody(input);
  if (!map) return { master: 'light', title, shapes: flowBlocks(blocks, BODY, input.flow).shapes };
  const side = px(290);
  const gap = px(32);
  const room = { w: BODY.w - side - gap, h: BODY.h };
  const natural = input.flow.pictureSize(map.src) ?? { w: 960, h: 600 };
  const ratio = natural.w / natural.h;
  const w = Math.min(room.w, room.h * ratio);
  const shapes: Shape[] = [{ kind: 'picture', x: BODY.x, y: BODY.y, w, h: w / ratio, path: map.src, alt: map.alt }];
  const x = BODY.x + w + gap;
  const legendW = BODY.x + BODY.w - x;
  let y = BODY.y;
  const size = SIZE.body * 0.6;
  for (const entry of map.legend) {
    const paragraphs: Paragraph[] = [{ runs: [{ text: entry.label }] }];
    const h = paragraphsHeight(paragraphs, legendW - 0.35, size, 1.1);
    shapes.push({ kind: 'rect', x, y: y + 0.03, w: 0.2, h: 0.2, fill: entry.color.replace('#', '').toUpperCase(), line: '8C8C8C', name: 'Swatch' });
    shapes.push({ kind: 'text', x: x + 0.32, y, w: legendW - 0.32, h, size: round(size), colour: COLOUR.ink, lineSpacing: 1.1, paragraphs, name: 'Legend' });
    y += h + 0.12;
  }
  y += 0.1;
  const notes: Paragraph[] = [];
  if (map.caption) notes.push({ runs: [{ text: map.caption }], spaceAfter: 6 });
  const rest = flowBlocks(blocksOf(input.slide.html).length ? blocks : [], { x, y, w: legendW, h: BODY.y + BODY.h - y }, { ...input.flow, colour: COLOUR.muted }, { size: SIZE.body * 0.5 });
  if (notes.length) {
    const h = paragraphsHeight(notes, legendW, SIZE.body * 0.5);
    shapes.push({ kind: 'text', x, y, w: legendW, h, size: round(SIZE.body * 0.5), colour: COLOUR.muted, paragraphs: notes, name: 'Caption' });
    for (const s of rest.shapes) if ('y' in s) s.y += h + 0.05;
  }
  shapes.push(...rest.shapes);
  return { master: 'light', title, shapes };
}

function round(n: number): number {
  return Math.round(n * 2) / 2;
}
