/**
 * The fast path of rendering: Markdown with no raw HTML, whose links and images use plain URLs.
 *
 * For such Markdown, sanitizing marked's HTML changes nothing but spelling (`<br>` becomes `<br />`,
 * `&#39;` becomes `'`, references are decoded). So instead of writing HTML and then parsing,
 * serializing and sanitizing it, a renderer of our own writes the sanitizer's spelling directly from
 * marked's tokens. It declines (renderPlain returns undefined) at anything outside that subset: raw
 * HTML, a URL the sanitizer would change, an unknown character reference, deep nesting. The full path
 * (render.ts: DOM post-processing and sanitize-html) then renders the Markdown.
 *
 * Safe by construction: every method of marked's renderer is replaced here, so the output holds only
 * the tags below and text escaped by html-text.ts. tests/unit/render-plain.test.ts proves that both
 * paths give the same bytes.
 */
import { Lexer, Parser, Renderer, type Marked, type MarkedOptions, type Tokens } from 'marked';
import type { Diagnostic } from '../diagnostics.js';
import { useMedia, type AssetRef } from '../assets.js';
import { decode, decodeMarkedText, escapeAttribute, escapeText, IMAGE_SCHEMES, LINK_SCHEMES, markedUrl, plainUrl, sanitizedText } from './html-text.js';
import type { RenderContext, RenderedHtml } from '../markdown/types.js';
import { proseHtml } from './render-prose.js';
import { codeBlockHtml } from '../markdown/code/block.js';

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;
/** Container elements: more of these in one slide than this and the full path checks nesting. */
const MAX_CONTAINERS = 60;

/** Thrown by the renderer where the full path must decide; never escapes this module. */
const DECLINE = new Error('not plain Markdown');

function text(value: string): string {
  const out = sanitizedText(value);
  if (out === undefined) throw DECLINE;
  return out;
}

/** An attribute value as marked writes it (escape() without encoding), respelled; empty only where allowed. */
function attribute(value: string, emptyAllowed = false): string {
  const decoded = decodeMarkedText(value);
  if (decoded === undefined || (decoded === '' && !emptyAllowed)) throw DECLINE;
  return decoded;
}

/** marked's renderer (marked.esm.js, class `_Renderer`), method for method, in the sanitizer's spelling. */
export class PlainRenderer extends Renderer<string, string> {
  private containers = 0;
  private media: (src: string) => string = (src) => src;

  /** Reset for the next piece of Markdown; `media` maps each image source to the one to write. */
  start(media: (src: string) => string): void {
    this.containers = 0;
    this.media = media;
  }

  private container(): void {
    if (++this.containers > MAX_CONTAINERS) throw DECLINE;
  }

  override space(): string {
    return '';
  }
  override code({ text: code, lang, escaped }: Tokens.Code): string {
    if (escaped) throw DECLINE;
    return codeBlockHtml(code, lang === undefined ? undefined : attribute(lang, true));
  }
  override blockquote({ tokens }: Tokens.Blockquote): string {
    this.container();
    return `<blockquote>\n${this.parser.parse(tokens)}</blockquote>\n`;
  }
  override html(): string {
    throw DECLINE;
  }
  override def(): string {
    return '';
  }
  override heading({ tokens, depth }: Tokens.Heading): string {
    return `<h${depth}>${this.parser.parseInline(tokens)}</h${depth}>\n`;
  }
  override hr(): string {
    return '<hr />\n';
  }
  override list(token: Tokens.List): string {
    this.container();
    let body = '';
    for (const item of token.items) body += this.listitem(item);
    const tag = token.ordered ? 'ol' : 'ul';
    const start = token.ordered && token.start !== 1 ? ` start="${escapeAttribute(attribute(String(token.start)))}"` : '';
    return `<${tag}${start}>\n${body}</${tag}>\n`;
  }
  override listitem(item: Tokens.ListItem): string {
    this.container();
    return `<li>${this.parser.parse(item.tokens)}</li>\n`;
  }
  override checkbox({ checked }: Tokens.Checkbox): string {
    return `<input ${checked ? 'checked ' : ''}disabled type="checkbox" aria-label="${checked ? 'Done' : 'Not done'}" /> `;
  }
  override paragraph({ tokens }: Tokens.Paragraph): string {
    return `<p>${this.parser.parseInline(tokens)}</p>\n`;
  }
  override table(token: Tokens.Table): string {
    let header = '';
    for (const cell of token.header) header += this.tablecell(cell);
    let body = '';
    for (const row of token.rows) {
      let cells = '';
      for (const cell of row) cells += this.tablecell(cell);
      body += this.tablerow({ text: cells });
    }
    return `<table>\n<thead>\n${this.tablerow({ text: header })}</thead>\n${body ? `<tbody>${body}</tbody>` : ''}</table>\n`;
  }
  override tablerow({ text: cells }: Tokens.TableRow<string>): string {
    return `<tr>\n${cells}</tr>\n`;
  }
  override tablecell(cell: Tokens.TableCell): string {
    const tag = cell.header ? 'th' : 'td';
    const open = cell.align ? `<${tag} align="${escapeAttribute(attribute(cell.align))}">` : `<${tag}>`;
    return `${open}${this.parser.parseInline(cell.tokens)}</${tag}>\n`;
  }
  override strong({ tokens }: Tokens.Strong): string {
    return `<strong>${this.parser.parseInline(tokens)}</strong>`;
  }
  override em({ tokens }: Tokens.Em): string {
    return `<em>${this.parser.parseInline(tokens)}</em>`;
  }
  override codespan({ text: code }: Tokens.Codespan): string {
    return `<code>${escapeText(code)}</code>`;
  }
  override br(): string {
    return '<br />';
  }
  override del({ tokens }: Tokens.Del): string {
    return `<del>${this.parser.parseInline(tokens)}</del>`;
  }
  override link({ href, title, text: label, tokens, autolink }: Tokens.Link): string {
    const inner = autolink ? escapeText(label) : this.parser.parseInline(tokens);
    const cleaned = markedUrl(href);
    if (cleaned === null) return inner;
    // An autolink's URL is written fully encoded, so it decodes to itself.
    const url = autolink ? cleaned : attribute(cleaned);
    if (url === '' || !plainUrl(url, LINK_SCHEMES)) throw DECLINE;
    const titled = title ? ` title="${escapeAttribute(attribute(title))}"` : '';
    return `<a href="${escapeAttribute(url)}"${titled}>${inner}</a>`;
  }
  override image({ href, title, text: alt, tokens }: Tokens.Image): string {
    const label = tokens ? this.parser.parseInline(tokens, this.parser.textRenderer) : alt;
    const cleaned = markedUrl(href);
    if (cleaned === null) return text(label);
    const src = attribute(cleaned);
    if (!plainUrl(src, IMAGE_SCHEMES)) throw DECLINE;
    const titled = title ? ` title="${escapeAttribute(attribute(title))}"` : '';
    return `<img src="${escapeAttribute(this.media(src))}" alt="${escapeAttribute(attribute(label, true))}"${titled} />`;
  }
  override text(token: Tokens.Text | Tokens.Escape): string {
    if ('tokens' in token && token.tokens) return this.parser.parseInline(token.tokens);
    if ('escaped' in token && token.escaped) throw DECLINE;
    return text(token.text);
  }
}

/** One parser and renderer per marked instance, reused: rendering is synchronous and never re-entered. */
const parsers = new WeakMap<Marked, { parser: Parser<string, string>; renderer: PlainRenderer }>();

function parse(marked: Marked, media: (src: string) => string, tokens: Tokens.Generic[], inline: boolean): string | undefined {
  let entry = parsers.get(marked);
  if (!entry) {
    const renderer = new PlainRenderer();
    entry = { parser: new Parser({ ...(marked.defaults as MarkedOptions<string, string>), renderer }), renderer };
    parsers.set(marked, entry);
  }
  entry.renderer.start(media);
  try {
    return inline ? entry.parser.parseInline(tokens) : entry.parser.parse(tokens);
  } catch (cause) {
    if (cause === DECLINE) return undefined;
    throw cause;
  }
}

const HEADING_OPEN = /<h([1-6])>/;

/** Render Markdown on the fast path; undefined when it needs the full path. `line`: its first file line. */
export function renderPlain(marked: Marked, markdown: string, ctx: RenderContext, line: number): RenderedHtml | undefined {
  if (ctx.allowScripts || CONTROL.test(markdown)) return undefined;
  const prose = proseHtml(markdown);
  if (prose !== undefined) return { html: prose, hasHeading: false, assets: [], diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const assets: AssetRef[] = [];
  let lines: string[] | undefined;
  const lineOf = (needle: string) => {
    const index = needle ? (lines ??= markdown.split('\n')).findIndex((l) => l.includes(needle)) : -1;
    return index === -1 ? line : line + index;
  };
  const media = (src: string): string => useMedia(src, ctx.dir, ctx.file, () => ({ line: lineOf(src) }), assets, diagnostics);
  const html = parse(marked, media, marked.lexer(markdown), false);
  if (html === undefined) return undefined;
  // The first element is the first tag (nothing is written outside elements); the title is the first heading's text.
  const start = html.indexOf('<');
  const hasHeading = start !== -1 && /^<h[1-6]>/.test(html.slice(start, start + 4));
  const open = HEADING_OPEN.exec(html);
  let title: string | undefined;
  if (open) {
    const end = html.indexOf(`</h${open[1]}>`, open.index);
    title = decode(html.slice(open.index + open[0].length, end).replace(/<[^>]*>/g, ''))?.trim();
  }
  const out: RenderedHtml = { html, hasHeading, assets, diagnostics };
  if (title) out.title = title;
  return out;
}

/** Render inline Markdown of an already HTML-escaped string on the fast path; undefined when it needs the full path. */
export function renderPlainInline(marked: Marked, escaped: string): string | undefined {
  if (CONTROL.test(escaped)) return undefined;
  return parse(marked, (src) => src, Lexer.lexInline(escaped, marked.defaults), true);
}
