/**
 * Options resolved once. Every default of the tool lives in `DEFAULTS`, and every setting comes from the
 * first source that has it, in one expression (see `resolveOptions`):
 *
 *     flag ?? config file ?? deck front matter ?? default
 *
 * `flags` are the CLI's flags or the library caller's options; `config` is the project's config file,
 * `briefing.config.json` (`configSettings` turns it into settings); `frontMatter` is what a deck's index.md
 * says about a setting. The deck's reveal.js settings are the deck's own and are merged with their
 * defaults in one place too: `core/compose/reveal.ts`.
 */
import { isAbsolute, resolve } from 'node:path';
import { REVEAL_DEFAULTS } from '../core/compose/reveal.js';
import type { LoadedConfig } from '../io/config.js';

/** Every setting a command reads. */
export interface Settings {
  /** The folder whose subfolders are the briefings, when no briefing is named. */
  briefingsDir: string;
  /** Output root of `build` and `build --watch`. */
  outDir: string;
  /** Include sections marked `draft: true`. */
  drafts: boolean;
  /** The release cut (`--max-classification`): leave out every section marked above this level. */
  maxClassification: string | undefined;
  /** Section filters: only the sections for this audience (and those for everyone); only these section ids. */
  audience: string | undefined;
  only: readonly string[] | undefined;
  /** Speaker notes in the output; `false` (`--no-notes`) leaves them out of every format: the audience copy. */
  speakerNotes: boolean;
  /** `build`: one self-contained `<out>/<slug>.html` instead of the deck folder. */
  singleFile: boolean;
  /** `images`: device pixels per CSS pixel of the PNGs (1: the deck's size, 2: twice as wide and high). */
  scale: 1 | 2;
  /** `serve`: address and port; 0 picks a free port. */
  host: string;
  port: number;
  /** Watch mode: the quiet time that closes a burst of changes into one rebuild, and the longest a burst may wait. */
  debounceMs: number;
  maxWaitMs: number;
  /** `pdf`: handout pages, notes pages, fragment steps. */
  handout: boolean;
  notes: 'none' | 'separate-page';
  fragments: 'final' | 'each';
  /** `pdf`: a tagged PDF (structure tree, alt text, reading order) for assistive technology; false for the smaller file. */
  tagged: boolean;
  /** Chromium to use (`pdf`, `check --layout`, `pptx` pictures); undefined: $CHROME_PATH, then the usual places. */
  browser: string | undefined;
  /** `pptx`: every slide as a picture of the deck slide instead of editable text. */
  images: boolean;
}

/** Every default, once. */
export const DEFAULTS: Readonly<Settings> = Object.freeze({
  briefingsDir: 'briefings',
  outDir: 'dist',
  drafts: false,
  maxClassification: undefined,
  audience: undefined,
  only: undefined,
  speakerNotes: true,
  singleFile: false,
  scale: 1,
  host: '127.0.0.1',
  port: 8000,
  debounceMs: 60,
  maxWaitMs: 500,
  handout: false,
  notes: 'none',
  fragments: 'final',
  tagged: true,
  browser: undefined,
  images: false,
});

/** The reveal.js defaults a deck starts from (its `reveal:` front matter overrides them key by key). */
export { REVEAL_DEFAULTS };

/** A source of settings: any subset, `undefined` meaning "not said here". */
export type SettingsSource = { readonly [K in keyof Settings]?: Settings[K] | undefined };

/** Where settings can come from, most specific first. */
export interface OptionSources {
  /** CLI flags, or the options a library caller passed. */
  flags?: SettingsSource;
  /** The project's config file, `briefing.config.json` (see `configSettings`). */
  config?: SettingsSource;
  /** What the deck's front matter says. */
  frontMatter?: SettingsSource;
}

/** The settings of one run: read-only, every key present. */
export type ResolvedOptions = Readonly<Settings>;

/** Resolve every setting: `flag ?? config ?? front matter ?? default`, key by key. */
export function resolveOptions({ flags = {}, config = {}, frontMatter = {} }: OptionSources = {}): ResolvedOptions {
  const resolved: Record<string, unknown> = {};
  for (const key of Object.keys(DEFAULTS) as (keyof Settings)[]) {
    resolved[key] = flags[key] ?? config[key] ?? frontMatter[key] ?? DEFAULTS[key];
  }
  return Object.freeze(resolved) as ResolvedOptions;
}

/** The settings a project's config file gives, its flags' long names mapped to settings; paths are relative to the file's folder. */
export function configSettings(project: LoadedConfig | undefined): SettingsSource {
  const config = project?.config;
  if (!config) return {};
  const root = project.root ?? '.';
  const path = (p: string | undefined) => (p === undefined ? p : resolve(root, p));
  // A bare program name for `browser` stays as written; a path is taken relative to the config file.
  const browser = config.browser !== undefined && (isAbsolute(config.browser) || config.browser.includes('/')) ? path(config.browser) : config.browser;
  const not = (value: boolean | undefined) => (value === undefined ? undefined : !value);
  const only = typeof config.only === 'string' ? config.only.split(',').map((id) => id.trim()).filter(Boolean) : config.only;
  return {
    briefingsDir: path(config.briefings), outDir: path(config.out), drafts: config.drafts, maxClassification: config['max-classification'],
    audience: config.audience?.trim(), only, speakerNotes: not(config['no-notes']), singleFile: config['single-file'], scale: config.scale,
    host: config.host, port: config.port, handout: config.handout, notes: config.notes, fragments: config.fragments, tagged: not(config.untagged),
    browser, images: config.images,
  };
}
