/**
 * Build-time step: JSON Schemas for editors, generated from the valibot schemas the build validates with —
 * `schemas/deck.schema.json` (index.md front matter), `schemas/section.schema.json` (a section's) and
 * `schemas/briefing.config.schema.json` (the project config file). VS Code's YAML and JSON support read them
 * to complete and check what an author types. Same schemas, same bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toJsonSchema, type ConversionConfig, type JsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import { configSchema } from '../src/core/parse/config.js';
import { deckSchema, isoDay, schemeName, sectionSchema } from '../src/core/parse/schema.js';

type AnySchema = v.GenericSchema;
/** What the conversion hooks read of a valibot action. */
type Item = { type: string; requirement?: unknown; message?: unknown };

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Where the schemas are written (shipped in the package: `files` in package.json). */
export const SCHEMAS_DIR = join(ROOT, 'schemas');

/**
 * The schemas, by file name. Each describes what an author writes (valibot's input type): a date is the text
 * `2026-10-15` (YAML 1.2, which editors use, reads it as text), `classification: 3` is allowed text.
 */
export function jsonSchemas(): Record<string, JsonSchema> {
  return {
    'deck.schema.json': document(deckSchema, 'briefing deck (index.md front matter)', "The front matter of a briefing's index.md: title, dates, classification, sources, theme and reveal.js options."),
    'section.schema.json': document(sectionSchema, 'briefing section front matter', 'The front matter of one section file of a briefing: title, layout, notes, sources, classification and layout data.'),
    'briefing.config.schema.json': closeDeckDefaults(document(configSchema, 'briefing.config.json', "The project's config file: defaults for the flags of every briefing command (by long name), the briefings folder, and defaults for every deck's index.md.")),
  };
}

/** The config's `deck` takes only the keys a project may default, as the build warns about others. */
function closeDeckDefaults(schema: JsonSchema): JsonSchema {
  const deck = (schema.properties as Record<string, JsonSchema> | undefined)?.['deck'];
  if (deck && typeof deck === 'object') deck.additionalProperties = false;
  return schema;
}

/** One schema document. Unknown top-level keys are flagged, as the build warns about them (`unknown-key`). */
function document(schema: AnySchema, title: string, description: string): JsonSchema {
  const { $defs, ...converted } = toJsonSchema(schema, CONVERSION);
  const used = JSON.stringify(converted);
  // Only the definitions this document refers to, each in the form an editor can check.
  const own = Object.fromEntries(Object.entries({ ...$defs, ...DEFINITIONS }).filter(([name]) => used.includes(`"#/$defs/${name}"`)));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#', title, description, ...converted, additionalProperties: false,
    ...(Object.keys(own).length ? { $defs: own } : {}),
  };
}

/** The built-in scheme names, from the build's own picklist. */
const SCHEME_NAMES = (schemeName.pipe.find((item) => item.type === 'picklist') as unknown as { options: readonly string[] }).options;

/**
 * Schemas whose test the build runs in code after reading the value (a transformation), which a converter
 * cannot see through: said here as JSON Schema, and referred to by name wherever the build uses them.
 */
const DEFINITIONS: Record<string, JsonSchema> = {
  // The dates the footer and comparisons rely on: YYYY-MM-DD only.
  isoDay: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'A date in the form YYYY-MM-DD, such as 2022-04-07.' },
  // `markings: US` is `us`: a name matched in any case; completion offers the lower-case names.
  schemeName: { type: 'string', pattern: `^(${SCHEME_NAMES.map((n) => caseless(n)).join('|')})$`, examples: [...SCHEME_NAMES] },
};

const CONVERSION: ConversionConfig = {
  typeMode: 'input',
  errorMode: 'throw',
  definitions: { isoDay, schemeName },
  overrideSchema({ valibotSchema }) {
    // YAML reads an unquoted 2026-10-15 as a date; editors (YAML 1.2) read it as text.
    if (valibotSchema.type === 'date') return { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
    return null;
  },
  overrideAction({ valibotAction, jsonSchema }) {
    const action = valibotAction as unknown as Item;
    // JSON Schema patterns have no flags: `/^#[0-9a-f]{6}$/i` becomes a pattern that takes either case.
    if (action.type === 'regex' && action.requirement instanceof RegExp && action.requirement.flags.includes('i')) {
      return { ...jsonSchema, pattern: caseless(action.requirement.source) };
    }
    // Lower-casing is how the build matches a name in any case (see `schemeName` in DEFINITIONS).
    if (action.type === 'to_lower_case') return { ...jsonSchema };
    // The build's own checks, said in JSON Schema where that can: a source needs a title or a description;
    // reveal.js's `dependencies` (scripts) is refused.
    if (action.type === 'check' && typeof action.message === 'string') {
      if (action.message.startsWith('A source needs')) return { ...jsonSchema, anyOf: [{ required: ['title'] }, { required: ['description'] }] };
      if (action.message.includes('reveal.dependencies')) return { ...jsonSchema, propertyNames: { type: 'string', not: { const: 'dependencies' } } };
      // Other checks (a real calendar day, …) stay the build's: the schema accepts what it cannot test.
      return { ...jsonSchema };
    }
    return null;
  },
};

/** A regular expression's source that matches ASCII letters in either case without the `i` flag. */
export function caseless(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      out += c + (source[i + 1] ?? '');
      i++;
    } else if (c === '[') {
      inClass = true;
      out += c;
    } else if (c === ']') {
      inClass = false;
      out += c;
    } else if (inClass && /[a-z]/i.test(c) && source[i + 1] === '-' && /[a-z]/i.test(source[i + 2] ?? '')) {
      const range = `${c}-${source[i + 2]}`;
      out += `${range.toLowerCase()}${range.toUpperCase()}`;
      i += 2;
    } else if (/[a-z]/i.test(c)) {
      out += inClass ? `${c.toLowerCase()}${c.toUpperCase()}` : `[${c.toLowerCase()}${c.toUpperCase()}]`;
    } else out += c;
  }
  return out;
}

/** Write every schema, pretty-printed with a final newline: files a person can read and diff. */
export function writeSchemas(dir = SCHEMAS_DIR): string[] {
  mkdirSync(dir, { recursive: true });
  return Object.entries(jsonSchemas()).map(([name, schema]) => {
    const file = join(dir, name);
    writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
    return file;
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) writeSchemas();
