/**
 * The exported PDF as assistive technology and text tools read it: reading order (pdftotext) of the
 * layouts that set text side by side. The PDF of tests/fixtures/a11y-layouts is printed once, by the CLI.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, runCli, tempDir, type RunResult } from '../helpers/cli.js';
import { pageTexts } from './pdf-reader.js';

const out = tempDir('briefing-pdf-a11y-');
const tagged = join(out.dir, 'layouts.pdf');
let printed: RunResult;
let pages: string[];
beforeAll(() => {
  printed = runCli(['pdf', join(FIXTURES, 'a11y-layouts'), '--out', tagged]);
  if (printed.code !== 0) throw new Error(printed.stderr);
  pages = pageTexts(tagged);
});
afterAll(() => out.cleanup());

/** The text of the page whose slide has this title. */
const pageWith = (title: string) => pages.find((p) => p.includes(title)) ?? '';

describe('reading order of the PDF', () => {
  it('keeps the quotation marks with the quote', () => {
    expect(pageWith('Quote')).toContain('“An attack on one is an attack on all.”');
  });
});
