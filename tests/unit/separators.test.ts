/** A section's own separators (`separator:`, `verticalSeparator:`, `notesSeparator:`), split as reveal.js's Markdown plugin splits. */
import { describe, expect, it } from 'vitest';
import { compileSeparators, splitSlidesWith, type Separators } from '../../src/core/parse/separators.js';
import { splitSlides } from '../../src/core/parse/slides.js';

function split(body: string, separators: Separators, bodyLine = 1) {
  const compiled = compileSeparators(separators);
  if (Array.isArray(compiled)) throw new Error(compiled.map((p) => p.message).join('; '));
  return splitSlidesWith(body, bodyLine, compiled);
}

const shape = (stacks: ReturnType<typeof splitSlides>) => stacks.map((s) => s.slides.map((slide) => slide.markdown));

describe('custom separators', () => {
  it('splits on blank lines as reveal.js\'s examples/markdown.html asks: three newlines a slide, two a vertical one', () => {
    const stacks = split('# A\n\n\n\n## B1\n\nb\n\n\n## B2\n\n\n\n## C', { separator: '^\\n\\n\\n', verticalSeparator: '^\\n\\n' });
    expect(shape(stacks)).toEqual([['# A'], ['## B1\n\nb', '## B2'], ['## C']]);
    expect(stacks.map((s) => s.slides.map((slide) => slide.line))).toEqual([[1], [5, 10], [14]]);
  });

  it('ends a vertical stack at the next horizontal separator, as reveal.js\'s slidify does', () => {
    expect(shape(split('a\n<!--v-->\nb\n<!--s-->\nc\n<!--v-->\nd', { separator: '<!--s-->', verticalSeparator: '<!--v-->' }))).toEqual([['a', 'b'], ['c', 'd']]);
  });

  it('takes the notes from the first notesSeparator match, with its line', () => {
    const [stack] = split('## T\nbody\nNotes: say this\nand this', { notesSeparator: '^Notes?:' }, 7);
    expect(stack!.slides[0]).toMatchObject({ markdown: '## T\nbody', notes: 'say this\nand this', notesLine: 9 });
  });

  it('keeps the built-in separators for the keys a section does not set', () => {
    expect(shape(split('a\n---\nb\n----\nc\nNote: n', { notesSeparator: '^Note:' }))).toEqual([['a'], ['b', 'c']]);
  });

  it('leaves separators and notes inside fenced code alone', () => {
    const stacks = split('```\nx\n\n\n\ny\nNote: code\n```\n\n\n\nz', { separator: '^\\n\\n\\n', notesSeparator: '^Note:' });
    expect(shape(stacks)).toEqual([['```\nx\n\n\n\ny\nNote: code\n```'], ['z']]);
  });

  it('reports a separator that is not a regular expression, or matches empty text', () => {
    expect(compileSeparators({ separator: '(' })).toEqual([{ key: 'separator', message: '`separator` is not a valid regular expression: Unterminated group' }]);
    expect(compileSeparators({ verticalSeparator: 'x*' })).toEqual([{ key: 'verticalSeparator', message: '`verticalSeparator` /x*/ matches empty text, so it would split everywhere' }]);
  });
});

describe('built-in separators', () => {
  it('takes reveal-md\'s `----` as a vertical separator, not a rule', () => {
    expect(shape(splitSlides('a\n\n---\n\nb\n\n----\n\nc', 1))).toEqual([['a'], ['b', 'c']]);
  });
});
