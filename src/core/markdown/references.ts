/**
 * Every attribute through which a slide loads something, resolved: images, media, `srcset`, preview images,
 * reveal.js backgrounds, `style` and SVG paint references. Local files become assets with their deck URLs,
 * remote URLs are reported (`remote-asset`), and values reveal.js would paste into CSS are checked against
 * their grammar. Shared by raw HTML (audit.ts) and slide attributes (section.ts). Pure.
 */
import type { Diagnostic, Position } from '../diagnostics.js';
import { useMedia, type AssetRef } from '../assets.js';
import { isCssColour } from '../colour.js';
import { cleanDeclarations } from '../css/clean.js';
import { EASING_HINT, isEasing, isGradient, isPlainImageData, isSeconds } from '../css/grammar.js';
import { scanValue } from '../css/references.js';
import { parseSrcset, writeSrcset } from './srcset.js';
import type { Removal } from './sanitize.js';

/** Where an attribute was written, and where its assets and messages go. */
export interface ReferenceContext {
  file: string;
  dir: string;
  at: () => Position;
  assets: AssetRef[];
  diagnostics: Diagnostic[];
  /** `allowScripts: true`: resolve and report, but remove nothing. */
  allowScripts: boolean;
}

/**
 * What to do with an attribute: keep it (perhaps under another name, with a rewritten value), remove it and
 * say why, or drop it silently (a `style` whose every declaration was removed, each with its own message).
 */
export type Resolution = { name: string; value: string } | { removed: Removal } | { dropped: true };

/** Whether resolveReference has anything to say about an attribute of this name. */
export function hasReferences(name: string): boolean {
  return SINGLE_MEDIA.has(name) || SVG_REFERENCES.has(name) || name === 'srcset' || name === 'style' || name.startsWith('data-background') || name.startsWith('data-auto-animate-');
}

/** Attributes holding one media URL. */
const SINGLE_MEDIA = new Set(['src', 'poster', 'data-src', 'data-preview-image', 'data-preview-video']);
/** SVG attributes that may name a paint server, clip path, marker, mask or filter: only `url(#id)` inside the page. */
const SVG_REFERENCES = new Set(['fill', 'stroke', 'clip-path', 'marker-end', 'marker-start', 'marker-mid', 'mask', 'filter', 'cursor']);

/** reveal.js's own test for "this `data-background` is an image" (backgrounds.js). */
const REVEAL_IMAGE = /^(http|file|\/\/)|\.(svg|png|jpg|jpeg|gif|bmp|webp)([?#\s]|$)/i;

/** Resolve one attribute of an element (`tag`) or of a slide (`tag` = 'section'). */
export function resolveReference(tag: string, name: string, value: string, ctx: ReferenceContext): Resolution {
  const media = (url: string) => useMedia(url, ctx.dir, ctx.file, ctx.at, ctx.assets, ctx.diagnostics);
  if (SINGLE_MEDIA.has(name)) return value.trim() ? { name, value: media(value) } : { name, value };
  if (name === 'srcset') return { name, value: writeSrcset(parseSrcset(value).map((c) => ({ ...c, url: media(c.url) }))) };
  if (name === 'style') {
    const cleaned = cleanDeclarations(value, { file: ctx.file, dir: ctx.dir, line: ctx.at().line ?? 1, unsafeRule: 'unsafe-html', keepAll: ctx.allowScripts });
    ctx.assets.push(...cleaned.assets);
    ctx.diagnostics.push(...cleaned.diagnostics);
    return cleaned.css ? { name, value: cleaned.css } : { dropped: true };
  }
  if (SVG_REFERENCES.has(name) && tag !== 'section') {
    const scan = scanValue(value);
    if (scan.unsafe || scan.references.some((r) => !r.url.trim().startsWith('#'))) {
      return removed(name, tag, `it may only point at an element of the same SVG, as \`url(#id)\``, 'Define the gradient, clip path or marker in the SVG and use url(#its-id).');
    }
    return { name, value };
  }
  return revealAttribute(tag, name, value, ctx, media);
}

/** The attributes reveal.js reads for slide backgrounds and auto-animate, which it writes into CSS. */
function revealAttribute(tag: string, name: string, value: string, ctx: ReferenceContext, media: (url: string) => string): Resolution {
  switch (name) {
    case 'data-background': {
      // reveal.js takes an image path as an image and anything else as the CSS `background` shorthand.
      if (isCssColour(value)) return { name, value };
      if (isGradient(value)) return { name: 'data-background-gradient', value };
      if (/[()]/.test(value)) return removed(name, tag, 'it is neither a colour, a gradient nor an image file', 'Use a colour (#123456), a gradient, or the path of an image in the briefing folder.');
      if (REVEAL_IMAGE.test(value)) return revealAttribute(tag, 'data-background-image', value, ctx, media);
      return removed(name, tag, 'it is neither a colour, a gradient nor an image file', 'Use a colour (#123456), a gradient, or the path of an image in the briefing folder.');
    }
    case 'data-background-image':
      // reveal.js writes a data: URL into `url(…)` unquoted, and splits anything else on commas, one image each.
      if (/^\s*data:/i.test(value)) {
        return isPlainImageData(value) ? { name, value } : removed(name, tag, 'the data: URL could end reveal.js\'s `url(…)` early', 'Use an image file in the briefing folder.');
      }
      return mediaList(name, tag, value, media);
    case 'data-background-video':
      return mediaList(name, tag, value, media);
    case 'data-background-gradient':
      return isGradient(value) ? { name, value } : removed(name, tag, 'it is not a CSS gradient', 'Use linear-gradient(…), radial-gradient(…) or conic-gradient(…) of colours.');
    case 'data-auto-animate-easing':
      return isEasing(value) ? { name, value } : removed(name, tag, 'it is not a CSS easing', EASING_HINT);
    case 'data-auto-animate-duration':
    case 'data-auto-animate-delay':
      return isSeconds(value) ? { name, value } : removed(name, tag, 'it is not a number of seconds', 'Write a number of seconds, such as 0.5.');
    default:
      return { name, value };
  }
}

/** A comma-separated list of media URLs, as reveal.js splits it: each one a file in the briefing or an http(s) URL. */
function mediaList(name: string, tag: string, value: string, media: (url: string) => string): Resolution {
  const urls = value.split(',').map((url) => url.trim());
  const scripted = urls.find((url) => !/^(https?:|[^:]*$)/i.test(url.replace(/[\u0000-\u0020]+/g, '')));
  if (scripted !== undefined) return removed(name, tag, `\`${scripted.slice(0, 30)}\` is not a file or an http(s) URL`, 'Use files inside the briefing folder.');
  return { name, value: urls.map(media).join(',') };
}

function removed(name: string, tag: string, why: string, hint: string): Resolution {
  const where = tag === 'section' ? 'Slide attribute' : `<${tag}>'s`;
  return { removed: { unsafe: true, message: `${where} \`${name}\` removed: ${why}`, hint } };
}
