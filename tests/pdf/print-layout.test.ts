/** The print layout, without a browser: which pages a deck becomes, in which order, with what on them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/api/build.js';
import { printLayout, type PrintOptions } from '../../src/core/print/layout.js';
import { dateOf, keywordsOf, outlineOf } from '../../src/core/print/outline.js';
import { backgroundLayer, contrastClass } from '../../src/core/print/background.js';
import { FIXTURES, ROOT, tempDir } from '../helpers/cli.js';

const TITLES = [
  'Print Test Deck',
  'Agenda',
  'Part one: Situation',
  'Situation overview',
  'Fragment steps',
  'Part two: Outlook',
  'Outlook',
  'Outlook in detail',
  'A slide that overflows',
  'Sources',
];

let deckHtml = '';
const temp = tempDir('briefing-print-layout-');

beforeAll(async () => {
  const result = await build({ briefings: [join(FIXTURES, 'pdf-basic')], outDir: temp.dir, cwd: ROOT });
  expect(result.ok, JSON.stringify(result.diagnostics)).toBe(true);
  deckHtml = result.decks[0]!.html!;
});
afterAll(() => temp.cleanup());

const css = readFileSync(join(ROOT, 'templates', 'print', 'print.css'), 'utf8');
const layout = (overrides: Partial<PrintOptions> = {}) =>
  printLayout(deckHtml, { layout: 'slides', notes: 'none', fragments: 'final', width: 1280, height: 720, margin: 0, slideNumber: false, css, ...overrides });
/** The HTML of each page, in order. */
const pagesOf = (html: string) => html.split(/(?=<div class="print-page )/).slice(1);

describe('print layout', () => {
  it('gives every slide, vertical ones included, exactly one page in deck order', () => {
    const plan = layout();
    expect(plan.pages).toBe(10);
    expect(plan.slides.map((s) => s.title)).toEqual(TITLES);
    expect(plan.slides.map((s) => s.page)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(pagesOf(plan.html)).toHaveLength(10);
    expect(plan.pageSize).toEqual({ width: '1280px', height: '720px' });
  });

  it('uses the deck size for the page size', () => {
    const plan = layout({ width: 1024, height: 768 });
    expect(plan.pageSize).toEqual({ width: '1024px', height: '768px' });
    expect(plan.html).toContain('@page { size: 1024px 768px; margin: 0; }');
  });

  it('shows every fragment in its final state by default', () => {
    const page = pagesOf(layout().html)[4]!;
    expect(page.match(/class="fragment visible/g)).toHaveLength(2);
    expect(page).toContain('class="fragment visible current-fragment"');
  });

  it('prints one page per fragment step with --fragments each', () => {
    const plan = layout({ fragments: 'each' });
    expect(plan.pages).toBe(12);
    const steps = pagesOf(plan.html).slice(4, 7);
    expect(steps.map((p) => (p.match(/fragment visible/g) ?? []).length)).toEqual([0, 1, 2]);
    expect(plan.slides[4]).toMatchObject({ page: 4, steps: 3 });
    expect(plan.slides[5]!.page).toBe(7);
  });

  it('keeps a slide id on its first page only, so links land there', () => {
    const pages = pagesOf(layout({ fragments: 'each' }).html);
    expect(pages[4]).toContain('id="situation-2"');
    expect(pages[5]).not.toContain('id="situation-2"');
  });

  it('points agenda links at the slides instead of reveal.js hash routes', () => {
    const agenda = pagesOf(layout().html)[1]!;
    expect(agenda).toContain('href="#part-one"');
    expect(agenda).toContain('href="#part-two"');
    expect(agenda).not.toContain('href="#/');
  });

  it('puts notes on the page after their slide with --notes separate-page, and skips slides without notes', () => {
    const plan = layout({ notes: 'separate-page' });
    expect(plan.pages).toBe(15);
    const withNotes = plan.slides.filter((s) => s.notesPage !== undefined);
    expect(withNotes.map((s) => s.title)).toEqual(['Print Test Deck', 'Agenda', 'Situation overview', 'Fragment steps', 'Outlook in detail']);
    for (const s of withNotes) expect(s.notesPage).toBe(s.page + 1);
    const pages = pagesOf(plan.html);
    expect(pages[plan.slides[3]!.notesPage!]).toContain('Overview notes: the red square stands for the area of interest.');
    expect(pages[plan.slides[3]!.notesPage!]).toContain('print-banner-top');
  });

  it('lays out handout pages as A4 portrait, two slides a page, each with its notes below it', () => {
    const plan = layout({ layout: 'handout' });
    expect(plan.pageSize).toEqual({ width: '210mm', height: '297mm' });
    expect(plan.pages).toBe(5);
    const page = pagesOf(plan.html)[1]!;
    // Slides 3 and 4, each followed by its own notes.
    const order = ['<div class="print-handout-frame" data-slide="3"', '<div class="print-handout-frame" data-slide="4"', 'data-fit-slide="4"', 'Overview notes: the red square stands for the area of interest.'];
    const at = order.map((s) => page.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(page).toMatch(/<div class="print-banner print-banner-top" style="background-color:#007a33;color:#ffffff" aria-hidden="true">UNCLASSIFIED<\/div>/);
    // The outline and links point at the sheet a slide is on.
    expect(plan.slides.map((s) => s.page)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
  });

  it('reads the classification after the content: the top banner hidden from screen readers, the bottom one a note', () => {
    const page = pagesOf(layout().html)[3]!;
    expect(page).toMatch(/<div class="classification-banner classification-top"[^>]* aria-hidden="true">UNCLASSIFIED<\/div>/);
    expect(page).toMatch(/<div class="classification-banner classification-bottom"[^>]* role="note" aria-label="Classification">UNCLASSIFIED<\/div>/);
  });

  it('draws slide backgrounds as a layer behind the slide', () => {
    const page = pagesOf(layout().html)[6]!;
    expect(page).toContain('<div class="print-background" style="background-color: #fde2e2;">');
    expect(page).toContain('has-light-background');
  });

  it('numbers slides as reveal.js does when the deck turns slide numbers on', () => {
    const pages = pagesOf(layout({ slideNumber: 'h.v' }).html);
    expect(pages[7]).toContain('<span class="slide-number-a">7</span><span class="slide-number-delimiter">.</span><span class="slide-number-b">2</span>');
    expect(pagesOf(layout({ slideNumber: 'c/t' }).html)[7]).toContain('<span class="slide-number-a">8</span>');
  });

  it('drops scripts: the print document is static', () => {
    expect(layout().html).not.toMatch(/<script/i);
  });
});

describe('outline and document information', () => {
  it('has one bookmark per section, with a nested bookmark per slide where a section has several', () => {
    const outline = outlineOf(layout({ fragments: 'each' }).slides);
    expect(outline.map((e) => [e.title, e.page])).toEqual([
      ['Print Test Deck', 0], ['Agenda', 1], ['Part one: Situation', 2], ['Situation overview', 3],
      ['Part two: Outlook', 7], ['Outlook', 8], ['A slide that overflows', 10], ['Sources', 11],
    ]);
    expect(outline[3]!.children.map((c) => [c.title, c.page])).toEqual([['Situation overview', 3], ['Fragment steps', 4]]);
    expect(outline[5]!.children.map((c) => c.title)).toEqual(['Outlook', 'Outlook in detail']);
  });

  it('takes keywords from the classification and the section dividers', () => {
    expect(keywordsOf('UNCLASSIFIED', layout().slides)).toEqual(['UNCLASSIFIED', 'Part one: Situation', 'Part two: Outlook']);
  });

  it('reads front-matter dates as UTC midnight', () => {
    expect(dateOf('2022-04-07')?.toISOString()).toBe('2022-04-07T00:00:00.000Z');
    expect(dateOf('2022-04')?.toISOString()).toBe('2022-04-01T00:00:00.000Z');
    expect(dateOf('next week')).toBeUndefined();
  });
});

describe('backgrounds', () => {
  it('lays images over colours with reveal.js defaults for size and position', () => {
    const html = backgroundLayer({ 'data-background-color': '#000', 'data-background-image': 'media/a "b".png', 'data-background-opacity': '0.5' });
    expect(html).toContain('background-color: #000;');
    expect(html).toContain('background-image: url(&#34;media/a \\&#34;b\\&#34;.png&#34;);');
    expect(html).toContain('background-size: cover;');
    expect(html).toContain('opacity: 0.5;');
    expect(backgroundLayer({})).toBe('');
  });

  it('marks dark and light backgrounds as reveal.js does', () => {
    expect(contrastClass({ 'data-background-color': '#123' })).toBe('has-dark-background');
    expect(contrastClass({ 'data-background-color': 'rgb(250, 250, 240)' })).toBe('has-light-background');
    expect(contrastClass({ 'data-background-color': 'teal' })).toBeUndefined();
  });
});
