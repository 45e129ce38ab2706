/** Slides the tool writes itself: agenda entries, the sources list and per-slide citation lines. */
import { formatDate } from '../dates.js';
import { escapeHtml } from '../escape.js';
import type { Section } from '../model.js';
import type { SourceEntry } from '../parse/schema.js';
import { GENERATED_LAYOUTS } from './layout-kinds.js';


export interface AgendaEntry {
  number: number;
  title: string;
  id: string;
  href: string;
}

/** Agenda: the section dividers if the deck has any, else every written section. */
export function agendaEntries(sections: readonly Section[]): AgendaEntry[] {
  const dividers = sections.filter((s) => s.layout === 'section');
  const pool = dividers.length ? dividers : sections.filter((s) => !GENERATED_LAYOUTS.has(s.layout) && s.layout !== 'bluf');
  return pool
    .filter((s) => s.front.agenda !== false)
    .map((s, i) => ({ number: i + 1, title: s.title, id: s.id, href: `#/${s.id}` }));
}

export interface CitedSource {
  number: number;
  id: string;
  entry: SourceEntry;
  /** Short form for the citation line on a slide: "[2] NATO, 24 Feb 2022". */
  short: string;
  /** Full reference as HTML (escaped), for the sources slide. */
  html: string;
}

/** Number the sources in the order the deck first cites them. Unknown ids are skipped (reported elsewhere). */
export function citedSources(sections: readonly Section[], sources: Record<string, SourceEntry>, dateStyle: 'long' | 'short' = 'long'): CitedSource[] {
  const out: CitedSource[] = [];
  const seen = new Set<string>();
  for (const section of sections) {
    for (const id of section.front.sources ?? []) {
      const entry = sources[id];
      if (!entry || seen.has(id)) continue;
      seen.add(id);
      const number = out.length + 1;
      out.push({ number, id, entry, short: shortCitation(number, entry), html: fullCitation(entry, dateStyle) });
    }
  }
  return out;
}

/** "[2] The Washington Post, 24 Feb 2022" */
function shortCitation(number: number, entry: SourceEntry): string {
  const who = entry.publisher ?? entry.author ?? entry.title ?? entry.description;
  return `[${number}] ${who}${entry.date ? `, ${formatDate(entry.date, 'short')}` : ''}`;
}

/** Author, “Title” (or our description, unquoted), Publisher, 24 February 2022. URL — as escaped HTML with the URL linked. */
export function fullCitation(entry: SourceEntry, dateStyle: 'long' | 'short' = 'long'): string {
  const parts: string[] = [];
  if (entry.author) parts.push(escapeHtml(entry.author));
  // Quotation marks say "these are the page's words"; a description of ours goes without them.
  if (entry.title !== undefined) parts.push(`“${escapeHtml(entry.title)}”`);
  else if (entry.description !== undefined) parts.push(escapeHtml(entry.description));
  if (entry.publisher) parts.push(`<em>${escapeHtml(entry.publisher)}</em>`);
  if (entry.date) parts.push(escapeHtml(formatDate(entry.date, dateStyle)));
  let html = `${parts.join(', ')}.`;
  if (entry.note) html += ` ${escapeHtml(entry.note)}.`;
  if (entry.url) html += ` <a class="source-url" href="${escapeHtml(entry.url)}">${escapeHtml(entry.url)}</a>`;
  return html;
}

/**
 * Characters a citation line may take: one line across the slide at the theme's citation size (16 px
 * Source Sans 3 over 1,152 px holds about 150), with room to spare for wider fonts.
 */
export const CITATION_LINE_CHARS = 125;

/**
 * The citation line for a section's slides, e.g. "Sources: [1] TIME, 24 Feb 2022; [3] NATO, 25 Feb 2022".
 * When that would not fit on one line, the first sources stay in full and the rest are counted and
 * numbered, so each can still be looked up in the sources appendix: "…; +3 more [7, 9, 12]".
 */
export function citationLine(section: Section, cited: readonly CitedSource[], maxChars = CITATION_LINE_CHARS): string {
  const entries = (section.front.sources ?? [])
    .map((id) => cited.find((c) => c.id === id))
    .filter((c): c is CitedSource => !!c)
    .sort((a, b) => a.number - b.number);
  if (!entries.length) return '';
  const head = `${entries.length > 1 ? 'Sources' : 'Source'}: `;
  // Lengths are added up rather than each candidate line built: a section may cite thousands of sources.
  const fullLength = head.length + entries.reduce((n, c, i) => n + c.short.length + (i ? 2 : 0), 0);
  if (fullLength <= maxChars || entries.length === 1) return head + entries.map((c) => c.short).join('; ');
  // shown = n - 1 down to 1: the first `shown` in full, the rest counted; the longest that fits, else one.
  const prefix: number[] = [0];
  for (const [i, c] of entries.entries()) prefix.push(prefix[i]! + c.short.length + (i ? 2 : 0));
  let numbers = 0;
  let shown = entries.length - 1;
  for (; shown >= 1; shown--) {
    numbers += String(entries[shown]!.number).length + (shown < entries.length - 1 ? 2 : 0);
    const rest = entries.length - shown;
    const length = head.length + prefix[shown]! + `; +${rest} more [`.length + numbers + 1;
    if (length <= maxChars) break;
  }
  shown = Math.max(shown, 1);
  const rest = entries.slice(shown);
  return `${head}${entries.slice(0, shown).map((c) => c.short).join('; ')}; +${rest.length} more [${rest.map((c) => c.number).join(', ')}]`;
}

/** Split a list into the fewest pages of at most `size` items, filled evenly so the last page is not a stub (at least one page). */
export function paginate<T>(items: readonly T[], size: number): T[][] {
  const pages: T[][] = [];
  const perPage = Math.ceil(items.length / Math.ceil(items.length / size));
  for (let i = 0; i < items.length; i += perPage) pages.push(items.slice(i, i + perPage));
  return pages.length ? pages : [[]];
}
