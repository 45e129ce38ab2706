/** What each layout's mapping receives and returns, and the helpers they share. */
import type { AgendaEntry, CitedSource } from '../../../core/compose/generated.js';
import type { RenderedSection, RenderedSlide } from '../../../core/model.js';
import type { DeckFrontMatter } from '../../../core/parse/schema.js';
import { htmlBlocks, type Block } from '../html/html-blocks.js';
import { resolveRuns, type FlowContext } from '../flow.js';
import { CONTENT_WIDTH, FRAME, TITLE } from '../theme.js';
import type { Box, MasterName, Run, Shape } from '../spec.js';

export interface LayoutInput {
  deck: DeckFrontMatter & { dateText: string; asOfText: string };
  /** The section the slide comes from; undefined for the title slide. */
  section: RenderedSection | undefined;
  slide: RenderedSlide;
  /** The section title, numbered on continued pages ("Sources (2/5)"). */
  title: string;
  /** "Part 2 of 5" for a divider in the agenda. */
  part?: { number: number; of: number };
  /** The agenda entries or cited sources of this page, for the generated layouts. */
  page: readonly (AgendaEntry | CitedSource)[];
  flow: FlowContext;
}

export interface LayoutOutput {
  master: MasterName;
  title: Run[];
  shapes: Shape[];
}

export type LayoutMapping = (input: LayoutInput) => LayoutOutput;

/** The box below a slide's title, down to the citation line. */
export const BODY: Box = { x: FRAME.left, y: TITLE.bodyTop, w: CONTENT_WIDTH, h: FRAME.contentBottom - TITLE.bodyTop };

/**
 * The slide's title and the rest of its body. A slide that opens with its own heading uses it as the title
 * (as the HTML layouts do); otherwise the section title stands.
 */
export function titleAndBody(input: LayoutInput, html = input.slide.html): { title: Run[]; blocks: Block[] } {
  const blocks = htmlBlocks(html);
  const first = blocks[0];
  if (input.slide.hasHeading && first?.kind === 'text' && first.paragraphs[0]?.role === 'heading') {
    const [heading, ...rest] = first.paragraphs;
    const remaining = rest.length ? [{ ...first, paragraphs: rest }, ...blocks.slice(1)] : blocks.slice(1);
    return { title: resolveRuns(heading!.runs, input.flow).map(({ colour: _c, ...r }) => r), blocks: remaining };
  }
  return { title: [{ text: input.title }], blocks };
}

/** Blocks of a fragment of layout HTML (an intro, a caption), empty when there is none. */
export function blocksOf(html: string | undefined): Block[] {
  return html && html.trim() ? htmlBlocks(html) : [];
}
