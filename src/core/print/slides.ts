/** Reading a built deck for print: its slides in order, with titles, notes, fragment steps and backgrounds. Pure. */
import { parseDocument } from 'htmlparser2';
import { findAll, findOne, getChildren, removeElement } from 'domutils';
import render from 'dom-serializer';
import { isTag, isText, type AnyNode, type Document, type Element } from 'domhandler';
import { escapeHtml } from '../escape.js';
import { decodeUrl } from '../assets.js';

/** One slide of the deck as the audience sees it (a leaf `<section>`). */
export interface DeckSlide {
  element: Element;
  /** The slide's `id` attribute, the target of links such as the agenda's. */
  id: string | undefined;
  /** The section file the slide comes from (`data-section`), or the slide id for the title slide. */
  section: string;
  /** The slide's first heading as plain text, or "Slide n" when it has none. */
  title: string;
  notesHtml: string;
  /** Horizontal and vertical position, for reveal.js's `h.v` slide numbers. */
  h: number;
  v: number | undefined;
  /** Fragments grouped by step, in the order reveal.js reveals them. */
  fragmentGroups: Element[][];
}

/**
 * In print, a page's classification is read after its content: the top banner is hidden from assistive
 * technology and the bottom one is the note (on screen it is the other way round, so a slide opens with it).
 * A tagged PDF then reads each page as heading, content, citation, footer, classification.
 */
export function bannersAfterContent(slide: Element): void {
  for (const banner of findAll((e) => hasClass(e, 'classification-banner'), slide.children)) {
    const top = hasClass(banner, 'classification-top');
    delete banner.attribs.role;
    delete banner.attribs['aria-label'];
    delete banner.attribs['aria-hidden'];
    if (top) banner.attribs['aria-hidden'] = 'true';
    else Object.assign(banner.attribs, { role: 'note', 'aria-label': 'Classification' });
  }
}

/** A built deck, taken apart: the `<head>`, what sits around the slides (banners, footer), and the slides. */
export interface DeckDocument {
  document: Document;
  head: Element | undefined;
  /** Body elements other than the slides and scripts: classification banners, the as-of footer. */
  chrome: Element[];
  slides: DeckSlide[];
}

/** Parse a deck's index.html. Scripts are dropped: the print layout is static and needs no reveal.js. */
export function readDeck(html: string): DeckDocument {
  const document = parseDocument(html);
  for (const script of findAll((e) => e.name === 'script', document.children)) removeElement(script);
  const head = findOne((e) => e.name === 'head', document.children) ?? undefined;
  const body = findOne((e) => e.name === 'body', document.children);
  const reveal = body ? findOne((e) => hasClass(e, 'reveal'), body.children) : undefined;
  const slidesEl = reveal ? findOne((e) => hasClass(e, 'slides'), reveal.children) : undefined;
  const chrome = body ? getChildren(body).filter(isTag).filter((e) => e !== reveal) : [];
  const slides: DeckSlide[] = [];
  const stacks = slidesEl ? childSections(slidesEl) : [];
  stacks.forEach((stack, h) => {
    const inner = childSections(stack);
    const leaves = inner.length ? inner : [stack];
    leaves.forEach((element, v) => {
      const id = element.attribs.id;
      slides.push({
        element,
        id,
        section: element.attribs['data-section'] ?? id ?? `slide-${slides.length + 1}`,
        title: slideTitle(element) || `Slide ${slides.length + 1}`,
        notesHtml: takeNotes(element),
        h,
        v: inner.length ? v : undefined,
        fragmentGroups: fragmentGroups(element),
      });
    });
  });
  return { document, head, chrome, slides };
}

/** Whether an element carries a class. Called for every element of every slide: no splitting, no garbage. */
function hasClass(element: Element, name: string): boolean {
  const list = element.attribs.class;
  if (!list) return false;
  for (let at = list.indexOf(name); at >= 0; at = list.indexOf(name, at + 1)) {
    const end = at + name.length;
    if ((at === 0 || isSpace(list.charCodeAt(at - 1))) && (end === list.length || isSpace(list.charCodeAt(end)))) return true;
  }
  return false;
}

/** HTML's ASCII whitespace, which separates class names. */
function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d;
}

/** Add classes to an element (once each). */
export function addClass(element: Element, ...names: string[]): void {
  const list = (element.attribs.class ?? '').split(/\s+/).filter(Boolean);
  for (const name of names) if (!list.includes(name)) list.push(name);
  element.attribs.class = list.join(' ');
}

/** Serialize nodes back to HTML, keeping non-ASCII text as UTF-8. */
export function toHtml(nodes: AnyNode | AnyNode[]): string {
  return render(nodes, { encodeEntities: 'utf8' });
}

function childSections(parent: Element): Element[] {
  return getChildren(parent).filter(isTag).filter((e) => e.name === 'section');
}

/** Plain text of the first heading, without decorations such as the BLUF kicker. */
function slideTitle(slide: Element): string {
  const heading = findOne((e) => /^h[1-3]$/.test(e.name), slide.children);
  if (!heading) return '';
  const parts: string[] = [];
  const walk = (nodes: AnyNode[]) => {
    for (const node of nodes) {
      if (isText(node)) parts.push(node.data);
      else if (isTag(node) && !hasClass(node, 'kicker') && node.name !== 'aside') walk(node.children);
    }
  };
  walk(heading.children);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** Remove the speaker notes from the slide (reveal.js hides them anyway) and return them as HTML. */
function takeNotes(slide: Element): string {
  const asides = findAll((e) => e.name === 'aside' && hasClass(e, 'notes'), slide.children);
  const html = asides.map((a) => toHtml(a.children)).join('\n').trim();
  for (const aside of asides) removeElement(aside);
  const attr = slide.attribs['data-notes'];
  return html || (attr ? escapeHtml(attr) : '');
}

/** reveal.js's order: explicit `data-fragment-index` groups first, then the rest one by one in document order. */
function fragmentGroups(slide: Element): Element[][] {
  const ordered: Element[][] = [];
  const unordered: Element[][] = [];
  for (const fragment of findAll((e) => hasClass(e, 'fragment'), slide.children)) {
    const index = Number.parseInt(fragment.attribs['data-fragment-index'] ?? '', 10);
    if (Number.isFinite(index) && index >= 0) (ordered[index] ??= []).push(fragment);
    else unordered.push([fragment]);
  }
  return [...ordered.filter((g) => g !== undefined), ...unordered];
}

/**
 * Point reveal.js's hash links (`#/crisis`, `#/3/1`) at the slide elements themselves (`#crisis`),
 * so Chromium turns them into links inside the PDF.
 */
export function linkSlides(slides: readonly DeckSlide[]): void {
  const ids = new Set(slides.map((s) => s.id).filter(Boolean));
  for (const slide of slides) {
    for (const link of findAll((e) => e.name === 'a' && (e.attribs.href ?? '').startsWith('#/'), slide.element.children)) {
      const [first = '', second] = link.attribs.href!.slice(2).split('/');
      const name = decodeUrl(first);
      const target = ids.has(name)
        ? name
        : /^\d+$/.test(name)
          ? slides.find((s) => s.h === Number(name) && (s.v ?? 0) === Number(second ?? 0))?.id
          : undefined;
      if (target) link.attribs.href = `#${target}`;
    }
  }
}
