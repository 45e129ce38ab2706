/**
 * What a PowerPoint file is made of, as plain data: the mapping (describe.ts) writes it, the writer
 * (write.ts) turns it into pptxgenjs calls. Positions and sizes are inches on a 13.333 × 7.5 in slide;
 * font sizes are points; colours are six hex digits without `#`.
 */

/** A piece of text with one formatting. */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  /** Inline code: set in the monospace font. */
  code?: boolean;
  strike?: boolean;
  /** An http(s) web link the author wrote, or a jump to a slide (1-based) of this file. */
  link?: { url: string } | { slide: number };
  colour?: string;
  /** A line break inside the paragraph (Markdown's `<br>`), before this run's text. */
  breakBefore?: boolean;
}

/** One paragraph of a text box. */
export interface Paragraph {
  runs: Run[];
  /** A list item: bulleted or numbered, at `level` (0 = top). */
  bullet?: { type: 'bullet' } | { type: 'number'; start: number };
  level?: number;
  size?: number;
  colour?: string;
  bold?: boolean;
  italic?: boolean;
  align?: 'left' | 'center' | 'right';
  /** Points of space after the paragraph. */
  spaceAfter?: number;
  /** Monospace (a line of a code block). */
  code?: boolean;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A text box: editable text. */
export interface TextShape extends Box {
  kind: 'text';
  paragraphs: Paragraph[];
  /** Default size, colour and font of the box's text. */
  size: number;
  colour: string;
  fill?: string;
  valign?: 'top' | 'middle' | 'bottom';
  /** Inner margin in points (default 0: positions are those of the text itself). */
  inset?: number;
  /** Line spacing as a multiple of the font size. */
  lineSpacing?: number;
  name?: string;
}

/** A table cell: paragraphs, optionally set as a header cell. */
export interface Cell {
  paragraphs: Paragraph[];
  header?: boolean;
  /** A row label (first cell of a comparison row). */
  label?: boolean;
  align?: 'left' | 'center' | 'right';
}

/** A native table. */
export interface TableShape {
  kind: 'table';
  x: number;
  y: number;
  w: number;
  /** Column widths in inches; they add up to `w`. */
  columns: number[];
  /** Estimated row heights (inches), used for layout; PowerPoint grows rows to fit. */
  rowHeights: number[];
  rows: Cell[][];
  size: number;
  /** The first row is a header row. */
  headerRow: boolean;
  /** The first column labels the rows. */
  labelColumn: boolean;
}

/** A picture from the briefing folder or one the build generated. */
export interface PictureShape extends Box {
  kind: 'picture';
  /** The deck file it comes from (`media/…`, `figures/…`), as the built deck holds it. */
  path: string;
  alt: string;
}

/** A filled rectangle (accent bars, rules, figure cards, legend swatches). */
export interface RectShape extends Box {
  kind: 'rect';
  fill: string;
  line?: string;
  /** An ellipse instead of a rectangle (the BLUF's number discs). */
  ellipse?: boolean;
  name?: string;
}

export type Shape = TextShape | TableShape | PictureShape | RectShape;

/** The slide masters the writer defines: the frame is drawn once in each. */
export type MasterName = 'light' | 'dark' | 'divider' | 'picture';

/** One PowerPoint slide. */
export interface SlideSpec {
  master: MasterName;
  /** The title, written into the master's title placeholder (empty for slides without one). */
  title: Run[];
  /** The title's type size when it is set smaller than the master's, to fit its line. */
  titleSize?: number;
  shapes: Shape[];
  /** Speaker notes as plain text, paragraphs separated by blank lines. */
  notes: string;
  /** The citation line ("Sources: [1] …"), above the footer. */
  citation: string;
  /** The PowerPoint section the slide belongs to (named after the divider that opens it). */
  section: string;
  /** The layout the slide comes from, and where (for messages). */
  layout: string;
  source: { file: string; line: number };
  /** The slide is a picture of the deck slide (`--images`, or a custom layout without a mapping). */
  picture?: boolean;
  /** The slide's own classification banners, when the deck's markings differ from slide to slide (else they are in the masters). */
  banner?: Banner;
}

/** The whole file: document properties, the frame and the slides. */
export interface DeckSpec {
  title: string;
  author?: string;
  subject?: string;
  keywords: string[];
  lang: string;
  /** Creation and modification date written into the file: the deck's date, so the bytes do not change. */
  date: Date;
  frame: FrameSpec;
  slides: SlideSpec[];
}

/** What every slide shows around its content. */
export interface FrameSpec {
  /** The banners of every slide, when every slide has the same marking: drawn once, in the masters. */
  banner?: Banner;
  /** "As of 7 April 2022", and the deck's footer text. */
  footer: string;
}

/** A classification banner: its text and the marking's colours. */
export interface Banner {
  text: string;
  fill: string;
  colour: string;
}
