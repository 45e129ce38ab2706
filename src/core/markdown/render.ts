/** Render slide Markdown to HTML: marked, reveal.js element comments, asset paths, sanitizing. */
import { escapeHtml } from '../escape.js';
import { createRequire } from 'node:module';
import { Marked } from 'marked';
import type { AnyNode, Element } from 'domhandler';
import { parseAttributes } from '../parse/slides.js';
import { MAX_HTML_DEPTH, sanitize } from './sanitize.js';
import type { RenderContext, RenderedHtml } from './types.js';

export type { RenderContext, RenderedHtml };
import { auditHtml, htmlDepth, htmlDepthEstimate, tooDeepHtml } from './audit.js';
import { nestingProblem, tooComplex } from '../limits.js';
import { renderPlain, renderPlainInline } from '../fast/render-plain.js';
import { primeMarked } from '../fast/marked-primer.js';
import { codeBlockHtml } from './code/block.js';
import { decodeMarkedText } from '../fast/html-text.js';

// A task list's checkbox has no label of its own: it is named by its state, so a screen reader says
// "Done, checkbox, checked" rather than an unnamed control (axe-core's `label` rule).
const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    checkbox: ({ checked }) => `<input ${checked ? 'checked="" ' : ''}disabled="" type="checkbox" aria-label="${checked ? 'Done' : 'Not done'}"> `,
    // Highlighted at build time, with reveal.js's line numbers and steps (code/block.ts). marked hands over
    // the info string with its references still encoded; the DOM pass and sanitizer check the result.
    code: ({ text, lang }) => codeBlockHtml(text, lang === undefined ? undefined : decodeMarkedText(lang) ?? lang),
  },
});

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

const ELEMENT_COMMENT = /^\s*\.element:\s*([\s\S]*?)\s*$/;

/** Ready marked for `markdownLength` characters of Markdown about to be rendered (see marked-primer.ts). */
export function prepareRendering(markdownLength: number): void {
  primeMarked(marked, markdownLength);
}

/** Render a block of Markdown. `line` is the file line the Markdown starts on. */
export function renderMarkdown(markdown: string, ctx: RenderContext, line: number): RenderedHtml {
  if (!markdown.trim()) return { html: '', hasHeading: false, assets: [], diagnostics: [] };
  const tooDeep = nestingProblem(markdown, ctx.file, line);
  if (tooDeep) return { html: '', hasHeading: false, assets: [], diagnostics: [tooDeep] };
  try {
    return renderPlain(marked, markdown, ctx, line) ?? renderMarkdownFull(markdown, ctx, line);
  } catch (cause) {
    // A stack overflow in marked or the DOM libraries is a property of the input, not a crash.
    if (cause instanceof RangeError) return { html: '', hasHeading: false, assets: [], diagnostics: [tooComplex(ctx.file, line)] };
    throw cause;
  }
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

function postProcess(raw: string, markdown: string, ctx: RenderContext, line: number): RenderedHtml {
  const { parseDocument, findOne, textContent, render, isTag } = dom();
  const source = { file: ctx.file, dir: ctx.dir, allowScripts: ctx.allowScripts, markdown, line };
  // Parsing is quadratic in the nesting and everything after it recurses over the DOM, so absurd
  // nesting stops here: first by a linear estimate, then by the exact depth.
  if (htmlDepthEstimate(raw, 2 * MAX_HTML_DEPTH) > 2 * MAX_HTML_DEPTH) return { html: '', hasHeading: false, assets: [], diagnostics: [tooDeepHtml(source)] };
  const doc = parseDocument(raw, { lowerCaseAttributeNames: false });
  if (htmlDepth(doc.children) > MAX_HTML_DEPTH) return { html: '', hasHeading: false, assets: [], diagnostics: [tooDeepHtml(source)] };

  applyElementComments(doc.children);
  const { diagnostics, assets } = auditHtml(doc.children, source);

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
