/** `scripts-allowed`: the deck opted out of sanitizing, so every section can run code in the presenter's browser. */
import { warning } from '../../diagnostics.js';
import type { Rule } from './context.js';

export const scriptsAllowed: Rule = {
  id: 'scripts-allowed',
  run(input) {
    if (!input.deck.meta.allowScripts) return [];
    return [warning('scripts-allowed', input.deck.file, 'Scripts are allowed: raw HTML in every section runs unsanitized in the browser', input.deck.positions.of(['allowScripts'], { key: true }),
      'Remove `allowScripts: true` from index.md unless every section comes from a trusted author.')];
  },
};
