/** How a deck is printed: the options of the print layout (layout.ts) and the handout pages (handout.ts). */
export interface PrintOptions {
  /** `slides`: one landscape page per slide at the deck's size; `handout`: A4 portrait, two slides a page, each with its notes below. */
  layout: 'slides' | 'handout';
  /** `separate-page`: each slide's notes on the page after it (slides layout only). */
  notes: 'none' | 'separate-page';
  /** `final`: every fragment shown; `each`: one page per fragment step, as reveal.js's pdfSeparateFragments. */
  fragments: 'final' | 'each';
  /** The deck's slide size in CSS pixels and reveal.js's margin around it. */
  width: number;
  height: number;
  margin: number;
  /** reveal.js's `slideNumber` option: false, true (= `h.v`), `h.v`, `h/v`, `c` or `c/t`. */
  slideNumber: unknown;
  /** The print stylesheet, inlined into the page. */
  css: string;
}
