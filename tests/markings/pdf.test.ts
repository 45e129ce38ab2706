/**
 * Markings in the PDF, read back with poppler: the same banners as the slides (text and colour, per page),
 * the overall marking in the document's metadata, handout pages in their slide's marking, and a release cut.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, runCli, tempDir } from '../helpers/cli.js';
import { pageTexts, pdfInfo } from '../pdf/pdf-reader.js';

const out = tempDir('briefing-markings-pdf-');
const file = (name: string) => join(out.dir, name);
beforeAll(() => {
  for (const [name, args] of [['full.pdf', []], ['handout.pdf', ['--handout']], ['cut.pdf', ['--max-classification', 'CONFIDENTIAL']]] as const) {
    const r = runCli(['pdf', join(FIXTURES, 'markings-us'), '--out', file(name), ...args]);
    if (r.code !== 0) throw new Error(r.stderr);
  }
}, 180_000);
afterAll(() => out.cleanup());

/** The colour of one pixel on every page, as `pdftoppm` renders it: [r, g, b] at (x, y) of a page `width` pixels wide. */
function pixelOnEveryPage(pdf: string, width: number, x: number, y: (height: number) => number): [number, number, number][] {
  const pages = Number(pdfInfo(pdf).Pages);
  const colours: [number, number, number][] = [];
  for (let n = 1; n <= pages; n++) {
    const ppm = spawnSync('pdftoppm', ['-f', String(n), '-l', String(n), '-scale-to-x', String(width), '-scale-to-y', '-1', pdf], { maxBuffer: 64 << 20 }).stdout;
    // P6 header: magic, width, height, maxval, each followed by whitespace; then RGB triples.
    const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 32).toString('latin1'))!;
    const [w, h] = [Number(header[1]), Number(header[2])];
    const at = header[0].length + (y(h) * w + x) * 3;
    colours.push([ppm[at]!, ppm[at + 1]!, ppm[at + 2]!]);
  }
  return colours;
}

/** Page text without spaces: the banners' letter spacing makes pdftotext split their words into letters. */
const squeezed = (pdf: string) => pageTexts(pdf).map((t) => t.replace(/\s+/g, ''));
const near = (actual: [number, number, number], expected: [number, number, number]) => actual.every((c, i) => Math.abs(c - expected[i]!) <= 8);

describe('markings in the PDF', () => {
  it('shows each slide’s banners, top and bottom, in the text of its page', () => {
    const banners = ['TOP SECRET', 'UNCLASSIFIED', 'CUI', 'CONFIDENTIAL', 'SECRET//NOFORN', 'TOP SECRET', 'CONFIDENTIAL'];
    const pages = squeezed(file('full.pdf'));
    expect(pages).toHaveLength(7);
    pages.forEach((text, i) => {
      const banner = banners[i]!.replace(/\s+/g, '');
      expect(text.startsWith(banner), text).toBe(true);
      expect(text.endsWith(banner), text).toBe(true);
    });
  });

  it('paints each page’s banner in its level’s colour', () => {
    const top = pixelOnEveryPage(file('full.pdf'), 640, 40, () => 4);
    const expected: [number, number, number][] = [[255, 140, 0], [0, 122, 51], [80, 43, 133], [0, 51, 160], [200, 16, 46], [255, 140, 0], [0, 51, 160]];
    top.forEach((colour, i) => expect(near(colour, expected[i]!), `page ${i + 1}: ${colour}`).toBe(true));
    const bottom = pixelOnEveryPage(file('full.pdf'), 640, 40, (h) => h - 4);
    bottom.forEach((colour, i) => expect(near(colour, expected[i]!), `page ${i + 1}: ${colour}`).toBe(true));
  });

  it('carries the overall marking in its metadata', () => {
    const info = pdfInfo(file('full.pdf'));
    expect(info.Keywords).toBe('TOP SECRET');
    const custom = spawnSync('pdfinfo', ['-custom', file('full.pdf')], { encoding: 'utf8' }).stdout;
    expect(custom).toMatch(/^Classification:\s+TOP SECRET$/m);
  });

  it('marks handout pages with their slide’s marking, in its colour', () => {
    const pages = squeezed(file('handout.pdf'));
    expect(pages[4]!.startsWith('SECRET//NOFORN'), pages[4]).toBe(true);
    const corner = pixelOnEveryPage(file('handout.pdf'), 420, 10, () => 2);
    expect(near(corner[4]!, [200, 16, 46]), String(corner[4])).toBe(true);
    expect(near(corner[1]!, [0, 122, 51]), String(corner[1])).toBe(true);
  });

  it('re-marks a release cut: no page above the cut, the title page and metadata at the highest level left', () => {
    const pages = squeezed(file('cut.pdf'));
    expect(pages).toHaveLength(5);
    expect(pages.join(' ')).not.toContain('SECRET');
    expect(pages[0]!.startsWith('CONFIDENTIAL')).toBe(true);
    expect(pdfInfo(file('cut.pdf')).Keywords).toBe('CONFIDENTIAL');
  });
});
