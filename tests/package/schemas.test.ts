/**
 * The JSON Schemas for editors (schemas/*.schema.json, written by scripts/generate-schemas.ts at compile time):
 * real front matter passes them, wrong front matter fails them as the build fails it, and they are what the
 * generator makes from the build's own valibot schemas, byte for byte.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { jsonSchemas, SCHEMAS_DIR } from '../../scripts/generate-schemas.js';
import { createBriefing } from '../../src/api/new.js';
import { parseConfig } from '../../src/core/parse/config.js';
import { deckSchema, sectionSchema, validate } from '../../src/core/parse/schema.js';
import { ROOT, tempDir } from '../helpers/cli.js';

const FILES = ['deck.schema.json', 'section.schema.json', 'briefing.config.schema.json'];
// Strict, but for `required` inside anyOf ("a title or a description"), whose keys the object's `properties` declare.
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, validateFormats: false });
const compiled = Object.fromEntries(FILES.map((name) => [name, ajv.compile(JSON.parse(readFileSync(join(SCHEMAS_DIR, name), 'utf8')))])) as Record<string, ValidateFunction>;

/** Front matter as an editor's YAML 1.2 reads it (an unquoted 2022-04-07 is text). */
function frontMatter(file: string): unknown {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(file, 'utf8'));
  return match ? parse(match[1]!) ?? {} : {};
}

function errorsOf(validator: ValidateFunction, data: unknown): string[] {
  return validator(data) ? [] : (validator.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}

describe('JSON Schemas for editors', () => {
  it('are the generator\'s output from the build\'s schemas, deterministic, and shipped in the package', () => {
    const once = jsonSchemas();
    const twice = jsonSchemas();
    for (const name of FILES) {
      const text = `${JSON.stringify(once[name], null, 2)}\n`;
      expect(readFileSync(join(SCHEMAS_DIR, name), 'utf8')).toBe(text);
      expect(`${JSON.stringify(twice[name], null, 2)}\n`).toBe(text);
    }
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('schemas');
  });

  it('take the default briefing\'s index.md and every one of its sections', () => {
    const dir = join(ROOT, 'briefings', 'nato-ukraine');
    expect(errorsOf(compiled['deck.schema.json']!, frontMatter(join(dir, 'index.md')))).toEqual([]);
    const sections = readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'index.md');
    expect(sections.length).toBeGreaterThan(20);
    for (const file of sections) expect([file, errorsOf(compiled['section.schema.json']!, frontMatter(join(dir, file)))]).toEqual([file, []]);
  });

  it('take what `briefing new` writes and a real config file', () => {
    const { dir, cleanup } = tempDir();
    try {
      const made = createBriefing({ folder: join(dir, 'brief'), title: 'Schema check' });
      expect(made.diagnostics).toEqual([]);
      const files = readdirSync(join(dir, 'brief')).filter((f) => f.endsWith('.md'));
      for (const file of files) {
        const schema = file === 'index.md' ? 'deck.schema.json' : 'section.schema.json';
        expect([file, errorsOf(compiled[schema]!, frontMatter(join(dir, 'brief', file)))]).toEqual([file, []]);
      }
    } finally {
      cleanup();
    }
    const config = JSON.parse(readFileSync(join(ROOT, 'tests', 'fixtures', 'config-project', 'briefing.config.json'), 'utf8'));
    expect(errorsOf(compiled['briefing.config.schema.json']!, config)).toEqual([]);
  });

  it('reject wrong front matter where the build rejects it, and flag unknown keys the build warns about', () => {
    const section = (yaml: string) => parse(`title: A section\n${yaml}`);
    const deck = (yaml: string) => parse(`title: A deck\n${yaml}`);
    const wrong: [string, unknown, typeof sectionSchema | typeof deckSchema | undefined][] = [
      ['section.schema.json', section('draft: "yes"'), sectionSchema],
      ['section.schema.json', section('updated: 30.09.2026'), sectionSchema],
      ['section.schema.json', section('sources: bluf'), sectionSchema],
      ['section.schema.json', section('id: 3rd-section'), sectionSchema],
      ['section.schema.json', section('events:\n  - date: 2026-10-15'), sectionSchema],
      ['section.schema.json', parse('layout: content'), sectionSchema],
      ['section.schema.json', section('titel: Typo'), undefined],
      ['deck.schema.json', deck('asOf: 30.09.2026'), deckSchema],
      ['deck.schema.json', deck('markings: natoo'), deckSchema],
      ['deck.schema.json', deck('markings:\n  levels:\n    - { name: PUBLIC, colour: green }'), deckSchema],
      ['deck.schema.json', deck('reveal:\n  dependencies: [{ src: x.js }]'), deckSchema],
      ['deck.schema.json', deck('sources:\n  nato:\n    url: https://www.nato.int/'), deckSchema],
    ];
    for (const [schema, data, build] of wrong) {
      expect([schema, data, errorsOf(compiled[schema]!, data).length > 0]).toEqual([schema, data, true]);
      if (build) expect([data, validate(build, data).ok]).toEqual([data, false]);
    }
    // What the build accepts in any case, the schema accepts too.
    expect(errorsOf(compiled['deck.schema.json']!, deck('markings: NATO\nasOf: 2022-04-07\nreveal: { transition: fade }'))).toEqual([]);
    expect(errorsOf(compiled['deck.schema.json']!, deck('markings:\n  levels:\n    - { name: PUBLIC, colour: "#1B5E20" }'))).toEqual([]);
  });

  it('reject a wrong config file as the build does', () => {
    for (const text of ['{ "port": "eighty" }', '{ "notes": "separate" }', '{ "scale": 3 }', '{ "deck": { "title": "Not a default" } }', '{ "prot": 8080 }']) {
      expect([text, errorsOf(compiled['briefing.config.schema.json']!, JSON.parse(text)).length > 0]).toEqual([text, true]);
      expect([text, parseConfig('briefing.config.json', text).diagnostics.length > 0]).toEqual([text, true]);
    }
  });
});
