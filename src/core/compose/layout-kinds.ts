/** What the built-in layouts are, for the code that treats kinds of slides differently. */

/** Layouts whose content the tool generates (agenda, sources list). */
export const GENERATED_LAYOUTS: ReadonlySet<string> = new Set(['agenda', 'sources']);

/** Layouts that carry no content of their own, so no speaker notes are expected: title, dividers, generated lists. */
export const FRAMING_LAYOUTS: ReadonlySet<string> = new Set(['title', 'section', ...GENERATED_LAYOUTS]);

/**
 * Layouts that frame facts rather than state them, so they need no citation: the framing layouts and
 * the BLUF (a summary of what the cited slides show). Custom layouts count as factual.
 */
export const NOT_FACTUAL_LAYOUTS: ReadonlySet<string> = new Set([...FRAMING_LAYOUTS, 'bluf']);
