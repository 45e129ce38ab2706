/** The stages buildDeck runs, one function each. Pure but for the cache they fill and, in gatherFiles, the theme and asset files they resolve. */
import { compose } from '../core/compose/compose.js';
import { compileTemplates } from '../core/compose/templates.js';
import { error, type Diagnostic } from '../core/diagnostics.js';
import type { AssetRef } from '../core/assets.js';
import { prepareRendering, renderMarkdown } from '../core/markdown/render.js';
import { renderSection, type MapRenderer } from '../core/markdown/section.js';
import type { BriefingIndex, OutputFile, RenderedSection, RenderedSlide, Section, SourceFile } from '../core/model.js';
import { deckSetting, parseIndex, parseSection, sortSections } from '../core/parse/briefing.js';
import { splitSlides } from '../core/parse/slides.js';
import type { TemplateFile } from '../core/compose/templates.js';
import { resolveRuntime, RUNTIME_PATHS } from '../io/runtime.js';
import { checkRevealOptions } from '../core/compose/reveal.js';
import type { DeckMarkings } from '../core/markings/deck.js';
import { selectSections, type Selection } from './select.js';
import { collectAssetsCached, compileCached, forgetSectionsExcept, sectionKey, type BuildCache, type SectionEntry } from './cache.js';

/** index.md and every section file parsed (from the cache where the file did not change). */
export interface ParsedBriefing {
  deck: BriefingIndex | undefined;
  allowScripts: boolean;
  sections: { key: string; file: SourceFile; entry: SectionEntry }[];
  /** The sections the deck holds (drafts, audience, only, the release cut: pipeline/select.ts) and how each is marked. */
  chosen: ReadonlySet<Section>;
  markings: DeckMarkings | undefined;
  /** Files index.md's front matter names (the reveal.js parallax image). */
  indexAssets: AssetRef[];
  diagnostics: Diagnostic[];
}

/**
 * Parse index.md and each section, and select the sections the deck holds. `hashed`: key sections by content
 * (watch mode), not by path (one-shot build); `where` names the briefing in messages about `--audience` and `--only`.
 */
export function parseStage(deckFile: SourceFile, files: readonly SourceFile[], cache: BuildCache, hashed: boolean, selection: Selection, where: string): ParsedBriefing {
  const parsed = parseIndex(deckFile);
  // reveal.js writes some options into CSS: they are checked, and a parallax image becomes an asset of index.md.
  const index = parsed.value;
  const reveal = index && checkRevealOptions(index.meta.reveal, index.file, (key) => index.positions.of(['reveal', key]));
  const deck = index && reveal ? { ...index, meta: { ...index.meta, reveal: reveal.reveal } } : undefined;
  const allowScripts = parsed.value?.meta.allowScripts ?? false;
  const sections = files.map((file) => {
    // A one-shot build's cache is new and thrown away after: a file's path is key enough, and hashing a thousand files is not free.
    const key = hashed ? sectionKey(file, allowScripts) : file.rel;
    let entry = cache.sections.get(key);
    if (!entry) cache.sections.set(key, (entry = { parsed: parseSection(file) }));
    return { key, file, entry };
  });
  // Which sections the deck holds (drafts, audience, only, the release cut) and how each is marked: decided once, here.
  const selected = selectSections(deck, sections.flatMap(({ entry }) => (entry.parsed.value ? [entry.parsed.value] : [])), selection, where);
  return {
    deck, allowScripts, sections, chosen: new Set(selected.sections), markings: selected.markings, indexAssets: reveal?.assets ?? [],
    diagnostics: [...parsed.diagnostics, ...(reveal?.diagnostics ?? []), ...selected.diagnostics, ...sections.flatMap((s) => s.entry.parsed.diagnostics)],
  };
}

/** The sections rendered, in deck order; `files`: the section files rendered now rather than taken from the cache. */
export interface RenderedBriefing {
  sections: RenderedSection[];
  files: string[];
  diagnostics: Diagnostic[];
}

/** Render every selected section not rendered before. */
export async function renderStage(parsed: ParsedBriefing, cache: BuildCache): Promise<RenderedBriefing> {
  const diagnostics: Diagnostic[] = [];
  const included = parsed.sections.filter(({ entry }) => entry.parsed.value && parsed.chosen.has(entry.parsed.value));
  const todo = included.filter(({ entry }) => !entry.rendered);
  // Geographic data is loaded only for decks that draw a map.
  const map = todo.some(({ entry }) => entry.parsed.value!.front.map) ? await loadMapRenderer() : {};
  // With enough Markdown to render, marked's regular expressions are compiled up front (core/fast/marked-primer.ts).
  prepareRendering(todo.reduce((n, { entry }) => n + entry.parsed.value!.body.length, 0));
  for (const { entry } of todo) entry.rendered = renderSection(entry.parsed.value!, { allowScripts: parsed.allowScripts, ...map });
  // Forget old versions of edited files so a long watch session does not grow without bound.
  forgetSectionsExcept(cache, parsed.sections.map((s) => s.key));
  const rendered = included.map(({ entry }) => entry.rendered!);
  for (const section of rendered) diagnostics.push(...section.diagnostics);
  const sections = sortSections(rendered.map((r) => ({ ...r, order: r.section.order, rel: r.section.rel })));
  diagnostics.push(...duplicateIds(sections.map((r) => r.section)));
  return { sections, files: todo.map(({ file }) => file.file), diagnostics };
}

/** The composed page; undefined `html` when a template did not compile (then only the problems). */
export interface ComposedDeck {
  html?: string;
  slides: number;
  recomposed: string[];
  /** The files index.md needs: the images its title slide shows, and those its front matter names. */
  titleAssets: AssetRef[];
  diagnostics: Diagnostic[];
}

/**
 * Compile the templates (cached in watch mode: `cached`), render the title slide and compose the page; without a
 * deck, only check the templates. `speakerNotes: false` leaves the notes out of the page (`--no-notes`).
 */
export function composeStage(deck: BriefingIndex | undefined, { allowScripts, markings, indexAssets }: Pick<ParsedBriefing, 'allowScripts' | 'markings' | 'indexAssets'>, sections: readonly RenderedSection[], templateFiles: TemplateFile[], cache: BuildCache,
  { cached, speakerNotes }: { cached: boolean; speakerNotes: boolean }): ComposedDeck {
  const templates = cached ? compileCached(cache, templateFiles) : compileTemplates(templateFiles);
  if (!deck || !templates.compiled) return { slides: 0, recomposed: [], titleAssets: [], diagnostics: templates.diagnostics };
  // The title slide's body (index.md) is Markdown like any section: its warnings and images count too.
  const title = titleSlide(deck, allowScripts);
  const composed = compose({ deck, title: title.slide, sections, markings, speakerNotes, templates: templates.compiled, runtime: RUNTIME_PATHS, ...(cached ? { memo: cache.composed } : {}) });
  return { ...composed, titleAssets: [...title.assets, ...indexAssets], diagnostics: [...templates.diagnostics, ...title.diagnostics, ...composed.diagnostics] };
}

/** Every file of the deck folder: the page, the reveal.js runtime and theme, the assets the slides show, generated figures. */
export function gatherFiles(deck: BriefingIndex, dir: string, html: string, titleAssets: readonly AssetRef[], sections: readonly RenderedSection[], cache: BuildCache, reuse: boolean) {
  // The theme's line: in index.md, or in the config file when the deck took its theme from the project's defaults.
  const theme = deck.meta.theme === undefined ? { file: deck.file, at: { line: 1 } } : deckSetting(deck, ['theme']);
  const runtime = resolveRuntime(deck.meta.theme, dir, theme.file, theme.at);
  const assets = collectAssetsCached(cache, dir, [...titleAssets, ...sections.flatMap((r) => r.assets)], reuse);
  const files: OutputFile[] = [{ path: 'index.html', content: html }, ...runtime.files, ...assets.files, ...sections.flatMap((r) => r.files)];
  return { files, watch: [...runtime.watch, ...assets.watch], diagnostics: [...runtime.diagnostics, ...assets.diagnostics] };
}

function titleSlide(deck: BriefingIndex, allowScripts: boolean): { slide: RenderedSlide; assets: AssetRef[]; diagnostics: Diagnostic[] } {
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

/** The map renderer, or why it is not available (said on every map slide instead of drawing). */
async function loadMapRenderer(): Promise<{ renderMap: MapRenderer } | { mapUnavailable: string }> {
  try {
    const [{ drawMap }, { loadMapBase }] = await Promise.all([import('../core/map/draw.js'), import('../io/geodata.js')]);
    const base = await loadMapBase();
    return { renderMap: (spec) => drawMap(spec, base) };
  } catch (cause) {
    return { mapUnavailable: cause instanceof Error ? cause.message.split('\n')[0]! : String(cause) };
  }
}
