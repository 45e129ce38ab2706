/**
 * A classification marking: a level and optional caveats after `//` (`SECRET//NOFORN`,
 * `UNCLASSIFIED // FOR TRAINING`). The level decides colour and order; the caveats are shown as written.
 * Pure: strings and schemes in, markings out.
 */
import { closest } from '../diagnostics.js';
import { findLevel, normalizeLevel, UNKNOWN_COLOURS, type Level, type Scheme } from './schemes.js';

/** A marking resolved against a scheme: what a banner shows and how it compares. */
export interface Marking {
  /** The marking as written (trimmed), or composed for an overall marking: what banners show. */
  text: string;
  /** Canonical level name; undefined when the level is not in the scheme and nothing close is. */
  level: string | undefined;
  /** Position of the level in the scheme, lowest 0; -1 for an unknown level. */
  rank: number;
  /** Caveats after `//`, trimmed, as written. */
  caveats: string[];
  /** Banner background and text colours, `#rrggbb`. */
  colour: string;
  textColour: string;
  /** Portion mark with parentheses and abbreviated caveats: `(S//NF)`. */
  portion: string;
}

/** A marking, and the level it was taken to mean when the written one is not in the scheme. */
export interface Resolved {
  marking: Marking;
  /** Set when the written level is unknown: the closest level of the scheme (used for colour and order), if any. */
  unknown?: { written: string; closest: string | undefined };
}

/** Caveats with a standard short form in portion marks (CAPCO); others appear as written. */
const CAVEAT_ABBREVIATIONS: Record<string, string> = { NOFORN: 'NF', ORCON: 'OC', PROPIN: 'PR', IMCON: 'IMC', 'FOR OFFICIAL USE ONLY': 'FOUO' };

/** Split a written marking into its level and caveats, both as written. */
export function splitMarking(text: string): { level: string; caveats: string[] } {
  const [level = '', ...caveats] = text.split('//');
  return { level: level.trim(), caveats: caveats.map((c) => c.trim()).filter(Boolean) };
}

/** Resolve a written marking against a scheme; an unknown level takes the closest known one's colour and order. */
export function resolveMarking(text: string, scheme: Scheme): Resolved {
  const written = text.trim();
  const { level: levelText, caveats } = splitMarking(written);
  const level = findLevel(scheme, levelText);
  if (level) return { marking: markingOf(written, level, scheme.levels.indexOf(level), caveats) };
  const suggestion = closest(normalizeLevel(levelText), scheme.levels.map((l) => l.name));
  const near = suggestion ? findLevel(scheme, suggestion) : undefined;
  const unknown = { written: levelText, closest: near?.name };
  if (near) return { marking: markingOf(written, near, scheme.levels.indexOf(near), caveats), unknown };
  return {
    marking: { text: written, level: undefined, rank: -1, caveats, colour: UNKNOWN_COLOURS.colour, textColour: UNKNOWN_COLOURS.text, portion: portionOf(initials(levelText), caveats) },
    unknown,
  };
}

/** The marking of a level itself, without caveats: what `--max-classification SECRET` names. */
export function levelMarking(level: Level, scheme: Scheme): Marking {
  return markingOf(level.name, level, scheme.levels.indexOf(level), []);
}

/**
 * The overall marking of several: the highest level, with the caveats of the markings at that level (in the
 * order first written). Markings of unknown level do not count. Undefined when none counts.
 */
export function overallMarking(markings: readonly Marking[], scheme: Scheme): Marking | undefined {
  const ranked = markings.filter((m) => m.rank >= 0);
  if (!ranked.length) return undefined;
  const top = Math.max(...ranked.map((m) => m.rank));
  const atTop = ranked.filter((m) => m.rank === top);
  const caveats: string[] = [];
  for (const m of atTop) for (const c of m.caveats) if (!caveats.some((k) => normalizeLevel(k) === normalizeLevel(c))) caveats.push(c);
  // One way of writing it throughout: keep it as written. Otherwise the canonical level with every caveat.
  const same = atTop.every((m) => m.text === atTop[0]!.text);
  const text = same ? atTop[0]!.text : [scheme.levels[top]!.name, ...caveats].join('//');
  return markingOf(text, scheme.levels[top]!, top, caveats);
}

/** Whether `marking` is above `limit` in the scheme's order (unknown levels are above every limit: they cannot be shown to be releasable). */
export function isAbove(marking: Marking, limit: Marking): boolean {
  return marking.rank < 0 || marking.rank > limit.rank;
}

function markingOf(text: string, level: Level, rank: number, caveats: string[]): Marking {
  const variant = level.variants?.find((v) => caveats.some((c) => normalizeLevel(c) === v.caveat));
  return {
    text,
    level: level.name,
    rank,
    caveats,
    colour: variant?.colour ?? level.colour,
    textColour: variant?.text ?? level.text,
    portion: portionOf(level.portion, caveats),
  };
}

function portionOf(level: string, caveats: readonly string[]): string {
  const short = caveats.map((c) => CAVEAT_ABBREVIATIONS[normalizeLevel(c)] ?? c);
  return `(${[level, ...short].join('//')})`;
}

/** `COMPANY CONFIDENTIAL` -> `CC`: the default portion mark of a custom level. */
export function initials(name: string): string {
  return normalizeLevel(name).split(/[\s-]+/).filter(Boolean).map((w) => w[0]).join('');
}
