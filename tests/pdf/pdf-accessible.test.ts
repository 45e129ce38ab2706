/**
 * The exported PDF as assistive technology and text tools read it: tagged by default (structure tree read
 * back with qpdf and poppler), `--untagged` on request, and the reading order (pdftotext) of layouts that set
 * text side by side. tests/fixtures/a11y-layouts (every layout) is printed once each way, by the CLI.
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, runCli, tempDir, type RunResult } from '../helpers/cli.js';
import { pageTexts, pdfInfo } from './pdf-reader.js';
import { readStructure } from './pdf-structure.js';

const out = tempDir('briefing-pdf-a11y-');
const tagged = join(out.dir, 'layouts.pdf');
const untagged = join(out.dir, 'layouts-untagged.pdf');
let printed: RunResult;
let pages: string[];
beforeAll(() => {
  printed = runCli(['pdf', join(FIXTURES, 'a11y-layouts'), '--out', tagged]);
  if (printed.code !== 0) throw new Error(printed.stderr);
  const plain = runCli(['pdf', join(FIXTURES, 'a11y-layouts'), '--untagged', '--out', untagged]);
  if (plain.code !== 0) throw new Error(plain.stderr);
  pages = pageTexts(tagged);
}, 240_000); // two PDF exports
afterAll(() => out.cleanup());

/** The text of the page whose slide has this title. */
const pageWith = (title: string) => pages.find((p) => p.includes(title)) ?? '';

describe('reading order of the PDF', () => {
  it('reads a timeline event after event: date, title, text (in print, a row per event)', () => {
    expect(pageWith('Timeline')).toContain(
      '24 Feb Invasion begins Forces cross the border at dawn. 25 Feb Council meets Leaders meet by video. ' +
        '24 Mar Summit in Brussels Four new battlegroups announced.',
    );
  });

  it('keeps the quotation marks with the quote', () => {
    expect(pageWith('Quote')).toContain('“An attack on one is an attack on all.”');
  });
});

/** `pdfinfo -struct-text`: poppler's reading of the structure tree, with the text of each element; and what it complained about. */
function structText(file: string): { tree: string; errors: string } {
  const result = spawnSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { tree: result.stdout, errors: result.stderr };
}

describe('a tagged PDF by default', () => {
  it('is tagged, with a structure tree, the deck’s language and its title shown', () => {
    expect(pdfInfo(tagged).Tagged).toBe('yes');
    const structure = readStructure(tagged);
    expect(structure.marked).toBe(true);
    expect(structure.lang).toBe('en-GB');
    expect(structure.displayTitle).toBe(true);
    expect(pdfInfo(tagged).Title).toBe('Every Layout');
  });

  it('tags headings, lists, tables and figures', () => {
    const types = new Set(readStructure(tagged).elements.map((e) => e.type));
    for (const type of ['Document', 'H1', 'H2', 'P', 'L', 'LI', 'Table', 'TR', 'TH', 'TD', 'Figure', 'Caption', 'BlockQuote', 'Link']) expect(types, type).toContain(type);
  });

  it('gives the map and the images their alt text', () => {
    const alts = readStructure(tagged).elements.filter((e) => e.type === 'Figure' && e.alt).map((e) => e.alt);
    expect(alts).toEqual(expect.arrayContaining(['Map of Europe with Poland and Romania in one colour and Ukraine in another.', 'A red square that marks the area of interest']));
  });

  it('maps Chromium’s own tags to standard ones, so that poppler reads every element', () => {
    const { tree, errors } = structText(tagged);
    expect(errors).not.toMatch(/wrong type/);
    // The BLUF's bold lead-ins are <strong>: read as text, not dropped.
    expect(tree).toContain('"Every layout is covered"');
  });

  it('reads the classification banner after each slide’s content, not before it', () => {
    const strings = [...structText(tagged).tree.matchAll(/^\s*"(.+)"$/gm)].map((m) => m[1]!);
    expect(strings[0]).not.toBe('UNCLASSIFIED');
    expect(strings.filter((s) => s === 'UNCLASSIFIED')).toHaveLength(pages.length);
    const timeline = strings.indexOf('Timeline');
    expect(strings.indexOf('UNCLASSIFIED', timeline)).toBeGreaterThan(strings.indexOf('Four new battlegroups announced.', timeline));
  });

  it('prints without tags with --untagged, for the smallest file', () => {
    expect(pdfInfo(untagged).Tagged).toBe('no');
    expect(readStructure(untagged).elements).toEqual([]);
    expect(statSync(untagged).size).toBeLessThan(statSync(tagged).size);
    expect(pageTexts(untagged)).toHaveLength(pages.length);
  });
});
