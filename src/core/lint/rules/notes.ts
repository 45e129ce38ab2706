/** `missing-notes`: a content slide without speaker notes, leaving the presenter nothing to say beyond the slide. */
import { warning, type Diagnostic } from '../../diagnostics.js';
import { eachSlide, type Rule } from './context.js';
import { FRAMING_LAYOUTS } from '../../compose/layout-kinds.js';


export const missingNotes: Rule = {
  id: 'missing-notes',
  run(input) {
    const out: Diagnostic[] = [];
    for (const { section, slide } of eachSlide(input)) {
      if (FRAMING_LAYOUTS.has(section.layout) || slide.notesHtml.trim()) continue;
      out.push(warning('missing-notes', section.file, `Slide has no speaker notes`, { line: slide.line },
        'Add a line `Note:` at the end of the slide followed by what to say, or `notes:` in the front matter.'));
    }
    return out;
  },
};
