/** What slide HTML becomes on the way to PowerPoint: blocks of draft paragraphs and runs (links to slides not yet resolved). */
import type { Paragraph, Run } from '../spec.js';

/** A run before links to slides are resolved: `#/id` links name a slide by id. */
export type DraftRun = Omit<Run, 'link'> & { link?: Run['link'] | { anchor: string } };

export type Role = 'body' | 'heading' | 'quote' | 'code';

/** A paragraph as found in the HTML, with what it was (heading level, quote, code line). */
export interface DraftParagraph extends Omit<Paragraph, 'runs'> {
  runs: DraftRun[];
  role: Role;
  /** 1–6 for headings. */
  heading?: number;
}

export type Block =
  | { kind: 'text'; paragraphs: DraftParagraph[] }
  | { kind: 'table'; rows: DraftCell[][]; headerRows: number }
  | { kind: 'picture'; path: string; alt: string };

export interface DraftCell {
  paragraphs: DraftParagraph[];
  header: boolean;
  align?: 'left' | 'center' | 'right';
}
