/** The text layouts in PowerPoint terms: content, bluf, two-column, agenda, sources, section dividers, title. Pure. */
import type { AgendaEntry, CitedSource } from '../../../core/compose/generated.js';
import { htmlBlocks, htmlRuns, type Block, type DraftParagraph } from '../html/html-blocks.js';
import { flowBlocks, flowColumns, resolveRuns } from '../flow.js';
import { paragraphsHeight, textWidth } from '../measure.js';
import { BODY, blocksOf, titleAndBody, type LayoutInput, type LayoutOutput } from './layout-input.js';
import { COLOUR, CONTENT_WIDTH, FRAME, SIZE, SLIDE, px } from '../theme.js';
import type { Paragraph, Shape, TextShape } from '../spec.js';

/** `content`: the slide's Markdown, flowed below the title. */
export function contentSlide(input: LayoutInput): LayoutOutput {
  const { title, blocks } = titleAndBody(input);
  return { master: 'light', title, shapes: flowBlocks(blocks, BODY, input.flow).shapes };
}

/** `bluf`: a kicker over the title, the take-aways numbered, each one's bold lead on a line of its own. */
export function blufSlide(input: LayoutInput): LayoutOutput {
  const { title, blocks } = titleAndBody(input);
  let number = 0;
  const numbered: Block[] = blocks.map((block) =>
    block.kind !== 'text'
      ? block
      : {
          ...block,
          paragraphs: block.paragraphs.map((p): DraftParagraph => {
            if (!p.bullet || p.level) return p;
            number = p.bullet.type === 'number' ? p.bullet.start : number + 1;
            const [lead, next, ...rest] = p.runs;
            const runs = lead?.bold && next ? [lead, { ...next, text: next.text.replace(/^ /, ''), breakBefore: true }, ...rest] : p.runs;
            return { ...p, runs, bullet: { type: 'number', start: number } };
          }),
        },
  );
  const kicker: TextShape = {
    kind: 'text', x: FRAME.left, y: FRAME.banner + px(4), w: CONTENT_WIDTH, h: px(20), size: SIZE.kicker, colour: COLOUR.accentText,
    paragraphs: [{ runs: [{ text: 'BOTTOM LINE UP FRONT', bold: true }] }], name: 'Kicker',
  };
  const body = flowBlocks(numbered, BODY, input.flow, { paragraphGap: 0.5 });
  for (const shape of body.shapes) {
    if (shape.kind === 'text') for (const p of shape.paragraphs) if (p.bullet) p.spaceAfter = Math.round((p.size ?? shape.size) * 0.9);
  }
  return { master: 'light', title, shapes: [kicker, ...body.shapes] };
}

/** `two-column`: two text boxes side by side; a column's opening bold line is its heading. */
export function twoColumnSlide(input: LayoutInput): LayoutOutput {
  if (input.slide.columns.length < 2) return contentSlide(input);
  const { title } = titleAndBody(input);
  const gap = px(56);
  const w = (CONTENT_WIDTH - gap) / 2;
  const columns = input.slide.columns.slice(0, 2).map((html, i) => {
    let blocks = htmlBlocks(html);
    // The first column's own heading became the slide title.
    if (i === 0 && input.slide.hasHeading) blocks = titleAndBody(input, html).blocks;
    return blocks.map((b) => (b.kind === 'text' ? { ...b, paragraphs: b.paragraphs.map((p, n) => (n === 0 && isLeadLine(p) ? { ...p, role: 'heading' as const, heading: 4 } : p)) } : b));
  });
  const boxes = [0, 1].map((i) => ({ ...BODY, x: BODY.x + i * (w + gap), w }));
  const laid = flowColumns(columns, boxes, input.flow, { size: SIZE.body * 0.9 });
  // The lead line is set navy and small, over a rule, as the theme's column heading.
  for (const shape of laid.shapes) {
    if (shape.kind !== 'text') continue;
    const p = shape.paragraphs[0];
    if (p && p.bold && p.size && p.size < shape.size) p.colour = COLOUR.navy;
  }
  return { master: 'light', title, shapes: laid.shapes };
}

function isLeadLine(p: DraftParagraph): boolean {
  return p.role === 'body' && !p.bullet && p.runs.length === 1 && !!p.runs[0]!.bold;
}

/** `agenda`: the parts, numbered, each a link to its divider slide. */
export function agendaSlide(input: LayoutInput): LayoutOutput {
  const size = SIZE.body * 1.05;
  const paragraphs: Paragraph[] = (input.page as AgendaEntry[]).map((entry) => {
    const slide = input.flow.slideOf(entry.id);
    return {
      runs: [{ text: entry.title, bold: true, ...(slide ? { link: { slide } } : {}) }],
      bullet: { type: 'number', start: entry.number },
      spaceAfter: Math.round(size * 0.8),
    };
  });
  const shape: TextShape = { kind: 'text', ...BODY, h: Math.min(BODY.h, paragraphsHeight(paragraphs, BODY.w, size) + 0.2), paragraphs, size, colour: COLOUR.ink, name: 'Agenda' };
  return { master: 'light', title: [{ text: input.title }], shapes: [shape] };
}

/** `sources`: the cited sources of this page, numbered, in two columns of small type. */
export function sourcesSlide(input: LayoutInput): LayoutOutput {
  const entries = input.page as CitedSource[];
  const half = Math.ceil(entries.length / 2);
  const gap = px(40);
  const w = (CONTENT_WIDTH - gap) / 2;
  const columns = [entries.slice(0, half), entries.slice(half)].filter((c) => c.length);
  const paragraphsOf = (column: CitedSource[], size: number): Paragraph[] => column.map((source) => ({
    runs: [{ text: `[${source.number}] `, bold: true, colour: COLOUR.navy }, ...resolveRuns(htmlRuns(source.html), input.flow).map((r) => (r.link ? { ...r, colour: COLOUR.muted } : r))],
    spaceAfter: Math.round(size * 0.55),
  }));
  // Long entries (descriptions, URLs) are set smaller until both columns fit above the footer.
  let size = SIZE.sources;
  while (size > 8 && columns.some((c) => paragraphsHeight(paragraphsOf(c, size), w, size, 1.1) > BODY.h)) size -= 0.5;
  const shapes: Shape[] = columns.map((column, i) => ({
    kind: 'text', x: BODY.x + i * (w + gap), y: BODY.y, w, h: BODY.h, paragraphs: paragraphsOf(column, size), size, colour: COLOUR.ink, lineSpacing: 1.1, name: `Sources ${i + 1}`,
  }) satisfies TextShape);
  return { master: 'light', title: [{ text: input.title }], shapes };
}

/** `section`: a divider — "Part 2 of 5" over the title on navy, with an accent bar; a section-header slide. */
export function sectionSlide(input: LayoutInput): LayoutOutput {
  const shapes: Shape[] = [];
  const x = px(120) + px(8) + px(16);
  const top = 2.55;
  shapes.push({ kind: 'rect', x: px(120), y: top - 0.1, w: px(8), h: 2.1, fill: COLOUR.accent, name: 'Accent bar' });
  if (input.part) {
    shapes.push({ kind: 'text', x, y: top - 0.08, w: SLIDE.w - x - px(120), h: 0.35, size: SIZE.kicker * 1.25, colour: COLOUR.accentLight,
      paragraphs: [{ runs: [{ text: `PART ${input.part.number} OF ${input.part.of}`, bold: true }] }], name: 'Part' });
  }
  const body = blocksOf(input.slide.html);
  if (body.length) {
    const laid = flowBlocks(body, { x, y: top + 1.45, w: SLIDE.w - x - px(120), h: 1.4 }, { ...input.flow, colour: COLOUR.onDarkMuted, strong: COLOUR.onDark }, { size: SIZE.body * 0.9 });
    shapes.push(...laid.shapes);
  }
  return { master: 'divider', title: [{ text: input.title }], shapes };
}

/** The title slide: organization, title, subtitle, the body of index.md, and the dates under an accent rule. */
export function titleSlide(input: LayoutInput): LayoutOutput {
  const d = input.deck;
  const x = px(96);
  const w = SLIDE.w - 2 * x;
  const dark = { ...input.flow, colour: COLOUR.onDark, strong: COLOUR.onDark };
  const shapes: Shape[] = [];
  let y = 1.25;
  if (d.organization) {
    shapes.push({ kind: 'text', x, y, w, h: 0.35, size: SIZE.kicker * 1.3, colour: COLOUR.accentLight, paragraphs: [{ runs: [{ text: d.organization.toUpperCase(), bold: true }] }], name: 'Organization' });
  }
  y = 1.7;
  // The title placeholder sits at 1.7–3.5 in (the master); what follows starts below it.
  y = 3.55;
  if (d.subtitle) {
    const paragraphs = [{ runs: [{ text: d.subtitle }] }];
    const h = paragraphsHeight(paragraphs, w, SIZE.subtitle) + 0.05;
    shapes.push({ kind: 'text', x, y, w, h, size: SIZE.subtitle, colour: COLOUR.onDarkMuted, paragraphs, name: 'Subtitle' });
    y += h + 0.2;
  }
  const body = blocksOf(input.slide.html);
  if (body.length) {
    const laid = flowBlocks(body, { x, y, w, h: 5.6 - y }, dark, { size: SIZE.body * 0.75, paragraphGap: 0.3 });
    shapes.push(...laid.shapes);
    y += laid.height + 0.15;
  }
  const meta = [
    d.presenter ? ['PRESENTED BY', d.presenter] : undefined,
    d.dateText ? ['DATE', d.dateText] : undefined,
    d.asOfText ? ['INFORMATION AS OF', d.asOfText] : undefined,
  ].filter((m): m is string[] => !!m);
  if (meta.length) {
    shapes.push({ kind: 'rect', x, y, w, h: px(3), fill: COLOUR.accent, name: 'Accent rule' });
    let left = x;
    meta.forEach(([label, value]) => {
      // Each column as wide as its label or value (one line each), as the deck's flex row.
      const cw = Math.min(w - (left - x), Math.max(textWidth(label!, SIZE.kicker, true), textWidth(value!, SIZE.body * 0.66, true)) + 0.1);
      const at = left;
      left += cw + 0.45;
      shapes.push({
        kind: 'text', x: at, y: y + 0.15, w: cw, h: 0.6, size: SIZE.kicker, colour: COLOUR.onDarkMuted, name: label,
        paragraphs: [{ runs: [{ text: label!, bold: true }], spaceAfter: 2 }, { runs: [{ text: value!, bold: true }], size: SIZE.body * 0.66, colour: COLOUR.onDark }],
      });
    });
  }
  return { master: 'dark', title: [{ text: d.title }], shapes };
}
