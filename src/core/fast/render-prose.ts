/**
 * The quickest path of all: Markdown that is nothing but prose — paragraphs of words and ordinary
 * punctuation, as speaker notes nearly always are. For such text marked writes each paragraph as
 * `<p>text</p>` with the text unchanged but for escaping, and the sanitizer writes quotes unescaped,
 * so the HTML is built directly, without lexing. Anything that could be Markdown syntax (emphasis,
 * links, code, HTML, entities, autolinks, a list or heading marker or indentation at a line start,
 * hard breaks) declines, and the caller renders the text the usual way.
 * tests/unit/render-plain.test.ts proves the bytes equal the full path's.
 */

/** Characters and sequences that mean something to marked (GFM), or that it escapes. */
const SYNTAX = /[\\`*_[\]<>&|~@\t\r]|:\/\/|www\./i;
/**
 * Line starts and ends that mean something: indentation, a list, heading, setext or thematic-break
 * marker, an ordered-list number, and trailing whitespace (a hard break). `[^\S\n]` is whitespace but a newline.
 */
const LINE_SYNTAX = /^(?:[^\S\n]|[-+=#]|\d+[.)])|[^\S\n]$/m;

/** The HTML of prose-only Markdown, or undefined when the text may hold any Markdown syntax. */
export function proseHtml(markdown: string): string | undefined {
  if (SYNTAX.test(markdown) || LINE_SYNTAX.test(markdown)) return undefined;
  let html = '';
  for (const paragraph of markdown.split(/\n{2,}/)) if (paragraph) html += `<p>${paragraph.replace(/^\n+|\n+$/g, '')}</p>\n`;
  return html;
}
