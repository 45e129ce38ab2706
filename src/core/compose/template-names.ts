/**
 * Helpers and partials a template calls that do not exist. Handlebars finds them only when the template
 * runs ("Missing helper"), without a line; this walks the parsed template first so the author gets the
 * template file, line and column, and the closest name. Pure.
 */
import type { Diagnostic } from '../diagnostics.js';
import { closest, error } from '../diagnostics.js';

/** Helpers every Handlebars environment has. */
export const BUILT_IN_HELPERS = ['if', 'unless', 'each', 'with', 'lookup', 'log'];

interface Node {
  type: string;
  loc?: { start: { line: number; column: number } };
  [key: string]: unknown;
}

interface Path {
  type: 'PathExpression';
  original: string;
  parts: string[];
  depth: number;
  data: boolean;
}

/** Report every call of an unknown helper or partial in `ast` (a `parseWithoutProcessing` tree). */
export function unknownNames(file: string, ast: unknown, helpers: readonly string[], partials: readonly string[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const inline = new Set<string>();
  const calls: { kind: 'helper' | 'partial'; name: string; node: Node }[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    const node = value as Node;
    if (node.type === 'MustacheStatement' || node.type === 'BlockStatement' || node.type === 'SubExpression') {
      const path = node['path'] as Path;
      const hasArgs = (node['params'] as unknown[]).length > 0 || node['hash'] !== undefined;
      // `{{name}}` and `{{#name}}` without arguments may be data; with arguments they can only be helpers.
      if (path.type === 'PathExpression' && hasArgs && path.parts.length === 1 && path.depth === 0 && !path.data) calls.push({ kind: 'helper', name: path.original, node });
    }
    if (node.type === 'PartialStatement' || node.type === 'PartialBlockStatement') {
      const name = node['name'] as { type: string; original?: string };
      if (name.type === 'PathExpression' && name.original) calls.push({ kind: 'partial', name: name.original, node });
    }
    if (node.type === 'DecoratorBlock' && (node['path'] as Path).original === 'inline') {
      const first = (node['params'] as { value?: unknown }[])[0];
      if (typeof first?.value === 'string') inline.add(first.value);
    }
    for (const [key, child] of Object.entries(node)) if (key !== 'loc' && key !== 'strip') visit(child);
  };
  visit(ast);
  const knownHelpers = [...BUILT_IN_HELPERS, ...helpers];
  for (const call of calls) {
    const known = call.kind === 'helper' ? knownHelpers : [...partials, ...inline];
    if (known.includes(call.name) || (call.kind === 'partial' && call.name === '@partial-block')) continue;
    const near = closest(call.name, known);
    const at = call.node.loc ? { line: call.node.loc.start.line, column: call.node.loc.start.column + 1 } : {};
    diagnostics.push(error('template-error', file, `Template error: unknown ${call.kind} \`${call.name}\``, at,
      `${near ? `Did you mean \`${near}\`? ` : ''}${call.kind === 'helper' ? `Helpers: ${knownHelpers.join(', ')}.` : `Partials: ${known.join(', ') || 'none'} (templates/partials/<name>.hbs).`}`));
  }
  return diagnostics;
}
