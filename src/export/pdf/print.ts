/** Print a laid-out deck (print.html) to PDF bytes in an already launched Chromium. */
import { pathToFileURL } from 'node:url';
import type { PrintPage } from '../../io/browser/worker.js';

export interface PrintRequest {
  /** The print document, inside the built deck folder so its relative URLs resolve. */
  file: string;
  pageSize: { width: string; height: string };
  /** Whether Chromium should write a tagged (structured, accessible) PDF. */
  tagged: boolean;
}

/** Notes are set no smaller than this (CSS px) to fit their box; beyond it they are cut, and reported. */
const MIN_NOTES_SIZE = 9;

/**
 * Runs in the page before printing: wait for the web fonts and for every image to be decoded (instead of a
 * fixed pause), then set notes that would overflow their box in smaller type until they fit.
 * A string, not a function, so that no transpiler helper leaks into the page.
 */
const PREPARE = `(async () => {
  await document.fonts.ready;
  await Promise.all(Array.from(document.images, (img) => img.decode().catch(() => undefined)));
  const overflowing = [];
  for (const box of document.querySelectorAll('.print-fit')) {
    let size = parseFloat(getComputedStyle(box).fontSize);
    while (box.scrollHeight > box.clientHeight + 1 && size > ${MIN_NOTES_SIZE}) {
      size = Math.max(${MIN_NOTES_SIZE}, size * 0.92);
      box.style.fontSize = size.toFixed(2) + 'px';
    }
    if (box.scrollHeight > box.clientHeight + 1) overflowing.push(Number(box.dataset.fitSlide));
  }
  await document.fonts.ready;
  return { pages: document.querySelectorAll('body > .print-page').length, overflowing };
})()`;

/** Load the print document into `page`, wait until it is complete, and print it. The caller closes the browser. */
export async function printDocument(page: PrintPage, request: PrintRequest): Promise<{ pdf: Uint8Array; pages: number; overflowingNotes: number[]; timings: { load: number; print: number } }> {
  const started = performance.now();
  await page.emulateMedia({ media: 'print' });
  await page.goto(pathToFileURL(request.file).href, { waitUntil: 'load' });
  const prepared = (await page.evaluate(PREPARE)) as { pages: number; overflowing: number[] };
  const loaded = performance.now();
  const pdf = await page.pdf({
    width: request.pageSize.width,
    height: request.pageSize.height,
    margin: { top: 0, right: 0, bottom: 0, left: 0 },
    printBackground: true,
    preferCSSPageSize: true,
    tagged: request.tagged,
    outline: false,
  });
  const timings = { load: ms(loaded - started), print: ms(performance.now() - loaded) };
  return { pdf, pages: prepared.pages, overflowingNotes: prepared.overflowing, timings };
}

function ms(value: number): number {
  return Math.round(value * 10) / 10;
}
