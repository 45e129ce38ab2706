/**
 * Finishing a printed PDF by rewriting its objects (src/export/pdf/rewrite.ts) against the pdf-lib way it
 * replaced: the same metadata, bookmarks, text and structure, checked with qpdf and poppler, on PDFs laid out as
 * Chromium writes them (a classic cross-reference table, pdf-lib's `useObjectStreams: false`). A PDF laid out
 * otherwise is declined and finished with pdf-lib. The full export path is covered in pdf-export.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, PDFHexString, PDFName, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishByRewriting, finishPdf, finishWithPdfLib, type DocumentInfo } from '../../src/export/pdf/document.js';
import { readPrinted } from '../../src/export/pdf/rewrite.js';
import { parseValue, writeValue } from '../../src/export/pdf/objects.js';
import type { OutlineEntry } from '../../src/core/print/outline.js';
import { tempDir } from '../helpers/cli.js';
import { pageTexts, pdfInfo, readOutline } from './pdf-reader.js';

const INFO: DocumentInfo = {
  title: 'Ukraine (2022): état des lieux — “final”', author: 'J. Analyst, Cell', subject: 'Read-ahead', classification: 'NATO UNCLASSIFIED',
  keywords: ['NATO UNCLASSIFIED', 'Part one: Situation'], lang: 'fr', date: new Date(Date.UTC(2022, 3, 7)),
};
const OUTLINE: OutlineEntry[] = [
  { title: 'Title', page: 0, children: [] },
  { title: 'Situation (a)', page: 1, children: [{ title: 'Situation (a)', page: 1, children: [] }, { title: 'Détail', page: 2, children: [] }] },
];
const temp = tempDir('briefing-pdf-rewrite-');
const file = (name: string) => join(temp.dir, name);
afterAll(() => temp.cleanup());

/** Three pages of text with an Info dictionary holding a printing time, as Chromium leaves it. */
async function printedPdf(options: { objectStreams: boolean }): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const text of ['Page one', 'Page two (with parentheses)', 'Page three']) doc.addPage([960, 540]).drawText(text, { x: 50, y: 270, size: 24, font });
  doc.setTitle('Chromium title');
  doc.setCreationDate(new Date());
  doc.setModificationDate(new Date());
  doc.catalog.set(PDFName.of('Lang'), PDFHexString.fromText('en'));
  return doc.save({ useObjectStreams: options.objectStreams });
}

let classic: Uint8Array;
let rewritten: Uint8Array;
beforeAll(async () => {
  classic = await printedPdf({ objectStreams: false });
  const fast = finishByRewriting(classic, INFO, OUTLINE);
  expect(fast).toBeDefined();
  rewritten = fast!.bytes;
  writeFileSync(file('rewritten.pdf'), rewritten);
  writeFileSync(file('pdf-lib.pdf'), (await finishWithPdfLib(classic, INFO, OUTLINE)).bytes);
});

describe('finishing a printed PDF by rewriting its objects', () => {
  it('writes a PDF that qpdf finds no fault in', () => {
    const check = spawnSync('qpdf', ['--check', file('rewritten.pdf')], { encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toContain('No syntax or stream encoding errors');
  });

  it('writes the same document information as pdf-lib did, dates fixed', () => {
    const fields = ['Title', 'Subject', 'Keywords', 'Author', 'Creator', 'Producer', 'CreationDate', 'ModDate', 'Pages'];
    const pick = (info: Record<string, string>) => Object.fromEntries(fields.map((f) => [f, info[f]]));
    expect(pick(pdfInfo(file('rewritten.pdf')))).toEqual(pick(pdfInfo(file('pdf-lib.pdf'))));
    expect(pdfInfo(file('rewritten.pdf')).Title).toBe(INFO.title);
    expect(pdfInfo(file('rewritten.pdf')).CreationDate).toBe('2022-04-07T00:00:00Z');
  });

  it('writes the custom /Classification entry, the language and the bookmarks', async () => {
    const info = spawnSync('pdfinfo', ['-custom', file('rewritten.pdf')], { encoding: 'utf8' }).stdout;
    expect(info).toMatch(/^Classification:\s+NATO UNCLASSIFIED$/m);
    expect(await readOutline(file('rewritten.pdf'))).toEqual(await readOutline(file('pdf-lib.pdf')));
    expect((await readOutline(file('rewritten.pdf'))).map((b) => b.title)).toEqual(['Title', 'Situation (a)']);
    const doc = await PDFDocument.load(rewritten);
    expect(doc.catalog.get(PDFName.of('Lang'))?.toString()).toBe('(fr)');
    expect(doc.catalog.get(PDFName.of('PageMode'))?.toString()).toBe('/UseOutlines');
  });

  it('keeps every page and its text', () => {
    expect(pageTexts(file('rewritten.pdf')).map((t) => t.trim())).toEqual(['Page one', 'Page two (with parentheses)', 'Page three']);
  });

  it('gives the same bytes for the same printed content, whenever it was printed', async () => {
    const again = finishByRewriting(await printedPdf({ objectStreams: false }), INFO, OUTLINE)!.bytes;
    expect(Buffer.from(again).equals(Buffer.from(rewritten))).toBe(true);
  });

  it('is no larger than pdf-lib’s file', () => {
    const pdfLib = spawnSync('stat', ['-c', '%s', file('pdf-lib.pdf')], { encoding: 'utf8' }).stdout.trim();
    expect(rewritten.byteLength).toBeLessThanOrEqual(Number(pdfLib));
  });
});

describe('PDFs it does not recognise', () => {
  it('declines a PDF with object streams, and finishPdf then uses pdf-lib', async () => {
    const packed = await printedPdf({ objectStreams: true });
    expect(readPrinted(packed)).toBeUndefined();
    const finished = await finishPdf(packed, INFO, OUTLINE);
    writeFileSync(file('fallback.pdf'), finished.bytes);
    expect(finished.pages).toBe(3);
    expect(pdfInfo(file('fallback.pdf')).Title).toBe(INFO.title);
  });

  it('declines a file whose table points at the wrong place', () => {
    const text = Buffer.from(classic).toString('latin1');
    const offset = /startxref\s+(\d+)/.exec(text.slice(text.lastIndexOf('startxref')))![1]!;
    const broken = text.slice(0, text.lastIndexOf('startxref')) + `startxref\n${'0'.repeat(offset.length)}\n%%EOF\n`;
    expect(readPrinted(Buffer.from(broken, 'latin1'))).toBeUndefined();
  });

  it('declines a file with a date outside its document information', () => {
    const text = Buffer.from(classic).toString('latin1');
    const pageAt = text.indexOf('/Type /Page\n');
    expect(pageAt).toBeGreaterThan(0);
    // Same length, so every offset in the table stays right.
    const dated = Buffer.from(text.slice(0, pageAt) + '/ModDate    ' + text.slice(pageAt + '/Type /Page\n'.length), 'latin1');
    expect(readPrinted(dated)?.contentDigest()).toBeUndefined();
  });
});

describe('the PDF object syntax it edits', () => {
  it('reads and writes back dictionaries, arrays, references, names, strings and numbers unchanged', () => {
    const text = '<</Type /Catalog\n/Pages 3 0 R\n/Kids [4 0 R 5 0 R]\n/T (a \\) b (c))\n/H <FEFF0041>\n/N -1.5\n/B true\n/D <</X null>>>>';
    expect(writeValue(parseValue(text))).toBe(text);
  });
});
