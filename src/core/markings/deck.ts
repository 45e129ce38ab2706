/**
 * A deck's markings: which scheme it uses, each section's marking, the declared ceiling, the release cut and
 * the overall marking, with every problem as a positioned diagnostic. Pure: parsed deck and sections in.
 */
import { closest, error, warning, type Diagnostic, type Position } from '../diagnostics.js';
import type { BriefingIndex, Section } from '../model.js';
import { deckSetting } from '../parse/briefing.js';
import { isAbove, levelMarking, overallMarking, resolveMarking, splitMarking, type Marking } from './marking.js';
import { customScheme } from './custom.js';
import { findLevel, SCHEMES, type Scheme } from './schemes.js';

/** The markings of a built deck: what banners, the title slide, metadata and every exporter show. */
export interface DeckMarkings {
  scheme: Scheme;
  /** The deck's own `classification:` (index.md): the ceiling no section may exceed. */
  ceiling: Marking | undefined;
  /** The highest level in the deck with the caveats of the sections at that level: the title slide, PDF metadata, every export. */
  overall: Marking | undefined;
  /** Each section's marking, by section id: the banners of its slides. */
  sections: Record<string, Marking>;
  /** `portionMarks: true`: slide titles start with their portion mark. */
  portionMarks: boolean;
  /** The `--max-classification` cut applied, if any. */
  cut: Marking | undefined;
}

export interface Marked {
  /** Undefined when nothing in the deck is marked. */
  markings: DeckMarkings | undefined;
  /** The sections that stay: all, or those at or below the release cut. */
  sections: Section[];
  diagnostics: Diagnostic[];
}

/**
 * Mark a deck's sections. A section without `classification:` takes the deck's; without one either, the
 * highest marking of the sections (an unmarked part of a marked deck is presumed to be as sensitive as
 * the deck). `maxClassification` leaves out every section above that level and re-marks what remains.
 */
export function markDeck(deck: BriefingIndex, sections: readonly Section[], maxClassification?: string): Marked {
  const diagnostics: Diagnostic[] = [];
  const written = [deck.meta.classification, ...sections.map((s) => s.front.classification)].filter((t): t is string => !!t?.trim());
  if (!written.length && !deck.meta.markings) {
    if (maxClassification) diagnostics.push(error('unmarked-deck', deck.file, `\`--max-classification ${maxClassification}\` cannot cut this deck: nothing in it is marked`, {},
      'Set `classification:` in index.md (and on sections above it), or build without --max-classification.'));
    return { markings: undefined, sections: maxClassification ? [] : [...sections], diagnostics };
  }
  const chosen = schemeOf(deck, written);
  diagnostics.push(...chosen.diagnostics);
  const scheme = chosen.scheme;
  const resolve = (text: string, site: { file: string; at: Position }): Marking => {
    const { marking, unknown } = resolveMarking(text, scheme);
    if (unknown) diagnostics.push(unknownLevel(unknown, site, scheme));
    return marking;
  };

  const ceiling = deck.meta.classification?.trim() ? resolve(deck.meta.classification, deckSetting(deck, ['classification'])) : undefined;
  const own = new Map<Section, Marking>();
  for (const s of sections) if (s.front.classification?.trim()) own.set(s, resolve(s.front.classification, { file: s.file, at: s.positions.of(['classification']) }));
  if (ceiling && ceiling.rank >= 0) {
    for (const [s, m] of own) {
      if (m.rank > ceiling.rank) {
        const { file, at } = deckSetting(deck, ['classification']);
        diagnostics.push(error('above-ceiling', s.file, `Section is marked ${m.text}, above the deck's classification ${ceiling.text} (${file}:${at.line ?? 1})`,
          s.positions.of(['classification']), `Mark the section ${ceiling.level} or lower, raise \`classification:\` in index.md, or move the section to another deck.`));
      }
    }
  }
  const presumed = ceiling ?? overallMarking([...own.values()], scheme);
  const marks = new Map<Section, Marking>();
  for (const s of sections) {
    const m = own.get(s) ?? presumed;
    if (m) marks.set(s, m);
  }

  let cut: Marking | undefined;
  let kept = [...sections];
  if (maxClassification) {
    const level = findLevel(scheme, splitMarking(maxClassification).level);
    if (!level) {
      const suggestion = closest(maxClassification, scheme.levels.map((l) => l.name));
      diagnostics.push(error('unknown-classification', deck.file, `\`--max-classification ${maxClassification}\` is not a level of the ${schemeName(scheme)} scheme`, {},
        `${suggestion ? `Did you mean \`${suggestion}\`? ` : ''}Levels, lowest first: ${scheme.levels.map((l) => l.name).join(', ')}.`));
      kept = [];
    } else {
      cut = levelMarking(level, scheme);
      kept = sections.filter((s) => {
        const m = marks.get(s);
        return m !== undefined && !isAbove(m, cut!);
      });
    }
  }

  const sectionMarks: Record<string, Marking> = {};
  for (const s of kept) {
    const m = marks.get(s);
    if (m) sectionMarks[s.id] = m;
  }
  const overall = overallMarking(Object.values(sectionMarks), scheme) ?? (cut && ceiling && ceiling.rank > cut.rank ? cut : ceiling) ?? cut;
  return {
    markings: { scheme, ceiling, overall, sections: sectionMarks, portionMarks: deck.meta.portionMarks ?? false, cut },
    sections: kept,
    diagnostics,
  };
}

/**
 * Raise the marking of sections that show other sections' content — the agenda lists their titles, the
 * sources slides list what they cite — to the highest of what they show: a slide is marked with the highest
 * content on it. `shows` maps such a section's id to the ids of the sections it draws from. The overall
 * marking does not change: it is already the highest in the deck.
 */
export function markGenerated(markings: DeckMarkings, shows: ReadonlyMap<string, readonly string[]>): void {
  for (const [id, sources] of shows) {
    const own = markings.sections[id];
    if (!own) continue;
    const higher = sources.map((s) => markings.sections[s]).filter((m): m is Marking => !!m && m.rank > own.rank);
    if (higher.length) markings.sections[id] = overallMarking([own, ...higher], markings.scheme)!;
  }
}

/** The deck's scheme: `markings:` if set, else the built-in scheme that knows most of the levels written (US on a tie). */
function schemeOf(deck: BriefingIndex, written: readonly string[]): { scheme: Scheme; diagnostics: Diagnostic[] } {
  const setting = deck.meta.markings;
  if (typeof setting === 'string') return { scheme: SCHEMES.find((s) => s.name === setting)!, diagnostics: [] };
  if (setting) return customScheme(setting, deck);
  const known = (scheme: Scheme) => written.filter((t) => findLevel(scheme, splitMarking(t).level)).length;
  let best = SCHEMES[0]!;
  for (const scheme of SCHEMES) if (known(scheme) > known(best)) best = scheme;
  return { scheme: best, diagnostics: [] };
}

function unknownLevel(unknown: { written: string; closest: string | undefined }, { file, at }: { file: string; at: Position }, scheme: Scheme): Diagnostic {
  const levels = scheme.levels.map((l) => l.name).join(', ');
  return warning('unknown-classification', file, `Unknown classification level \`${unknown.written}\` in the ${schemeName(scheme)} scheme${unknown.closest ? `; shown as ${unknown.closest}` : ''}`,
    at,
    unknown.closest ? `Did you mean \`${unknown.closest}\`?` : `Levels, lowest first: ${levels}; or set \`markings:\` in index.md for another scheme.`);
}

function schemeName(scheme: Scheme): string {
  return scheme.name === 'custom' ? 'deck’s own (`markings:`)' : scheme.name.toUpperCase();
}
