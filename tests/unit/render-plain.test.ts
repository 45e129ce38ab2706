/**
 * The fast rendering path (render-plain.ts) skips the DOM pass and sanitize-html for Markdown without
 * raw HTML. These tests prove it safe: wherever it answers, its result is byte-for-byte the full
 * path's (marked -> htmlparser2 -> sanitize-html); everywhere else it declines.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Marked, Renderer } from 'marked';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderInline, renderMarkdown, renderMarkdownFull, type RenderContext } from '../../src/core/markdown/render.js';
import { PlainRenderer, renderPlain, renderPlainInline } from '../../src/core/fast/render-plain.js';
import { proseHtml } from '../../src/core/fast/render-prose.js';
import { sanitize } from '../../src/core/markdown/sanitize.js';
import { parseFrontMatter } from '../../src/core/parse/frontmatter.js';
import { splitSlides } from '../../src/core/parse/slides.js';
import { generateBriefing } from '../../bench/generate.js';
import { tempDir } from '../helpers/cli.js';
import { markdownFiles } from '../helpers/corpus.js';

const ROOT = join(import.meta.dirname, '..', '..');
const marked = new Marked({ gfm: true, breaks: false, async: false });
const ctx: RenderContext = { file: 'b/a.md', dir: 'parts', allowScripts: false };

/** Every Markdown file of the fixtures, the shipped briefings and a synthetic benchmark briefing. */
function corpus(): { file: string; text: string }[] {
  const temp = tempDir('briefing-plain-');
  const files = markdownFiles(join(ROOT, 'tests', 'fixtures'), join(ROOT, 'briefings'), generateBriefing(temp.dir, 40), generateBriefing(temp.dir, 12, { rawHtml: true }));
  const out = files.map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  temp.cleanup();
  return out;
}

/** Slide bodies and notes, as the render stage sees them. */
function blocks(text: string): string[] {
  const fm = parseFrontMatter('x.md', text);
  const out: string[] = [];
  for (const stack of splitSlides(fm.body, fm.bodyLine)) for (const s of stack.slides) out.push(s.markdown, s.notes);
  return out.filter((b) => b.trim());
}

function expectSameAsFull(markdown: string): boolean {
  const plain = renderPlain(marked, markdown, ctx, 3);
  if (plain) expect(plain, markdown).toEqual(renderMarkdownFull(markdown, ctx, 3));
  return plain !== undefined;
}

describe('the fast rendering path', () => {
  it('gives the full path\'s bytes for every slide of the fixtures, the briefings and the benchmark input', () => {
    let plain = 0;
    let total = 0;
    for (const { text } of corpus()) {
      for (const block of blocks(text)) {
        total++;
        if (expectSameAsFull(block)) plain++;
      }
    }
    // Most real slides take the fast path; if this drops, the fast path has stopped paying for itself.
    expect(plain / total).toBeGreaterThan(0.8);
  });

  it('gives the full path\'s bytes for generated Markdown', () => {
    const piece = fc.constantFrom(
      '# Title', '## Sub *it* & more', 'plain text', "it's \"quoted\"", '5 > 3 < 4', 'a & b', 'AT&T', '&amp; &lt; &copy; &nbsp; &#39; &#x27; &#169;',
      '&bogus;', '&#0;', '&#x80;', '- item', '1. one', '3. three', '- [x] done', '- [ ] todo', '> quote', '```js\nconst a = b < c && d;\n```',
      '    indented code', '`code <b>`', '**bold**', '_em_', '~~gone~~', '[link](https://example.org/a?b=1&c=2 "T \'t\'")',
      '[rel](other.html#x)', '[mail](mailto:a@b.org)', '[js](javascript:alert(1))', '[jsx](JaVaScRiPt&#58;alert(1))', '[pr](//evil.org/x)',
      '[empty]()', '![img](images/a b.png "title")', '![](img.png)', '![remote](https://example.org/x.png)', '![up](../../etc/passwd)',
      '![data](data:image/png;base64,AAAA)', '![q](a.png?x=1#y)', 'https://auto.example.org/path', 'www.example.org', 'me@example.org',
      '<b>raw</b>', '<!-- .element: class="fragment" -->', '<https://example.org>', '| a | b |\n|:-|-:|\n| 1 | 2 |', '***', 'line  \nbreak',
      'tab\there', 'emoji 🚀 ünïcödé', '\u00a0nbsp', '[ref][r]\n\n[r]: https://example.org/r "R"', '[bad][j]\n\n[j]: javascript:x',
      'Setext\n===', '\\*escaped\\*', '{{handlebars}}', '<', '>', '"', "'", '&',
      '![a <b>c</b> `d`](a.png)', '![](x.png "")', '&_x;', '&#12a;', '&#x27', '```js&amp;x\ncode\n```', '0. zero', '7) seven',
      '<mail@example.org>', '[t](a.html \'&quot;q&quot;\')', '> - nested\n>   > deeper', '\\&amp;', '|a|\n|-|\n|`x|y`|',
    );
    let plain = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(piece, fc.constantFrom(' ', '\n', '\n\n', ' **', '](x)', '')), { minLength: 1, maxLength: 8 }), (parts) => {
        const markdown = parts.map(([p, sep]) => p + sep).join('');
        if (markdown.trim() && expectSameAsFull(markdown)) plain++;
      }),
      { numRuns: 1500, seed: 6 },
    );
    // The comparison only proves something for inputs the fast path accepts: make sure there are many.
    expect(plain).toBeGreaterThan(300);
  });

  it('writes prose without lexing it, with the full path\'s bytes, and declines anything that may be Markdown', () => {
    const plain = fc.constantFrom('Allies', 'agreed', 'on', '24', 'February', '2022', 'NATO\'s', '"quoted"', '(aside)', 'a,', 'b.', 'c;', 'd:', 'e?', 'f!', '—', '€5', '½', 'ünï', '🚀', '{{x}}', '$', '\u00a0');
    const tricky = fc.constantFrom('-', '+', '=', '#', '1.', '2)', '*', '_', '`', '~', '|', '<', '>', '&', '&amp;', '\\', '[x]', '@', 'http://x.org', 'www.x.org', 'a@b.org');
    const word = fc.oneof({ weight: 12, arbitrary: plain }, { weight: 1, arbitrary: tricky });
    const separator = fc.constantFrom(' ', ' ', ' ', '\n', '\n\n', '\n\n\n', '  \n', '\n ', '\n    ', '\t');
    let prose = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(word, separator), { minLength: 1, maxLength: 14 }), (parts) => {
        const markdown = parts.map(([w, sep]) => w + sep).join('').trim();
        if (!markdown) return;
        const html = proseHtml(markdown);
        if (html === undefined) return;
        prose++;
        expect({ html, hasHeading: false, assets: [], diagnostics: [] }, markdown).toEqual(renderMarkdownFull(markdown, ctx, 1));
      }),
      { numRuns: 3000, seed: 7 },
    );
    expect(prose).toBeGreaterThan(500);
    for (const markdown of ['- item', '1. one', '# Title', 'a  \nb', 'a\\\nb', '    code', '> quote', 'Setext\n===', 'Setext\n---', '***', 'see www.nato.int', 'mail a@b.org', 'x &amp; y', '*em*', 'a | b', '<b>x</b>', '\tx']) {
      expect(proseHtml(markdown), markdown).toBeUndefined();
    }
    expect(proseHtml('One paragraph,\nstill the first.\n\nA second one — "quoted".')).toBe('<p>One paragraph,\nstill the first.</p>\n<p>A second one — "quoted".</p>\n');
  });

  it('gives the sanitizer\'s bytes for front-matter strings', () => {
    const texts = ['**Bold** and *it*', '<b onclick=x>**bold**</b>', 'A & B "q" \'s\'', '[l](https://x.org/?a&b)', '[j](javascript:alert(1))', '`x<y`', '&copy; 2022'];
    for (const text of texts) {
      const escaped = text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
      const plain = renderPlainInline(marked, escaped);
      if (plain !== undefined) expect(plain, text).toBe(sanitize(marked.parseInline(escaped) as string));
      expect(renderInline(text)).toBe(sanitize(marked.parseInline(escaped) as string));
    }
  });

  it('declines raw HTML, element comments, deep nesting and every URL the sanitizer would change', () => {
    for (const markdown of [
      'a <b>b</b>', '<div>x</div>', 'x <!-- .element: class="fragment" -->', '<script>alert(1)</script>', '[x](javascript:alert(1))',
      '[x](JAVASCRIPT:alert(1))', '[x](vbscript:x)', '[x](//evil.org)', '[x](data:text/html,<b>)', '![x](data:image/png;base64,AA)',
      '![x](//evil.org/a.png)', '[x](file:///etc/passwd)', '[x][r]\n\n[r]: javascript:alert(1)', '&bogus; entity',
      `${'> '.repeat(80)}deeply quoted`,
    ]) {
      expect(renderPlain(marked, markdown, ctx, 1), markdown).toBeUndefined();
    }
  });

  it('replaces every method of marked\'s renderer, so nothing marked would write reaches the output unchecked', () => {
    const methods = (proto: object) => Object.getOwnPropertyNames(proto).filter((name) => name !== 'constructor');
    const ours = new Set(methods(PlainRenderer.prototype));
    expect(methods(Renderer.prototype).filter((name) => !ours.has(name))).toEqual([]);
    expect(methods(Renderer.prototype).length).toBeGreaterThan(20);
  });

  it('declines when the deck allows scripts, since nothing is sanitized then', () => {
    expect(renderPlain(marked, '# Hi', { ...ctx, allowScripts: true }, 1)).toBeUndefined();
  });

  it('still removes what the full path removes when the Markdown mixes in raw HTML', () => {
    const r = renderMarkdown('# Hi\n\n[x](javascript:alert(1)) <img src="a.png" onerror="alert(1)">', ctx, 1);
    expect(r.html).not.toMatch(/javascript|onerror/);
    expect(r.diagnostics.map((d) => d.rule)).toEqual(['unsafe-html', 'unsafe-html']);
  });
});
