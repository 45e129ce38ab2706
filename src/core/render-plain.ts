/**
 * The fast path of rendering: Markdown with no raw HTML, whose links and images use plain URLs.
 *
 * marked's output for such Markdown holds only marked's own tags and attributes, every one of which
 * the sanitizer allows, so parsing it into a DOM, serializing it and sanitizing it again changes
 * nothing but spelling (`<br>` becomes `<br />`, `&#39;` becomes `'`). This module applies that
 * spelling directly to marked's output and returns undefined for anything outside that subset,
 * which then takes the full path (render.ts: DOM post-processing and sanitize-html).
 * tests/unit/render-plain.test.ts proves both paths give the same bytes.
 */
import type { Marked } from 'marked';
import type { Diagnostic } from './diagnostics.js';
import { useMedia, type AssetRef } from './assets.js';
import type { RenderContext, RenderedHtml } from './render.js';

/** The tags marked emits for core Markdown and GFM, with the attributes it gives each. */
const MARKED_TAGS: Record<string, readonly string[]> = {
  a: ['href', 'title'],
  img: ['src', 'alt', 'title'],
  code: ['class'],
  ol: ['start'],
  th: ['align'],
  td: ['align'],
  input: ['checked', 'disabled', 'type'],
  ...Object.fromEntries(
    ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'blockquote', 'ul', 'li', 'table', 'thead', 'tbody', 'tr', 'pre', 'em', 'strong', 'del', 'br', 'hr']
      .map((tag) => [tag, []]),
  ),
};
/** Written `<br />` by the sanitizer. */
const SELF_CLOSING = new Set(['img', 'br', 'hr', 'input']);
/** Attributes marked writes as `checked=""`; the sanitizer writes them bare. */
const BOOLEAN_ATTRIBUTES = new Set(['checked', 'disabled']);
/** Named references worth decoding here; any other one sends the Markdown down the full path. */
const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', mdash: '—', ndash: '–', hellip: '…', copy: '©',
  reg: '®', trade: '™', deg: '°', times: '×', middot: '·', bull: '•', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”',
  laquo: '«', raquo: '»', euro: '€', pound: '£', sect: '§', para: '¶', plusmn: '±', larr: '←', rarr: '→',
};
/** What respelling changes: a tag with attributes, `<br>` and `<hr>`, a character reference. */
const PART = /<([a-z][a-z0-9]*)((?: [a-z]+="[^"<>]*")+)>|<(br|hr)>|&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]*))?;?/g;
/** Anything but marked's own tags, well formed: another tag, a malformed one, a `<` or `>` outside a tag. */
const NAMES = Object.keys(MARKED_TAGS).join('|');
const FOREIGN = new RegExp(`<(?!/(?:${NAMES})>|(?:${NAMES})(?: [a-z]+="[^"<>]*")*>)|(?<!<[^<>]*)>`);
/** Container elements: more of these in one slide than this and the full path checks nesting. */
const CONTAINERS = /<(?:blockquote|ul|ol|li)[ >]/g;
const MAX_CONTAINERS = 60;
const ATTRIBUTE = / ([a-z]+)="([^"]*)"/g;
const REFERENCE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]*));|&/g;
const HEADING_TAG = /^<h[1-6]>/;
const HEADING_OPEN = /<h([1-6])>/;

/** Render Markdown on the fast path; undefined when it needs the full path. `line`: its first file line. */
export function renderPlain(marked: Marked, markdown: string, ctx: RenderContext, line: number): RenderedHtml | undefined {
  if (ctx.allowScripts || /[\u0000-\u0008\u000b-\u001f\u007f]/.test(markdown)) return undefined;
  const tokens = marked.lexer(markdown);
  // Every HTML rule of marked starts at a `<`: without one there can be no raw HTML token.
  if (markdown.includes('<')) {
    let plain = true;
    marked.walkTokens(tokens, (token) => {
      if (token.type === 'html' || token.type === 'tag') plain = false;
    });
    if (!plain) return undefined;
  }
  const diagnostics: Diagnostic[] = [];
  const assets: AssetRef[] = [];
  let lines: string[] | undefined;
  const lineOf = (needle: string) => {
    const index = needle ? (lines ??= markdown.split('\n')).findIndex((l) => l.includes(needle)) : -1;
    return index === -1 ? line : line + index;
  };
  const image = (src: string): string => useMedia(src, ctx.dir, ctx.file, () => ({ line: lineOf(src) }), assets, diagnostics);
  const out = respell(marked.parser(tokens), image);
  if (out === undefined) return undefined;
  return { html: out.html, ...(out.title ? { title: out.title } : {}), hasHeading: out.hasHeading, assets, diagnostics };
}

/** Render inline Markdown of an already HTML-escaped string on the fast path; undefined when it needs the full path. */
export function renderPlainInline(marked: Marked, escaped: string): string | undefined {
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(escaped)) return undefined;
  return respell(marked.parseInline(escaped) as string, (src) => src)?.html;
}

interface Respelled {
  html: string;
  title?: string;
  hasHeading: boolean;
}

/**
 * Rewrite marked's HTML in the sanitizer's spelling. `image` maps each image source to the one
 * to write. Undefined when the HTML holds anything but marked's own tags and plain URLs.
 *
 * Only tags with attributes, `<br>`, `<hr>` and character references change, so one regular
 * expression visits just those; text and plain tags are copied as they are (marked has escaped
 * every `<`, `>` and bare `&` in text, which the check for foreign markup confirms).
 */
function respell(raw: string, image: (src: string) => string): Respelled | undefined {
  if (FOREIGN.test(raw)) return undefined;
  // Deep nesting is for the full path to measure and report (render.ts, html-audit.ts).
  if ((raw.match(CONTAINERS)?.length ?? 0) > MAX_CONTAINERS) return undefined;
  let failed = false;
  const html = raw.replace(PART, (whole: string, tag: string | undefined, attributes: string | undefined, voidTag: string | undefined,
    dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (failed) return '';
    if (voidTag !== undefined) return `<${voidTag} />`;
    if (tag === undefined) {
      const decoded = reference(whole, dec, hex, name);
      if (decoded === undefined) failed = true;
      return decoded === undefined ? '' : escape(decoded);
    }
    const allowed = MARKED_TAGS[tag]!;
    let out = `<${tag}`;
    for (const [, attribute, value] of attributes!.matchAll(ATTRIBUTE)) {
      if (!allowed.includes(attribute!)) {
        failed = true;
        return '';
      }
      let decoded = decode(value!);
      if (decoded === undefined) {
        failed = true;
        return '';
      }
      if (attribute === 'href' || attribute === 'src') {
        if (!plainUrl(decoded, tag === 'a' ? LINK_SCHEMES : IMAGE_SCHEMES)) {
          failed = true;
          return '';
        }
        if (tag === 'img') decoded = image(decoded);
      }
      if (BOOLEAN_ATTRIBUTES.has(attribute!)) out += ` ${attribute}`;
      else if (decoded === '' && attribute !== 'alt') {
        failed = true;
        return '';
      } else out += ` ${attribute}="${escape(decoded).replace(/"/g, '&quot;')}"`;
    }
    return out + (SELF_CLOSING.has(tag) ? ' />' : '>');
  });
  if (failed) return undefined;
  // The first element is the first tag (marked writes no text outside elements); the title is the first heading's text.
  const start = raw.indexOf('<');
  const hasHeading = HEADING_TAG.test(raw.slice(start, start + 4));
  const open = HEADING_OPEN.exec(raw);
  let title: string | undefined;
  if (open) {
    const end = raw.indexOf(`</h${open[1]}>`, open.index);
    title = decode(raw.slice(open.index + open[0].length, end === -1 ? undefined : end).replace(/<[^>]*>/g, ''))?.trim();
  }
  return { html, ...(title ? { title } : {}), hasHeading };
}

const LINK_SCHEMES = /^(https?|mailto|tel):/i;
const IMAGE_SCHEMES = /^https?:/i;

/** A URL the sanitizer keeps unchanged: relative, or with one of `schemes`; nothing it would launder. */
function plainUrl(url: string, schemes: RegExp): boolean {
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(url) || url.startsWith('//')) return false;
  const scheme = /^[^/?#]*:/.exec(url);
  return !scheme || schemes.test(url);
}

/** Decode the character references marked writes (and common named ones); undefined for any other. */
function decode(text: string): string | undefined {
  if (!text.includes('&')) return text;
  let failed = false;
  const out = text.replace(REFERENCE, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    const c = reference(whole, dec, hex, name);
    if (c === undefined) failed = true;
    return c ?? whole;
  });
  return failed ? undefined : out;
}

/** The character a reference stands for; undefined for a bare `&`, a missing `;` or a reference not decoded here. */
function reference(whole: string, dec: string | undefined, hex: string | undefined, name: string | undefined): string | undefined {
  if (!whole.endsWith(';')) return undefined;
  if (name !== undefined) return NAMED[name];
  if (dec === undefined && hex === undefined) return undefined;
  const code = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
  // Only code points that every HTML decoder maps to themselves (no C1 remapping, no surrogates).
  if (!((code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code < 0xd800) || (code >= 0xe000 && code <= 0x10ffff))) return undefined;
  return String.fromCodePoint(code);
}

/** The sanitizer's escaping of text: `&`, `<` and `>`. */
function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
