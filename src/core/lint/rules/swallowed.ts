/**
 * `notes-swallow-headings`: a `Note:` whose notes run on over a heading — the sign of slides the separators
 * did not split, as when reveal.js content written for other separators (reveal.js's examples/markdown.md
 * splits on blank lines) is dropped into a section: its slides vanish into the speaker notes.
 */
import { warning, type Diagnostic } from '../../diagnostics.js';
import { sectionSlides } from '../../markdown/split.js';
import type { Rule } from './context.js';

const HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

export const notesSwallowHeadings: Rule = {
  id: 'notes-swallow-headings',
  run(input) {
    const out: Diagnostic[] = [];
    for (const { section } of input.sections) {
      // Only sections whose notes hold a heading line are split again here.
      if (!/^[ \t]*notes?:/im.test(section.body) && section.front.notesSeparator === undefined) continue;
      const lines = section.body.split('\n');
      for (const slide of sectionSlides(section).stacks.flatMap((s) => s.slides)) {
        if (slide.notesLine === undefined || !slide.notes.includes('#')) continue;
        const heading = firstHeading(slide.notes);
        if (!heading) continue;
        const index = lines.findIndex((text, i) => section.bodyLine + i > slide.notesLine! && text.trim() === heading);
        const headingLine = index === -1 ? undefined : section.bodyLine + index;
        const count = slide.notes.split('\n').filter((l) => HEADING.test(l)).length;
        out.push(warning('notes-swallow-headings', section.file,
          `The speaker notes begun here take in the heading \`${heading}\`${headingLine ? ` (line ${headingLine})` : ''}${count > 1 ? ` and ${count - 1} more` : ''}: ${count > 1 ? 'those slides are' : 'that slide is'} not shown`,
          { line: slide.notesLine, column: 1 },
          'End the slide before the heading with a separator (`---`), or give the section the separators its text was written for (`separator:`, `verticalSeparator:`, `notesSeparator:` in its front matter).'));
      }
    }
    return out;
  },
};

/** The first ATX heading line of some Markdown outside fenced code, trimmed. */
function firstHeading(markdown: string): string | undefined {
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (close && close[1]![0] === fence[0] && close[1]!.length >= fence.length) fence = undefined;
      continue;
    }
    const open = FENCE.exec(line);
    if (open) fence = open[1];
    else if (HEADING.test(line)) return line.trim();
  }
  return undefined;
}
