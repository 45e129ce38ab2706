/** `broken-link`: a link to `#/id` or `#id` that no slide or element of the deck answers to. */
import { closest, error, type Diagnostic } from '../../diagnostics.js';
import { decodeUrl } from '../../assets.js';
import { dataStrings, eachSlide, elements, parsedSlide, positionOf, type Rule } from './context.js';

/** The id a same-deck link points at, or undefined for links reveal.js resolves by number (`#/3/1`) or none. */
function linkTarget(href: string): string | undefined {
  if (!href.startsWith('#') || href === '#' || href === '#/') return undefined;
  // Malformed escapes keep the raw text, which matches no id and is reported as written.
  const target = decodeUrl(href.startsWith('#/') ? href.slice(2).split('/')[0]! : href.slice(1));
  if (/^\d+$/.test(target)) return undefined;
  return target || undefined;
}

export const brokenLinks: Rule = {
  id: 'broken-link',
  run(input) {
    const ids = input.ids;
    if (!ids) return [];
    const known = [...ids];
    const out: Diagnostic[] = [];
    for (const { section, rendered, slide } of eachSlide(input)) {
      const others = [slide.notesHtml, ...(slide === rendered.stacks[0]?.[0] ? dataStrings(rendered.data) : [])];
      for (const el of [...parsedSlide(slide).elements, ...others.flatMap(elements)]) {
        const href = el.name === 'a' ? el.attribs.href : undefined;
        const target = href ? linkTarget(href) : undefined;
        if (!href || !target || ids.has(target)) continue;
        const suggestion = closest(target, known);
        out.push(error('broken-link', section.file, `Link to \`${href}\`: no slide or element has the id \`${target}\``, positionOf(section, href, slide.line),
          suggestion ? `Did you mean \`${href.startsWith('#/') ? '#/' : '#'}${suggestion}\`?` : 'Link to a section id (its file name without the number prefix, or its `id:`).'));
      }
    }
    return out;
  },
};
