/**
 * A briefing's own theme CSS, made safe to ship: parsed (core/css/clean.ts), local `@import`s inlined, every
 * `url()` resolved to a file inside the briefing and copied beside the theme, remote URLs reported and removed.
 */
import { statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { error, type Diagnostic } from '../core/diagnostics.js';
import { cleanStylesheet } from '../core/css/clean.js';
import type { AssetRef } from '../core/assets.js';
import type { OutputFile } from '../core/model.js';
import { collectAssets, realFileInside } from './assets.js';
import { EscapedFileError, readInside as readChecked } from './inside.js';
import { MAX_SECTION_BYTES } from './load.js';

/** Where the deck keeps its theme; the theme's own files go to a `media/` folder beside it, where its rewritten URLs point. */
const THEME_DIR = 'theme';
/** Imports nest at most this deep (a cycle is reported before). */
const MAX_IMPORT_DEPTH = 16;

export interface BriefingTheme {
  /** The cleaned CSS, or undefined when the theme cannot be used. */
  css: string | undefined;
  files: OutputFile[];
  watch: string[];
  diagnostics: Diagnostic[];
}

/**
 * Read and clean the theme file at `rel` (relative to `briefingDir`, already checked to be a file inside it
 * at `real`). `deckFile` is how index.md is shown in messages; the theme's files are shown beside it.
 */
export function briefingTheme(rel: string, real: string, briefingDir: string, deckFile: string): BriefingTheme {
  const diagnostics: Diagnostic[] = [];
  const watch: string[] = [real];
  const assets: AssetRef[] = [];
  const base = posix.dirname(deckFile);
  const shown = (path: string) => (base === '.' ? path : `${base}/${path}`);

  const clean = (text: string, path: string, chain: readonly string[]): string | undefined => {
    const file = shown(path);
    const dir = posix.dirname(path) === '.' ? '' : posix.dirname(path);
    const cleaned = cleanStylesheet(text, {
      file, dir, line: 1, unsafeRule: 'unsafe-css',
      inline: (target, at) => {
        if (chain.includes(target) || chain.length >= MAX_IMPORT_DEPTH) {
          diagnostics.push(error('theme-import-cycle', file, `\`@import\` of ${target} goes round in a circle (${[...chain, target].join(' → ')})`, at, 'Remove one of the imports.'));
          return undefined;
        }
        const found = readInside(target, briefingDir, file, at, diagnostics);
        if (found === undefined) return undefined;
        watch.push(found.real);
        return clean(found.text, target, [...chain, target]);
      },
    });
    diagnostics.push(...cleaned.diagnostics);
    assets.push(...cleaned.assets);
    return cleaned.diagnostics.some((d) => d.rule === 'theme-css-invalid') ? undefined : cleaned.css;
  };

  const normalized = posix.normalize(rel.replace(/\\/g, '/'));
  const text = readInside(normalized, briefingDir, deckFile, { line: 1 }, diagnostics, real);
  const css = text === undefined ? undefined : clean(text.text, normalized, [normalized]);
  const collected = collectAssets(briefingDir, assets);
  diagnostics.push(...collected.diagnostics);
  watch.push(...collected.watch);
  return { css, files: collected.files.map((f) => ({ ...f, path: `${THEME_DIR}/${f.path}` })), watch, diagnostics };
}

/** The text of a CSS file inside the briefing, or undefined with the reason reported at `at` in `file`. */
function readInside(rel: string, briefingDir: string, file: string, at: { line: number; column?: number }, diagnostics: Diagnostic[], known?: string): { text: string; real: string } | undefined {
  const real = known ?? realFileInside(join(briefingDir, ...rel.split('/')), briefingDir);
  if (real === 'missing') return void diagnostics.push(error('missing-asset', file, `${rel} not found`, at, 'Check the file name; `@import` paths are relative to the CSS file.'));
  if (real === 'outside') return void diagnostics.push(error('asset-escape', file, `${rel} links to a file outside the briefing folder`, at, 'Copy the file into the briefing folder instead of linking to it.'));
  if (real === 'folder') return void diagnostics.push(error('missing-asset', file, `${rel} is a folder, not a file`, at, 'Import a CSS file.'));
  if (statSync(real).size > MAX_SECTION_BYTES) {
    return void diagnostics.push(error('file-too-large', file, `${rel} is over ${MAX_SECTION_BYTES / 1024} KB`, at, 'A theme needs no more; split it or remove unused rules.'));
  }
  // Read through a checked descriptor: the file may have become a link to elsewhere since it was resolved.
  try {
    return { text: readChecked(real, briefingDir).toString('utf8'), real };
  } catch (cause) {
    if (!(cause instanceof EscapedFileError)) throw cause;
    return void diagnostics.push(error('asset-escape', file, `${rel} changed into a link outside the briefing folder while the deck was built`, at, 'Copy the file into the briefing folder instead of linking to it.'));
  }
}
