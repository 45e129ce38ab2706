/** The data that flows between pipeline stages. */
import type { KeyPositions } from './parse/frontmatter.js';
import type { DeckFrontMatter, SectionFrontMatter, SourceEntry } from './parse/schema.js';
import type { Attribute } from './parse/slides.js';
import type { AssetRef } from './assets.js';
import type { Diagnostic } from './diagnostics.js';

/** A text file as read by the loader. */
export interface SourceFile {
  /** Path for messages (relative to the working directory where possible). */
  file: string;
  /** Path relative to the briefing root, POSIX separators. */
  rel: string;
  text: string;
}

/** The parsed `index.md`. */
export interface BriefingIndex {
  file: string;
  meta: DeckFrontMatter & { sources: Record<string, SourceEntry> };
  body: string;
  bodyLine: number;
  /** The raw front matter, for code frames. */
  yaml: string;
  /** Where each front-matter key sits, for messages: kept from the parse, never re-parsed per message. */
  positions: KeyPositions;
  /** The keys the deck took from the project config's deck defaults, and where they sit in that file (see `deckSetting`). */
  defaults?: { file: string; positions: KeyPositions; keys: readonly string[] };
}

/** A parsed section file. */
export interface Section {
  file: string;
  rel: string;
  id: string;
  title: string;
  order: number | undefined;
  layout: string;
  draft: boolean;
  front: SectionFrontMatter;
  body: string;
  bodyLine: number;
  /** The raw front matter, for code frames. */
  yaml: string;
  /** Where each front-matter key sits, for messages: kept from the parse, never re-parsed per message. */
  positions: KeyPositions;
}

/** One slide after Markdown rendering. */
export interface RenderedSlide {
  html: string;
  /** Column HTML for layouts that split a slide (two-column). */
  columns: string[];
  notesHtml: string;
  title?: string;
  hasHeading: boolean;
  attributes: Attribute[];
  line: number;
}

/**
 * A file to place in the deck folder (path relative to it): copied from `from`, or written from `content`.
 * `inside`: the folder `from` must still be inside when it is opened (a briefing's assets).
 */
export type OutputFile = { path: string; from: string; inside?: string } | { path: string; content: string | Uint8Array };

/** A section with every slide rendered; cacheable by the section file's content hash. */
export interface RenderedSection {
  section: Section;
  /** Horizontal positions; each holds one slide or a vertical stack. */
  stacks: RenderedSlide[][];
  /** Layout data with front-matter strings already escaped and inline Markdown applied. */
  data: Record<string, unknown>;
  assets: AssetRef[];
  /** Files the render stage generated (e.g. a map figure), written into the deck folder. */
  files: OutputFile[];
  diagnostics: Diagnostic[];
}
