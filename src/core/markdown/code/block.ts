/**
 * A fenced code block as HTML: highlighted at build time, and with reveal.js's line numbers and steps
 * written out as the highlight plugin would leave them in the page after running — the line-number table
 * (highlightjs-line-numbers), `highlight-line` rows, and one copy of the block per further step, each a
 * fragment stacked on the first. reveal.js's own fragments then step through them; no plugin runs.
 * Spelled as the sanitizer writes HTML, so both rendering paths give the same bytes. Pure.
 */
import { escapeAttribute } from '../../fast/html-text.js';
import { highlightLines } from './highlight.js';
import { formatStep, isHighlighted, parseFenceInfo, parseSteps, type LineRange } from './steps.js';

/** The HTML of a fenced code block; `info` is the fence's info string (`js [1-2|3]`), `code` its text. */
export function codeBlockHtml(code: string, info: string | undefined): string {
  const { language, lineNumbers, startFrom } = parseFenceInfo(info);
  const classes = `hljs${language ? ` language-${escapeAttribute(language)}` : ''}`;
  const lines = highlightLines(code.replace(/\n$/, ''), language);
  if (lineNumbers === undefined || !code.trim()) {
    return `<pre class="code-wrapper"><code class="${classes}">${lines.join('\n')}</code></pre>\n`;
  }
  // The plugin drops a last line that is only whitespace.
  if (lines.length > 1 && !lines[lines.length - 1]!.replace(/<[^>]*>/g, '').trim()) lines.pop();
  const steps = parseSteps(lineNumbers);
  const first = startFrom ?? 1;
  const offset = startFrom !== undefined ? ` data-ln-start-from="${startFrom}"` : '';
  const blocks = steps.map((step, index) => {
    const table = lineTable(lines, step, first);
    const marked = table.highlighted ? ' has-highlights' : '';
    const fragment = index > 0 ? ' fragment' : '';
    // An empty attribute is written bare, as the sanitizer writes it.
    const value = formatStep(step);
    const numbers = value ? ` data-line-numbers="${escapeAttribute(value)}"` : ' data-line-numbers';
    return `<code class="${classes}${fragment}${marked}"${numbers}${offset}>${table.html}</code>`;
  });
  return `<pre class="code-wrapper">${blocks.join('')}</pre>\n`;
}

/** highlightjs-line-numbers' table: a row per line, its number in a `::before` (so it is not copied), then the code. */
function lineTable(lines: string[], step: LineRange[], first: number): { html: string; highlighted: boolean } {
  let highlighted = false;
  const rows = lines.map((line, i) => {
    const number = first + i;
    const on = isHighlighted(step, i + 1);
    highlighted ||= on;
    return `<tr${on ? ' class="highlight-line"' : ''}><td class="hljs-ln-line hljs-ln-numbers" data-line-number="${number}"><div class="hljs-ln-n" data-line-number="${number}"></div></td><td class="hljs-ln-line hljs-ln-code" data-line-number="${number}">${line || ' '}</td></tr>`;
  });
  // role=presentation: the table only lines numbers up with code; it is not data to navigate.
  return { html: `<table class="hljs-ln" role="presentation"><tbody>${rows.join('')}</tbody></table>`, highlighted };
}
