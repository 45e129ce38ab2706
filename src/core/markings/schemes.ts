/**
 * Marking schemes: the levels of a classification system, lowest first, each with its banner colours and
 * portion mark. The US colours are the usual ones (DoDM 5200.01 / ICD 710 practice, as in the Astro UX
 * Design System); NATO and UK levels reuse the same palette step for step, so a reader who knows one
 * scheme reads the others. Every text colour has at least 4.5:1 contrast with its background (tested).
 */

/** One level of a scheme. */
export interface Level {
  /** Canonical spelling, upper case: `TOP SECRET`. */
  name: string;
  /** Banner background, `#rrggbb`. */
  colour: string;
  /** Banner text colour, `#rrggbb`. */
  text: string;
  /** Portion mark without parentheses: `TS`. */
  portion: string;
  /** Caveats that change the banner colour at this level: `TOP SECRET//SCI` is yellow. */
  variants?: readonly { caveat: string; colour: string; text: string }[];
}

/** A classification system: its levels, lowest first. */
export interface Scheme {
  /** `us`, `nato`, `uk`, or `custom` for a deck's own `markings:`. */
  name: string;
  levels: readonly Level[];
}

const WHITE = '#ffffff';
const BLACK = '#000000';

/** US markings: UNCLASSIFIED, CUI, CONFIDENTIAL, SECRET, TOP SECRET (yellow with `//SCI`). */
export const US: Scheme = {
  name: 'us',
  levels: [
    { name: 'UNCLASSIFIED', colour: '#007a33', text: WHITE, portion: 'U' },
    { name: 'CUI', colour: '#502b85', text: WHITE, portion: 'CUI' },
    { name: 'CONFIDENTIAL', colour: '#0033a0', text: WHITE, portion: 'C' },
    { name: 'SECRET', colour: '#c8102e', text: WHITE, portion: 'S' },
    { name: 'TOP SECRET', colour: '#ff8c00', text: BLACK, portion: 'TS', variants: [{ caveat: 'SCI', colour: '#fce83a', text: BLACK }] },
  ],
};

/** NATO markings, on the US palette step for step (RESTRICTED takes CUI's purple). */
export const NATO: Scheme = {
  name: 'nato',
  levels: [
    { name: 'NATO UNCLASSIFIED', colour: '#007a33', text: WHITE, portion: 'NU' },
    { name: 'NATO RESTRICTED', colour: '#502b85', text: WHITE, portion: 'NR' },
    { name: 'NATO CONFIDENTIAL', colour: '#0033a0', text: WHITE, portion: 'NC' },
    { name: 'NATO SECRET', colour: '#c8102e', text: WHITE, portion: 'NS' },
    { name: 'COSMIC TOP SECRET', colour: '#ff8c00', text: BLACK, portion: 'CTS' },
  ],
};

/** UK Government Security Classifications, on the same palette (OFFICIAL-SENSITIVE takes the purple). */
export const UK: Scheme = {
  name: 'uk',
  levels: [
    { name: 'OFFICIAL', colour: '#007a33', text: WHITE, portion: 'O' },
    { name: 'OFFICIAL-SENSITIVE', colour: '#502b85', text: WHITE, portion: 'OS' },
    { name: 'SECRET', colour: '#c8102e', text: WHITE, portion: 'S' },
    { name: 'TOP SECRET', colour: '#ff8c00', text: BLACK, portion: 'TS' },
  ],
};

/** The built-in schemes, in the order a deck without `markings:` tries them. */
export const SCHEMES: readonly Scheme[] = [US, NATO, UK];

/** Banner colours of a marking whose level is not in the scheme: neutral grey, so it is not mistaken for a level. */
export const UNKNOWN_COLOURS = { colour: '#595959', text: WHITE } as const;

/** The canonical form of a written level: upper case, single spaces. */
export function normalizeLevel(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toUpperCase();
}

/** The scheme's level called `name` (any case and spacing), if any. */
export function findLevel(scheme: Scheme, name: string): Level | undefined {
  const wanted = normalizeLevel(name);
  return scheme.levels.find((l) => l.name === wanted);
}
