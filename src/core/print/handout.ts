/** Handout pages: A4 portrait, two slides a sheet with their notes, or one slide whose long notes fill the sheet. Pure. */
import type { DeckSlide } from './slides.js';
import type { PrintOptions } from './options.js';

const A4 = { width: 793.7, height: 1122.52 };
const MM = 96 / 25.4;

/** Slides on one handout page. */
export const HANDOUT_SLIDES_PER_PAGE = 2;
/**
 * Notes longer than this (characters of text) do not fit half a page at a readable size: about 11 lines of
 * 125 characters at 10 pt. Such a slide gets a whole page, its notes filling the space below it.
 */
export const HALF_PAGE_NOTES_CHARS = 1400;

/** A whole A4 portrait handout page: the slide scaled to the page width on top, its long notes below. */
export function handoutPage(slidePage: string, notesOf: DeckSlide | undefined, number: number, banners: string, options: PrintOptions): string {
  const frameWidth = A4.width - 30 * MM;
  const scale = frameWidth / options.width;
  const frameHeight = options.height * scale;
  const notesTop = 14 * MM + frameHeight + 8 * MM;
  const frame = `<div class="print-handout-frame" data-slide="${number}" style="top: ${px(14 * MM)}; left: ${px(15 * MM)}; width: ${px(frameWidth)}; height: ${px(frameHeight)};">
<div class="print-handout-scale" style="zoom: ${scale.toFixed(6)};">${slidePage}</div>
</div>`;
  const notes = notesOf?.notesHtml
    ? `<div class="reveal print-handout-notes print-fit" data-fit-slide="${number}" style="top: ${px(notesTop)}; bottom: 16mm;">
<p class="print-notes-label">Notes · slide ${number}</p>
<div class="print-notes-text">${notesOf.notesHtml}</div>
</div>`
    : '';
  return `<div class="print-page print-handout" data-slide="${number}">
${frame}
${notes}
${banners}
</div>`;
}

/**
 * One half of an A4 portrait handout page: the slide, scaled, with its speaker notes below it at full
 * width. Two halves fill the page between its banners, so a short note leaves no half-empty sheet.
 */
export function handoutHalf(slidePage: string, notesOf: DeckSlide | undefined, number: number, index: number, options: PrintOptions): string {
  const banner = 22;
  const halfHeight = (A4.height - 2 * banner) / HANDOUT_SLIDES_PER_PAGE;
  const top = banner + index * halfHeight + 7 * MM;
  const frameWidth = A4.width - 30 * MM - 60;
  const scale = frameWidth / options.width;
  const frameHeight = options.height * scale;
  const notesTop = top + frameHeight + 3.5 * MM;
  const notesHeight = banner + (index + 1) * halfHeight - 5 * MM - notesTop;
  const frame = `<div class="print-handout-frame" data-slide="${number}" style="top: ${px(top)}; left: ${px(15 * MM)}; width: ${px(frameWidth)}; height: ${px(frameHeight)};">
<div class="print-handout-scale" style="zoom: ${scale.toFixed(6)};">${slidePage}</div>
</div>`;
  const notes = notesOf?.notesHtml
    ? `<div class="reveal print-handout-notes print-fit" data-fit-slide="${number}" style="top: ${px(notesTop)}; height: ${px(notesHeight)};">
<p class="print-notes-label">Notes · slide ${number}</p>
<div class="print-notes-text">${notesOf.notesHtml}</div>
</div>`
    : '';
  return `${frame}\n${notes}`;
}

function px(value: number): string {
  return `${value.toFixed(2)}px`;
}
