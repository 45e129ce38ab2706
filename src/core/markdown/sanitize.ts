/**
 * The HTML policy of a deck: what raw HTML in a section may contain. sanitize-html enforces it;
 * `auditTag` and `auditAttribute` describe the same policy so the render stage can say what it removed.
 */
import { createRequire } from 'node:module';
import type SanitizeHtml from 'sanitize-html';
import { scanValue } from '../css/references.js';
import { tokenize } from '../css/tokens.js';

// Loaded on first use: sanitize-html, with the CSS parser it brings, is the slowest module a build
// would load, and Markdown without raw HTML never reaches it (render-plain.ts).
const require = createRequire(import.meta.url);
let sanitizeHtmlModule: typeof SanitizeHtml | undefined;
const sanitizeHtml = (): typeof SanitizeHtml => (sanitizeHtmlModule ??= require('sanitize-html') as typeof SanitizeHtml);
let policy: { tags: Set<string>; options: SanitizeHtml.IOptions } | undefined;
const POLICY = () => (policy ??= { tags: new Set(ALLOWED_TAGS()), options: OPTIONS() });

/** Why something was removed, in the user's words. `unsafe` means it could run script or reach out. */
export interface Removal {
  unsafe: boolean;
  message: string;
  hint: string;
}

const SVG_TAGS = [
  'svg', 'g', 'path', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'rect', 'text', 'tspan', 'title', 'desc',
  'defs', 'lineargradient', 'radialgradient', 'stop', 'clippath', 'mask', 'pattern', 'marker', 'symbol', 'use',
];
/** SVG attribute names are case-sensitive (`viewBox`); every other attribute name is lower-cased. */
const SVG_CAMEL_CASE = ['viewBox', 'gradientUnits', 'preserveAspectRatio', 'patternUnits', 'clipPathUnits', 'markerWidth', 'markerHeight', 'refX', 'refY'];
const SVG_ATTRIBUTES = [
  ...SVG_CAMEL_CASE, 'xmlns', 'd', 'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity',
  'stroke-linecap', 'stroke-linejoin', 'stroke-dasharray', 'opacity', 'transform', 'x', 'y', 'x1', 'y1', 'x2', 'y2',
  'cx', 'cy', 'r', 'rx', 'ry', 'points', 'text-anchor', 'dominant-baseline', 'font-size', 'font-weight', 'font-family',
  'offset', 'stop-color', 'stop-opacity', 'clip-path', 'marker-end', 'marker-start', 'vector-effect', 'dx', 'dy', 'focusable',
];

const ALLOWED_TAGS = () => [
  ...sanitizeHtml().defaults.allowedTags,
  'img', 'picture', 'source', 'video', 'audio', 'track', 'details', 'summary', 'del', 'ins', 's', 'input', 'center', 'font',
  ...SVG_TAGS,
];

const GLOBAL_ATTRIBUTES = ['class', 'id', 'style', 'title', 'lang', 'dir', 'role', 'aria-*', 'data-*', 'align', 'width', 'height', 'hidden', ...SVG_ATTRIBUTES];
const TAG_ATTRIBUTES: Record<string, string[]> = {
  a: ['href', 'name', 'target', 'rel'],
  img: ['src', 'srcset', 'alt', 'loading', 'decoding'],
  source: ['src', 'srcset', 'type', 'media'],
  video: ['src', 'poster', 'controls', 'autoplay', 'loop', 'muted', 'playsinline', 'preload'],
  audio: ['src', 'controls', 'autoplay', 'loop', 'muted', 'preload'],
  track: ['src', 'kind', 'srclang', 'label', 'default'],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan', 'scope'],
  ol: ['start', 'type', 'reversed'],
  input: ['type', 'checked', 'disabled', 'aria-label'],
  code: ['class'],
  time: ['datetime'],
  details: ['open'],
  font: ['color', 'size', 'face'],
};

/** Attributes holding a URL; their scheme must be allowed. */
const URL_ATTRIBUTES = [
  'href', 'src', 'cite', 'poster', 'action', 'xlink:href', 'data-src', 'data-background-image', 'data-background-video',
  'data-preview-link', 'data-preview-image', 'data-preview-video',
];
const SCHEMES = ['http', 'https', 'mailto', 'tel'];
const SCHEMES_BY_TAG: Record<string, string[]> = { img: ['http', 'https', 'data'], source: ['http', 'https', 'data'] };

/**
 * reveal.js reads these data attributes in ways that run code: `data-notes` is inserted as HTML into
 * the speaker view, `data-background-iframe` embeds a page, `data-markdown` re-parses notes as Markdown.
 */
const SCRIPTED_DATA = /^data-(notes|markdown|background-iframe|separator(-.*)?|charset|template)$/;

/** Nesting deeper than this is cut off by the sanitizer; the render stage reports it before that. */
export const MAX_HTML_DEPTH = 200;

const NON_TEXT_TAGS = ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'template', 'xmp', 'noembed', 'noframes', 'math'];

const OPTIONS = (): SanitizeHtml.IOptions => ({
  allowedTags: ALLOWED_TAGS(),
  allowedAttributes: { '*': GLOBAL_ATTRIBUTES, ...TAG_ATTRIBUTES },
  allowedSchemes: SCHEMES,
  allowedSchemesByTag: SCHEMES_BY_TAG,
  allowedSchemesAppliedToAttributes: URL_ATTRIBUTES,
  allowProtocolRelative: false,
  // Keep the text of unsupported-but-harmless tags; drop script-bearing ones with everything inside.
  disallowedTagsMode: 'discard',
  nonTextTags: NON_TEXT_TAGS,
  nestingLimit: MAX_HTML_DEPTH,
  parser: { lowerCaseAttributeNames: false },
  transformTags: {
    '*': (tagName, attribs) => ({ tagName, attribs: cleanAttributes(attribs) }),
  },
});

/** Sanitize rendered HTML. Scripts, event handlers, script URLs and remote CSS are removed. */
export function sanitize(html: string): string {
  return sanitizeHtml()(html, POLICY().options);
}

/** Attribute names as the browser will see them: lower case, except SVG's camel-case names. */
function attributeName(name: string): string {
  const lower = name.toLowerCase();
  return SVG_CAMEL_CASE.find((n) => n.toLowerCase() === lower) ?? lower;
}

function cleanAttributes(attribs: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [raw, value] of Object.entries(attribs)) {
    const name = attributeName(raw);
    if (SCRIPTED_DATA.test(name)) continue;
    if (name === 'style' && unsafeStyle(value)) continue;
    out[name] = value;
  }
  return out;
}

const TAG_REASONS: [RegExp, string, string][] = [
  [/^script$/, 'scripts do not run in a deck', 'Remove it, or set `allowScripts: true` in index.md if this deck must run scripts.'],
  [/^(iframe|frame|frameset|object|embed|applet|portal|fencedframe|noembed|noframes)$/, 'embedded pages and plugins do not run in a deck',
    'Link to the page instead, or set `allowScripts: true` in index.md.'],
  [/^(base|meta|link)$/, 'it could redirect the deck or change where it loads files from', 'Remove it.'],
  [/^(form|button|select|textarea|option|keygen)$/, 'forms could send what the audience types', 'Remove it; a deck has no forms.'],
  [/^style$/, 'a style element could load remote CSS and restyle the whole deck',
    'Use `class` or `style` attributes, or a theme CSS file (`theme:` in index.md).'],
  [/^(math|foreignobject|animate|animatemotion|animatetransform|set|image|feimage|handler|listener|template|noscript|xmp|plaintext)$/,
    'it can smuggle script past the sanitizer', 'Remove it; inline SVG may use shapes, text and gradients.'],
];

/** Why a tag is removed, or undefined when it is allowed. */
export function auditTag(tag: string): Removal | undefined {
  const name = tag.toLowerCase();
  if (POLICY().tags.has(name)) return undefined;
  for (const [pattern, why, hint] of TAG_REASONS) {
    if (pattern.test(name)) return { unsafe: true, message: `<${name}> removed: ${why}`, hint };
  }
  return { unsafe: false, message: `<${name}> removed (its text is kept): the tag is not supported in slides`, hint: 'Use div, span, p, table or inline SVG instead.' };
}

/** Whether the contents of a removed tag are dropped too (scripts, embedded documents). */
export function dropsContents(tag: string): boolean {
  return NON_TEXT_TAGS.includes(tag.toLowerCase());
}

/** Why an attribute of an allowed tag is removed, or undefined when it is kept. */
export function auditAttribute(tag: string, rawName: string, value: string): Removal | undefined {
  const name = attributeName(rawName);
  if (/^on/.test(name)) {
    return { unsafe: true, message: `\`${name}\` event handler removed from <${tag}>`, hint: 'Event handlers do not run in a deck; remove the attribute.' };
  }
  if (SCRIPTED_DATA.test(name)) {
    return { unsafe: true, message: `\`${name}\` removed from <${tag}>: reveal.js would run it as HTML or an embedded page`, hint: 'Use `Note:` for speaker notes; embedded pages need `allowScripts: true`.' };
  }
  if (!attributeAllowed(tag, name)) {
    const scripted = ['srcdoc', 'formaction', 'xlink:href', 'action', 'href', 'src'].includes(name) || scriptScheme(value);
    return scripted
      ? { unsafe: true, message: `\`${name}\` removed from <${tag}>: it could load or run code`, hint: 'Remove the attribute.' }
      : { unsafe: false, message: `\`${name}\` removed from <${tag}>: the attribute is not supported`, hint: 'Use class, style, id or data-* attributes.' };
  }
  if (URL_ATTRIBUTES.includes(name) && disallowedScheme(value, SCHEMES_BY_TAG[tag] ?? SCHEMES)) {
    return { unsafe: true, message: `\`${schemeOf(value) ?? '//'}\` URL removed from <${tag} ${name}>`, hint: 'Use an http(s) link or a file inside the briefing folder.' };
  }
  if (name === 'srcset' && value.split(',').some((c) => disallowedScheme(c.trim().split(/\s+/)[0] ?? '', SCHEMES_BY_TAG[tag] ?? SCHEMES))) {
    return { unsafe: true, message: `script URL removed from <${tag} srcset>`, hint: 'Use files inside the briefing folder.' };
  }
  return undefined;
}

/**
 * Why a slide attribute (`<!-- .slide: ... -->`, front-matter `background:`) is removed, or undefined.
 * Slide attributes bypass the sanitizer, so this check is the whole policy for them.
 */
export function auditSlideAttribute(rawName: string, value: string): Removal | undefined {
  const name = rawName.toLowerCase();
  if (!/^(class|id|style|data-[a-z0-9-]+)$/.test(name)) {
    return {
      unsafe: /^on/.test(name),
      message: `Slide attribute \`${rawName}\` removed`,
      hint: 'Slides accept class, id, style and data-* attributes.',
    };
  }
  if (SCRIPTED_DATA.test(name)) {
    return { unsafe: true, message: `Slide attribute \`${name}\` removed: reveal.js would run it as HTML or an embedded page`, hint: 'Use `Note:` for speaker notes; embedded pages need `allowScripts: true` in index.md.' };
  }
  if ((URL_ATTRIBUTES.includes(name) || name === 'data-background') && disallowedScheme(value, ['http', 'https', 'data']) ) {
    return { unsafe: true, message: `Slide attribute \`${name}\` removed: \`${schemeOf(value) ?? '//'}\` URLs are not allowed`, hint: 'Use a file inside the briefing folder.' };
  }
  if ((URL_ATTRIBUTES.includes(name) || name === 'data-background') && schemeOf(value) === 'data' && !/^data:image\//i.test(cleanUrl(value))) {
    return { unsafe: true, message: `Slide attribute \`${name}\` removed: only data:image URLs are allowed`, hint: 'Use a file inside the briefing folder.' };
  }
  return undefined;
}

function attributeAllowed(tag: string, name: string): boolean {
  const allowed = [...GLOBAL_ATTRIBUTES, ...(TAG_ATTRIBUTES[tag] ?? [])];
  return allowed.some((a) => (a.endsWith('*') ? name.startsWith(a.slice(0, -1)) : a === name));
}

/** Browsers ignore control characters, spaces and HTML comments inside URLs; so must a scheme check. */
function cleanUrl(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\x00-\x20]+/g, '').replace(/<!--[\s\S]*?-->/g, '');
}

function schemeOf(value: string): string | undefined {
  return /^([a-zA-Z][a-zA-Z0-9.+-]*):/.exec(cleanUrl(value))?.[1]?.toLowerCase();
}

function disallowedScheme(value: string, allowed: readonly string[]): boolean {
  const scheme = schemeOf(value);
  if (scheme === undefined) return /^[/\\]{2}/.test(cleanUrl(value));
  return !allowed.includes(scheme);
}

function scriptScheme(value: string): boolean {
  return /^(javascript|vbscript|data|livescript)$/.test(schemeOf(value) ?? '');
}

/**
 * The sanitizer's last look at a `style` attribute, after the audit resolved it (references.ts): anything
 * that loads must be a file the deck carries (`media/…`), a fragment or inline data, and nothing may bind script.
 */
function unsafeStyle(css: string): boolean {
  const scan = scanValue(css);
  if (scan.unsafe) return true;
  if (scan.references.some((r) => !/^(#|data:image\/|media\/(?!.*(^|\/)\.\.?(\/|$)))/i.test(r.url.trim()) || /\\/.test(r.url))) return true;
  return tokenize(css).some((t) => t.type === 'at-keyword' || (t.type === 'ident' && (t.value.toLowerCase() === 'behavior' || t.value.toLowerCase() === '-moz-binding')));
}
