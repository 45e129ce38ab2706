/** `heading-skip`: a heading more than one level below the one before it (h2 then h4), which breaks the outline. */
import { warning, type Diagnostic } from '../diagnostics.js';
import { eachSlide, elements, lineOf, type Rule } from './context.js';

export const headingSkip: Rule = {
  id: 'heading-skip',
  run(input) {
    const out: Diagnostic[] = [];
    for (const { section, slide } of eachSlide(input)) {
      // Without a heading of its own, the slide shows the section title as its h2.
      let previous: number | undefined = slide.hasHeading ? undefined : 2;
      let from = slide.line;
      for (const el of elements(slide.html)) {
        const m = /^h([1-6])$/.exec(el.name);
        if (!m) continue;
        const level = Number(m[1]);
        const line = lineOf(section, headingText(el), from, slide.line);
        from = line;
        if (previous !== undefined && level > previous + 1) {
          out.push(warning('heading-skip', section.file, `Heading level jumps from h${previous} to h${level}`, { line },
            `Use ${'#'.repeat(previous + 1)} (h${previous + 1}) here, or add the missing level above it.`));
        }
        previous = level;
      }
    }
    return out;
  },
};

function headingText(el: { children: unknown[] }): string {
  const parts: string[] = [];
  const stack = [...el.children].reverse() as { type?: string; data?: string; children?: unknown[] }[];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'text' && node.data) parts.push(node.data);
    if (node.children) stack.push(...([...node.children].reverse() as typeof stack));
  }
  return parts.join('').trim().slice(0, 40);
}
