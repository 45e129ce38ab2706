/** Compile the Handlebars templates of a deck (built-in ones overridden by the briefing's own). Pure. */
import { createRequire } from 'node:module';
import type Handlebars from 'handlebars';
import { formatDate } from '../dates.js';
import { error, type Diagnostic } from '../diagnostics.js';
import { BUILT_IN_HELPERS, unknownNames } from './template-names.js';
import { CAPTURE_TEMPLATE, sharedCallOptions } from '../fast/handlebars-capture.js';

export interface TemplateFile {
  /** `deck`, `layouts/<name>` or `partials/<name>`. */
  name: string;
  /** Path for messages. */
  file: string;
  text: string;
}

export type Template = (context: unknown) => string;

export interface CompiledTemplates {
  deck: Template;
  layouts: Map<string, Template>;
  /** Which file each template came from, for runtime error messages. */
  files: Map<string, string>;
  /** The run-time options every call shares (see fast/handlebars-capture.ts); undefined when they could not be captured. */
  shared?: Record<string, unknown>;
}


const require = createRequire(import.meta.url);

/** A built-in template compiled ahead of time (scripts/precompile-templates.ts), with the text it was compiled from. */
type Precompiled = Record<string, { text: string; spec: Parameters<typeof Handlebars.template>[0] }>;
let precompiled: Precompiled | null | undefined;

/** The ahead-of-time compiled built-in templates, or null when they were not generated (running from src/). */
function builtIns(): Precompiled | null {
  if (precompiled === undefined) {
    // lib/templates.precompiled.cjs, seen from lib/core/compose/ (the library) or lib/bin/ (the CLI bundle).
    try {
      precompiled = require('../../templates.precompiled.cjs') as Precompiled;
    } catch {
      try {
        precompiled = require('../templates.precompiled.cjs') as Precompiled;
      } catch {
        precompiled = null;
      }
    }
  }
  return precompiled;
}

/** Compile every template; syntax errors become diagnostics that name the template file and line. */
export function compileTemplates(templates: readonly TemplateFile[]): { compiled?: CompiledTemplates; diagnostics: Diagnostic[] } {
  const ready = builtIns();
  const isReady = (t: TemplateFile) => ready?.[t.name]?.text === t.text;
  // Only a template that was not compiled ahead of time (an override, an edit) needs the compiler, the slow part to load.
  const hb = (templates.every(isReady) ? require('handlebars/runtime') : require('handlebars') as typeof Handlebars).create() as typeof Handlebars;
  registerHelpers(hb);
  const diagnostics: Diagnostic[] = [];
  const files = new Map<string, string>();
  const layouts = new Map<string, Template>();
  let deck: Template | undefined;
  const partialNames = templates.filter((t) => t.name.startsWith('partials/')).map((t) => t.name.slice('partials/'.length));

  for (const t of templates) {
    files.set(t.name, t.file);
    if (isReady(t)) {
      const template = hb.template(ready![t.name]!.spec);
      if (t.name.startsWith('partials/')) hb.registerPartial(t.name.slice('partials/'.length), template);
      else if (t.name === 'deck') deck = template;
      else if (t.name.startsWith('layouts/')) layouts.set(t.name.slice('layouts/'.length), template);
      continue;
    }
    let ast: ReturnType<typeof hb.parseWithoutProcessing>;
    try {
      ast = hb.parseWithoutProcessing(t.text);
    } catch (cause) {
      diagnostics.push(templateError(t.file, cause));
      continue;
    }
    const nameIssues = unknownNames(t.file, ast, HELPERS, partialNames);
    if (nameIssues.length) {
      diagnostics.push(...nameIssues);
      continue;
    }
    if (t.name.startsWith('partials/')) {
      hb.registerPartial(t.name.slice('partials/'.length), t.text);
      continue;
    }
    // The checked syntax tree goes to the compiler, which would otherwise parse the text again.
    const compiled = hb.compile(ast, { strict: false, noEscape: false });
    if (t.name === 'deck') deck = compiled;
    else if (t.name.startsWith('layouts/')) layouts.set(t.name.slice('layouts/'.length), compiled);
  }
  const shared = sharedCallOptions(hb, ready?.[CAPTURE_TEMPLATE]?.spec);
  if (!deck && !diagnostics.length) diagnostics.push(error('template-missing', 'templates/deck.hbs', 'No deck template found', {}, 'Reinstall briefing, or add templates/deck.hbs to the briefing.'));
  if (diagnostics.length || !deck) return { diagnostics };
  return { compiled: { deck, layouts, files, ...(shared ? { shared } : {}) }, diagnostics };
}

/** Run a template, turning Handlebars runtime errors into a positioned diagnostic. */
export function runTemplate(compiled: CompiledTemplates, name: string, template: Template, context: unknown): { html: string; diagnostic?: Diagnostic } {
  try {
    const call = template as (context: unknown, options?: Record<string, unknown>) => string;
    return { html: compiled.shared ? call(context, { ...compiled.shared, data: { root: context } }) : template(context) };
  } catch (cause) {
    return { html: '', diagnostic: templateError(compiled.files.get(name) ?? name, cause) };
  }
}

function templateError(file: string, cause: unknown): Diagnostic {
  const message = cause instanceof Error ? cause.message : String(cause);
  const line = /on line (\d+)/.exec(message)?.[1] ?? (cause as { lineNumber?: number }).lineNumber;
  const column = (cause as { column?: number }).column;
  const reason = message.split('\n').filter((l) => l.trim() && !/^[-\s]*\^$/.test(l)).slice(0, 1).join(' ');
  const expecting = /Expecting (.*), got/.exec(message)?.[0];
  return error(
    'template-error',
    file,
    `Template error: ${reason}${expecting && !reason.includes(expecting) ? ` (${expecting})` : ''}`,
    line ? { line: Number(line), ...(typeof column === 'number' ? { column: column + 1 } : {}) } : {},
    hintFor(message),
  );
}

/** A fix that fits what Handlebars complained about. */
function hintFor(message: string): string {
  if (/Missing helper/.test(message)) return `Use one of the helpers: ${[...BUILT_IN_HELPERS, ...HELPERS].join(', ')}.`;
  if (/partial .* could not be found/i.test(message)) return 'Add the partial as templates/partials/<name>.hbs, or fix its name.';
  if (/Expecting|doesn't match|Parse error/.test(message)) return 'Check that every {{#block}} is closed by a matching {{/block}} and that every {{ has its }}.';
  return 'Fix the template at this line.';
}

/** The helpers templates can call besides Handlebars' own. */
const HELPERS = ['formatDate', 'eq', 'inc'];

function registerHelpers(hb: typeof Handlebars): void {
  hb.registerHelper('formatDate', (value: unknown, style: unknown) => formatDate(typeof value === 'string' ? value : undefined, style === 'short' ? 'short' : 'long'));
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('inc', (n: unknown) => Number(n) + 1);
}
