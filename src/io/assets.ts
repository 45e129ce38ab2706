/** Check the assets sections reference: they must exist and stay inside the briefing folder. */
import { realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { error, type Diagnostic } from '../core/diagnostics.js';
import { MEDIA_DIR, type AssetRef } from '../core/assets.js';
import { isInside } from './paths.js';
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
    watch.push(abs);
    files.set(ref.path, { path: `${MEDIA_DIR}/${ref.path}`, from: real });
  }
  return { files: [...files.values()], watch, diagnostics };
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
