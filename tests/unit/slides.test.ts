import { describe, expect, it } from 'vitest';
import { parseAttributes, splitSlides } from '../../src/core/parse/slides.js';

describe('splitSlides', () => {
  it('splits horizontal slides on --- lines and vertical slides on -- lines', () => {
    const stacks = splitSlides('# One\n\n---\n\n# Two\n\n--\n\n# Two below\n', 5);
    expect(stacks).toHaveLength(2);
    expect(stacks[0]!.slides.map((s) => s.markdown)).toEqual(['# One']);
    expect(stacks[1]!.slides.map((s) => s.markdown)).toEqual(['# Two', '# Two below']);
  });

  it('records the file line each slide starts on', () => {
    const stacks = splitSlides('# One\n---\n\n# Two\n', 10);
    expect(stacks.map((s) => s.slides[0]!.line)).toEqual([10, 13]);
  });

  it('takes everything after a Note: line as the speaker notes of that slide', () => {
    const [stack] = splitSlides('# Title\nBody\nNote: Say this.\nAnd this.\n---\n# Next', 1);
    expect(stack!.slides[0]!.markdown).toBe('# Title\nBody');
    expect(stack!.slides[0]!.notes).toBe('Say this.\nAnd this.');
    expect(stack!.slides[0]!.notesLine).toBe(3);
  });

  it('treats separators and Note: inside fenced code as code', () => {
    const body = '```md\n---\nNote: not notes\n--\n```\n\n~~~~\n---\n~~~~';
    const stacks = splitSlides(body, 1);
    expect(stacks).toHaveLength(1);
    expect(stacks[0]!.slides).toHaveLength(1);
    expect(stacks[0]!.slides[0]!.notes).toBe('');
    expect(stacks[0]!.slides[0]!.markdown).toContain('Note: not notes');
  });

  it('lifts <!-- .slide: --> comments into slide attributes', () => {
    const [stack] = splitSlides('<!-- .slide: class="dark" data-background-color="#123" -->\n# Hi', 1);
    expect(stack!.slides[0]!.attributes).toEqual([
      { name: 'class', value: 'dark' },
      { name: 'data-background-color', value: '#123' },
    ]);
    expect(stack!.slides[0]!.markdown).toBe('# Hi');
  });

  it('gives an empty body one empty slide, for data layouts', () => {
    const stacks = splitSlides('\n\n', 4);
    expect(stacks).toHaveLength(1);
    expect(stacks[0]!.slides[0]!.markdown).toBe('');
  });
});

describe('parseAttributes', () => {
  it('reads quoted, unquoted and bare attributes', () => {
    expect(parseAttributes(`class="a b" id='x' data-state=calm hidden`)).toEqual([
      { name: 'class', value: 'a b' },
      { name: 'id', value: 'x' },
      { name: 'data-state', value: 'calm' },
      { name: 'hidden', value: '' },
    ]);
  });
});
