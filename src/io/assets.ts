/** Check the assets sections reference: they must exist and stay inside the briefing folder. */
import { realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { error, type Diagnostic } from '../core/diagnostics.js';
import { MEDIA_DIR, type AssetRef } from '../core/assets.js';
import { EscapedFileError, readInside } from './inside.js';
import { isInside } from './paths.js';
import { cleanSvg } from '../core/svg.js';
import type { OutputFile } from '../core/model.js';

/** Resolve asset references to files to copy; missing or escaping ones become diagnostics. */
export function collectAssets(briefingDir: string, refs: readonly AssetRef[]): { files: OutputFile[]; watch: string[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const files = new Map<string, OutputFile>();
  const watch: string[] = [];
  // Slides often share a file (a logo, a map): resolve each path once, report each reference.
  const resolved = new Map<string, string | 'missing' | 'outside' | 'folder'>();
  for (const ref of refs) {
    if (ref.escapes) {
      diagnostics.push(error('asset-escape', ref.file, `${ref.path} is outside the briefing folder`, { line: ref.line }, 'Copy the file into the briefing folder and use a relative path.'));
      continue;
    }
    const abs = join(briefingDir, ...ref.path.split('/'));
    let real = resolved.get(ref.path);
    if (real === undefined) {
      real = realFileInside(abs, briefingDir);
      resolved.set(ref.path, real);
    }
    if (real === 'missing') {
      diagnostics.push(error('missing-asset', ref.file, `${ref.path} not found`, { line: ref.line }, 'Check the file name and that the path is relative to the section file.'));
      continue;
    }
    if (real === 'outside') {
      diagnostics.push(error('asset-escape', ref.file, `${ref.path} links to a file outside the briefing folder`, { line: ref.line }, 'Copy the file into the briefing folder instead of linking to it.'));
      continue;
    }
    if (real === 'folder') {
      diagnostics.push(error('missing-asset', ref.file, `${ref.path} is a folder, not a file`, { line: ref.line }, 'Reference a file.'));
      continue;
    }
    if (ACTIVE_FILE.test(ref.path)) {
      diagnostics.push(error('active-asset', ref.file, `${ref.path} is a web page or script, not an image or media file`, { line: ref.line },
        'Reference an image, video or audio file; link to pages with an ordinary link instead.'));
      continue;
    }
    watch.push(abs);
    try {
      files.set(ref.path, carried(ref.path, real, briefingDir));
    } catch (cause) {
      if (!(cause instanceof EscapedFileError)) throw cause;
      diagnostics.push(error('asset-escape', ref.file, `${ref.path} changed into a link outside the briefing folder while the deck was built`, { line: ref.line }, 'Copy the file into the briefing folder instead of linking to it.'));
    }
  }
  return { files: [...files.values()], watch, diagnostics };
}

/**
 * Files that a browser opens as a page and runs (HTML, XML with style sheets, scripts, compressed SVG that cannot
 * be cleaned): copied into a deck they would run with its origin as soon as anything links to them.
 */
const ACTIVE_FILE = /\.(html?|xhtml?|shtml|mht(ml)?|xml|xslt?|m?js|svgz|swf|hta)$/i;

/** A file as the deck carries it: an SVG cleaned of what could run or load (core/svg.ts), anything else copied as it is. */
function carried(path: string, real: string, briefingDir: string): OutputFile {
  if (!/\.svg$/i.test(path)) return { path: `${MEDIA_DIR}/${path}`, from: real, inside: briefingDir };
  // Read through a checked descriptor: the file may have become a link to elsewhere since it was resolved.
  return { path: `${MEDIA_DIR}/${path}`, content: cleanSvg(readInside(real, briefingDir).toString('utf8')).svg };
}

/** The real (symlink-resolved) path of a file that must stay inside `briefingDir`, or why it cannot be used. */
export function realFileInside(abs: string, briefingDir: string): string | 'missing' | 'outside' | 'folder' {
  let real: string;
  try {
    real = realpathSync(abs);
  } catch {
    return 'missing';
  }
  if (!isInside(real, briefingDir)) return 'outside';
  return statSync(real).isFile() ? real : 'folder';
}
