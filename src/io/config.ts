/** Find and read the project's `briefing.config.json`: in the working folder or the nearest folder above it, up to the project root. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Diagnostic } from '../core/diagnostics.js';
import { CONFIG_FILE, parseConfig, type DeckDefaults, type ProjectConfig } from '../core/parse/config.js';
import { displayPath } from './paths.js';

export interface LoadedConfig {
  /** Absolute path of the config file, when there is one. */
  file?: string;
  /** The folder that holds it: relative paths in it (`out`, `briefings`, `browser`) are relative to this folder. */
  root?: string;
  /** The file as messages show it, and its text (to point at a deck default that a deck took from it). */
  label?: string;
  text?: string;
  config?: ProjectConfig;
  diagnostics: Diagnostic[];
}

/** The config file that applies in `cwd`: the first found going up, stopping at a folder with package.json (the project root). */
export function findConfig(cwd: string): string | undefined {
  let dir = cwd;
  for (;;) {
    const file = join(dir, CONFIG_FILE);
    if (existsSync(file)) return file;
    if (existsSync(join(dir, 'package.json'))) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Read and validate the config file that applies in `cwd`; no file is no config and no problem. */
export function loadConfig(cwd: string): LoadedConfig {
  const file = findConfig(cwd);
  if (!file) return { diagnostics: [] };
  const label = displayPath(file, cwd);
  const text = readFileSync(file, 'utf8');
  const parsed = parseConfig(label, text);
  return { file, root: dirname(file), label, text, ...(parsed.config ? { config: parsed.config } : {}), diagnostics: parsed.diagnostics };
}

/** The config a library call uses: the one passed in, none (`false`), or the one that applies in `cwd`. */
export function projectConfig(given: LoadedConfig | false | undefined, cwd: string): LoadedConfig {
  return given === false ? { diagnostics: [] } : given ?? loadConfig(cwd);
}

/** The config's deck defaults, with where they were written. */
export function deckDefaultsOf(project: LoadedConfig): DeckDefaults | undefined {
  const values = project.config?.deck;
  return values && project.label !== undefined && project.text !== undefined ? { values, file: project.label, text: project.text } : undefined;
}

/** The config's briefings folder, absolute; undefined when it names none. */
export function briefingsDirOf(project: LoadedConfig | undefined): string | undefined {
  return project?.config?.briefings !== undefined && project.root ? resolve(project.root, project.config.briefings) : undefined;
}
