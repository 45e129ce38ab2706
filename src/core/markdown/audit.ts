/**
 * One walk over a slide's HTML before sanitizing: report every tag and attribute the sanitizer will
 * remove, with the line it was written on, and collect the local files the slide needs. Pure.
 */
import type { AnyNode, Element } from 'domhandler';
import { error, warning, type Diagnostic } from '../diagnostics.js';
import { auditAttribute, auditTag, dropsContents, MAX_HTML_DEPTH } from './sanitize.js';
import { decodeUrl, type AssetRef } from '../assets.js';
import { hasReferences, resolveReference } from './references.js';

/** Where the HTML came from, for positions. */
export interface AuditSource {
  file: string;
  dir: string;
  allowScripts: boolean;
  /** The Markdown the HTML was rendered from, and the file line it starts on. */
  markdown: string;
  line: number;
}

export interface Audit {
  diagnostics: Diagnostic[];
  assets: AssetRef[];
}

/** How deeply elements nest; iterative, because this is what guards the recursive steps after it. */
export function htmlDepth(nodes: readonly AnyNode[]): number {
  let max = 0;
  const stack: [AnyNode, number][] = nodes.map((n) => [n, 1]);
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > max) max = depth;
    if (depth > MAX_HTML_DEPTH) break;
    for (const child of (node as Element).children ?? []) stack.push([child, depth + 1]);
  }
  return max;
}

/** Tags that close themselves or are closed by their next sibling, so they never deepen the nesting. */
const NOT_NESTING = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr',
  'p', 'li', 'dt', 'dd', 'td', 'th', 'tr', 'thead', 'tbody', 'tfoot', 'option', 'colgroup', 'rb', 'rt', 'rp',
]);

/**
 * An upper estimate of how deeply the tags in `html` nest, from a linear scan of the text. The HTML
 * parser takes quadratic time over tens of thousands of unclosed tags, so this runs first.
 */
export function htmlDepthEstimate(html: string, stopAt = Number.POSITIVE_INFINITY): number {
  const open: string[] = [];
  let max = 0;
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(\/?)>/g;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    const name = m[2]!.toLowerCase();
    if (NOT_NESTING.has(name) || m[3]) continue;
    if (!m[1]) {
      open.push(name);
      if (open.length > max) max = open.length;
      if (max > stopAt) break;
      continue;
    }
    // Like the HTML parser: a closing tag closes its element and everything opened inside it; a stray one is ignored.
    const at = open.lastIndexOf(name);
    if (at !== -1) open.length = at;
  }
  return max;
}

/** The error for HTML nested beyond MAX_HTML_DEPTH. */
export function tooDeepHtml(source: AuditSource): Diagnostic {
  return error('too-deep', source.file, `HTML in this slide nests more than ${MAX_HTML_DEPTH} elements deep`, { line: source.line, column: 1 },
    'Flatten the HTML: close the tags you open, and nest only a few levels.');
}

/** Report what sanitizing will remove and collect local assets; rewrites asset URLs in place. */
export function auditHtml(nodes: readonly AnyNode[], source: AuditSource): Audit {
  const diagnostics: Diagnostic[] = [];
  const assets: AssetRef[] = [];
  const lower = source.markdown.toLowerCase();
  const lines = lower.split('\n');
  const starts: number[] = [];
  lines.reduce((offset, l) => (starts.push(offset), offset + l.length + 1), 0);
  const lineAt = (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  // The n-th <tag> element of the HTML is, as a rule, the n-th "<tag" written in the source; elements
  // that Markdown syntax produced (links, images) have none and are found by their attribute values.
  const nextTag = new Map<string, number>();
  const tagIndex = (tag: string): number => {
    const re = new RegExp(`<${tag.replace(/[^a-z0-9-]/g, '')}(?=[\\s/>]|$)`, 'g');
    re.lastIndex = nextTag.get(tag) ?? 0;
    const m = re.exec(lower);
    if (!m) return -1;
    nextTag.set(tag, m.index + 1);
    return lineAt(m.index);
  };
  let cursor = 0;
  /** The index of the first line holding `needle`, searching from the current element onwards, then from the top. */
  const find = (needle: string): number => {
    const n = needle.toLowerCase();
    if (!n) return -1;
    for (const start of [cursor, 0]) for (let i = start; i < lines.length; i++) if (lines[i]!.includes(n)) return i;
    return -1;
  };
  /** Where an attribute was written: on its tag's lines if it is there, else wherever its value is. */
  const attributeLine = (tagLine: number, name: string, value: string): number => {
    const needles = [`${name}=`, value.slice(0, 40), decodeUrl(value).slice(0, 40), name].map((n) => n.toLowerCase()).filter(Boolean);
    if (tagLine !== -1) {
      for (let i = tagLine; i < Math.min(tagLine + 4, lines.length); i++) if (needles.some((n) => lines[i]!.includes(n))) return i;
    }
    for (const needle of [value.slice(0, 40), decodeUrl(value).slice(0, 40), `${name}=`]) {
      const i = find(needle);
      if (i !== -1) return i;
    }
    return tagLine;
  };
  const at = (index: number) => ({ line: source.line + Math.max(index, 0) });

  const walk = (node: AnyNode): boolean => {
    if (!('attribs' in node)) return true;
    const el = node as Element;
    const tag = el.name.toLowerCase();
    const found = tagIndex(tag);
    if (found !== -1) cursor = found;
    if (!source.allowScripts) {
      const removed = auditTag(tag);
      if (removed) {
        diagnostics.push(report(removed, source.file, at(found === -1 ? cursor : found)));
        // The contents of scripts and embedded documents go with them; report only the outer tag.
        if (dropsContents(tag)) return false;
      }
      for (const [name, value] of Object.entries(el.attribs)) {
        const problem = removed ? undefined : auditAttribute(tag, name, value);
        if (!problem) continue;
        diagnostics.push(report(problem, source.file, at(attributeLine(found, name, value))));
        delete el.attribs[name];
      }
      if (removed) return true;
    }
    // Whatever loads a file: local files become assets, remote ones are reported, CSS-bound values are checked.
    for (const [name, value] of Object.entries(el.attribs)) {
      if (!hasReferences(name)) continue;
      let where: { line: number } | undefined;
      const position = () => (where ??= at(attributeLine(found, name, value)));
      const resolved = resolveReference(tag, name, value, { file: source.file, dir: source.dir, at: position, assets, diagnostics, allowScripts: source.allowScripts });
      if ('value' in resolved) {
        if (resolved.name !== name) delete el.attribs[name];
        el.attribs[resolved.name] = resolved.value;
      } else if (!source.allowScripts) {
        if ('removed' in resolved) diagnostics.push(report(resolved.removed, source.file, position()));
        delete el.attribs[name];
      }
    }
    return true;
  };

  // Depth-first in document order, without recursion.
  const stack: AnyNode[] = [...nodes].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    if (walk(node)) {
      const children = (node as Element).children;
      if (children) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
  return { diagnostics, assets };
}

function report(removal: { unsafe: boolean; message: string; hint: string }, file: string, at: { line: number }): Diagnostic {
  return warning(removal.unsafe ? 'unsafe-html' : 'unsupported-html', file, removal.message, at, removal.hint);
}
