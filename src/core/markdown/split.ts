/** A section's slides: split by its own separators when its front matter sets any, else by the built-in ones. Pure. */
import { error, type Diagnostic } from '../diagnostics.js';
import type { Section } from '../model.js';
import { compileSeparators, splitSlidesWith } from '../parse/separators.js';
import { splitSlides, type SlideStack } from '../parse/slides.js';

/** Split a section body into stacks of slides; an unusable separator is an error at its front-matter value. */
export function sectionSlides(section: Section): { stacks: SlideStack[]; diagnostics: Diagnostic[] } {
  const { separator, verticalSeparator, notesSeparator } = section.front;
  if (separator === undefined && verticalSeparator === undefined && notesSeparator === undefined) {
    return { stacks: splitSlides(section.body, section.bodyLine), diagnostics: [] };
  }
  const compiled = compileSeparators({ separator, verticalSeparator, notesSeparator });
  if (!Array.isArray(compiled)) return { stacks: splitSlidesWith(section.body, section.bodyLine, compiled), diagnostics: [] };
  const diagnostics = compiled.map((problem) => error('invalid-separator', section.file, problem.message, section.positions.of([problem.key]),
    'Write a JavaScript regular expression, as reveal.js\'s data-separator takes it, in single quotes: \'^\\n\\n\\n\' (two blank lines), \'^---$\', \'^Note:\'.'));
  return { stacks: splitSlides(section.body, section.bodyLine), diagnostics };
}
