/** `stale-section`: a section last updated (`updated:`) before the date the deck claims to be current as of (`asOf:`). */
import { warning } from '../../diagnostics.js';
import type { Rule } from './context.js';

const ISO_DAY = /^\d{4}-\d{2}(-\d{2})?$/;

export const staleSection: Rule = {
  id: 'stale-section',
  run(input) {
    const asOf = input.deck.meta.asOf;
    if (!asOf || !ISO_DAY.test(asOf)) return [];
    return input.sections
      .map((r) => r.section)
      .filter((s) => s.front.updated && ISO_DAY.test(s.front.updated) && s.front.updated < asOf)
      .map((s) => warning('stale-section', s.file, `Section was last updated ${s.front.updated}, before the deck's as-of date ${asOf}`, s.positions.of(['updated']),
        `Review the section against the latest information, then set \`updated: ${asOf}\`.`));
  },
};
