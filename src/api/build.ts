/** build(): find the briefings, run the pipeline on each, and write each deck folder with the folder exporter. */
import { basename, join, resolve } from 'node:path';
import { error, hasErrors, sortDiagnostics, type Diagnostic } from '../core/diagnostics.js';
import { displayPath } from '../io/paths.js';
import { renderIndexPage } from '../core/compose/index-page.js';
import { folderExporter, unwritable } from '../export/folder/folder.js';
import { singleFileExporter } from '../export/single-file/single-file.js';
import type { BuiltDeck } from '../export/types.js';
import { findBriefings } from '../io/discover.js';
import { emitIndex } from '../io/emit.js';
import { buildDeck as runPipeline, type BuildCache, type DeckResult } from '../pipeline/run.js';
import { configSettings, resolveOptions } from './options.js';
import { deckDefaultsOf, projectConfig, type LoadedConfig } from '../io/config.js';
import type { DeckDefaults } from '../core/parse/config.js';

export interface BuildOptions {
  /** Briefing folders to build; default: every folder in `<cwd>/briefings` that holds an index.md. */
  briefings?: string[];
  /** Output root; a briefing in folder `<slug>` goes to `<outDir>/<slug>/`. Default `<cwd>/dist` (see options.ts). */
  outDir?: string;
  /** Include sections marked `draft: true`. */
  drafts?: boolean;
  /** The release cut: leave out every section marked above this level and mark the deck by what remains. */
  maxClassification?: string | undefined;
  /** Build only the sections for this audience (their `audience:` lists it, or they have none). */
  audience?: string | undefined;
  /** Build only the sections with these ids (`--only bluf,articles`). */
  only?: readonly string[] | undefined;
  /** `false`: no speaker notes anywhere in the output (`--no-notes`). Default true. */
  speakerNotes?: boolean | undefined;
  /** Write one self-contained `<outDir>/<slug>.html` instead of the deck folder `<outDir>/<slug>/`. */
  singleFile?: boolean | undefined;
  /** Working directory for defaults and for the paths shown in messages. */
  cwd?: string;
  /** The project config (`briefing.config.json`): its flag defaults, briefings folder and deck defaults. Default: the file in `cwd` or the nearest folder above it, up to the project root; `false`: none. */
  config?: LoadedConfig | false;
  /** Reused between builds (watch mode) so unchanged sections are not parsed or rendered again. */
  cache?: BuildCache;
  /** Validate only: run every stage but write nothing. */
  dryRun?: boolean;
  /** Also write `<outDir>/index.html`, the list of decks there (default: unless a dry run). */
  writeIndex?: boolean;
  /**
   * Watch mode, with `cache`: absolute paths changed since the previous build with that cache. Every other file
   * the cache holds is taken from memory instead of being read again. Without it, every file is read.
   */
  changed?: readonly string[];
}

export interface BuildResult {
  ok: boolean;
  decks: DeckResult[];
  diagnostics: Diagnostic[];
}

/** Build one or more briefings. Never throws for bad input: problems come back as diagnostics. */
export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const project = projectConfig(options.config, cwd);
  if (hasErrors(project.diagnostics)) return { ok: false, decks: [], diagnostics: project.diagnostics };
  const settings = resolveOptions({ flags: options, config: configSettings(project) });
  const outDir = resolve(cwd, settings.outDir);
  const found = findBriefings(options.briefings, cwd, settings.briefingsDir);
  const decks: DeckResult[] = [];
  const selected = { drafts: settings.drafts, maxClassification: settings.maxClassification, audience: settings.audience, only: settings.only, speakerNotes: settings.speakerNotes, singleFile: settings.singleFile };
  const { config: _config, ...rest } = options;
  for (const dir of found.dirs) decks.push(await buildDeck(dir, { ...rest, ...selected, cwd, outDir, deckDefaults: deckDefaultsOf(project) }));
  const diagnostics = [...project.diagnostics, ...found.diagnostics, ...decks.flatMap((d) => d.diagnostics)];
  // The list of decks names deck folders; a single-file build writes none.
  if ((options.writeIndex ?? (!options.dryRun && !settings.singleFile)) && decks.some((d) => d.ok)) {
    try {
      emitIndex(outDir, renderIndexPage);
    } catch (cause) {
      diagnostics.push(unwritable(outDir, cwd, cause));
    }
  }
  return { ok: !hasErrors(diagnostics) && decks.length > 0, decks, diagnostics };
}

/** Build a single briefing folder into `<outDir>/<slug>`, or `<outDir>/<slug>.html` with `singleFile` (or only in memory, with `dryRun`). */
export async function buildDeck(dir: string, options: Omit<BuildOptions, 'briefings' | 'config'> & { cwd: string; outDir: string; deckDefaults?: DeckDefaults | undefined }): Promise<DeckResult> {
  const started = performance.now();
  const { dryRun, writeIndex, singleFile, ...pipelineOptions } = options;
  let result: DeckResult;
  try {
    result = await runPipeline(dir, pipelineOptions);
  } catch (cause) {
    const diagnostic = tooLarge(cause, dir, options.cwd);
    if (!diagnostic) throw cause;
    return { slug: basename(dir), dir, slides: 0, sections: 0, rendered: [], watch: [dir], ms: Math.round(performance.now() - started), timings: { load: 0, parse: 0, render: 0, compose: 0, emit: 0 }, diagnostics: [diagnostic], ok: false };
  }
  const deck = builtDeckOf(result);
  if (dryRun || !deck) return result;
  const emitStarted = performance.now();
  const [exporter, target] = singleFile
    ? [singleFileExporter(), join(options.outDir, `${deck.slug}.html`)]
    : [folderExporter(), join(options.outDir, deck.slug)];
  const written = await exporter.write(deck, target, { cwd: options.cwd });
  const timings = { ...result.timings, emit: Math.round((performance.now() - emitStarted) * 10) / 10 };
  const diagnostics = sortDiagnostics([...result.diagnostics, ...written.diagnostics]);
  return {
    ...result, ...(written.file ? (singleFile ? { file: written.file, bytes: written.bytes } : { outDir: written.file }) : {}),
    ms: Math.round(performance.now() - started), timings, diagnostics, ok: !hasErrors(diagnostics),
  };
}

/**
 * A deck too big for the JavaScript engine (a string or array past its maximum length, a stack overflow)
 * is the input's fault, not a bug: a positioned diagnostic instead of an internal error. The limits on
 * files and front matter keep this from happening for every input known; this is the net under them.
 */
export function tooLarge(cause: unknown, dir: string, cwd: string): Diagnostic | undefined {
  if (!(cause instanceof RangeError) || !/string length|array length|call stack|Array buffer allocation/i.test(cause.message)) return undefined;
  return error('too-large', displayPath(join(dir, 'index.md'), cwd), `The deck is too large to build (${cause.message})`, { line: 1, column: 1 },
    'Split long sections, shorten the front matter (avoid YAML aliases), and cite fewer sources per section.');
}

/** The built deck an exporter takes, when the build worked; undefined otherwise. */
export function builtDeckOf(result: DeckResult | undefined): BuiltDeck | undefined {
  if (!result?.ok || result.html === undefined || !result.files || !result.model) return undefined;
  return { slug: result.slug, dir: result.dir, model: result.model, slides: result.slides, html: result.html, files: result.files };
}
