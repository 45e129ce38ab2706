/** `check`'s lint rules over a built deck: links, alt text, word budget, notes, sources, headings, freshness. Pure. */
import { sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import type { BriefingIndex, RenderedSection } from '../model.js';
import { elements, type LintInput, type Rule } from './rules/context.js';
import { brokenLinks } from './rules/links.js';
import { imageAlt } from './rules/images.js';
import { wordBudget } from './rules/word-budget.js';
import { missingNotes } from './rules/notes.js';
import { missingSources, unusedSources } from './rules/sources.js';
import { headingSkip } from './rules/headings.js';
import { staleSection } from './rules/freshness.js';
import { scriptsAllowed } from './rules/scripts.js';
import { unknownLanguage } from './rules/code.js';
import { notesSwallowHeadings } from './rules/swallowed.js';

/** Words of body text per slide before `word-budget` warns, unless index.md sets `check: { wordBudget: N }`. */
const DEFAULT_WORD_BUDGET = 60;

/** Every lint rule, in the order the README lists them. */
export const LINT_RULES: readonly Rule[] = [brokenLinks, imageAlt, wordBudget, missingNotes, missingSources, unusedSources, headingSkip, staleSection, scriptsAllowed, unknownLanguage, notesSwallowHeadings];

/**
 * The rule registry of `briefing check`: every rule the README's "Checking a briefing" tables list — the lint
 * rules above, and what the other stages report that `check` exists to catch. Each has a fixture under
 * tests/fixtures/ (tests/check/fixtures.test.ts holds that to this list).
 */
export const CHECK_RULES: readonly string[] = [
  ...LINT_RULES.map((rule) => rule.id),
  'too-deep', 'unknown-key', 'unsafe-html', 'remote-asset', 'remote-font', 'unknown-theme', 'overflow', 'contrast',
];

/** Run every lint rule over a deck. `html` is the composed deck, when composition succeeded. */
export function lint(deck: BriefingIndex, sections: readonly RenderedSection[], html?: string): Diagnostic[] {
  const input: LintInput = {
    deck,
    sections,
    wordBudget: deck.meta.check?.wordBudget ?? DEFAULT_WORD_BUDGET,
    ...(html ? { ids: idsIn(html) } : {}),
  };
  return sortDiagnostics(LINT_RULES.flatMap((rule) => rule.run(input)));
}

/** Every element id in an HTML page. */
function idsIn(html: string): Set<string> {
  return new Set(elements(html).flatMap((el) => (el.attribs.id ? [el.attribs.id] : [])));
}
