/** The render stage for one section: slides, notes, slide attributes and layout data. Pure. */
import { isCssColour } from '../colour.js';
import { formatDate } from '../dates.js';
import { closest, error, warning, type Diagnostic } from '../diagnostics.js';
import { renderInline, renderMarkdown } from './render.js';
import type { RenderContext, RenderedHtml } from './types.js';
import { type Attribute } from '../parse/slides.js';
import { sectionSlides } from './split.js';
import type { AssetRef } from '../assets.js';
import { hasReferences, resolveReference } from './references.js';
import { isGradient } from '../css/grammar.js';
import { auditSlideAttribute } from './sanitize.js';
import type { OutputFile, RenderedSection, RenderedSlide, Section } from '../model.js';
import type { MapSpec } from '../parse/schema.js';

/** Draws a map figure; passed in so the pure stage never loads geographic data itself. */
export type MapRenderer = (spec: MapSpec) => { svg: string; legend: { label: string; color: string }[]; unknown: string[]; known?: string[] };

export interface SectionRenderOptions {
  allowScripts: boolean;
  renderMap?: MapRenderer;
  /** Why `renderMap` is missing, when loading the map data failed: shown on each map slide. */
  mapUnavailable?: string;
}

const COLUMN_BREAK = /^\|\|\|\s*$/m;

/** Render every slide of a section. */
export function renderSection(section: Section, options: SectionRenderOptions): RenderedSection {
  const dir = section.rel.includes('/') ? section.rel.slice(0, section.rel.lastIndexOf('/')) : '';
  const ctx: RenderContext = { file: section.file, dir, allowScripts: options.allowScripts };
  const diagnostics: Diagnostic[] = [];
  const assets: AssetRef[] = [];
  const files: OutputFile[] = [];

  const collect = <T extends { assets: AssetRef[]; diagnostics: Diagnostic[] }>(r: T): T => {
    if (r.assets.length) assets.push(...r.assets);
    if (r.diagnostics.length) diagnostics.push(...r.diagnostics);
    return r;
  };

  const split = sectionSlides(section);
  diagnostics.push(...split.diagnostics);
  const stacks: RenderedSlide[][] = split.stacks.map((stack) =>
    stack.slides.map((slide) => {
      const columns = section.layout === 'two-column' ? renderColumns(slide.markdown, slide.line, ctx, collect) : undefined;
      const body = columns ?? collect(renderMarkdown(slide.markdown, ctx, slide.line));
      const notes = collect(renderMarkdown(slide.notes, ctx, slide.notesLine ?? slide.line));
      const out: RenderedSlide = {
        html: body.html,
        columns: columns?.columns ?? [],
        notesHtml: notes.html,
        hasHeading: body.hasHeading,
        attributes: slide.attributes.length ? dimImageBackground(slideAttributes(slide.attributes, ctx, (name) => slideCommentLine(section, slide.line, name), assets, diagnostics)) : [],
        line: slide.line,
      };
      if (body.title) out.title = body.title;
      return out;
    }),
  );

  const first = stacks[0]?.[0];
  if (first && section.front.notes) {
    // Positions matter only when the notes have something to report, and finding the `notes:` key
    // parses the YAML again (a third of a 1,000-section build when done for every section).
    let notes = renderMarkdown(section.front.notes, ctx, section.bodyLine);
    if (notes.assets.length || notes.diagnostics.length) {
      notes = renderMarkdown(section.front.notes, ctx, section.positions.of(['notes']).line ?? section.bodyLine);
    }
    collect(notes);
    first.notesHtml = notes.html + first.notesHtml;
  }
  if (first) first.attributes = dimImageBackground([...sectionAttributes(section, ctx, assets, diagnostics), ...first.attributes]);

  const data = layoutData(section, options, files, diagnostics);
  return { section, stacks, data, assets: dedupeAssets(assets), files, diagnostics };
}

/** A two-column slide: the parts between `|||` lines, each rendered on its own, and together as the slide's HTML. */
function renderColumns(markdown: string, line: number, ctx: RenderContext, collect: (r: RenderedHtml) => RenderedHtml): RenderedHtml & { columns: string[] } {
  const parts = markdown.split(COLUMN_BREAK);
  let partLine = line;
  const renders = parts.map((part) => {
    const r = collect(renderMarkdown(part, ctx, partLine));
    partLine += part.split('\n').length;
    return r;
  });
  const title = renders.find((r) => r.title)?.title;
  return {
    html: renders.map((r) => r.html).join('\n'),
    ...(title ? { title } : {}),
    hasHeading: renders[0]?.hasHeading ?? false,
    assets: [],
    diagnostics: [],
    columns: parts.length > 1 ? renders.map((r) => r.html) : [],
  };
}

function sectionAttributes(section: Section, ctx: RenderContext, assets: AssetRef[], diagnostics: Diagnostic[]): Attribute[] {
  const attrs: Attribute[] = [];
  const { background, transition } = section.front;
  if (background) {
    attrs.push({ name: isCssColour(background) ? 'data-background-color' : isGradient(background) ? 'data-background-gradient' : 'data-background-image', value: background });
  }
  if (transition) attrs.push({ name: 'data-transition', value: transition });
  return slideAttributes(attrs, ctx, (name) => section.positions.of([name === 'data-transition' ? 'transition' : 'background']).line ?? 1, assets, diagnostics);
}

const SLIDE_ATTRIBUTE = /^(class|id|style|data-[a-z0-9-]+)$/i;

/** Keep only attributes reveal.js understands; resolve background media to copied assets. */
function slideAttributes(attrs: Attribute[], ctx: RenderContext, lineOf: (name: string) => number, assets: AssetRef[], diagnostics: Diagnostic[]): Attribute[] {
  const out: Attribute[] = [];
  for (const attr of attrs) {
    // Looked up only for a diagnostic or an asset: finding a front-matter key parses the YAML again.
    let found: number | undefined;
    const at = () => (found ??= lineOf(attr.name));
    // With `allowScripts: true` only the attribute names stay restricted: the values are the author's own.
    const removed = auditSlideAttribute(attr.name, attr.value);
    if (removed && (!ctx.allowScripts || !SLIDE_ATTRIBUTE.test(attr.name))) {
      diagnostics.push(warning(removed.unsafe ? 'unsafe-html' : 'unsupported-html', ctx.file, removed.message, { line: at() }, removed.hint));
      continue;
    }
    const name = attr.name.toLowerCase();
    if (!hasReferences(name)) {
      out.push(attr);
      continue;
    }
    const resolved = resolveReference('section', name, attr.value, { file: ctx.file, dir: ctx.dir, at: () => ({ line: at() }), assets, diagnostics, allowScripts: ctx.allowScripts });
    if ('value' in resolved) out.push(resolved);
    else if (ctx.allowScripts) out.push(attr);
    else if ('removed' in resolved) diagnostics.push(warning('unsafe-html', ctx.file, resolved.removed.message, { line: at() }, resolved.removed.hint));
  }
  return out;
}

/** Black, under an image at this opacity: white text stays above 4.5:1 on any image (5.7:1 on a white one). */
const IMAGE_DIMMING = [
  { name: 'data-background-color', value: '#000000' },
  { name: 'data-background-opacity', value: '0.3' },
];

/**
 * A background image alone says nothing of its brightness, and reveal.js and the print layout judge a slide
 * dark or light by its background colour. An image with neither colour nor opacity of its own is shown dimmed
 * over black, so the slide counts as dark and its text is light and readable on any picture. A slide comment
 * that sets `data-background-color` or `data-background-opacity` shows the image as the author asked.
 */
function dimImageBackground(attrs: Attribute[]): Attribute[] {
  const named = (name: string) => attrs.some((a) => a.name.toLowerCase() === name);
  const shorthand = attrs.find((a) => a.name.toLowerCase() === 'data-background');
  const image = named('data-background-image') || (shorthand !== undefined && !isCssColour(shorthand.value));
  if (!image || named('data-background-color') || named('data-background-opacity')) return attrs;
  return [...attrs, ...IMAGE_DIMMING];
}

/** The line of the `<!-- .slide: -->` comment nearest to the slide that sets `name`, else the slide's first line. */
function slideCommentLine(section: Section, slideLine: number, name: string): number {
  const lines = section.body.split('\n');
  let best = -1;
  lines.forEach((text, i) => {
    const line = section.bodyLine + i;
    if (/\.slide:/.test(text) && text.toLowerCase().includes(name.toLowerCase()) && (best === -1 || Math.abs(line - slideLine) < Math.abs(best - slideLine))) best = line;
  });
  return best === -1 ? slideLine : best;
}

function layoutData(section: Section, options: SectionRenderOptions, files: OutputFile[], diagnostics: Diagnostic[]): Record<string, unknown> {
  const f = section.front;
  const data: Record<string, unknown> = {};
  if (f.events) data.events = f.events.map((e) => ({ date: formatDate(e.date, 'short'), title: renderInline(e.title), text: e.text ? renderInline(e.text) : '' }));
  if (f.figures) data.figures = f.figures.map((x) => ({ value: x.value, label: renderInline(x.label), date: formatDate(x.date, 'short') }));
  if (f.columns) data.columns = f.columns.map(renderInline);
  if (f.rows) data.rows = f.rows.map((row) => ({ label: renderInline(row[0] ?? ''), cells: row.slice(1).map(renderInline) }));
  if (f.quote) {
    data.quote = { ...f.quote, date: formatDate(f.quote.date), text: renderInline(f.quote.text), context: f.quote.context ? renderInline(f.quote.context) : '' };
  }
  if (f.map) {
    if (!options.renderMap) {
      const reason = options.mapUnavailable ?? 'the geographic data package is not installed';
      const missing = /Cannot find (module|package)/.test(reason);
      diagnostics.push(error('map-unavailable', section.file, `Map figures cannot be drawn: ${reason}`, { line: 1 },
        missing ? 'Run `npm install` to install world-atlas.' : 'Reinstall the package (`npm ci`); report it if it persists.'));
    } else {
      const map = options.renderMap(f.map);
      for (const name of map.unknown) {
        const near = map.known ? closest(name, map.known) : undefined;
        diagnostics.push(error('unknown-country', section.file, `Unknown country \`${name}\` in \`map\``, countryPosition(section, f.map, name),
          `${near ? `Did you mean "${near}"? ` : ''}Use the English short name from Natural Earth, e.g. "Czechia", "United Kingdom", "United States of America".`));
      }
      const path = `figures/${section.id}.svg`;
      files.push({ path, content: map.svg });
      data.map = { src: path, alt: f.map.alt, caption: f.map.caption ?? '', legend: map.legend };
    }
  }
  return data;
}

/** Where a country name is first written in the section's `map.groups`. */
function countryPosition(section: Section, map: MapSpec, name: string): { line?: number; column?: number } {
  for (const [g, group] of map.groups.entries()) {
    const c = group.countries.indexOf(name);
    if (c !== -1) return section.positions.of(['map', 'groups', g, 'countries', c]);
  }
  return { line: 1 };
}

function dedupeAssets(assets: AssetRef[]): AssetRef[] {
  const seen = new Set<string>();
  return assets.filter((a) => {
    const key = `${a.path}\0${a.line}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
