/** Render slide Markdown to HTML: marked, reveal.js element comments, asset paths, sanitizing. */
import { createRequire } from 'node:module';
import { Marked } from 'marked';
import type { AnyNode, Element } from 'domhandler';
import { warning, type Diagnostic } from './diagnostics.js';
import { parseAttributes } from './slides.js';
import { sanitize } from './sanitize.js';
import { resolveAsset, type AssetRef } from './assets.js';
import { renderPlain, renderPlainInline } from './render-plain.js';

const marked = new Marked({ gfm: true, breaks: false, async: false });

// The DOM libraries are loaded on first use: Markdown without raw HTML takes the fast path
// (render-plain.ts) and never needs them, and loading them costs more than rendering a small deck.
const require = createRequire(import.meta.url);
let domLibraries: DomLibraries | undefined;
type DomLibraries = Pick<typeof import('htmlparser2'), 'parseDocument'> &
  Pick<typeof import('domutils'), 'textContent' | 'findAll' | 'findOne'> &
  Pick<typeof import('domhandler'), 'isComment' | 'isTag'> & { render: typeof import('dom-serializer').default };
function dom(): DomLibraries {
  if (!domLibraries) {
    const { parseDocument } = require('htmlparser2') as typeof import('htmlparser2');
    const { textContent, findAll, findOne } = require('domutils') as typeof import('domutils');
    const { isComment, isTag } = require('domhandler') as typeof import('domhandler');
    const render = (require('dom-serializer') as typeof import('dom-serializer')).default;
    domLibraries = { parseDocument, textContent, findAll, findOne, isComment, isTag, render };
  }
  return domLibraries;
}

/** What rendering needs to know about where the Markdown came from. */
export interface RenderContext {
  /** File name for diagnostics. */
  file: string;
  /** Folder of the section, relative to the briefing root ('' for the root), POSIX separators. */
  dir: string;
  /** Deck opted in to scripts: skip sanitizing. */
  allowScripts: boolean;
}

export interface RenderedHtml {
  html: string;
  /** Text of the first heading, if any. */
  title?: string;
  /** Whether the content opens with a heading (layouts then skip the section title). */
  hasHeading: boolean;
  assets: AssetRef[];
  diagnostics: Diagnostic[];
}

const URL_ATTRIBUTES = ['src', 'href', 'poster', 'data-src', 'data-background-image', 'data-background-video'];
const ELEMENT_COMMENT = /^\s*\.element:\s*([\s\S]*?)\s*$/;
const UNSAFE_TAGS = new Set(['script', 'iframe', 'object', 'embed', 'frame', 'frameset', 'base', 'meta', 'link', 'form']);

/** Render a block of Markdown. `line` is the file line the Markdown starts on. */
export function renderMarkdown(markdown: string, ctx: RenderContext, line: number): RenderedHtml {
  if (!markdown.trim()) return { html: '', hasHeading: false, assets: [], diagnostics: [] };
  return renderPlain(marked, markdown, ctx, line) ?? renderMarkdownFull(markdown, ctx, line);
}

/** The full path: marked, then DOM post-processing and sanitizing. Exported so tests can compare it with the fast path. */
export function renderMarkdownFull(markdown: string, ctx: RenderContext, line: number): RenderedHtml {
  if (!markdown.trim()) return { html: '', hasHeading: false, assets: [], diagnostics: [] };
  const raw = marked.parse(markdown) as string;
  return postProcess(raw, markdown, ctx, line);
}

/**
 * Render a front-matter string: HTML in it is escaped, then inline Markdown (bold, italics, code,
 * links) is applied, so a title can never inject markup.
 */
export function renderInline(text: string): string {
  const escaped = escapeHtml(text);
  return renderPlainInline(marked, escaped) ?? sanitize(marked.parseInline(escaped) as string);
}

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function postProcess(raw: string, markdown: string, ctx: RenderContext, line: number): RenderedHtml {
  const { parseDocument, findAll, findOne, textContent, render, isTag } = dom();
  const doc = parseDocument(raw, { lowerCaseAttributeNames: false });
  const diagnostics: Diagnostic[] = [];
  const assets: AssetRef[] = [];
  const lineOf = (needle: string) => {
    const index = needle ? markdown.split('\n').findIndex((l) => l.includes(needle)) : -1;
    return index === -1 ? line : line + index;
  };

  applyElementComments(doc.children);

  for (const el of findAll(() => true, doc.children)) {
    const tag = el.name.toLowerCase();
    if (!ctx.allowScripts && UNSAFE_TAGS.has(tag)) {
      diagnostics.push(
        warning('unsafe-html', ctx.file, `<${tag}> removed: scripts and embedded pages do not run in a deck`, { line: lineOf(`<${tag}`) },
          'Remove it, or set `allowScripts: true` in index.md if this deck must run scripts.'),
      );
    }
    for (const name of Object.keys(el.attribs)) {
      const value = el.attribs[name] ?? '';
      if (!ctx.allowScripts && /^on/i.test(name)) {
        diagnostics.push(
          warning('unsafe-html', ctx.file, `\`${name}\` event handler removed from <${tag}>`, { line: lineOf(name) },
            'Event handlers do not run in a deck; remove the attribute.'),
        );
        continue;
      }
      if (!URL_ATTRIBUTES.includes(name) || (name === 'href' && tag !== 'a' && tag !== 'link')) continue;
      if (!ctx.allowScripts && /^\s*(javascript|vbscript|data:text\/html)/i.test(value.replace(/[\u0000-\u001f\s]+/g, ''))) {
        diagnostics.push(
          warning('unsafe-html', ctx.file, `script URL removed from <${tag} ${name}>`, { line: lineOf(value.slice(0, 20)) },
            'Use an http(s) link or a file inside the briefing folder.'),
        );
        continue;
      }
      // Links to web pages stay links; only embedded media must be local for the deck to work offline.
      if (tag === 'a' && name === 'href') continue;
      const resolved = resolveAsset(value, ctx.dir);
      if (resolved.kind === 'local') {
        assets.push({ path: resolved.path, file: ctx.file, line: lineOf(value) });
        el.attribs[name] = resolved.href;
      } else if (resolved.kind === 'escape') {
        assets.push({ path: resolved.path, file: ctx.file, line: lineOf(value), escapes: true });
      } else if (resolved.kind === 'remote') {
        diagnostics.push(
          warning('remote-asset', ctx.file, `${value} is loaded from the network, so the deck will not show it offline`, { line: lineOf(value) },
            'Download the file into the briefing folder and reference it by a relative path.'),
        );
      }
    }
  }

  const first = doc.children.find((n): n is Element => isTag(n));
  const heading = findOne((el) => /^h[1-6]$/.test(el.name), doc.children, true);
  const serialized = render(doc.children, { encodeEntities: 'utf8', decodeEntities: true });
  const title = heading ? textContent(heading).trim() : undefined;
  return {
    html: ctx.allowScripts ? serialized : sanitize(serialized),
    ...(title ? { title } : {}),
    hasHeading: !!first && /^h[1-6]$/.test(first.name),
    assets,
    diagnostics,
  };
}

/**
 * reveal.js applies `<!-- .element: ... -->` to the element before the comment, or to its
 * parent when the comment follows text. We do it at build time so the deck needs no Markdown plugin.
 */
function applyElementComments(nodes: AnyNode[]): void {
  const { isComment, isTag } = dom();
  for (const node of nodes) {
    if (isComment(node)) {
      const match = ELEMENT_COMMENT.exec(node.data);
      if (!match) continue;
      let target: Element | null = null;
      for (let prev = node.prev; prev; prev = prev.prev) {
        if (isTag(prev)) {
          target = prev;
          break;
        }
        if (prev.type === 'text' && (prev as { data: string }).data.trim()) break;
      }
      target ??= node.parent && isTag(node.parent) ? node.parent : null;
      if (target) {
        for (const { name, value } of parseAttributes(match[1]!)) {
          target.attribs[name] = name === 'class' && target.attribs.class ? `${target.attribs.class} ${value}` : value;
        }
      }
    } else if ('children' in node) {
      applyElementComments((node as Element).children);
    }
  }
}
