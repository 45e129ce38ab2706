/**
 * The print layout: a built deck rewritten as a static document of fixed-size pages, one per slide
 * (or per fragment step), optionally followed by notes pages, or laid out as portrait handout pages.
 * Pure: deck HTML in, print HTML and the page plan out. Chromium only has to print it.
 */
import { cloneNode } from 'domhandler';
import { findOne, textContent } from 'domutils';
import { addClass, bannersAfterContent, linkSlides, readDeck, toHtml, type DeckSlide } from './slides.js';
import { backgroundLayer, contrastClass } from './background.js';
import { escapeHtml } from '../escape.js';
import { HALF_PAGE_NOTES_CHARS, HANDOUT_SLIDES_PER_PAGE, handoutHalf, handoutPage } from './handout.js';
import type { PrintOptions } from './options.js';
import { cspMeta, PRINT_CSP } from '../compose/csp.js';

export type { PrintOptions } from './options.js';

/** Where a slide ended up in the printed document. */
export interface PrintedSlide {
  number: number;
  id: string | undefined;
  section: string;
  title: string;
  /** The slide's layout (from its `layout-<name>` class), e.g. `section` for a divider. */
  layout: string | undefined;
  /** Where the slide was written (`data-source="020-crisis.md:4"`): file relative to the briefing, and line. */
  source: { file: string; line: number } | undefined;
  /** 0-based index of the slide's first page, and how many pages its fragment steps take. */
  page: number;
  steps: number;
  /** 0-based index of its notes page, when notes are printed on separate pages. */
  notesPage: number | undefined;
  notesText: string;
}

export interface PrintPlan {
  html: string;
  pages: number;
  /** Page size for Chromium, as CSS lengths. */
  pageSize: { width: string; height: string };
  slides: PrintedSlide[];
}


/** Rewrite a built deck's HTML into the print document described by `options`. */
export function printLayout(deckHtml: string, options: PrintOptions): PrintPlan {
  const deck = readDeck(deckHtml);
  linkSlides(deck.slides);
  const chrome = toHtml(deck.chrome);
  const total = deck.slides.length;
  const handout = options.layout === 'handout';
  const pageSize = handout ? { width: '210mm', height: '297mm' } : { width: `${options.width}px`, height: `${options.height}px` };
  const pages: string[] = [];
  const slides: PrintedSlide[] = [];
  // Handout halves waiting for their page: two slides (or fragment steps) share an A4 sheet, and its
  // banners. Slides with different markings never share one, so a sheet's banner is true of all it holds.
  const halves: { html: string; banners: string }[] = [];
  const flushHandoutPage = () => {
    if (halves.length) pages.push(`<div class="print-page print-handout">\n${halves.map((h) => h.html).join('\n')}\n${halves[0]!.banners}\n</div>`);
    halves.length = 0;
  };

  deck.slides.forEach((slide, index) => {
    const number = index + 1;
    const steps = options.fragments === 'each' ? slide.fragmentGroups.length + 1 : 1;
    const banners = pageBanners(slide);
    const notesText = roughText(slide.notesHtml);
    // On a handout, the page being filled (its first half may already be waiting) is the next one too,
    // unless long notes move the slide to a page of its own after it.
    if (handout && halves.length && halves[0]!.banners !== banners) flushHandoutPage();
    const first = pages.length + (handout && halves.length && notesText.length > HALF_PAGE_NOTES_CHARS ? 1 : 0);
    for (let step = 0; step < steps; step++) {
      showFragments(slide, options.fragments === 'each' ? step : slide.fragmentGroups.length);
      // Only the first copy keeps the id, so links and the outline land on the slide's first page.
      const slidePage = slideHtml(slide, number, total, options, { keepId: step === 0, chrome, page: !handout });
      const lastStep = step === steps - 1;
      if (handout && notesText.length > HALF_PAGE_NOTES_CHARS) {
        // Notes too long for half a page get a page of their own, below the slide.
        flushHandoutPage();
        pages.push(handoutPage(slidePage, lastStep ? slide : undefined, number, banners, options));
      } else if (handout) {
        halves.push({ html: handoutHalf(slidePage, lastStep ? slide : undefined, number, halves.length, options), banners });
        if (halves.length === HANDOUT_SLIDES_PER_PAGE) flushHandoutPage();
      } else pages.push(slidePage);
    }
    let notesPage: number | undefined;
    if (!handout && options.notes === 'separate-page' && notesText) {
      notesPage = pages.length;
      pages.push(notesHtml(slide, number, banners));
    }
    const layout = /(?:^|\s)layout-([\w-]+)/.exec(slide.element.attribs.class ?? '')?.[1];
    const at = /^(.+):(\d+)$/.exec(slide.element.attribs['data-source'] ?? '');
    const source = at ? { file: at[1]!, line: Number(at[2]) } : undefined;
    slides.push({ number, id: slide.id, section: slide.section, title: slide.title, layout, source, page: first, steps, notesPage, notesText });
  });

  flushHandoutPage();

  // `print-pdf` switches off reveal.js's own @media print rules, which reflow slides as plain paper.
  const head = deck.head ? toHtml(deck.head.children) : '<meta charset="utf-8">';
  const pageRule = `@page { size: ${pageSize.width} ${pageSize.height}; margin: 0; }`;
  const vars = `:root { --print-width: ${pageSize.width}; --print-height: ${pageSize.height}; }`;
  const html = `<!doctype html>
<html lang="${langOf(deckHtml)}" class="print-pdf briefing-print briefing-print-${options.layout}">
<head>
${cspMeta(PRINT_CSP)}
${head}
<style>${pageRule}\n${vars}\n${options.css}</style>
</head>
<body>
${pages.join('\n')}
</body>
</html>
`;
  return { html, pages: pages.length, pageSize, slides };
}

/** Mark fragments as reveal.js does after `step` steps: earlier groups visible, the last one current. */
function showFragments(slide: DeckSlide, step: number): void {
  slide.fragmentGroups.forEach((group, i) => {
    for (const fragment of group) {
      const classes = (fragment.attribs.class ?? '').split(/\s+/).filter((c) => c && c !== 'visible' && c !== 'current-fragment');
      if (i < step) classes.push('visible');
      if (i === step - 1) classes.push('current-fragment');
      fragment.attribs.class = classes.join(' ');
    }
  });
}

/** One slide page: the slide scaled into the page as reveal.js scales it into the window, with the deck's banners. */
function slideHtml(slide: DeckSlide, number: number, total: number, options: PrintOptions, at: { keepId: boolean; chrome: string; page: boolean }): string {
  const section = cloneNode(slide.element, true);
  if (!at.keepId) delete section.attribs.id;
  addClass(section, 'present');
  bannersAfterContent(section);
  const contrast = contrastClass(section.attribs);
  if (contrast) addClass(section, contrast);
  const scale = 1 - options.margin;
  const left = (options.width * (1 - scale)) / 2;
  const top = (options.height * (1 - scale)) / 2;
  const style = `--slide-width: ${options.width}px; --slide-height: ${options.height}px; --slide-scale: ${scale}; --slide-left: ${px(left)}; --slide-top: ${px(top)};`;
  const revealClass = ['reveal', contrast].filter(Boolean).join(' ');
  return `<div class="${at.page ? 'print-page ' : ''}print-slide reveal-viewport" style="${style}" data-slide="${number}">
${backgroundLayer(section.attribs)}<div class="${revealClass}"><div class="slides">
${toHtml(section)}
</div>${slideNumberHtml(slide, number, total, options.slideNumber)}</div>
${at.chrome}
</div>`;
}

function slideNumberHtml(slide: DeckSlide, number: number, total: number, format: unknown): string {
  if (!format) return '';
  const [a, delimiter, b] =
    format === 'c' ? [number] : format === 'c/t' ? [number, '/', total] : slide.v === undefined ? [slide.h + 1] : [slide.h + 1, format === 'h/v' ? '/' : '.', slide.v + 1];
  const parts = [`<span class="slide-number-a">${a}</span>`];
  if (delimiter) parts.push(`<span class="slide-number-delimiter">${delimiter}</span><span class="slide-number-b">${b}</span>`);
  return `<div class="slide-number">${parts.join('')}</div>`;
}

/** The page after a slide: its title and its speaker notes, at the slide's size. */
function notesHtml(slide: DeckSlide, number: number, banners: string): string {
  return `<div class="print-page print-notes reveal-viewport" data-notes-for="${number}">
<div class="reveal"><div class="print-notes-body print-fit" data-fit-slide="${number}">
<p class="print-notes-label">Notes · slide ${number}</p>
<h2 class="print-notes-title">${escapeHtml(slide.title)}</h2>
<div class="print-notes-text">${slide.notesHtml}</div>
</div></div>
${banners}
</div>`;
}

/**
 * Classification banners at the top and bottom of a page that is not itself a slide (a handout or notes page):
 * the marking and colours of the slide it belongs to, taken from the slide's own banner.
 */
function pageBanners(slide: DeckSlide): string {
  const banner = findOne((e) => (e.attribs.class ?? '').split(/\s+/).includes('classification-top'), slide.element.children);
  if (!banner) return '';
  const text = escapeHtml(textContent(banner));
  const style = banner.attribs.style ? ` style="${escapeHtml(banner.attribs.style)}"` : '';
  // Read after the page's content in a tagged PDF: the top banner is hidden from the structure, the bottom one is the note.
  return `<div class="print-banner print-banner-top"${style} aria-hidden="true">${text}</div>\n<div class="print-banner print-banner-bottom"${style} role="note" aria-label="Classification">${text}</div>`;
}

function px(value: number): string {
  return `${value.toFixed(2)}px`;
}

function langOf(html: string): string {
  return escapeHtml(/<html[^>]*\slang="([^"]*)"/i.exec(html)?.[1] ?? 'en');
}

/** Approximate plain text of an HTML fragment (tags dropped, common entities decoded): enough to size notes for print. */
function roughText(html: string): string {
  return html.replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/\s+/g, ' ').trim();
}

