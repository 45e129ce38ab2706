/** The pipeline: load -> parse -> render -> compose, with a per-section cache for watch mode. Exporters write the result. */
import { join } from 'node:path';
import { compose } from '../core/compose/compose.js';
import { collectAssetsCached, compileCached, createCache, reusable, sectionKey, type BuildCache } from './cache.js';
import { error, hasErrors, sortDiagnostics, type Diagnostic } from '../core/diagnostics.js';
import { parseDeck, parseSection, sortSections } from '../core/parse/briefing.js';
import { locateInFrontMatter } from '../core/parse/frontmatter.js';
import { prepareRendering, renderMarkdown } from '../core/markdown/render.js';
import { renderSection, type MapRenderer } from '../core/markdown/section.js';
import { compileTemplates } from '../core/compose/templates.js';
import { splitSlides } from '../core/parse/slides.js';
import type { Deck, OutputFile, RenderedSection, RenderedSlide, Section } from '../core/model.js';
import type { AssetRef } from '../core/assets.js';
import type { DeckMarkings } from '../core/markings/deck.js';
import { loadBriefing } from '../io/load.js';
import { selectSections } from './select.js';
import { displayPath, isInside } from '../io/paths.js';
import { resolveRuntime } from '../io/runtime.js';

export { createCache, type BuildCache };

export interface DeckResult {
  slug: string;
  /** Briefing folder (absolute). */
  dir: string;
  /** Deck folder written (absolute); undefined when the build failed or was a dry run. */
  outDir?: string;
  /** The single file written instead of a folder (`--single-file`), absolute, and its size in bytes. */
  file?: string;
  bytes?: number;
  title?: string;
  slides: number;
  sections: number;
  /** Section files parsed and rendered in this build (not taken from the cache). */
  rendered: string[];
  /** Section files run through their layout template in this build (not taken from the cache). */
  recomposed?: string[];
  ms: number;
  /** Milliseconds spent in each stage of this build: where the time went (`briefing build --timings`, `npm run bench`). */
  timings: StageTimings;
  diagnostics: Diagnostic[];
  /** Every file and folder the build read: what watch mode watches. */
  watch: string[];
  ok: boolean;
  /** The composed index.html, for the dev server and browser-based checks. */
  html?: string;
  /** Every file of the deck folder, as emit writes it; set when the build succeeded (also on a dry run). */
  files?: OutputFile[];
  /** The parsed deck, its rendered sections in deck order and their markings: what `check`'s lint rules and the exporters read. */
  model?: { deck: Deck; sections: RenderedSection[]; markings: DeckMarkings | undefined };
}

/** Stage times of one deck build, in milliseconds; a stage the build did not reach is 0. */
export interface StageTimings {
  load: number;
  parse: number;
  render: number;
  compose: number;
  emit: number;
}

/** What the pipeline needs besides the briefing folder. */
export interface DeckOptions {
  /** Working directory for the paths shown in messages. */
  cwd: string;
  /** The output root the deck will be written to, if it will be: a deck may not replace its own briefing. */
  outDir?: string;
  /** Include sections marked `draft: true`. */
  drafts?: boolean;
  /** The release cut: leave out every section marked above this level (`--max-classification`). */
  maxClassification?: string | undefined;
  /** Build only the sections for this audience (`audience:` in their front matter) and those for everyone. */
  audience?: string | undefined;
  /** Build only the sections with these ids. */
  only?: readonly string[] | undefined;
  /** `false`: leave every slide's speaker notes out of the page (an audience copy). Default true. */
  speakerNotes?: boolean;
  /** Reused between builds (watch mode) so unchanged sections are not parsed or rendered again. */
  cache?: BuildCache;
  /**
   * Watch mode, with `cache`: absolute paths changed since the previous build with that cache. Every other file
   * the cache holds is taken from memory instead of being read again. Without it, every file is read.
   */
  changed?: readonly string[];
}

/** Build one briefing folder in memory: load -> parse -> render -> compose. Writes nothing. */
export async function buildDeck(dir: string, options: DeckOptions): Promise<DeckResult> {
  const started = performance.now();
  const timings: StageTimings = { load: 0, parse: 0, render: 0, compose: 0, emit: 0 };
  let stageStart = started;
  const stage = (name: keyof StageTimings) => {
    const now = performance.now();
    timings[name] += Math.round((now - stageStart) * 10) / 10;
    stageStart = now;
  };
  const loaded = loadBriefing(dir, options.cwd, reusable(options.cache, options.changed, dir));
  stage('load');
  if (options.cache) for (const [path, source] of loaded.files) options.cache.files.set(path, source);
  const diagnostics = [...loaded.diagnostics];
  const result = (extra: Partial<DeckResult>): DeckResult => {
    const all = sortDiagnostics(diagnostics);
    return {
      slug: loaded.slug, dir: loaded.dir, slides: 0, sections: 0, rendered: [], watch: loaded.watch,
      ...extra, ms: Math.round(performance.now() - started), timings, diagnostics: all, ok: !hasErrors(all),
    };
  };
  if (!loaded.deck) return result({});
  if (options.outDir && isInside(loaded.dir, join(options.outDir, loaded.slug))) {
    diagnostics.push(error('output-overlaps-source', displayPath(options.outDir, options.cwd), `Writing ${loaded.slug} into this output folder would replace the briefing itself`, {},
      'Choose an --out folder outside the briefing folder.'));
    return result({});
  }

  const deckParsed = parseDeck(loaded.deck);
  diagnostics.push(...deckParsed.diagnostics);
  const deck = deckParsed.value;
  const allowScripts = deck?.meta.allowScripts ?? false;

  const cache = options.cache ?? createCache();
  const rendered: string[] = [];
  const entries = loaded.sections.map((file) => {
    // A one-shot build's cache is new and thrown away after: a file's path is key enough, and hashing a thousand files is not free.
    const key = options.cache ? sectionKey(file, allowScripts) : file.rel;
    let entry = cache.sections.get(key);
    if (!entry) {
      entry = { parsed: parseSection(file) };
      cache.sections.set(key, entry);
    }
    return { key, file, entry };
  });
  // Which sections the deck holds (drafts, audience, only, the release cut) and how each is marked: decided once, here.
  const selected = selectSections(deck, entries.flatMap(({ entry }) => (entry.parsed.value ? [entry.parsed.value] : [])), options, displayPath(loaded.dir, options.cwd));
  diagnostics.push(...selected.diagnostics);
  const chosen = new Set(selected.sections);
  const markings = selected.markings;
  stage('parse');
  // Geographic data is loaded only for decks that draw a map.
  const needsMap = entries.some(({ entry }) => entry.parsed.value && chosen.has(entry.parsed.value) && entry.parsed.value.front.map && !entry.rendered);
  const renderMap = needsMap ? await loadMapRenderer() : undefined;
  // With enough Markdown to render, marked's regular expressions are compiled up front (core/marked-primer.ts).
  let toRender = 0;
  for (const { entry } of entries) if (!entry.rendered && entry.parsed.value && chosen.has(entry.parsed.value)) toRender += entry.parsed.value.body.length;
  prepareRendering(toRender);
  const sections: RenderedSection[] = [];
  const used = new Set<string>();
  for (const { key, file, entry } of entries) {
    used.add(key);
    diagnostics.push(...entry.parsed.diagnostics);
    const section = entry.parsed.value;
    if (!section || !chosen.has(section)) continue;
    if (!entry.rendered) {
      entry.rendered = renderSection(section, { allowScripts, ...(renderMap ? { renderMap } : {}) });
      rendered.push(file.file);
    }
    diagnostics.push(...entry.rendered.diagnostics);
    sections.push(entry.rendered);
  }
  stage('render');
  // Forget old versions of edited files so a long watch session does not grow without bound.
  for (const key of cache.sections.keys()) if (!used.has(key)) cache.sections.delete(key);
  const ordered = sortSections(sections.map((r) => ({ ...r, order: r.section.order, rel: r.section.rel })));
  diagnostics.push(...duplicateIds(ordered.map((r) => r.section)));

  const templates = options.cache ? compileCached(cache, loaded.templates) : compileTemplates(loaded.templates);
  diagnostics.push(...templates.diagnostics);
  if (!deck || !templates.compiled) return result({ rendered, ...(deck ? { model: { deck, sections: ordered, markings } } : {}) });

  const runtime = resolveRuntime(deck.meta.theme, loaded.dir, loaded.deck.file, deck.meta.theme === undefined ? { line: 1 } : locateInFrontMatter(deck.yaml, ['theme']));
  diagnostics.push(...runtime.diagnostics);
  // The title slide's body (index.md) is Markdown like any section: its warnings and images count too.
  const title = titleSlide(deck, allowScripts);
  diagnostics.push(...title.diagnostics);
  const assets = collectAssetsCached(cache, loaded.dir, [...title.assets, ...ordered.flatMap((r) => r.assets)], !!options.changed);
  diagnostics.push(...assets.diagnostics);
  const watch = [...loaded.watch, ...runtime.watch, ...assets.watch];

  const composed = compose({ deck, title: title.slide, sections: ordered, markings, speakerNotes: options.speakerNotes !== false, templates: templates.compiled, runtime: runtime.paths, ...(options.cache ? { memo: cache.composed } : {}) });
  diagnostics.push(...composed.diagnostics);
  stage('compose');
  const summary = { title: deck.meta.title, slides: composed.slides, sections: ordered.length, rendered, recomposed: composed.recomposed, watch, html: composed.html, model: { deck, sections: ordered, markings } };
  if (hasErrors(diagnostics)) return result(summary);

  const files: OutputFile[] = [
    { path: 'index.html', content: composed.html },
    ...runtime.files,
    ...assets.files,
    ...ordered.flatMap((r) => r.files),
  ];
  return result({ ...summary, files });
}

function titleSlide(deck: Deck, allowScripts: boolean): { slide: RenderedSlide; assets: AssetRef[]; diagnostics: Diagnostic[] } {
  const ctx = { file: deck.file, dir: '', allowScripts };
  const [stack] = splitSlides(deck.body, deck.bodyLine);
  const slide = stack?.slides[0];
  const body = renderMarkdown(slide?.markdown ?? '', ctx, slide?.line ?? deck.bodyLine);
  const notes = renderMarkdown([deck.meta.notes ?? '', slide?.notes ?? ''].filter(Boolean).join('\n\n'), ctx, deck.bodyLine);
  return {
    slide: { html: body.html, columns: [], notesHtml: notes.html, hasHeading: body.hasHeading, attributes: [], line: deck.bodyLine },
    assets: [...body.assets, ...notes.assets],
    diagnostics: [...body.diagnostics, ...notes.diagnostics],
  };
}

function duplicateIds(sections: Section[]): Diagnostic[] {
  const seen = new Map<string, Section>();
  const out: Diagnostic[] = [];
  for (const s of sections) {
    const first = seen.get(s.id);
    if (first) {
      out.push(error('duplicate-id', s.file, `Section id \`${s.id}\` is already used by ${first.file}`, { line: 1, column: 1 },
        'Give one of the sections a different `id:` in its front matter, or rename the file.'));
    } else seen.set(s.id, s);
  }
  return out;
}

async function loadMapRenderer(): Promise<MapRenderer | undefined> {
  try {
    const [{ drawMap }, { loadMapBase }] = await Promise.all([import('../core/map/draw.js'), import('../io/geodata.js')]);
    const base = await loadMapBase();
    return (spec) => drawMap(spec, base);
  } catch {
    return undefined;
  }
}
