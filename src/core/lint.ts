/** `check`'s lint rules over a built deck: links, alt text, word budget, notes, sources, headings, freshness. Pure. */
import { parseDocument } from 'htmlparser2';
import type { AnyNode, Element } from 'domhandler';
import { sortDiagnostics, type Diagnostic } from './diagnostics.js';
import type { Deck, RenderedSection } from './model.js';
import type { LintInput, Rule } from './rules/context.js';
import { brokenLinks } from './rules/links.js';
import { imageAlt } from './rules/images.js';
import { wordBudget } from './rules/word-budget.js';
import { missingNotes } from './rules/notes.js';
import { missingSources, unusedSources } from './rules/sources.js';
import { headingSkip } from './rules/headings.js';
import { staleSection } from './rules/freshness.js';
import { scriptsAllowed } from './rules/scripts.js';

/** Words of body text per slide before `word-budget` warns, unless index.md sets `check: { wordBudget: N }`. */
export const DEFAULT_WORD_BUDGET = 60;

/** Every lint rule, in the order the README lists them. */
export const RULES: readonly Rule[] = [brokenLinks, imageAlt, wordBudget, missingNotes, missingSources, unusedSources, headingSkip, staleSection, scriptsAllowed];

/** Run every lint rule over a deck. `html` is the composed deck, when composition succeeded. */
export function lint(deck: Deck, sections: readonly RenderedSection[], html?: string): Diagnostic[] {
  const input: LintInput = {
    deck,
    sections,
    wordBudget: deck.meta.check?.wordBudget ?? DEFAULT_WORD_BUDGET,
    ...(html ? { ids: idsIn(html) } : {}),
  };
  return sortDiagnostics(RULES.flatMap((rule) => rule.run(input)));
}

/** Every element id in an HTML page. */
export function idsIn(html: string): Set<string> {
  const ids = new Set<string>();
  const stack: AnyNode[] = [...parseDocument(html).children];
  while (stack.length) {
    const node = stack.pop()!;
    if ('attribs' in node) {
      const id = (node as Element).attribs.id;
      if (id) ids.add(id);
    }
    const children = (node as Element).children;
    if (children) stack.push(...children);
  }
  return ids;
}
