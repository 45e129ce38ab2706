import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { finishPptx, type FinishInfo } from '../../src/export/pptx/finish.js';
import { writePptx } from '../../src/export/pptx/write.js';
import type { DeckSpec, SlideSpec } from '../../src/export/pptx/spec.js';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 10"><rect width="20" height="10" fill="#14325c"/></svg>';
const slide = (title: string, section: string, extra: Partial<SlideSpec> = {}): SlideSpec => ({
  master: 'light', title: [{ text: title }], notes: '', citation: 'Source: [1] Example', section, layout: 'content', source: { file: 'x.md', line: 1 },
  shapes: [{ kind: 'text', x: 1, y: 2, w: 5, h: 2, size: 20, colour: '1A2433', paragraphs: [
    { runs: [{ text: 'Lead', bold: true }, { text: 'rest', breakBefore: true }, { text: ' more', italic: true }], bullet: { type: 'number', start: 1 } },
    { runs: [{ text: 'bad \u0001control' }] },
  ] }],
  ...extra,
});
const SPEC: DeckSpec = {
  title: 'A & B <deck>', author: 'Jane', subject: 'Sub', keywords: ['UNCLASSIFIED', 'Part one'], lang: 'en', date: new Date(Date.UTC(2022, 3, 7)),
  frame: { footer: 'As of 7 April 2022', banner: { text: 'UNCLASSIFIED', fill: '007A33', colour: 'FFFFFF' } },
  slides: [
    slide('One', 'Introduction', { notes: 'First paragraph.\nSecond & last <paragraph>.' }),
    slide('Two', 'Part one', { master: 'divider', shapes: [{ kind: 'picture', x: 1, y: 1, w: 4, h: 2, path: 'figures/map.svg', alt: 'A map' }] }),
  ],
};
const INFO: FinishInfo = {
  date: SPEC.date, keywords: SPEC.keywords, lang: 'en', layoutTypes: { 'Briefing section header': 'secHead' },
  rasterize: () => new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3]),
};
const pictures = new Map([['figures/map.svg', { data: new TextEncoder().encode(SVG), type: 'image/svg+xml' }]]);

async function finished(): Promise<Uint8Array> {
  return finishPptx(await writePptx(SPEC, pictures), INFO);
}

describe('finishing the .pptx', () => {
  it('gives the same bytes for the same deck', async () => {
    const a = await finished();
    await new Promise((r) => setTimeout(r, 1100)); // another second on the clock: pptxgenjs stamps the time
    const b = await finished();
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('dates every zip entry and the document properties with the deck date, and adds keywords and language', async () => {
    const zip = await JSZip.loadAsync(await finished());
    for (const entry of Object.values(zip.files)) expect(entry.date.toISOString().slice(0, 10)).toBe('2022-04-07');
    const core = await zip.file('docProps/core.xml')!.async('string');
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2022-04-07T00:00:00Z</dcterms:created>');
    expect(core).toContain('<cp:keywords>UNCLASSIFIED; Part one</cp:keywords>');
    expect(core).toContain('<dc:title>A &amp; B &lt;deck&gt;</dc:title>');
  });

  it('writes one paragraph-properties element per paragraph, first', async () => {
    const zip = await JSZip.loadAsync(await finished());
    const xml = await zip.file('ppt/slides/slide1.xml')!.async('string');
    for (const p of xml.match(/<a:p>[\s\S]*?<\/a:p>/g)!) {
      expect((p.match(/<a:pPr\b/g) ?? []).length).toBeLessThanOrEqual(1);
      if (p.includes('<a:pPr')) expect(p.startsWith('<a:p><a:pPr')).toBe(true);
    }
    expect(xml).toContain('<a:br/>');
    expect(xml).not.toMatch(/\u0001/);
  });

  it('splits the notes into paragraphs, escaped', async () => {
    const zip = await JSZip.loadAsync(await finished());
    const notes = await zip.file('ppt/notesSlides/notesSlide1.xml')!.async('string');
    expect(notes).toContain('<a:t>First paragraph.</a:t>');
    expect(notes).toContain('<a:t>Second &amp; last &lt;paragraph&gt;.</a:t>');
  });

  it('marks the section-header layout, and gives sections stable ids', async () => {
    const zip = await JSZip.loadAsync(await finished());
    const layouts = await Promise.all(Object.keys(zip.files).filter((n) => /slideLayouts\/slideLayout\d+\.xml$/.test(n)).map((n) => zip.file(n)!.async('string')));
    expect(layouts.filter((x) => x.includes('<p:sldLayout type="secHead"'))).toHaveLength(1);
    const presentation = await zip.file('ppt/presentation.xml')!.async('string');
    expect(presentation).toMatch(/<p14:section name="Introduction" id="\{[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-8[0-9A-F]{3}-[0-9A-F]{12}\}"/);
    expect(presentation).toContain('name="Part one"');
  });

  it('replaces pptxgenjs\'s broken-picture stand-in for an SVG with its PNG rendering', async () => {
    const zip = await JSZip.loadAsync(await finished());
    const media = Object.keys(zip.files).filter((n) => n.startsWith('ppt/media/')).sort();
    expect(media.map((n) => n.split('.').pop())).toEqual(['png', 'svg']);
    expect([...(await zip.file(media[0]!)!.async('uint8array'))]).toEqual([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3]);
    expect(await zip.file(media[1]!)!.async('string')).toBe(SVG);
  });
});
