/**
 * Which sections go into the deck, decided in one place: drafts only when asked for, the sections for one
 * audience (`--audience`), only the named ones (`--only`), nothing above the release cut
 * (`--max-classification`). Every output builds from this selection, and compose numbers slides, builds the
 * agenda and numbers sources from it, so a cut's agenda, slide numbers, citations and sources list reflect
 * only what is in it. A filter added here applies to all of them.
 */
import { closest, error, type Diagnostic } from '../core/diagnostics.js';
import { agendaEntries } from '../core/compose/generated.js';
import { markDeck, markGenerated, type DeckMarkings } from '../core/markings/deck.js';
import type { BriefingIndex, Section } from '../core/model.js';

/** The section filters of a build. */
export interface Selection {
  /** Include sections marked `draft: true`. */
  drafts?: boolean | undefined;
  /** Only the sections for this audience (their `audience:` lists it), and those with no `audience:` (for everyone). */
  audience?: string | undefined;
  /** Only the sections with these ids. */
  only?: readonly string[] | undefined;
  /** Leave out every section marked above this level, and mark the deck by what remains. */
  maxClassification?: string | undefined;
}

export interface Selected {
  sections: Section[];
  markings: DeckMarkings | undefined;
  diagnostics: Diagnostic[];
}

/**
 * Select the sections of a deck (in the order given) and mark them. Without a parsed deck, only drafts,
 * audience and ids are filtered. `where` names the briefing in messages about `--audience` and `--only`.
 */
export function selectSections(deck: BriefingIndex | undefined, sections: readonly Section[], selection: Selection, where = ''): Selected {
  const diagnostics = unknownNames(sections, selection, where);
  const only = selection.only?.length ? new Set(selection.only) : undefined;
  const audience = selection.audience;
  const wanted = sections.filter((s) =>
    (selection.drafts || !s.draft) &&
    (!only || only.has(s.id)) &&
    (audience === undefined || !s.front.audience || s.front.audience.includes(audience)));
  if (!deck) return { sections: wanted, markings: undefined, diagnostics };
  const marked = markDeck(deck, wanted, selection.maxClassification);
  if (marked.markings) markGenerated(marked.markings, generatedContent(marked.sections));
  return { sections: marked.sections, markings: marked.markings, diagnostics: [...diagnostics, ...marked.diagnostics] };
}

/** An error for each `--only` id no section has (or only a draft has) and for an `--audience` no section names, with the closest valid one. */
function unknownNames(sections: readonly Section[], selection: Selection, where: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const ids = sections.map((s) => s.id);
  for (const id of new Set(selection.only ?? [])) {
    const section = sections.find((s) => s.id === id);
    if (!section) {
      const near = closest(id, ids);
      diagnostics.push(error('unknown-section', where, `--only names \`${id}\`, but no section of this briefing has that id`, {},
        `${near ? `Did you mean \`${near}\`? ` : ''}Section ids: ${ids.join(', ')}.`));
    } else if (section.draft && !selection.drafts) {
      diagnostics.push(error('unknown-section', where, `--only names \`${id}\`, which is a draft (${section.file})`, {}, 'Add --drafts to build drafts too, or leave it out of --only.'));
    }
  }
  const audience = selection.audience;
  if (audience !== undefined) {
    const named = [...new Set(sections.flatMap((s) => s.front.audience ?? []))].sort();
    if (!named.includes(audience)) {
      const near = closest(audience, named);
      diagnostics.push(error('unknown-audience', where, `--audience \`${audience}\`: no section of this briefing lists that audience`, {},
        named.length
          ? `${near ? `Did you mean \`${near}\`? ` : ''}Audiences named in sections (audience: [...]): ${named.join(', ')}.`
          : 'No section has an `audience:` list yet; add `audience: [name]` to the sections meant for one audience.'));
    }
  }
  return diagnostics;
}

/** For each agenda and sources section, the sections whose titles or sources it lists. */
function generatedContent(sections: readonly Section[]): Map<string, string[]> {
  const agenda = agendaEntries(sections).map((e) => e.id);
  const citing = sections.filter((s) => s.front.sources?.length).map((s) => s.id);
  const shows = new Map<string, string[]>();
  for (const s of sections) {
    if (s.layout === 'agenda') shows.set(s.id, agenda);
    else if (s.layout === 'sources') shows.set(s.id, citing);
  }
  return shows;
}
