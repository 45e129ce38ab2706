/** The PDF's bookmarks and document information, derived from the printed slides and the deck. Pure. */
import type { PrintedSlide } from './layout.js';

/** A bookmark: a title, the 0-based page it opens, and nested bookmarks. */
export interface OutlineEntry {
  title: string;
  page: number;
  children: OutlineEntry[];
}

/** One bookmark per section (its first slide's title), with one nested bookmark per slide when it has several. */
export function outlineOf(slides: readonly PrintedSlide[]): OutlineEntry[] {
  const entries: OutlineEntry[] = [];
  let current: { section: string; entry: OutlineEntry; slides: PrintedSlide[] } | undefined;
  for (const slide of slides) {
    if (!current || current.section !== slide.section) {
      current = { section: slide.section, entry: { title: slide.title, page: slide.page, children: [] }, slides: [] };
      entries.push(current.entry);
    }
    current.slides.push(slide);
    if (current.slides.length === 2) current.entry.children.push(leaf(current.slides[0]!));
    if (current.slides.length >= 2) current.entry.children.push(leaf(slide));
  }
  return entries;
}

function leaf(slide: PrintedSlide): OutlineEntry {
  return { title: slide.title, page: slide.page, children: [] };
}

/** The instant a date written in front matter (`2022-04-07`, `2022-04`, `2022`) starts, in UTC; undefined if it is not one. */
export function dateOf(value: string | undefined): Date | undefined {
  const m = value ? /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(value.trim()) : null;
  if (!m) return undefined;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2] ?? 1) - 1, Number(m[3] ?? 1)));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Keywords for the PDF: the classification, then the titles of the section dividers (the deck's parts). */
export function keywordsOf(classification: string | undefined, slides: readonly PrintedSlide[]): string[] {
  const parts = slides.filter((s) => s.layout === 'section').map((s) => s.title);
  return [...new Set([classification, ...parts].filter((k): k is string => !!k && !!k.trim()))];
}
