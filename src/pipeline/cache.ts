/**
 * What a watch session keeps between builds (see BuildOptions.cache): parsed and rendered sections by
 * content hash, compiled templates, the files read, resolved assets and composed slides.
 */
import { createHash } from 'node:crypto';
import { join, sep } from 'node:path';
import { createComposeMemo, type ComposeMemo } from '../core/compose/compose.js';
import type { parseSection } from '../core/parse/briefing.js';
import { compileTemplates } from '../core/compose/templates.js';
import type { RenderedSection, SourceFile } from '../core/model.js';
import { MEDIA_DIR, type AssetRef } from '../core/assets.js';
import { collectAssets } from '../io/assets.js';
import type { OutputFile } from '../core/model.js';

/** A section file parsed, and rendered once the render stage reached it. */
export interface SectionEntry {
  parsed: ReturnType<typeof parseSection>;
  rendered?: RenderedSection;
}

/** Caches parsed+rendered sections and compiled templates by content hash. */
export interface BuildCache {
  sections: Map<string, SectionEntry>;
  templates: Map<string, ReturnType<typeof compileTemplates>>;
  /** The files read, by absolute path (see `BuildOptions.changed`). */
  files: Map<string, SourceFile>;
  /** Assets resolved to the files to copy, by path in the briefing; reused only with `BuildOptions.changed`. */
  assets: Map<string, OutputFile>;
  /** Each section's composed slides, reused while its inputs are unchanged. */
  composed: ComposeMemo;
}

/** A fresh cache for watch mode. */
export function createCache(): BuildCache {
  return { sections: new Map(), templates: new Map(), files: new Map(), assets: new Map(), composed: createComposeMemo() };
}

/** Forget the changed paths (and anything under a changed folder) from the cache; returns the files a watch-mode build may reuse. */
export function forgetChanged(cache: BuildCache | undefined, changed: readonly string[] | undefined, dir: string): ReadonlyMap<string, SourceFile> | undefined {
  if (!cache || !changed) return undefined;
  const hit = (path: string) => changed.some((c) => path === c || path.startsWith(c.endsWith(sep) ? c : c + sep));
  for (const path of cache.files.keys()) if (hit(path)) cache.files.delete(path);
  for (const [rel, file] of cache.assets) if ('from' in file && (hit(file.from) || hit(join(dir, ...rel.split('/'))))) cache.assets.delete(rel);
  return cache.files;
}

/** Keep the files a build read, for the next build of a watch session. */
export function remember(cache: BuildCache, files: ReadonlyMap<string, SourceFile>): void {
  for (const [path, source] of files) cache.files.set(path, source);
}

/** Forget sections no longer in the briefing (old versions of edited files), so a long watch session does not grow without bound. */
export function forgetSectionsExcept(cache: BuildCache, keys: readonly string[]): void {
  const used = new Set(keys);
  for (const key of cache.sections.keys()) if (!used.has(key)) cache.sections.delete(key);
}

/** Content hashes of section files, kept per file object: a file reused from the cache is not hashed again. */
const sectionKeys = new WeakMap<SourceFile, { allowScripts: boolean; key: string }>();

export function sectionKey(file: SourceFile, allowScripts: boolean): string {
  const known = sectionKeys.get(file);
  if (known && known.allowScripts === allowScripts) return known.key;
  const key = hash(`${file.rel}\0${allowScripts}\0${file.text}`);
  sectionKeys.set(file, { allowScripts, key });
  return key;
}

/**
 * Resolve asset references to files to copy. In watch mode a reference resolved before is taken from the
 * cache: the watcher reports any change to an asset file, and `forgetChanged` forgets it then.
 */
export function collectAssetsCached(cache: BuildCache, dir: string, refs: readonly AssetRef[], reuse: boolean): ReturnType<typeof collectAssets> {
  if (!reuse) cache.assets.clear();
  const found = new Map<string, OutputFile>();
  const todo = refs.filter((ref) => {
    const hit = !ref.escapes && cache.assets.get(ref.path);
    if (hit) found.set(ref.path, hit);
    return !hit;
  });
  const fresh = collectAssets(dir, todo);
  for (const file of fresh.files) {
    const rel = file.path.slice(MEDIA_DIR.length + 1);
    cache.assets.set(rel, file);
    found.set(rel, file);
  }
  // Missing files are watched too, so that adding one is noticed.
  const missing = todo.filter((ref) => !ref.escapes && !found.has(ref.path)).map((ref) => ref.path);
  return { files: [...found.values()], watch: [...new Set([...found.keys(), ...missing])].map((rel) => join(dir, ...rel.split('/'))), diagnostics: fresh.diagnostics };
}

export function compileCached(cache: BuildCache, templates: Parameters<typeof compileTemplates>[0]): ReturnType<typeof compileTemplates> {
  const key = hash(templates.map((t) => `${t.name}\0${t.file}\0${t.text}`).join('\0\0'));
  let compiled = cache.templates.get(key);
  if (!compiled) {
    compiled = compileTemplates(templates);
    cache.templates.clear();
    cache.templates.set(key, compiled);
  }
  return compiled;
}

function hash(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}
