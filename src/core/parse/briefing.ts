/** Parse `index.md` and section files: front matter, schema, defaults. Pure. */
import { posix } from 'node:path';
import { closest, error, warning, type Diagnostic, type Position } from '../diagnostics.js';
import type { DeckDefaults } from './config.js';
import { keyPositions, parseFrontMatter, type KeyPositions } from './frontmatter.js';
import { shapeIssues } from './shape.js';
import { deckFields, deckSchema, sectionFields, sectionSchema, unknownKeys, validate, type SchemaIssue } from './schema.js';
import type { BriefingIndex, Section, SourceFile } from '../model.js';

export interface Parsed<T> {
  value?: T;
  diagnostics: Diagnostic[];
}

/** index.md's text, with the project config's deck defaults when there is a config file. */
export type IndexSource = SourceFile & { defaults?: DeckDefaults | undefined };

/** Parse the deck file (`index.md`); its `defaults` (the project config's `deck`) apply where its front matter is silent. */
export function parseIndex(source: IndexSource): Parsed<BriefingIndex> {
  const { defaults } = source;
  const fm = parseFrontMatter(source.file, source.text);
  const diagnostics = [...fm.diagnostics];
  if (fm.diagnostics.length) return { diagnostics };
  diagnostics.push(...unknownKeyWarnings(source.file, fm.data, fm.positions, deckFields));
  const result = validate(deckSchema, defaults ? withDefaults(fm.data, defaults.values) : fm.data);
  if (!result.ok) return { diagnostics: [...diagnostics, ...schemaErrors(source.file, fm.positions, result.issues, 'index.md')] };
  const meta = { ...result.value, sources: result.value.sources ?? {} };
  // The keys the deck took from the project's defaults, so a problem with one is reported where it was written.
  const taken = defaults ? Object.keys(defaults.values).filter((key) => !(key in (fm.data ?? {}))) : [];
  const from = defaults && taken.length ? { defaults: { file: defaults.file, positions: keyPositions(defaults.text), keys: taken } } : {};
  return { value: { file: source.file, meta, body: fm.body, bodyLine: fm.bodyLine, yaml: fm.yaml, positions: fm.positions, ...from }, diagnostics };
}

/** Where a deck setting was written: in index.md, or in the project's config file when the deck took it from its defaults. */
export function deckSetting(deck: BriefingIndex, path: readonly (string | number)[], options?: { key?: boolean }): { file: string; at: Position } {
  // The position is looked up only when a diagnostic reads it: finding it loads the YAML parser (see core/fast/).
  const from = deck.defaults;
  if (from && from.keys.includes(String(path[0]))) return { file: from.file, get at() { return from.positions.of(['deck', ...path], options); } };
  return { file: deck.file, get at() { return deck.positions.of(path, options); } };
}

/** Front matter over the project's deck defaults; `reveal` and `check` are merged key by key, so a deck can change one reveal.js option. */
function withDefaults(data: Record<string, unknown> | undefined, defaults: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...defaults, ...data };
  for (const key of ['reveal', 'check']) {
    const a = defaults[key];
    const b = data?.[key];
    if (isMap(a) && isMap(b)) merged[key] = { ...a, ...b };
  }
  return merged;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Parse one section file. */
export function parseSection(source: SourceFile): Parsed<Section> {
  if (!source.text.trim()) {
    return {
      diagnostics: [error('empty-section', source.file, 'Section file is empty', { line: 1, column: 1 }, 'Add front matter with a `title`, or delete the file.')],
    };
  }
  const fm = parseFrontMatter(source.file, source.text);
  const diagnostics = [...fm.diagnostics];
  if (fm.diagnostics.length) return { diagnostics };
  diagnostics.push(...unknownKeyWarnings(source.file, fm.data, fm.positions, sectionFields));
  const result = validate(sectionSchema, fm.data);
  if (!result.ok) return { diagnostics: [...diagnostics, ...schemaErrors(source.file, fm.positions, result.issues, 'section')] };
  const front = result.value;
  const shape = shapeIssues(front).map((issue) => error('layout-data', source.file, issue.message, fm.positions.of(issue.path), issue.hint));
  if (shape.length) return { diagnostics: [...diagnostics, ...shape] };
  const section: Section = {
    file: source.file,
    rel: source.rel,
    id: front.id ?? idFromFileName(source.rel),
    title: front.title,
    order: front.order,
    layout: front.layout ?? 'content',
    draft: front.draft ?? false,
    front,
    body: fm.body,
    bodyLine: fm.bodyLine,
    yaml: fm.yaml,
    positions: fm.positions,
  };
  return { value: section, diagnostics };
}

/** `020-the-crisis.md` -> `the-crisis`: numeric prefixes order files, they are not part of the id. */
export function idFromFileName(rel: string): string {
  const base = posix.basename(rel).replace(/\.md$/i, '').replace(/^\d+[-_. ]*/, '');
  const slug = base.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return /^[a-z]/.test(slug) ? slug : `section-${slug || 'x'}`;
}

/** Sort sections by `order`, then by file name; sections without an order come after numbered ones. */
export function sortSections<T extends { order: number | undefined; rel: string }>(sections: T[]): T[] {
  return [...sections].sort((a, b) => {
    const ao = a.order ?? Number.POSITIVE_INFINITY;
    const bo = b.order ?? Number.POSITIVE_INFINITY;
    return ao === bo ? (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0) : ao - bo;
  });
}

function schemaErrors(file: string, positions: KeyPositions, issues: SchemaIssue[], kind: string): Diagnostic[] {
  return issues.map((issue) => {
    const missing = /is required$/.test(issue.message);
    const at = missing && issue.path.length === 1 ? { line: 1, column: 1 } : positions.of(issue.path);
    const key = issue.path.join('.');
    const hint = missing
      ? `Add \`${key}: ...\` to the front matter of this ${kind}.`
      : /YYYY-MM-DD/.test(issue.message)
        ? `Write the date as YYYY-MM-DD${isoGuess(issue.input) ? `: \`${key}: ${isoGuess(issue.input)}\`` : ''}.`
        : `Fix the value of \`${key}\` in the front matter.`;
    return error(missing ? 'missing-field' : 'invalid-field', file, issue.message, at, hint);
  });
}

/** `30.09.2026` or `30/09/2026` (day first, as most of the world writes it) as `2026-09-30`. */
function isoGuess(value: unknown): string | undefined {
  const m = typeof value === 'string' ? /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(value.trim()) : null;
  if (!m || Number(m[2]) > 12) return undefined;
  return `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
}

function unknownKeyWarnings(file: string, data: Record<string, unknown>, positions: KeyPositions, known: Record<string, unknown>): Diagnostic[] {
  return unknownKeys(data, known).map((key) => {
    const suggestion = closest(key, Object.keys(known));
    return warning(
      'unknown-key',
      file,
      `Unknown front-matter key \`${key}\``,
      positions.of([key], { key: true }),
      suggestion ? `Did you mean \`${suggestion}\`?` : `Known keys: ${Object.keys(known).join(', ')}.`,
    );
  });
}
