import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { build } from '../../src/index.js';
import { describeDeck, MAPPINGS } from '../../src/export/pptx/describe.js';
import type { DeckSpec, Run, SlideSpec, TableShape, TextShape } from '../../src/export/pptx/spec.js';
import { FIXTURES } from '../helpers/cli.js';

const text = (runs: readonly Run[]) => runs.map((r) => (r.breakBefore ? '\n' : '') + r.text).join('');
const texts = (slide: SlideSpec) => slide.shapes.flatMap((s) => (s.kind === 'text' ? s.paragraphs.map((p) => text(p.runs)) : s.kind === 'table' ? s.rows.flatMap((r) => r.map((c) => c.paragraphs.map((p) => text(p.runs)).join(' '))) : []));

async function describeFixture(name: string, options: { drafts?: boolean; notes?: boolean; images?: boolean } = {}): Promise<{ spec: DeckSpec; slides: number }> {
  const built = await build({ briefings: [join(FIXTURES, name)], dryRun: true, drafts: options.drafts ?? false });
  const deck = built.decks[0]!;
  expect(deck.ok).toBe(true);
  const spec = describeDeck(deck.model!.deck, deck.model!.sections, deck.model!.markings, {
    notes: options.notes ?? true, images: options.images ?? false, pictureSize: (path) => (path.endsWith('.svg') ? { w: 960, h: 600 } : path.endsWith('.png') ? { w: 64, h: 32 } : undefined), slidePicture: (n) => `slide-${n}.png`,
  });
  return { spec, slides: deck.slides };
}

describe('deck model -> PowerPoint slides', () => {
  let spec: DeckSpec;
  let deckSlides: number;
  beforeAll(async () => {
    ({ spec, slides: deckSlides } = await describeFixture('pptx-layouts'));
  });

  it('makes one PowerPoint slide per deck slide, vertical slides and generated pages included', () => {
    expect(spec.slides).toHaveLength(deckSlides);
    expect(spec.slides.map((s) => s.layout)).toEqual([
      'title', 'bluf', 'agenda', 'section', 'content', 'content', 'content', 'two-column', 'section', 'comparison', 'timeline', 'figures', 'quote', 'map', 'content', 'banner', 'sources',
    ]);
  });

  it('has a mapping for every built-in layout', () => {
    expect(Object.keys(MAPPINGS).sort()).toEqual(['agenda', 'bluf', 'comparison', 'content', 'figures', 'map', 'quote', 'section', 'sources', 'timeline', 'title', 'two-column']);
  });

  it('puts titles in the title placeholder, a slide\'s own heading taking the section title\'s place', () => {
    expect(spec.slides.map((s) => text(s.title))).toEqual([
      'Every layout, in PowerPoint', 'Bottom line', 'Agenda', 'Part one', 'Content slide', 'A heading of my own', 'Vertical slide', 'Two columns', 'Part two',
      'Comparison', 'Timeline', 'Figures', 'Quote', 'Map', 'Windows line endings', '', 'Sources',
    ]);
  });

  it('uses the navy masters for the title and the dividers, and a picture for a custom layout', () => {
    expect(spec.slides.map((s) => s.master)).toEqual(['dark', 'light', 'light', 'divider', 'light', 'light', 'light', 'light', 'divider', 'light', 'light', 'light', 'light', 'light', 'light', 'picture', 'light']);
    expect(spec.slides[15]).toMatchObject({ picture: true, shapes: [{ kind: 'picture', path: 'slide-16.png', x: 0, y: 0, alt: 'Custom layout' }] });
  });

  it('maps the comparison to a native table with a header row and labelled rows', () => {
    const table = spec.slides[9]!.shapes.find((s) => s.kind === 'table') as TableShape;
    expect(table).toMatchObject({ headerRow: true, labelColumn: true });
    expect(table.rows.map((r) => r.map((c) => c.paragraphs.map((p) => text(p.runs)).join('')))).toEqual([['', 'Option A', 'Option B'], ['Cost', 'Low', 'High'], ['Time', 'Long', 'Short']]);
    expect(table.rows[1]![1]!.paragraphs[0]!.runs[0]).toMatchObject({ text: 'Low', bold: true });
    expect(table.columns.reduce((a, b) => a + b, 0)).toBeCloseTo(table.w, 2);
  });

  it('keeps list levels, numbering, links and code from Markdown', () => {
    const body = spec.slides[4]!.shapes.filter((s): s is TextShape => s.kind === 'text').flatMap((s) => s.paragraphs);
    const items = body.filter((p) => p.bullet).map((p) => [text(p.runs), p.level ?? 0, p.bullet!.type]);
    expect(items).toEqual([['Level one', 0, 'bullet'], ['Level two bold', 1, 'bullet'], ['Level three', 2, 'bullet'], ['Back to one', 0, 'bullet'], ['Third', 0, 'number'], ['Fourth', 0, 'number']]);
    const runs = body.flatMap((p) => p.runs);
    expect(runs.find((r) => r.text === 'web link')?.link).toEqual({ url: 'https://example.org/page' });
    expect(runs.find((r) => r.text === 'jump to the comparison')?.link).toEqual({ slide: 10 });
    expect(runs.find((r) => r.text === 'code')?.code).toBe(true);
    expect(JSON.stringify(spec)).not.toMatch(/javascript:|alert\(|onclick/i);
  });

  it('maps a code block to monospace lines, a Markdown table to a table and an image to a picture', () => {
    const code = spec.slides[5]!.shapes.find((s) => s.kind === 'text' && s.paragraphs.every((p) => p.code)) as TextShape;
    expect(code.paragraphs.map((p) => text(p.runs))).toEqual(['const answer = 42;', 'console.log(answer);']);
    expect(spec.slides[5]!.shapes.some((s) => s.kind === 'table')).toBe(true);
    expect(spec.slides[6]!.shapes.find((s) => s.kind === 'picture')).toMatchObject({ path: 'media/images/flag.png', alt: 'A flag in two colours' });
  });

  it('draws the map as a picture with its alt text, and its legend as text', () => {
    const map = spec.slides[13]!;
    expect(map.shapes.find((s) => s.kind === 'picture')).toMatchObject({ path: 'figures/map.svg', alt: 'Map of Europe with France and Poland shaded' });
    expect(texts(map)).toEqual(expect.arrayContaining(['West', 'East', 'Two countries.']));
  });

  it('writes timeline events, figure cards, the quote and the sources as text', () => {
    expect(texts(spec.slides[10]!)).toEqual(expect.arrayContaining(['1 Jan 2023', 'Start', 'It began', '3 Mar 2023']));
    expect(texts(spec.slides[11]!)).toEqual(expect.arrayContaining(['42', 'answers', '2023', '7,000']));
    expect(texts(spec.slides[12]!)).toEqual(expect.arrayContaining(['“Words that matter.”', 'A Speaker, 1 May 2023', 'Why it matters.']));
    expect(texts(spec.slides[16]!).join('\n')).toMatch(/\[2\] А\. Писатель, “Второй источник”\./);
    expect(texts(spec.slides[1]!)).toEqual(['BOTTOM LINE UP FRONT', 'First take-away.\nIt is short.', 'Second take-away.\nAlso short.']);
  });

  it('names PowerPoint sections after the dividers', () => {
    expect([...new Set(spec.slides.map((s) => s.section))]).toEqual(['Introduction', 'Part one', 'Part two']);
  });

  it('carries speaker notes as plain text with paragraph breaks, and the citation line', () => {
    expect(spec.slides[0]!.notes).toBe('Title slide notes: welcome everyone.');
    expect(spec.slides[4]!.notes).toBe('First paragraph of the notes.\nSecond paragraph, with emphasis.\nNotes of the first slide: say hello.');
    expect(spec.slides[4]!.citation).toBe('Sources: [1] Example Press, 1 May 2023; [2] А. Писатель');
  });

  it('sets document properties from the deck, with a fixed date', () => {
    expect(spec).toMatchObject({ title: 'Every layout, in PowerPoint', author: 'Jane Analyst, Example Staff College', subject: 'A fixture for the .pptx export', lang: 'en' });
    expect(spec.keywords).toEqual(['SECRET//REL TO TEST', 'Part one', 'Part two']);
    expect(spec.date.toISOString()).toBe('2023-05-17T00:00:00.000Z');
    expect(spec.frame).toMatchObject({ banner: { text: 'SECRET//REL TO TEST' }, footer: 'As of 15 May 2023   ·   Exercise only' });
    expect(spec.slides.every((s) => !s.banner)).toBe(true);
  });

  it('leaves the notes out when asked', async () => {
    const { spec: quiet } = await describeFixture('pptx-layouts', { notes: false });
    expect(quiet.slides.every((s) => s.notes === '')).toBe(true);
  });

  it('includes drafts only when asked', async () => {
    const { spec: drafts } = await describeFixture('pptx-layouts', { drafts: true });
    expect(drafts.slides.map((s) => text(s.title))).toContain('Draft section');
    expect(spec.slides.map((s) => text(s.title))).not.toContain('Draft section');
  });

  it('makes every slide a picture with --images, keeping the notes', async () => {
    const { spec: pictures } = await describeFixture('pptx-layouts', { images: true });
    expect(pictures.slides.every((s) => s.picture && s.shapes.length === 1)).toBe(true);
    expect(pictures.slides[4]!.notes).toContain('Notes of the first slide');
  });

  it('keeps every shape on the slide', () => {
    for (const [i, slide] of spec.slides.entries()) {
      for (const shape of slide.shapes) {
        const h = shape.kind === 'table' ? shape.rowHeights.reduce((a, b) => a + b, 0) : shape.h;
        expect({ slide: i + 1, x: shape.x >= 0 && shape.x + shape.w <= 13.34, y: shape.y >= 0 && shape.y + h <= 7.5 }).toEqual({ slide: i + 1, x: true, y: true });
      }
    }
  });
});
