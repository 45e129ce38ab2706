/**
 * The mapping: a built deck's model -> one PowerPoint slide description per deck slide, in deck order
 * (vertical slides included, generated agenda and sources pages continued as in the HTML). Pure: pictures
 * are looked up through the context, and nothing is read or written here.
 */
import { AGENDA_PER_SLIDE, SOURCES_PER_SLIDE } from '../../core/compose/compose.js';
import { formatDate } from '../../core/dates.js';
import { agendaEntries, citationLine, citedSources, paginate, type AgendaEntry, type CitedSource } from '../../core/compose/generated.js';
import type { BriefingIndex, RenderedSection, RenderedSlide } from '../../core/model.js';
import type { DeckMarkings } from '../../core/markings/deck.js';
import type { Marking } from '../../core/markings/marking.js';
import { dateOf } from '../../core/print/outline.js';
import { renderMarkdown } from '../../core/markdown/render.js';
import { splitSlides } from '../../core/parse/slides.js';
import { htmlPlainText } from './html/html-blocks.js';
import type { FlowContext } from './flow.js';
import type { LayoutInput, LayoutMapping } from './layouts/layout-input.js';
import { agendaSlide, blufSlide, contentSlide, sectionSlide, sourcesSlide, titleSlide, twoColumnSlide } from './layouts/layouts-text.js';
import { comparisonSlide, figuresSlide, mapSlide, quoteSlide, timelineSlide } from './layouts/layouts-data.js';
import { COLOUR, CONTENT_WIDTH, SIZE, SLIDE } from './theme.js';
import { textWidth } from './measure.js';
import type { Banner, DeckSpec, Run, SlideSpec } from './spec.js';

/** Every built-in layout and its PowerPoint mapping. */
export const MAPPINGS: Readonly<Record<string, LayoutMapping>> = {
  title: titleSlide,
  content: contentSlide,
  section: sectionSlide,
  bluf: blufSlide,
  agenda: agendaSlide,
  sources: sourcesSlide,
  'two-column': twoColumnSlide,
  comparison: comparisonSlide,
  timeline: timelineSlide,
  figures: figuresSlide,
  quote: quoteSlide,
  map: mapSlide,
};

export interface DescribeOptions {
  /** Speaker notes into the notes pages (default true; `--no-notes` turns them off). */
  notes?: boolean;
  /** Every slide as a picture of the deck slide (`--images`). */
  images?: boolean;
  /** Pixel size of a file of the built deck (`media/…`, `figures/…`), undefined when there is none. */
  pictureSize(path: string): { w: number; h: number } | undefined;
  /** Path of the picture of deck slide `n` (1-based), for slides that are shown as pictures. */
  slidePicture(n: number): string;
}

/** The deck's slides as PowerPoint slides, with document properties and the frame. */
export function describeDeck(deck: BriefingIndex, sections: readonly RenderedSection[], markings: DeckMarkings | undefined, options: DescribeOptions): DeckSpec {
  const meta = deck.meta;
  const planned = planSlides(deck, sections);
  const numbers = new Map<string, number>();
  planned.forEach((p, i) => {
    if (p.id && !numbers.has(p.id)) numbers.set(p.id, i + 1);
  });
  const flow: FlowContext = { slideOf: (id) => numbers.get(id), pictureSize: options.pictureSize };
  const deckView = { ...meta, dateText: formatDate(meta.date), asOfText: formatDate(meta.asOf) };
  const dividers = new Map(sections.filter((s) => s.section.layout === 'section').map((s) => [s.section.id, s.section.title]));
  let sectionName = 'Introduction';
  const slides: SlideSpec[] = planned.map((p, i) => {
    if (p.rendered && dividers.has(p.rendered.section.id)) sectionName = dividers.get(p.rendered.section.id)!;
    const notes = options.notes === false ? '' : htmlPlainText(p.slide.notesHtml);
    const marking = p.rendered ? markings?.sections[p.rendered.section.id] : markings?.overall;
    const base = { notes, citation: p.citation, section: sectionName, layout: p.layout, source: p.source, ...(marking ? { banner: bannerOf(marking) } : {}) };
    const mapping = MAPPINGS[p.layout];
    if (options.images || !mapping) {
      return { ...base, master: 'picture', title: [], picture: true, shapes: [{ kind: 'picture', x: 0, y: 0, w: SLIDE.w, h: SLIDE.h, path: options.slidePicture(i + 1), alt: p.title }] } satisfies SlideSpec;
    }
    const input: LayoutInput = { deck: deckView, section: p.rendered, slide: p.slide, title: p.title, page: p.page, flow, ...(p.part ? { part: p.part } : {}) };
    const out = mapping(input);
    // `portionMarks: true`: every slide title starts with its portion mark, as in the deck.
    if (markings?.portionMarks && marking && out.title.length) out.title = [{ text: `${marking.portion} ` }, ...out.title];
    const titleSize = out.master === 'light' ? fitTitle(out.title) : undefined;
    return { ...base, ...out, ...(titleSize ? { titleSize } : {}) };
  });
  // One marking on every slide: its banners go into the masters, drawn once; otherwise each slide has its own.
  const banners = new Set(slides.map((s) => JSON.stringify(s.banner ?? null)));
  const shared = banners.size === 1 ? slides[0]?.banner : undefined;
  if (shared) for (const slide of slides) delete slide.banner;
  const author = [meta.presenter, meta.organization].filter(Boolean).join(', ');
  return {
    title: meta.title,
    ...(author ? { author } : {}),
    ...(meta.subtitle ? { subject: meta.subtitle } : {}),
    keywords: [...new Set([markings?.overall?.text, ...dividers.values()].filter((k): k is string => !!k && !!k.trim()))],
    // pptxgenjs writes the language into attributes as it is: only a well-formed language tag goes in.
    lang: meta.lang && /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(meta.lang) ? meta.lang : 'en',
    date: dateOf(meta.date) ?? dateOf(meta.asOf) ?? new Date(Date.UTC(2000, 0, 1)),
    frame: {
      ...(shared ? { banner: shared } : {}),
      footer: [meta.asOf ? `As of ${formatDate(meta.asOf)}` : '', meta.footer ?? ''].filter(Boolean).join('   ·   '),
    },
    slides,
  };
}

/** A deck slide before it is mapped: where it comes from and what its layout will read. */
interface PlannedSlide {
  layout: string;
  id: string | undefined;
  title: string;
  slide: RenderedSlide;
  rendered: RenderedSection | undefined;
  page: readonly (AgendaEntry | CitedSource)[];
  part?: { number: number; of: number };
  citation: string;
  source: { file: string; line: number };
}

/** The deck's slides in the order compose writes them (see core/compose/compose.ts), with the ids links point at. */
export function planSlides(deck: BriefingIndex, sections: readonly RenderedSection[]): PlannedSlide[] {
  const all = sections.map((r) => r.section);
  const cited = citedSources(all, deck.meta.sources);
  const agenda = agendaEntries(all);
  const parts = new Map(agenda.map((a) => [a.id, { number: a.number, of: agenda.length }]));
  const out: PlannedSlide[] = [{ layout: 'title', id: 'title', title: deck.meta.title, slide: titleSlideOf(deck), rendered: undefined, page: [], citation: '', source: { file: deck.file, line: deck.bodyLine } }];
  for (const rendered of sections) {
    const { section } = rendered;
    const pages: (AgendaEntry | CitedSource)[][] = section.layout === 'agenda' ? paginate(agenda, AGENDA_PER_SLIDE) : section.layout === 'sources' ? paginate(cited, SOURCES_PER_SLIDE) : [];
    const pageTitle = (n: number) => (pages.length > 1 ? `${section.title} (${n}/${pages.length})` : section.title);
    const citation = citationLine(section, cited);
    const part = parts.get(section.id);
    rendered.stacks.forEach((stack, h) => {
      stack.forEach((slide, v) => {
        const given = slide.attributes.find((a) => a.name === 'id')?.value;
        const id = given ?? (h === 0 && v === 0 ? section.id : `${section.id}-${h + 1}${stack.length > 1 ? `-${v + 1}` : ''}`);
        out.push({ layout: section.layout, id, title: pageTitle(1), slide, rendered, page: pages[0] ?? [], citation, source: { file: section.file, line: slide.line }, ...(part ? { part } : {}) });
      });
    });
    pages.slice(1).forEach((page, i) => {
      const slide: RenderedSlide = { html: '', columns: [], notesHtml: '', hasHeading: false, attributes: [], line: section.bodyLine };
      out.push({ layout: section.layout, id: `${section.id}-p${i + 2}`, title: pageTitle(i + 2), slide, rendered, page, citation: '', source: { file: section.file, line: section.bodyLine } });
    });
  }
  return out;
}

/** The title slide's body and notes, rendered from index.md as the build renders them. */
function titleSlideOf(deck: BriefingIndex): RenderedSlide {
  const ctx = { file: deck.file, dir: '', allowScripts: deck.meta.allowScripts ?? false };
  const first = splitSlides(deck.body, deck.bodyLine)[0]?.slides[0];
  const body = renderMarkdown(first?.markdown ?? '', ctx, first?.line ?? deck.bodyLine);
  const notes = renderMarkdown([deck.meta.notes ?? '', first?.notes ?? ''].filter(Boolean).join('\n\n'), ctx, deck.bodyLine);
  return { html: body.html, columns: [], notesHtml: notes.html, hasHeading: body.hasHeading, attributes: [], line: deck.bodyLine };
}

/**
 * A slide title longer than its line in Arial (wider than the deck's Source Sans 3) is set smaller, down
 * to three quarters of the title size, rather than wrapping up into the banner. Undefined: it fits.
 */
function fitTitle(title: readonly Run[]): number | undefined {
  const width = textWidth(title.map((r) => r.text).join(''), SIZE.title, true);
  if (width <= CONTENT_WIDTH) return undefined;
  return Math.max(SIZE.title * 0.75, Math.floor(((SIZE.title * CONTENT_WIDTH) / width) * 2) / 2);
}

/** A marking's banner: its text and its level's colours. */
function bannerOf(marking: Marking): Banner {
  return { text: marking.text, fill: hex(marking.colour), colour: hex(marking.textColour) };
}

function hex(colour: string): string {
  return /^#?[0-9a-f]{6}$/i.test(colour) ? colour.replace('#', '').toUpperCase() : COLOUR.banner;
}
