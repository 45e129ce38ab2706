/**
 * `briefing pptx` end to end: the real binary writes the default briefing and a deck with every layout,
 * the XML is read from the zip, and LibreOffice Impress renders every slide (read back with poppler).
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageTexts, pdfInfo } from '../pdf/pdf-reader.js';
import { readDeck } from '../../src/core/print/slides.js';
import { build } from '../../src/index.js';
import { ROOT, runCli, tempDir, type RunResult } from '../helpers/cli.js';
import { numbered, officeToPdf, pptxParts, xmlText } from './pptx-reader.js';

const temp = tempDir('briefing-pptx-test-');
const file = (name: string) => join(temp.dir, name);
const runs: Record<string, RunResult> = {};
let pdfs: string[] = [];
let nato: Map<string, string>;
let layouts: Map<string, string>;
/** The default briefing as the HTML build makes it: each slide's layout, and the section dividers' titles. */
let deckLayouts: string[];
let dividers: string[];

beforeAll(async () => {
  const built = (await build({ briefings: [join(ROOT, 'briefings', 'nato-ukraine')], dryRun: true })).decks[0]!;
  deckLayouts = readDeck(built.html!).slides.map((s) => /layout-([\w-]+)/.exec(s.element.attribs.class ?? '')![1]!);
  dividers = built.model!.sections.filter((r) => r.section.layout === 'section').map((r) => r.section.title);
  runs.nato = runCli(['pptx', 'briefings/nato-ukraine', '--out', file('nato.pptx')]);
  runs.again = runCli(['pptx', 'briefings/nato-ukraine', '--out', file('again.pptx')]);
  runs.layouts = runCli(['pptx', 'tests/fixtures/pptx-layouts', '--out', file('layouts.pptx')]);
  runs.quiet = runCli(['pptx', 'tests/fixtures/pptx-layouts', '--no-notes', '--drafts', '--out', file('quiet.pptx')]);
  runs.hostile = runCli(['pptx', 'tests/fixtures/hostile', '--out', file('hostile.pptx')]);
  runs.images = runCli(['pptx', 'tests/fixtures/pptx-layouts', '--images', '--out', file('images.pptx')]);
  nato = await pptxParts(file('nato.pptx'));
  layouts = await pptxParts(file('layouts.pptx'));
  pdfs = officeToPdf([file('nato.pptx'), file('layouts.pptx'), file('hostile.pptx')], temp.dir);
}, 300_000);
afterAll(() => temp.cleanup());


describe('briefing pptx on the default briefing', () => {
  it('exits 0 with one summary line', () => {
    expect(runs.nato!.stderr).toBe('');
    expect(runs.nato!.code).toBe(0);
    expect(runs.nato!.stdout).toMatch(new RegExp(`^✓ nato-ukraine {2}${deckLayouts.length} slides, \\d+ KB, \\d+\\.\\d s -> .*nato\\.pptx\\n$`));
    expect(statSync(file('nato.pptx')).mode & 0o777).toBe(0o644);
  });

  it('gives byte-identical files for the same input', () => {
    expect(readFileSync(file('again.pptx')).equals(readFileSync(file('nato.pptx')))).toBe(true);
  });

  it('opens in LibreOffice with every slide, 16:9, each with its title as text', () => {
    const info = pdfInfo(pdfs[0]!);
    expect(info.Pages).toBe(String(deckLayouts.length));
    expect(info['Page size']).toMatch(/^960(\.\d+)? x 540 pts$/); // 13.333 × 7.5 in
    const texts = pageTexts(pdfs[0]!);
    const titles = numbered(nato, 'ppt/slides/slide').map((xml) => xmlText(/<p:ph\b[^>]*type="title"[\s\S]*?<\/p:sp>/.exec(xml)?.[0] ?? ''));
    expect(titles.filter(Boolean)).toHaveLength(deckLayouts.length);
    texts.forEach((text, i) => expect(text).toContain(titles[i]!.replace(/\s+/g, ' ')));
    expect(titles[0]).toBe('NATO’s response to Russia’s invasion of Ukraine');
    expect(titles[2]).toBe('Agenda');
  });

  it('shows the classification banners and the as-of footer on every slide', () => {
    for (const text of pageTexts(pdfs[0]!)) {
      expect(text.match(/UNCLASSIFIED/g)?.length).toBe(2);
      expect(text).toContain('As of 7 April 2022');
    }
  });

  it('writes the comparison as a native table and the map as a picture with its alt text', () => {
    const slides = numbered(nato, 'ppt/slides/slide');
    const where = (layout: string) => deckLayouts.flatMap((l, i) => (l === layout ? [i] : []));
    expect(slides.flatMap((xml, i) => (xml.includes('<a:tbl>') ? [i] : []))).toEqual(where('comparison'));
    expect(xmlText(slides[where('comparison')[0]!]!)).toContain('Who decides');
    expect(where('map').length).toBeGreaterThan(0);
    for (const i of where('map')) expect(slides[i]).toMatch(/<p:pic>[\s\S]*descr="Map of /);
    expect(nato.get('[Content_Types].xml')).toContain('Extension="svg"');
  });

  it('puts the speaker notes into the notes pages', () => {
    const notes = numbered(nato, 'ppt/notesSlides/notesSlide').map(xmlText);
    expect(notes).toHaveLength(deckLayouts.length);
    expect(notes[1]).toContain('Four points to take away before the detail.');
    expect(notes[0]).toContain('covers the crisis from the January 2022');
    expect(notes.filter((n) => n.trim().length > 40).length).toBeGreaterThan(25);
  });

  it('carries the document properties, with the deck date', () => {
    const core = nato.get('docProps/core.xml')!;
    expect(core).toContain('<dc:title>NATO’s response to Russia’s invasion of Ukraine</dc:title>');
    expect(core).toContain(`<cp:keywords>${['UNCLASSIFIED', ...dividers].join('; ').replace(/&/g, '&amp;')}</cp:keywords>`);
    expect(dividers.slice(0, 2)).toEqual(['The crisis', 'Why Ukraine is not in NATO']);
    expect(core).toContain('2022-04-07T00:00:00Z');
  });

  it('writes valid what pptxgenjs writes PowerPoint would repair: one paragraph-properties element, backgrounds with effects, shapes with text bodies', () => {
    for (const [name, xml] of nato) {
      for (const p of xml.match(/<a:p>[\s\S]*?<\/a:p>/g) ?? []) expect((p.match(/<a:pPr\b/g) ?? []).length, name).toBeLessThanOrEqual(1);
      for (const bg of xml.match(/<p:bgPr>[\s\S]*?<\/p:bgPr>/g) ?? []) expect(bg, name).toContain('<a:effectLst/>');
      for (const sp of xml.match(/<p:sp>[\s\S]*?<\/p:sp>/g) ?? []) if (!sp.includes('type="sldImg"')) expect(sp, name).toContain('<p:txBody>');
    }
  });

  it('names PowerPoint sections after the dividers', () => {
    const names = [...nato.get('ppt/presentation.xml')!.matchAll(/<p14:section name="([^"]*)"/g)].map((m) => m[1]);
    expect(names).toEqual(['Introduction', ...dividers]);
  });
});

describe('briefing pptx on a deck with every layout', () => {
  it('warns that the custom layout is a picture, and exits 0', () => {
    expect(runs.layouts!.code).toBe(0);
    expect(runs.layouts!.stderr).toMatch(/130-custom\.md:3:\d+ warning Layout `banner` has no PowerPoint mapping/);
    expect(runs.layouts!.stdout).toMatch(/17 slides \(1 as pictures\)/);
  });

  it('renders every slide in LibreOffice, non-Latin text, code, the table and the CRLF section included', () => {
    const texts = pageTexts(pdfs[1]!);
    expect(texts).toHaveLength(17);
    expect(texts[4]).toContain('Level two bold');
    expect(texts[5]).toContain('const answer = 42;');
    expect(texts[5]).toContain('alpha');
    expect(texts[7]).toMatch(/Три.*四/);
    expect(texts[14]).toContain('Still two items');
    expect(texts[16]).toContain('第三の資料');
    for (const text of texts.filter((_t, i) => i !== 15)) expect(text.match(/SECRET\/\/REL TO TEST/g)?.length).toBe(2);
  });

  it('shows the custom-layout slide as a full-slide picture', () => {
    const slide = numbered(layouts, 'ppt/slides/slide')[15]!;
    expect(slide).toMatch(/<p:pic>[\s\S]*descr="Custom layout"/);
    expect(slide).not.toContain('<a:t>Custom content.</a:t>');
  });

  it('writes no script, no event handler and no javascript: link anywhere in the file', () => {
    const all = [...layouts.values()].join('\n');
    expect(all).not.toMatch(/javascript:|<script|onclick|alert\(/i);
    const targets = [...all.matchAll(/Target="([^"]*)" TargetMode="External"/g)].map((m) => m[1]);
    expect(targets.every((t) => /^https:\/\/example\.org\//.test(t!))).toBe(true);
    expect(targets.length).toBeGreaterThan(0);
  });

  it('leaves the notes out with --no-notes and includes drafts with --drafts', async () => {
    expect(runs.quiet!.code).toBe(0);
    const quiet = await pptxParts(file('quiet.pptx'));
    expect(numbered(quiet, 'ppt/notesSlides/notesSlide').map(xmlText).every((n) => !n.replace(/\d+/g, '').trim())).toBe(true);
    expect(numbered(quiet, 'ppt/slides/slide').map(xmlText).join('\n')).toContain('Work in progress.');
    expect(numbered(layouts, 'ppt/slides/slide').map(xmlText).join('\n')).not.toContain('Work in progress.');
  });
});

describe('briefing pptx on hostile input', () => {
  it('writes only text and web links: no script element, no event handler attribute, no other link', async () => {
    expect(runs.hostile!.code).toBe(0);
    const parts = await pptxParts(file('hostile.pptx'));
    for (const [name, xml] of parts) {
      // Hostile strings written in front matter are text: escaped, so `<` never opens an element.
      expect(xml, name).not.toMatch(/<(script|img|svg|iframe)\b|\son\w+="/i);
      for (const m of xml.matchAll(/Target="([^"]*)" TargetMode="External"/g)) expect(m[1], name).toMatch(/^https?:\/\//);
    }
  });

  it('still opens in LibreOffice with every slide', () => {
    expect(pdfInfo(pdfs[2]!).Pages).toBe('20');
  });
});

describe('briefing pptx --images', () => {
  it('makes every slide one full-slide picture rendered at 2×, and keeps the notes', async () => {
    expect(runs.images!.code).toBe(0);
    expect(runs.images!.stdout).toMatch(/17 slides \(17 as pictures\)/);
    const parts = await pptxParts(file('images.pptx'));
    const slides = numbered(parts, 'ppt/slides/slide');
    expect(slides).toHaveLength(17);
    for (const xml of slides) {
      expect(xml.match(/<p:pic>/g)).toHaveLength(1);
      expect(xml).toMatch(/<a:off x="0" y="0"\/>\s*<a:ext cx="12192000" cy="6858000"\/>/);
    }
    expect(xmlText(numbered(parts, 'ppt/notesSlides/notesSlide')[4]!)).toContain('Notes of the first slide: say hello.');
    const zip = await (await import('jszip')).default.loadAsync(readFileSync(file('images.pptx')));
    const png = await zip.file(/ppt\/media\/.*\.png$/)[0]!.async('uint8array');
    expect(new DataView(png.buffer, png.byteOffset).getUint32(16)).toBe(2560); // PNG width: 1280 px at 2×
  });
});

describe('briefing pptx with classification markings', () => {
  const banners = (xml: string) => [...xml.matchAll(/name="Classification \((top|bottom)\)"[\s\S]*?<a:solidFill><a:srgbClr val="([0-9A-F]{6})"\/><\/a:solidFill>[\s\S]*?<a:t>([^<]*)<\/a:t>/g)].map((m) => ({ where: m[1], fill: m[2], text: m[3] }));
  const titleOf = (xml: string) => xmlText(/<p:ph\b[^>]*type="title"[\s\S]*?<\/p:sp>/.exec(xml)?.[0] ?? '');

  it('gives each slide the banners of its section, in its level\'s colour, and titles their portion marks', async () => {
    const r = runCli(['pptx', 'tests/fixtures/markings-us', '--out', file('marked.pptx')]);
    expect(r.code).toBe(0);
    const slides = numbered(await pptxParts(file('marked.pptx')), 'ppt/slides/slide');
    expect(slides.map((x) => banners(x).map((b) => `${b.where} ${b.text}`))).toEqual([
      'TOP SECRET', 'UNCLASSIFIED', 'CUI', 'CONFIDENTIAL', 'SECRET//NOFORN', 'TOP SECRET', 'CONFIDENTIAL',
    ].map((t) => [`top ${t}`, `bottom ${t}`]));
    expect(new Set(slides.map((x) => banners(x)[0]!.fill)).size).toBe(5);
    expect(titleOf(slides[1]!)).toBe('(U) Section marked UNCLASSIFIED');
    expect(titleOf(slides[4]!)).toBe('(S//NF) Section marked SECRET');
  });

  it('leaves out the sections above --max-classification, and marks the rest accordingly', async () => {
    const r = runCli(['pptx', 'tests/fixtures/markings-us', '--max-classification', 'SECRET', '--out', file('cut.pptx')]);
    expect(r.code).toBe(0);
    const slides = numbered(await pptxParts(file('cut.pptx')), 'ppt/slides/slide');
    expect(slides).toHaveLength(6);
    expect(slides.map((x) => banners(x)[0]!.text)).not.toContain('TOP SECRET');
    expect(banners(slides[0]!)[0]!.text).toBe('SECRET//NOFORN');
  });
});

describe('briefing pptx usage', () => {
  it('refuses an --out that is not a .pptx', () => {
    const r = runCli(['pptx', 'briefings/nato-ukraine', '--out', file('x.pdf')], { cwd: ROOT });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out .* must end in \.pptx/);
  });

  it('reports a broken briefing with file and line, and writes nothing', () => {
    const r = runCli(['pptx', 'tests/fixtures/broken-yaml', '--out', file('broken.pptx')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/broken-yaml\/.*:\d+:\d+ error/);
    expect(() => statSync(file('broken.pptx'))).toThrow();
  });
});
