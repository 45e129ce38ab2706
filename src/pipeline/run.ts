/**
 * The pipeline: load -> parse -> render -> compose, then the deck's files gathered. Reads the briefing (and,
 * at the end, the theme and asset files it names); writes nothing: exporters write the result.
 * Each stage is a function of stages.ts; this file only runs them in order, times them and collects problems.
 */
import { error, hasErrors, sortDiagnostics, type Diagnostic } from '../core/diagnostics.js';
import type { BriefingIndex, OutputFile, RenderedSection } from '../core/model.js';
import type { DeckMarkings } from '../core/markings/deck.js';
import { loadBriefing } from '../io/load.js';
import { displayPath, isInside } from '../io/paths.js';
import { join } from 'node:path';
import { createCache, remember, forgetChanged, type BuildCache } from './cache.js';
import { composeStage, gatherFiles, parseStage, renderStage } from './stages.js';
import type { DeckDefaults } from '../core/parse/config.js';
import type { IndexSource } from '../core/parse/briefing.js';

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
  model?: { deck: BriefingIndex; sections: RenderedSection[]; markings: DeckMarkings | undefined };
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
  /** Deck defaults from the project's config file; the deck's front matter overrides them. */
  deckDefaults?: DeckDefaults | undefined;
  /** Reused between builds (watch mode) so unchanged sections are not parsed or rendered again. */
  cache?: BuildCache;
  /**
   * Watch mode, with `cache`: absolute paths changed since the previous build with that cache. Every other file
   * the cache holds is taken from memory instead of being read again. Without it, every file is read.
   */
  changed?: readonly string[];
}

/** Build one briefing folder in memory: load -> parse -> render -> compose -> gather files. Writes nothing. */
export async function buildDeck(dir: string, options: DeckOptions): Promise<DeckResult> {
  const clock = stageClock();
  const cache = options.cache ?? createCache();
  const loaded = loadBriefing(dir, options.cwd, forgetChanged(options.cache, options.changed, dir));
  if (options.cache) remember(options.cache, loaded.files);
  clock.lap('load');
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  const result = (extra: Partial<DeckResult>, more: readonly Diagnostic[] = []): DeckResult => {
    const all = sortDiagnostics([...diagnostics, ...more]);
    return { slug: loaded.slug, dir: loaded.dir, slides: 0, sections: 0, rendered: [], watch: loaded.watch, ...extra, ms: clock.total(), timings: clock.timings, diagnostics: all, ok: !hasErrors(all) };
  };
  if (!loaded.deck) return result({});
  if (options.outDir && isInside(loaded.dir, join(options.outDir, loaded.slug))) return result({}, [overlapsSource(options.outDir, options.cwd, loaded.slug)]);

  // The project config's deck defaults travel with index.md's source: parseIndex applies them under its front matter.
  const index: IndexSource = options.deckDefaults ? { ...loaded.deck, defaults: options.deckDefaults } : loaded.deck;
  const parsed = parseStage(index, loaded.sections, cache, !!options.cache, options, displayPath(loaded.dir, options.cwd));
  diagnostics.push(...parsed.diagnostics);
  clock.lap('parse');
  const rendered = await renderStage(parsed, cache);
  diagnostics.push(...rendered.diagnostics);
  clock.lap('render');
  const { deck } = parsed;
  const model = deck ? { model: { deck, sections: rendered.sections, markings: parsed.markings } } : {};
  const composed = composeStage(deck, parsed, rendered.sections, loaded.templates, cache, { cached: !!options.cache, speakerNotes: options.speakerNotes !== false });
  diagnostics.push(...composed.diagnostics);
  if (!deck || composed.html === undefined) return result({ rendered: rendered.files, ...model });
  const gathered = gatherFiles(deck, loaded.dir, composed.html, composed.titleAssets, rendered.sections, cache, !!options.changed);
  diagnostics.push(...gathered.diagnostics);
  clock.lap('compose');
  const summary = { title: deck.meta.title, slides: composed.slides, sections: rendered.sections.length, rendered: rendered.files, recomposed: composed.recomposed,
    watch: [...loaded.watch, ...gathered.watch], html: composed.html, ...model };
  return result(hasErrors(diagnostics) ? summary : { ...summary, files: gathered.files });
}

/** Times the stages of one build, in milliseconds to a tenth; a stage the build did not reach stays 0. */
function stageClock() {
  const started = performance.now();
  let last = started;
  const timings: StageTimings = { load: 0, parse: 0, render: 0, compose: 0, emit: 0 };
  return {
    timings,
    lap(stage: keyof StageTimings) {
      const now = performance.now();
      timings[stage] += Math.round((now - last) * 10) / 10;
      last = now;
    },
    total: () => Math.round(performance.now() - started),
  };
}

function overlapsSource(outDir: string, cwd: string, slug: string): Diagnostic {
  return error('output-overlaps-source', displayPath(outDir, cwd), `Writing ${slug} into this output folder would replace the briefing itself`, {},
    'Choose an --out folder outside the briefing folder.');
}
