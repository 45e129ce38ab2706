/** Classify and resolve the URLs a slide references, without touching the file system. */
import { posix } from 'node:path';
import { warning, type Diagnostic, type Position } from './diagnostics.js';

/** A file inside the briefing that the deck needs. */
export interface AssetRef {
  /** Path relative to the briefing root, POSIX separators. */
  path: string;
  file: string;
  line: number;
  /** The reference points outside the briefing folder. */
  escapes?: boolean;
}

export type ResolvedUrl =
  | { kind: 'local'; path: string; href: string }
  | { kind: 'escape'; path: string }
  | { kind: 'remote' }
  | { kind: 'other' };

/** Folder inside the deck output that briefing assets are copied to. */
export const MEDIA_DIR = 'media';

/**
 * Answers of resolveAsset, which is pure: decks reuse images (a logo, an icon, a background) on many
 * slides, and the path arithmetic is most of what an image costs to render. Bounded, for watch sessions.
 */
const resolved = new Map<string, ResolvedUrl>();
const MAX_RESOLVED = 10_000;

/** Resolve `url` as written in a section in folder `dir` (relative to the briefing root). */
export function resolveAsset(url: string, dir: string): ResolvedUrl {
  const key = `${dir}\0${url}`;
  let answer = resolved.get(key);
  if (!answer) {
    if (resolved.size >= MAX_RESOLVED) resolved.clear();
    answer = resolveUncached(url, dir);
    resolved.set(key, answer);
  }
  return answer;
}

function resolveUncached(url: string, dir: string): ResolvedUrl {
  const value = url.trim();
  if (!value || value.startsWith('#')) return { kind: 'other' };
  if (/^(https?:)?\/\//i.test(value)) return { kind: 'remote' };
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) return { kind: 'other' };
  const [pathPart, suffix = ''] = splitSuffix(value);
  const decoded = decodeUrl(pathPart);
  const joined = posix.normalize(decoded.startsWith('/') ? decoded : posix.join(dir || '.', decoded.replace(/\\/g, '/')));
  if (decoded.startsWith('/') || joined === '..' || joined.startsWith('../')) return { kind: 'escape', path: joined };
  return { kind: 'local', path: joined, href: `${MEDIA_DIR}/${joined.split('/').map(encodeURIComponent).join('/')}${suffix}` };
}

/** Percent-decode a URL as written; malformed escapes (`%zz`) leave the text as it is. */
export function decodeUrl(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function splitSuffix(value: string): [string, string] {
  const i = value.search(/[?#]/);
  return i === -1 ? [value, ''] : [value.slice(0, i), value.slice(i)];
}

/**
 * Resolve a media URL written in `file` (a section in folder `dir`): a local file is recorded as an
 * asset to copy, a path out of the briefing as one to refuse, a remote URL as a warning (the deck
 * would need the network). Returns the URL the deck should use. `at` is asked only when needed.
 */
export function useMedia(url: string, dir: string, file: string, at: () => Position, assets: AssetRef[], diagnostics: Diagnostic[]): string {
  const resolved = resolveAsset(url, dir);
  if (resolved.kind === 'local') {
    assets.push({ path: resolved.path, file, line: at().line ?? 1 });
    return resolved.href;
  }
  if (resolved.kind === 'escape') assets.push({ path: resolved.path, file, line: at().line ?? 1, escapes: true });
  else if (resolved.kind === 'remote') {
    diagnostics.push(warning('remote-asset', file, `${url} is loaded from the network, so the deck will not show it offline`, at(),
      'Download the file into the briefing folder and reference it by a relative path.'));
  }
  return url;
}
