/**
 * Text and attribute values as the sanitizer writes them, computed straight from Markdown tokens.
 *
 * The full rendering path serializes marked's HTML through htmlparser2 and sanitize-html, which
 * decodes every character reference and writes text with only `&`, `<` and `>` escaped (plus `"` in
 * attributes). The fast path (render-plain.ts) spells its output that way directly. Each function
 * here returns undefined where the two could differ (an unknown reference, a URL the sanitizer would
 * rewrite), and the caller then declines, so the full path decides.
 */

/** Named references decoded here; any other one makes the caller decline. */
const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', mdash: '—', ndash: '–', hellip: '…', copy: '©',
  reg: '®', trade: '™', deg: '°', times: '×', middot: '·', bull: '•', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”',
  laquo: '«', raquo: '»', euro: '€', pound: '£', sect: '§', para: '¶', plusmn: '±', larr: '←', rarr: '→',
};
const REFERENCE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]*));|&/g;
/** An `&` that marked's escape() turns into `&amp;` when not encoding: one that does not start something shaped like a character reference. */
const BARE_AMPERSAND = /&(?!(#\d{1,7}|#[Xx][a-fA-F0-9]{1,6}|\w+);)/g;

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
// Most text has nothing to escape: a test is cheaper than a replace that changes nothing.
const TEXT_SPECIAL = /[&<>]/;
const TEXT_SPECIALS = /[&<>]/g;
const ATTRIBUTE_SPECIAL = /[&<>"]/;
const ATTRIBUTE_SPECIALS = /[&<>"]/g;

/** The sanitizer's escaping of text: `&`, `<` and `>`. */
export function escapeText(text: string): string {
  return TEXT_SPECIAL.test(text) ? text.replace(TEXT_SPECIALS, (c) => ENTITY[c]!) : text;
}

/** The sanitizer's escaping of an attribute value: text escaping plus `"`. */
export function escapeAttribute(text: string): string {
  return ATTRIBUTE_SPECIAL.test(text) ? text.replace(ATTRIBUTE_SPECIALS, (c) => ENTITY[c]!) : text;
}

/**
 * The characters a browser (and the sanitizer) reads from `text` as marked writes it without
 * encoding: a bare `&` stays an ampersand, a reference is decoded. Undefined for a reference not
 * decoded here.
 */
export function decodeMarkedText(text: string): string | undefined {
  if (!text.includes('&')) return text;
  return decode(text.replace(BARE_AMPERSAND, '&amp;'));
}

/** `text` as marked writes it in an element (escape() without encoding), in the sanitizer's spelling. */
export function sanitizedText(text: string): string | undefined {
  if (!text.includes('&')) return escapeText(text);
  const decoded = decodeMarkedText(text);
  return decoded === undefined ? undefined : escapeText(decoded);
}

/** Decode the character references of HTML text (and common named ones); undefined for any other, a bare `&` or a missing `;`. */
export function decode(text: string): string | undefined {
  if (!text.includes('&')) return text;
  let failed = false;
  const out = text.replace(REFERENCE, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    const c = reference(whole, dec, hex, name);
    if (c === undefined) failed = true;
    return c ?? whole;
  });
  return failed ? undefined : out;
}

function reference(whole: string, dec: string | undefined, hex: string | undefined, name: string | undefined): string | undefined {
  if (!whole.endsWith(';')) return undefined;
  if (name !== undefined) return NAMED[name];
  if (dec === undefined && hex === undefined) return undefined;
  const code = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
  // Only code points that every HTML decoder maps to themselves (no C1 remapping, no surrogates).
  if (!((code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code < 0xd800) || (code >= 0xe000 && code <= 0x10ffff))) return undefined;
  return String.fromCodePoint(code);
}

export const LINK_SCHEMES = /^(https?|mailto|tel):/i;
export const IMAGE_SCHEMES = /^https?:/i;

/** A URL the sanitizer keeps unchanged: relative, or with one of `schemes`; nothing it would launder. */
export function plainUrl(url: string, schemes: RegExp): boolean {
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(url) || url.startsWith('//')) return false;
  const scheme = /^[^/?#]*:/.exec(url);
  return !scheme || schemes.test(url);
}

/** marked's cleanUrl(): the href it writes, or null when it writes the link text alone. */
export function markedUrl(href: string): string | null {
  try {
    return encodeURI(href).replace(/%25/g, '%');
  } catch {
    return null;
  }
}
