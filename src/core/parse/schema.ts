/** Front-matter schemas for the deck (`index.md`) and its sections, and their validation. */
import * as v from 'valibot';

/** YAML turns unquoted `2022-04-07` into a Date; both spellings mean a calendar day. */
const day = v.pipe(
  v.union([v.string(), v.date()], 'Expected a date such as 2022-04-07'),
  v.transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value)),
);
/** A calendar day that comparisons and the footer rely on: ISO only, since `30.09.2026` and `09/30/2026` are ambiguous. */
export const isoDay = v.pipe(
  day,
  v.check((value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString?.().startsWith(value) === true && !Number.isNaN(Date.parse(value)), 'Expected a date in the form YYYY-MM-DD, such as 2022-04-07'),
);
/** Dates in layout data: an ISO day (quoted or not, formatted like the deck's other dates) or free text such as "21–22 Feb 2022". */
const dayOrText = v.pipe(
  v.union([v.string(), v.number(), v.date()], 'Expected a date such as 2022-04-07, or text such as "21–22 Feb 2022"'),
  v.transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value))),
);
const text = v.union([v.string(), v.number()], 'Expected text');
const asText = v.pipe(text, v.transform(String));
const id = v.pipe(v.string(), v.regex(/^[A-Za-z][\w-]*$/, 'Expected an id made of letters, digits, "-" and "_", starting with a letter'));

const sourceEntry = v.pipe(v.object({
  /** The title exactly as on the page; shown in quotation marks. */
  title: v.optional(asText),
  /** Our own description, for a page whose exact title was not recorded; shown without quotation marks. */
  description: v.optional(asText),
  publisher: v.optional(asText),
  author: v.optional(asText),
  date: v.optional(day),
  // Only web links: a `javascript:` URL would run when the audience clicks the source.
  url: v.optional(v.pipe(v.string(), v.url('Expected a full URL such as https://example.org/page'), v.regex(/^https?:\/\//i, 'Expected an http(s) URL such as https://example.org/page'))),
  note: v.optional(asText),
}), v.check((s) => s.title !== undefined || s.description !== undefined, 'A source needs a `title` (as on the page) or a `description` (in your own words)'));

const hexColour = v.pipe(v.string('Expected a colour such as "#c8102e"'), v.regex(/^#([0-9a-f]{3}|[0-9a-f]{6})$/i, 'Expected a colour such as "#c8102e" (quoted: YAML reads # as a comment)'));
/** One level of a deck's own marking scheme; levels are listed lowest first. */
const markingLevel = v.object({ name: asText, colour: hexColour, text: v.optional(hexColour), portion: v.optional(asText) });
/** The name of a built-in marking scheme, in any case. */
export const schemeName = v.pipe(v.string(), v.toLowerCase(), v.picklist(['us', 'nato', 'uk'], 'Expected `us`, `nato`, `uk`, or `levels:` with a list of levels'));
/** A built-in marking scheme by name, or a deck's own levels. */
const markings = v.union([
  schemeName,
  v.object({ levels: v.pipe(v.array(markingLevel), v.minLength(1, 'Expected at least one level')) }),
], 'Expected `us`, `nato`, `uk`, or `levels:` with a list of levels (`name`, `colour`, optional `text` and `portion`), lowest first');

/**
 * A reveal.js slide size: pixels (the PDF, the images and the browser all lay out a page this big, so a
 * size of 100,000 would exhaust them) or a percentage of the window.
 */
const REVEAL_PIXELS = { min: 100, max: 8000 };
const SIZE_MESSAGE = `Expected a size in pixels from ${REVEAL_PIXELS.min} to ${REVEAL_PIXELS.max} (1280 by 720 is the default), or a percentage such as "100%"`;
const revealSize = v.union([
  v.pipe(v.number(), v.minValue(REVEAL_PIXELS.min, SIZE_MESSAGE), v.maxValue(REVEAL_PIXELS.max, SIZE_MESSAGE)),
  v.pipe(v.string(), v.regex(/^\d{1,3}(\.\d+)?%$/)),
], SIZE_MESSAGE);
/** The most one side of a slide may exceed the other. */
const MAX_ASPECT = 10;

function aspectFits(width: unknown, height: unknown): boolean {
  // A size out of range is reported on its own; the shape is judged only between valid sizes.
  const valid = (n: unknown, fallback: number) => (typeof n !== 'number' ? fallback : n >= REVEAL_PIXELS.min && n <= REVEAL_PIXELS.max ? n : undefined);
  const w = valid(width, 1280);
  const h = valid(height, 720);
  return w === undefined || h === undefined || (w / h <= MAX_ASPECT && h / w <= MAX_ASPECT);
}

/** The keys `index.md` may set, each with its schema (also the list `unknown-key` compares against). */
export const deckFields = {
  title: asText,
  subtitle: v.optional(asText),
  presenter: v.optional(asText),
  organization: v.optional(asText),
  date: v.optional(day),
  asOf: v.optional(isoDay),
  /** The deck's marking; with sections marked too, the ceiling none may exceed. */
  classification: v.optional(asText),
  /** Which marking scheme the levels belong to (default: the built-in scheme that knows the levels used). */
  markings: v.optional(markings),
  /** Prefix every slide title with its portion mark, `(S//NF)`. */
  portionMarks: v.optional(v.boolean()),
  theme: v.optional(v.string()),
  // reveal.js loads every `dependencies` entry as a script, so that key is as powerful as a <script> tag.
  reveal: v.optional(v.pipe(
    v.looseObject({ width: v.optional(revealSize), height: v.optional(revealSize) }),
    v.check((r) => !('dependencies' in r), '`reveal.dependencies` loads scripts and is not allowed; use `allowScripts: true` and a custom deck template instead'),
    v.check((r) => aspectFits(r.width, r.height), `\`reveal.width\` and \`height\` are more than ${MAX_ASPECT}:1 apart; use a slide shape such as 1280 by 720`),
  )),
  sources: v.optional(v.record(id, sourceEntry)),
  notes: v.optional(asText),
  allowScripts: v.optional(v.boolean()),
  lang: v.optional(v.string()),
  footer: v.optional(asText),
  /** How the tool writes dates (footer, title slide, sources): `long` "7 April 2022" or `short` "7 Apr 2022", to match the slides. */
  dateStyle: v.optional(v.picklist(['long', 'short'], 'Expected `long` or `short`')),
  /** Settings of `briefing check`. */
  check: v.optional(v.object({ wordBudget: v.optional(v.pipe(v.number('Expected a number of words such as 60'), v.integer(), v.minValue(1))) })),
};

const event = v.object({ date: dayOrText, title: asText, text: v.optional(asText) });
const figure = v.object({ value: asText, label: asText, date: v.optional(dayOrText) });
const quote = v.object({ text: asText, speaker: v.optional(asText), date: v.optional(dayOrText), context: v.optional(asText) });
const mapGroup = v.object({ label: asText, countries: v.array(v.string()) });
const marker = v.object({ country: v.string(), label: asText });
const map = v.object({
  alt: asText,
  caption: v.optional(asText),
  groups: v.array(mapGroup),
  /** Crop the map to these countries (with a margin) instead of showing all of Europe. */
  focus: v.optional(v.array(v.string())),
  /** Write country names on the map: `true` for every country in a group, or a list of countries. */
  labels: v.optional(v.union([v.boolean(), v.array(v.string())], 'Expected `true` or a list of countries')),
  /** Labelled badges on countries, such as a battlegroup's lead nation: `{country, label}`. */
  markers: v.optional(v.array(marker)),
});

/** The keys a section file may set, each with its schema. */
export const sectionFields = {
  title: asText,
  order: v.optional(v.number('Expected a number such as 10')),
  layout: v.optional(v.string()),
  id: v.optional(id),
  notes: v.optional(asText),
  sources: v.optional(v.array(v.string())),
  draft: v.optional(v.boolean()),
  /** The section's marking: its slides' banners; at most the deck's `classification:`. */
  classification: v.optional(asText),
  /** The audiences the section is for (`--audience NAME` builds only theirs); without it, the section is for everyone. */
  audience: v.optional(v.array(id)),
  class: v.optional(v.string()),
  background: v.optional(v.string()),
  transition: v.optional(v.string()),
  agenda: v.optional(v.boolean()),
  /** reveal.js's and reveal-md's separators for this section's body: regular expressions, as `data-separator*` take them. */
  separator: v.optional(v.string()),
  verticalSeparator: v.optional(v.string()),
  notesSeparator: v.optional(v.string()),
  /** When the section's content was last checked; `briefing check` flags sections older than the deck's `asOf`. */
  updated: v.optional(isoDay),
  events: v.optional(v.array(event)),
  figures: v.optional(v.array(figure)),
  columns: v.optional(v.array(asText)),
  rows: v.optional(v.array(v.array(asText))),
  quote: v.optional(quote),
  map: v.optional(map),
};

/** Validates `index.md` front matter. */
export const deckSchema = v.object(deckFields);
/** Validates a section's front matter. */
export const sectionSchema = v.object(sectionFields);

export type DeckFrontMatter = v.InferOutput<typeof deckSchema>;
export type SectionFrontMatter = v.InferOutput<typeof sectionSchema>;
export type SourceEntry = v.InferOutput<typeof sourceEntry>;
export type TimelineEvent = v.InferOutput<typeof event>;
export type Figure = v.InferOutput<typeof figure>;
export type Quote = v.InferOutput<typeof quote>;
export type MapSpec = v.InferOutput<typeof map>;
export type MarkingsSetting = v.InferOutput<typeof markings>;

/** A schema violation, with the key path it concerns. */
export interface SchemaIssue {
  path: (string | number)[];
  message: string;
  /** The value that failed. */
  input?: unknown;
  /** What the schema expected, as valibot says it: `number`, `"none" | "separate-page"`, … */
  expected?: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; issues: SchemaIssue[] };

/** Validate front matter against a schema; all issues are returned, not only the first. */
export function validate<T>(schema: v.GenericSchema<unknown, T>, data: unknown): Validated<T> {
  const result = v.safeParse(schema, data ?? {}, { abortEarly: false });
  if (result.success) return { ok: true, value: result.output };
  return {
    ok: false,
    issues: result.issues.map((issue) => ({
      path: (issue.path ?? []).map((p) => p.key as string | number),
      message: describe(issue),
      input: issue.input,
      ...(issue.expected ? { expected: issue.expected } : {}),
    })),
  };
}

function describe(issue: v.BaseIssue<unknown>): string {
  const path = (issue.path ?? []).map((p) => p.key).join('.');
  if (issue.kind === 'schema' && issue.received === 'undefined') return `\`${path}\` is required`;
  const message = issue.message.replace(/^Invalid (type|key|value): /, '');
  const received = issue.kind === 'schema' && !message.includes('received') ? ` but got ${issue.received}` : '';
  return path ? `\`${path}\`: ${message}${received}` : `${message}${received}`;
}

/** Top-level keys of `data` that the schema does not know. */
export function unknownKeys(data: unknown, known: Record<string, unknown>): string[] {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return [];
  return Object.keys(data).filter((key) => !(key in known));
}
