/** HTML escaping for text that must never become markup: titles, front matter, attribute values. */

const SPECIAL = /[&<>"']/;
const SPECIALS = /[&<>"']/g;

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  // Most values (ids, paths, titles) have nothing to escape, and a test is cheaper than a replace.
  return SPECIAL.test(text) ? text.replace(SPECIALS, (c) => `&#${c.charCodeAt(0)};`) : text;
}
