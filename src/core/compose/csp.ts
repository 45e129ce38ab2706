/**
 * The Content-Security-Policy every deck page carries, as defence in depth: should a URL slip past the
 * build's checks, the browser still refuses to fetch it. A `<meta>` policy works from `file://` and in the
 * single file. Pure.
 */

/**
 * The deck: its own scripts (reveal.js, the notes plugin, the inline start-up script, and an `allowScripts`
 * deck's scripts), style sheets, images, media and fonts from the deck folder or inlined as `data:`, frames of
 * the deck itself (the speaker view's previews) and a connection back to the dev server (live reload).
 * Nothing from any other origin; no plugins, no forms, no `<base>`.
 */
export const DECK_CSP = [
  "default-src 'none'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "media-src 'self' data:",
  "font-src 'self' data:",
  "frame-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** The print document behind a PDF: as the deck, but no script of any kind runs, `allowScripts` or not. */
export const PRINT_CSP = [
  "default-src 'none'",
  "script-src 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "media-src 'self' data:",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** The `<meta>` element of a policy. */
export function cspMeta(policy: string): string {
  return `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
}

/**
 * `html` with the policy as the first element of its `<head>`, before anything that loads, whatever the deck
 * template (a briefing's own `deck.hbs` included) put there.
 */
export function withCsp(html: string, policy = DECK_CSP): string {
  const meta = cspMeta(policy);
  const head = /<head\b[^>]*>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + '\n' + meta + html.slice(head.index + head[0].length);
  const opening = /^\s*(?:<!doctype[^>]*>\s*)?(?:<html\b[^>]*>)?/i.exec(html)!;
  const at = opening[0].length;
  return `${html.slice(0, at)}\n<head>${meta}</head>${html.slice(at)}`;
}
