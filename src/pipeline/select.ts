/**
 * Which sections go into the deck, decided in one place: drafts only when asked for, nothing above the
 * release cut (`--max-classification`). Every output builds from this selection, so a filter added here
 * applies to all of them.
 */
import type { Diagnostic } from '../core/diagnostics.js';
import { markDeck, type DeckMarkings } from '../core/markings/deck.js';
import type { Deck, Section } from '../core/model.js';

/** The section filters of a build. */
export interface Selection {
  /** Include sections marked `draft: true`. */
  drafts?: boolean | undefined;
  /** Leave out every section marked above this level, and mark the deck by what remains. */
  maxClassification?: string | undefined;
}

export interface Selected {
  sections: Section[];
  markings: DeckMarkings | undefined;
  diagnostics: Diagnostic[];
}

/** Select the sections of a deck (in the order given) and mark them. Without a parsed deck, only drafts are filtered. */
export function selectSections(deck: Deck | undefined, sections: readonly Section[], selection: Selection): Selected {
  const wanted = sections.filter((s) => !s.draft || selection.drafts);
  if (!deck) return { sections: wanted, markings: undefined, diagnostics: [] };
  const marked = markDeck(deck, wanted, selection.maxClassification);
  return { sections: marked.sections, markings: marked.markings, diagnostics: marked.diagnostics };
}
