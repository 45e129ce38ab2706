/** The compose stage: rendered sections + templates -> the deck's index.html. Pure. */
import { closest, error, type Diagnostic } from '../diagnostics.js';
import { formatDate } from '../dates.js';
import { agendaEntries, citationLine, citedSources, paginate, type CitedSource } from './generated.js';
import { escapeHtml } from '../escape.js';
import { numberSlides, slideFramer } from './frame.js';
import { runTemplate, type CompiledTemplates } from './templates.js';
import { revealSettings } from './reveal.js';
import { withCsp } from './csp.js';
import type { Attribute } from '../parse/slides.js';
import type { BriefingIndex, RenderedSection, RenderedSlide, Section } from '../model.js';
import type { DeckMarkings } from '../markings/deck.js';
import type { Marking } from '../markings/marking.js';

export interface ComposeInput {
  deck: BriefingIndex;
  /** The title slide's rendered body and notes (from index.md). */
  title: RenderedSlide;
  sections: readonly RenderedSection[];
  /** How the deck and each section are marked (banners, portion marks); undefined for an unmarked deck. */
  markings?: DeckMarkings | undefined;
  templates: CompiledTemplates;
  /** `false` leaves every `<aside class="notes">` out: the audience copy (`--no-notes`). Default true. */
  speakerNotes?: boolean;
  /** Paths of the runtime files inside the deck folder. */
  runtime: { revealCss: string; themeCss: string; revealJs: string; notesJs: string };
  /** Slide HTML of earlier composes (watch mode): a section whose inputs did not change is not run through Handlebars again. */
  memo?: ComposeMemo;
}

/** What a section composed to, and the inputs it was composed from. */
interface MemoEntry {
  stacks: unknown;
  data: unknown;
  templates: CompiledTemplates;
  deck: string;
  citation: string;
  /** The section's marking and whether titles carry portion marks. */
  marking: string;
  /** Set only when the section's layout read the agenda or the sources list. */
  agenda?: string;
  sources?: string;
  html: string[];
  slides: number;
  diagnostics: Diagnostic[];
}

/** Per-section compose results, keyed by the (cached, hence stable) parsed section. */
export type ComposeMemo = WeakMap<Section, MemoEntry>;

/** An empty memo for a watch session. */
export function createComposeMemo(): ComposeMemo {
  return new WeakMap();
}

export interface Composed {
  html: string;
  slides: number;
  diagnostics: Diagnostic[];
  /** Section files run through their layout in this compose (not taken from the memo). */
  recomposed: string[];
}

/** Entries on one agenda slide, and sources on one sources slide: longer lists continue on further slides (the PowerPoint export pages them the same way). */
export const AGENDA_PER_SLIDE = 7;
export const SOURCES_PER_SLIDE = 14;

/** Merge sections through their layouts into the deck HTML. */
export function compose(input: ComposeInput): Composed {
  const { deck, templates } = input;
  const diagnostics: Diagnostic[] = [];
  const sections = input.sections.map((r) => r.section);
  const cited = citedSources(sections, deck.meta.sources, deck.meta.dateStyle);
  const agenda = agendaEntries(sections);
  const agendaIndex = new Map(agenda.map((entry) => [entry.id, entry]));
  const deckView = deckViewOf(deck);
  const layoutNames = [...templates.layouts.keys()].sort();
  let slideCount = 0;
  const recomposed: string[] = [];
  // Which generated lists a layout read, found by watching property access, so the memo knows what a slide depends on.
  const read = { agenda: false, sources: false };
  const watched = input.memo ? read : undefined;
  const deckKey = input.memo ? JSON.stringify(deckView) : '';
  const agendaKey = input.memo ? JSON.stringify(agenda) : '';
  const sourcesKey = input.memo ? JSON.stringify(cited) : '';

  const frame = slideFramer(deckView);
  const withNotes = input.speakerNotes !== false;
  // A one-shot build writes each slide's "n / total" as it goes; with a memo (watch mode) composed slides are
  // reused while others change, so they carry a mark that is numbered once the page is complete.
  const total = input.memo ? undefined : countSlides(input, templates, agenda, cited);
  const composeSlide = (layout: string, context: Record<string, unknown>, attrs: Attribute[], notesHtml: string, citation: string, marking: Marking | undefined): string => {
    const template = templates.layouts.get(layout)!;
    const inner = runTemplate(templates, `layouts/${layout}`, template, context);
    if (inner.diagnostic) diagnostics.push(inner.diagnostic);
    slideCount++;
    // One pass over the attributes: this runs for each of a large deck's thousands of slides.
    let cls = `slide layout-${layout}`;
    let rest = '';
    for (const a of attrs) {
      if (a.name === 'class') cls += ` ${a.value}`;
      else rest += ` ${a.name}="${escapeHtml(a.value)}"`;
    }
    const notes = notesHtml && withNotes ? `\n<aside class="notes">${notesHtml}</aside>` : '';
    const number = total === undefined ? undefined : `${slideCount} / ${total}`;
    // V8 builds a concatenation as a tree of pieces; trim() makes it one flat string (and changes nothing:
    // it starts with `<` and ends with `>`). Kept as trees until the page is joined, ~2,000 slides cost
    // 20–30 ms more at 1,000 sections than flattening each one as it is made.
    return `<section class="${escapeHtml(cls)}"${rest}>\n${frame(inner.html.trim(), citation, number, marking)}${notes}\n</section>`.trim();
  };

  const out: string[] = [];
  // The title slide wears the deck's overall marking: the highest level in it.
  const overall = input.markings?.overall;
  const portions = !!input.markings?.portionMarks;
  const titleDeck = portions && overall ? { ...deckView, title: `${overall.portion} ${deckView.title}` } : deckView;
  out.push(composeSlide('title', { deck: titleDeck, slide: withPortion(input.title, portions ? overall : undefined) },
    [{ name: 'id', value: 'title' }, { name: 'data-source', value: `index.md:${input.title.line}` }], input.title.notesHtml, '', overall));

  for (const rendered of input.sections) {
    const { section } = rendered;
    if (!templates.layouts.has(section.layout)) {
      const suggestion = closest(section.layout, layoutNames);
      diagnostics.push(error('unknown-layout', section.file, `Unknown layout \`${section.layout}\``, section.positions.of(['layout']),
        `${suggestion ? `Did you mean \`${suggestion}\`? ` : ''}Available layouts: ${layoutNames.join(', ')}.`));
      continue;
    }
    for (const [index, id] of (section.front.sources ?? []).entries()) {
      if (!deck.meta.sources[id]) {
        const suggestion = closest(id, Object.keys(deck.meta.sources));
        diagnostics.push(error('undefined-source', section.file, `Source \`${id}\` is not defined in index.md`, section.positions.of(['sources', index]),
          suggestion ? `Did you mean \`${suggestion}\`? Otherwise add it under \`sources:\` in index.md.` : `Add \`${id}\` under \`sources:\` in index.md.`));
      }
    }
    const citation = citationLine(section, cited);
    const marking = input.markings?.sections[section.id];
    const portion = portions ? marking : undefined;
    const markingKey = input.memo ? JSON.stringify([marking, portions]) : '';
    const hit = input.memo?.get(section);
    if (hit && hit.stacks === rendered.stacks && hit.data === rendered.data && hit.templates === templates && hit.deck === deckKey && hit.citation === citation && hit.marking === markingKey &&
        (hit.agenda === undefined || hit.agenda === agendaKey) && (hit.sources === undefined || hit.sources === sourcesKey)) {
      out.push(...hit.html);
      slideCount += hit.slides;
      diagnostics.push(...hit.diagnostics);
      continue;
    }
    const before = { out: out.length, slides: slideCount, diagnostics: diagnostics.length };
    read.agenda = read.sources = false;
    recomposed.push(section.file);
    const pages = generatedPages(section.layout, agenda, cited);
    // How many slides a generated list takes depends on the list, whether or not the layout reads it.
    if (pages.length) read.agenda = read.sources = true;
    // A generated list that spans several slides numbers them in the title: "Sources (1/5)", "Sources (2/5)", …
    const title = portion ? `${portion.portion} ${section.title}` : section.title;
    const pageTitle = (n: number) => (pages.length > 1 ? `${title} (${n}/${pages.length})` : title);
    // Where a divider stands in the agenda ("Part 2 of 5"), found here once rather than by each template searching the agenda.
    const entry = agendaIndex.get(section.id);
    const sectionView: Record<string, unknown> = { id: section.id, title: pageTitle(1), layout: section.layout, ...rendered.data };
    if (entry) {
      const part = { number: entry.number, of: agenda.length };
      // Read through a getter in watch mode: only a layout that shows the part depends on the agenda.
      if (watched) Object.defineProperty(sectionView, 'part', { enumerable: true, get: () => ((read.agenda = true), part) });
      else sectionView.part = part;
    }
    rendered.stacks.forEach((stack, h) => {
      const slides = stack.map((slide, v) => {
        const id = h === 0 && v === 0 ? section.id : `${section.id}-${h + 1}${stack.length > 1 ? `-${v + 1}` : ''}`;
        const attrs = slide.attributes.some((a) => a.name === 'id') ? slide.attributes : [{ name: 'id', value: id }, ...slide.attributes];
        return composeSlide(section.layout, tracked({ deck: deckView, section: sectionView, slide: withPortion(slide, portion) }, agenda, cited, pages[0] ?? [], watched),
          [...attrs, { name: 'data-section', value: section.id }, { name: 'data-source', value: `${section.rel}:${slide.line}` }], slide.notesHtml, citation, marking);
      });
      out.push(slides.length > 1 ? `<section>\n${slides.join('\n')}\n</section>` : slides[0]!);
    });
    // Generated lists that do not fit one slide continue on further slides of the same layout.
    pages.slice(1).forEach((page, i) => {
      const slide = { html: '', columns: [], notesHtml: '', hasHeading: false, attributes: [], line: section.bodyLine };
      out.push(composeSlide(section.layout, tracked({ deck: deckView, section: { ...sectionView, title: pageTitle(i + 2) }, slide }, agenda, cited, page, watched),
        [{ name: 'id', value: `${section.id}-p${i + 2}` }, { name: 'data-section', value: section.id }, { name: 'data-source', value: `${section.rel}:${section.bodyLine}` }], '', '', marking));
    });
    input.memo?.set(section, {
      stacks: rendered.stacks, data: rendered.data, templates, deck: deckKey, citation, marking: markingKey,
      ...(read.agenda ? { agenda: agendaKey } : {}), ...(read.sources ? { sources: sourcesKey } : {}),
      html: out.slice(before.out), slides: slideCount - before.slides, diagnostics: diagnostics.slice(before.diagnostics),
    });
  }

  const reveal = revealSettings(deck.meta.reveal);
  const page = runTemplate(templates, 'deck', templates.deck, {
    deck: deckView,
    marking: overall,
    slides: total === undefined ? numberSlides(out.join('\n')) : out.join('\n'),
    runtime: input.runtime,
    revealConfig: scriptJson(reveal),
  });
  if (page.diagnostic) diagnostics.push(page.diagnostic);
  return { html: withCsp(page.html), slides: slideCount, diagnostics, recomposed };
}

/** How many slides compose will write: the title slide, every slide of a section with a known layout, and the further pages of generated lists. */
function countSlides(input: ComposeInput, templates: CompiledTemplates, agenda: unknown[], cited: CitedSource[]): number {
  let count = 1;
  for (const { section, stacks } of input.sections) {
    if (!templates.layouts.has(section.layout)) continue;
    for (const stack of stacks) count += stack.length;
    count += Math.max(0, generatedPages(section.layout, agenda, cited).length - 1);
  }
  return count;
}

/** A layout's context whose generated lists note when they are read: what the compose memo keys a section on. */
function tracked(base: Record<string, unknown>, agenda: unknown, sources: unknown, page: unknown, read: { agenda: boolean; sources: boolean } | undefined): Record<string, unknown> {
  // Without a memo nothing is remembered, and plain properties are quicker to create and to read.
  if (!read) return Object.assign(base, { agenda, sources, page });
  return Object.defineProperties(base, {
    agenda: { enumerable: true, get: () => ((read.agenda = true), agenda) },
    sources: { enumerable: true, get: () => ((read.sources = true), sources) },
    page: { enumerable: true, get: () => ((read.agenda = read.sources = true), page) },
  });
}

/** A slide whose own first heading starts with the portion mark (slides without one take the marked section title). */
function withPortion(slide: RenderedSlide, marking: Marking | undefined): RenderedSlide {
  if (!marking || !slide.hasHeading) return slide;
  const mark = `<span class="portion-mark">${escapeHtml(marking.portion)}</span> `;
  return { ...slide, html: slide.html.replace(/<h[1-6]\b[^>]*>/, (open) => open + mark) };
}

function generatedPages(layout: string, agenda: unknown[], cited: CitedSource[]): unknown[][] {
  if (layout === 'agenda') return paginate(agenda, AGENDA_PER_SLIDE);
  if (layout === 'sources') return paginate(cited, SOURCES_PER_SLIDE);
  return [];
}

function deckViewOf(deck: BriefingIndex) {
  const m = deck.meta;
  return {
    ...m,
    dateText: formatDate(m.date, m.dateStyle),
    asOfText: formatDate(m.asOf, m.dateStyle),
    lang: m.lang ?? 'en',
  };
}

/** JSON that is safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
