/** `image-alt`: an image without alternative text, which screen readers and the PDF's text layer cannot describe. */
import { warning, type Diagnostic } from '../../diagnostics.js';
import { decodeUrl } from '../../assets.js';
import { eachSlide, parsedSlide, positionOf, type Rule } from './context.js';

export const imageAlt: Rule = {
  id: 'image-alt',
  run(input) {
    const out: Diagnostic[] = [];
    for (const { section, slide } of eachSlide(input)) {
      for (const el of parsedSlide(slide).elements) {
        if (el.name !== 'img' || (el.attribs.alt ?? '').trim()) continue;
        const src = el.attribs.src ?? '';
        // The build rewrote local paths to media/…; the file name is what the author wrote.
        const name = decodeUrl(src.split(/[?#]/)[0]!.split('/').pop() ?? '');
        out.push(warning('image-alt', section.file, `Image ${name || src} has no alt text`, positionOf(section, name, slide.line),
          'Describe the image in the brackets: ![What the image shows](file.png).'));
      }
    }
    return out;
  },
};
