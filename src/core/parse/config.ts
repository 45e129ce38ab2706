/**
 * `briefing.config.json`, the project's config file: defaults for the CLI flags (by their long names), the
 * briefings folder, and deck defaults that a deck's front matter overrides. JSON, so no code runs. Pure:
 * text in, validated config and positioned diagnostics out.
 */
import * as v from 'valibot';
import { closest, error, warning, type Diagnostic } from '../diagnostics.js';
import { keyPositions, type KeyPositions } from './frontmatter.js';
import { deckFields, validate, type SchemaIssue } from './schema.js';

/** The file name looked for at the project root. */
export const CONFIG_FILE = 'briefing.config.json';

const doc = <T extends v.GenericSchema>(schema: T, description: string) => v.optional(v.pipe(schema, v.description(description)));

/**
 * Deck keys a project may default (front matter overrides each; `reveal` and `check` key by key). Not `title`,
 * `date`, `asOf`, `sources` or `notes`, which belong to each deck, nor `allowScripts`: each deck opts in to scripts itself.
 */
export const deckDefaultFields = {
  subtitle: deckFields.subtitle,
  presenter: deckFields.presenter,
  organization: deckFields.organization,
  classification: deckFields.classification,
  markings: deckFields.markings,
  portionMarks: deckFields.portionMarks,
  theme: deckFields.theme,
  reveal: deckFields.reveal,
  lang: deckFields.lang,
  footer: deckFields.footer,
  dateStyle: deckFields.dateStyle,
  check: deckFields.check,
};
const deckDefaults = v.object(deckDefaultFields);

const port = v.pipe(v.number('Expected a port number such as 8000'), v.integer('Expected a whole port number such as 8000'), v.minValue(0, 'Expected a port from 0 to 65535'), v.maxValue(65535, 'Expected a port from 0 to 65535'));
const ids = v.union([v.pipe(v.array(v.string()), v.minLength(1, 'Expected at least one section id')), v.pipe(v.string(), v.regex(/[^\s,]/, 'Expected section ids'))],
  'Expected a list of section ids, such as ["bluf", "articles"]');

/**
 * Every key of the config file, each with its schema (also the list `unknown-key` compares against). The flag
 * defaults are named as the flags are, for every flag except `--help` and `new --title` (one briefing's title).
 */
export const configFields = {
  /** Editors read this to find the schema; the build ignores it. */
  $schema: doc(v.string(), 'The JSON Schema of this file, for editors (ignored by briefing).'),
  briefings: doc(v.string(), 'The folder whose subfolders are the briefings, relative to this file (default "briefings").'),
  out: doc(v.string(), 'Output folder, relative to this file (default "dist"): build writes <out>/<slug>/; pdf, pptx and images write into <out>/<slug>/ too.'),
  'single-file': doc(v.boolean(), 'build: one self-contained <out>/<slug>.html instead of the deck folder.'),
  'no-notes': doc(v.boolean(), 'Leave the speaker notes out of every output (a copy for the audience).'),
  audience: doc(v.pipe(v.string(), v.regex(/\S/, 'Expected the name of an audience, such as "staff"')), 'Only the sections for this audience (their audience: lists it) and those for everyone.'),
  only: v.optional(v.pipe(ids, v.description('Only these sections, by id.'))),
  'max-classification': doc(v.string(), 'Release cut: leave out every section marked above this level and mark the output by what remains.'),
  drafts: doc(v.boolean(), 'Include sections marked draft: true.'),
  timings: doc(v.boolean(), 'build: print the time each stage took.'),
  watch: doc(v.boolean(), 'build: keep running and rebuild on change (--no-watch builds once).'),
  debug: doc(v.boolean(), 'Show stack traces for internal errors.'),
  format: doc(v.picklist(['text', 'json'], 'Expected "text" or "json"'), 'check: text or json findings.'),
  strict: doc(v.boolean(), 'check: exit 1 on warnings too.'),
  layout: doc(v.boolean(), 'check: also measure every slide in headless Chromium and report overflow.'),
  browser: doc(v.string(), 'Chromium or Chrome to use (pdf, images, check --layout, pptx pictures): a path relative to this file, or a program name.'),
  port: v.optional(v.pipe(port, v.description('serve: the port (default 8000; 0 picks a free one).'))),
  host: doc(v.string(), 'serve: the address to listen on (default 127.0.0.1).'),
  open: doc(v.boolean(), 'serve: open the deck in the default browser.'),
  handout: doc(v.boolean(), 'pdf: A4 handout pages, the slide on top and its notes below.'),
  notes: doc(v.picklist(['none', 'separate-page'], 'Expected "none" or "separate-page"'), 'pdf: "separate-page" puts each slide\'s notes on a page of their own.'),
  fragments: doc(v.picklist(['final', 'each'], 'Expected "final" or "each"'), 'pdf: "each" prints one page per fragment step.'),
  untagged: doc(v.boolean(), 'pdf: leave out the tags (a smaller file that screen readers cannot follow).'),
  scale: v.optional(v.pipe(v.picklist([1, 2], 'Expected 1 or 2'), v.description('images: 2 writes images twice as wide and high.'))),
  images: doc(v.boolean(), 'pptx: every slide as a picture of the deck slide.'),
  deck: v.optional(v.pipe(deckDefaults, v.description("Defaults for every deck's index.md; a deck's front matter overrides each key (reveal and check key by key)."))),
};

/** Validates the config file. */
export const configSchema = v.object(configFields);

export type ProjectConfig = v.InferOutput<typeof configSchema>;

/** The flags a config key sets: every key but `$schema`, `briefings` and `deck`, by the flag's long name. */
export const FLAG_KEYS: readonly string[] = Object.keys(configFields).filter((k) => !['$schema', 'briefings', 'deck'].includes(k));

/** A project's deck defaults and where they were written, so a problem with one points at the config file. */
export interface DeckDefaults {
  values: Readonly<Record<string, unknown>>;
  /** The config file as messages show it. */
  file: string;
  /** Its text, to locate a key in it. */
  text: string;
}

/** Parse and validate the config file's text; `file` labels the diagnostics. */
export function parseConfig(file: string, text: string): { config?: ProjectConfig; diagnostics: Diagnostic[] } {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (cause) {
    return { diagnostics: [error('config-syntax', file, `Invalid JSON: ${(cause as Error).message.replace(/ in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '')}`, jsonErrorPosition(source, cause),
      'The config file is JSON: keys and strings in double quotes, no trailing commas, no comments.')] };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { diagnostics: [error('config-syntax', file, 'The config file must hold one JSON object', { line: 1, column: 1 }, 'Write it as { "out": "dist", "deck": { "classification": "UNCLASSIFIED" } }.')] };
  }
  const positions = keyPositions(source);
  const diagnostics = unknownConfigKeys(file, positions, data as Record<string, unknown>);
  const result = validate(configSchema, data);
  if (!result.ok) {
    for (const issue of result.issues) {
      // The front-matter schemas speak of YAML's quoting; in JSON every string is quoted anyway.
      const message = issue.message.replace(/ \(quoted: YAML reads # as a comment\)/, '');
      diagnostics.push(error('invalid-config', file, message, positions.of(issue.path), fixFor(issue)));
    }
    return { diagnostics };
  }
  return { config: result.value, diagnostics };
}

/** The fix for a wrong value: the closest allowed value, the value unquoted, or the key to correct. */
function fixFor(issue: SchemaIssue): string {
  const key = JSON.stringify(String(issue.path[issue.path.length - 1] ?? ''));
  const expected = (issue.expected ?? '').replace(/^\((.*)\)$/, '$1');
  const literals = /^("[^"]*"|\d+)( \| ("[^"]*"|\d+))+$/.test(expected);
  const allowed = literals ? [...expected.matchAll(/"([^"]*)"|(\d+)/g)].map((m) => m[1] ?? m[2]!) : [];
  if (allowed.length > 1 && issue.input !== undefined) {
    const near = allowed.find((value) => value.startsWith(String(issue.input))) ?? closest(String(issue.input), allowed);
    const show = (value: string) => (/^\d+$/.test(value) ? value : JSON.stringify(value));
    return near ? `Did you mean ${key}: ${show(near)}?` : `Use one of ${allowed.map(show).join(', ')}.`;
  }
  if (typeof issue.input === 'string' && issue.expected === 'number' && /^\d+$/.test(issue.input)) return `Write the number without quotes: ${key}: ${issue.input}.`;
  if (typeof issue.input === 'string' && issue.expected === 'boolean' && /^(true|false)$/.test(issue.input)) return `Write it without quotes: ${key}: ${issue.input}.`;
  return `Give \`${issue.path.join('.')}\` a value as the message describes, in ${CONFIG_FILE}.`;
}

/** Warnings for keys the config file does not know, each with the closest known key. */
function unknownConfigKeys(file: string, positions: KeyPositions, record: Record<string, unknown>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const deckKeys = Object.keys(deckDefaultFields);
  for (const key of Object.keys(record).filter((k) => !(k in configFields))) {
    const near = closest(key, Object.keys(configFields));
    const hint = deckKeys.includes(key) ? `\`${key}\` is a deck default: move it into "deck": { "${key}": … }.`
      : near ? `Did you mean \`${near}\`?` : `Known keys: ${Object.keys(configFields).join(', ')}.`;
    diagnostics.push(warning('unknown-key', file, `Unknown config key \`${key}\``, positions.of([key], { key: true }), hint));
  }
  const deck = record['deck'];
  if (deck && typeof deck === 'object' && !Array.isArray(deck)) {
    for (const key of Object.keys(deck).filter((k) => !deckKeys.includes(k))) {
      const near = closest(key, deckKeys);
      const own = key in deckFields ? `\`${key}\` belongs in each deck's index.md, not in the project's defaults.` : undefined;
      diagnostics.push(warning('unknown-key', file, `Unknown deck default \`deck.${key}\``, positions.of(['deck', key], { key: true }),
        own ?? (near ? `Did you mean \`${near}\`?` : `Deck defaults: ${deckKeys.join(', ')}.`)));
    }
  }
  return diagnostics;
}

/** Where JSON.parse stopped, from "at position N" (or "(line L column C)", which newer Node versions add) in its message. */
function jsonErrorPosition(text: string, cause: unknown): { line: number; column: number } {
  const message = (cause as Error).message;
  const at = /position (\d+)/.exec(message);
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (!at && lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  let offset = at ? Number(at[1]) : text.length;
  // A trailing comma is reported at the `}` or `]` after it; the mistake is the comma.
  const comma = /,\s*$/.exec(text.slice(0, offset));
  if (comma && /^\s*[}\]]/.test(text.slice(offset))) offset = comma.index;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}
