/**
 * SVG files a deck carries, made inert. An SVG shown with `<img>` runs nothing, but the same file opened as a
 * page — a link, reveal.js's preview frame (`data-preview-link`) — runs its scripts with the deck's origin. So
 * every copied SVG loses what could run or load: scripts, event handlers, embedded pages, animations that set
 * attributes, links to script URLs, references outside the file, and style sheets that load anything. Pure.
 */
import { createRequire } from 'node:module';
import type { AnyNode, Element } from 'domhandler';
import { scanValue } from './css/references.js';
import { tokenize } from './css/tokens.js';

const require = createRequire(import.meta.url);

/** Elements that run script, embed documents, or change attributes (an `<animate>` can set `href` to `javascript:`). */
const REMOVED_ELEMENTS = new Set([
  'script', 'foreignobject', 'iframe', 'frame', 'object', 'embed', 'applet', 'handler', 'listener', 'animate', 'animatemotion',
  'animatetransform', 'animatecolor', 'set', 'link', 'meta', 'base', 'form', 'audio', 'video', 'source', 'track',
]);

/** What cleanSvg removed, for the record. */
export interface CleanedSvg {
  svg: string;
  removed: number;
}

/** The SVG document `text` with everything that could run script or reach outside the file removed. */
export function cleanSvg(text: string): CleanedSvg {
  const { parseDocument } = require('htmlparser2') as typeof import('htmlparser2');
  const render = (require('dom-serializer') as typeof import('dom-serializer')).default;
  const doc = parseDocument(text, { xmlMode: true, decodeEntities: true });
  let removed = 0;
  const stack: AnyNode[] = [...doc.children];
  const drop = (node: AnyNode) => {
    removed++;
    const siblings = node.parent?.children ?? doc.children;
    siblings.splice(siblings.indexOf(node as never), 1);
  };
  while (stack.length) {
    const node = stack.pop()!;
    // Processing instructions (`<?xml-stylesheet?>`) and doctypes (entity declarations) go.
    if (node.type === 'directive') {
      drop(node);
      continue;
    }
    if (!('attribs' in node)) continue;
    const el = node as Element;
    const name = localName(el.name);
    if (REMOVED_ELEMENTS.has(name) || (name === 'style' && !inertCss(textOf(el)))) {
      drop(el);
      continue;
    }
    for (const [attribute, value] of Object.entries(el.attribs)) {
      if (!attributeAllowed(name, localName(attribute), value)) {
        delete el.attribs[attribute];
        removed++;
      }
    }
    stack.push(...el.children);
  }
  // Only elements stay at the top: what is left of a prolog (a doctype's internal subset) is not part of the picture.
  const top = doc.children.filter((n) => 'attribs' in n);
  return { svg: `<?xml version="1.0" encoding="UTF-8"?>\n${render(top, { xmlMode: true, encodeEntities: 'utf8' })}\n`, removed };
}

function attributeAllowed(element: string, attribute: string, value: string): boolean {
  if (attribute.startsWith('on') || attribute === 'base' || ['src', 'action', 'formaction', 'data', 'srcdoc'].includes(attribute)) return false;
  if (attribute === 'href') {
    const url = value.replace(/[\u0000-\u0020]+/g, '');
    if (url.startsWith('#')) return true;
    if ((element === 'image' || element === 'feimage') && /^data:image\/(png|jpe?g|gif|webp|avif);/i.test(url)) return true;
    return element === 'a' && /^(https?|mailto):/i.test(url);
  }
  if (attribute === 'style' || /url\s*\(|\\/i.test(value)) return inertCss(value);
  return true;
}

/** CSS (a style sheet or a declaration list) that loads nothing but fragments and inline images, and imports nothing. */
function inertCss(css: string): boolean {
  const scan = scanValue(css);
  if (scan.unsafe) return false;
  if (scan.references.some((r) => !/^(#|data:image\/(png|jpe?g|gif|webp|avif);)/i.test(r.url.trim()))) return false;
  return !tokenize(css).some((t) => t.type === 'at-keyword' && t.value === 'import');
}

function localName(name: string): string {
  return name.toLowerCase().replace(/^.*:/, '');
}

function textOf(el: Element): string {
  return el.children.map((c) => ('data' in c ? String((c as { data: unknown }).data) : 'children' in c ? textOf(c as Element) : '')).join('');
}
