/** `heading-skip`: a heading more than one level below the one before it (h2 then h4), which breaks the outline. */
import { textContent } from 'domutils';
import type { Element } from 'domhandler';
import { warning, type Diagnostic } from '../../diagnostics.js';
import { eachSlide, lineOf, parsedSlide, type Rule } from './context.js';

export const headingSkip: Rule = {
  id: 'heading-skip',
  run(input) {
    const out: Diagnostic[] = [];
    for (const { section, slide } of eachSlide(input)) {
      // Without a heading of its own, the slide shows the section title as its h2.
      let previous: number | undefined = slide.hasHeading ? undefined : 2;
      let from = slide.line;
      for (const el of parsedSlide(slide).elements) {
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

/** The start of a heading's text: enough to find the line it was written on. */
function headingText(el: Element): string {
  return textContent(el).trim().slice(0, 40);
}
