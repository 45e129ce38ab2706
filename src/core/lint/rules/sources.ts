/**
 * `missing-sources`: a factual section that cites nothing although the deck defines sources.
 * `unused-source`: a source defined in index.md that no section cites.
 */
import { warning, type Diagnostic } from '../../diagnostics.js';
import { countWords, dataStrings, parsedSlide, textOf, type Rule } from './context.js';
import { NOT_FACTUAL_LAYOUTS } from '../../compose/layout-kinds.js';

export const missingSources: Rule = {
  id: 'missing-sources',
  run(input) {
    if (!Object.keys(input.deck.meta.sources).length) return [];
    const out: Diagnostic[] = [];
    for (const { section, stacks, data } of input.sections) {
      // `sources: []` says on purpose that the section cites nothing.
      if (NOT_FACTUAL_LAYOUTS.has(section.layout) || section.front.sources) continue;
      const text = [...stacks.flat().map((s) => parsedSlide(s).text), ...dataStrings(data).map(textOf)].join(' ');
      if (!countWords(text) && !section.front.map) continue;
      out.push(warning('missing-sources', section.file, `Section states facts but cites no source`, section.positions.of(['title'], { key: true }),
        'Add `sources: [id, …]` with ids from index.md, or `sources: []` if the section needs none.'));
    }
    return out;
  },
};

export const unusedSources: Rule = {
  id: 'unused-source',
  run(input) {
    const cited = new Set(input.sections.flatMap((r) => r.section.front.sources ?? []));
    return Object.keys(input.deck.meta.sources)
      .filter((id) => !cited.has(id))
      .map((id) => warning('unused-source', input.deck.file, `Source \`${id}\` is defined but no section cites it`, input.deck.positions.of(['sources', id], { key: true }),
        `Cite it with \`sources: [${id}]\` in a section, or delete it from index.md.`));
  },
};
