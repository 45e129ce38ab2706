/**
 * The primer (marked-primer.ts) only warms marked up: it must reach every rule a deck's Markdown uses,
 * be long enough for V8 to compile those rules at once, and change nothing that is rendered.
 */
import { Marked, type Token } from 'marked';
import { describe, expect, it } from 'vitest';
import { MARKED_PRIMER, PRIME_MIN_MARKDOWN } from '../../src/core/fast/marked-primer.js';
import { prepareRendering, renderInline, renderMarkdown, type RenderContext } from '../../src/core/markdown/render.js';

const ctx: RenderContext = { file: 'a.md', dir: '', allowScripts: false };

function tokenTypes(tokens: Token[], into = new Set<string>()): Set<string> {
  for (const token of tokens) {
    into.add(token.type);
    for (const key of ['tokens', 'items'] as const) {
      const children = (token as Record<string, unknown>)[key];
      if (Array.isArray(children)) tokenTypes(children as Token[], into);
    }
    if (token.type === 'table') for (const cell of [...token.header, ...token.rows.flat()]) tokenTypes(cell.tokens, into);
  }
  return into;
}

describe('the marked primer', () => {
  it('uses every block and inline rule, in a document and a paragraph longer than 1,000 characters', () => {
    const tokens = new Marked({ gfm: true }).lexer(MARKED_PRIMER);
    const types = tokenTypes(tokens);
    for (const type of ['heading', 'paragraph', 'list', 'list_item', 'table', 'blockquote', 'code', 'hr', 'space', 'text', 'em', 'strong', 'codespan', 'link', 'del', 'image', 'br']) {
      expect(types, type).toContain(type);
    }
    expect(MARKED_PRIMER.length).toBeGreaterThan(1000);
    const longest = Math.max(...tokens.filter((t) => t.type === 'paragraph').map((t) => t.raw.length));
    expect(longest).toBeGreaterThan(1000);
  });

  it('changes nothing that is rendered', () => {
    const samples = ['# Title\n\nText with *em*, `code` and a [link](https://example.org).', '- a\n- b\n\n| x | y |\n|---|---|\n| 1 | 2 |', '> quote\n\n```js\nlet x = 1;\n```'];
    const before = samples.map((m) => renderMarkdown(m, ctx, 1));
    const inlineBefore = renderInline('**bold** title');
    prepareRendering(PRIME_MIN_MARKDOWN);
    expect(samples.map((m) => renderMarkdown(m, ctx, 1))).toEqual(before);
    expect(renderInline('**bold** title')).toBe(inlineBefore);
  });
});
