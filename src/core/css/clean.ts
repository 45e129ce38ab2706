/**
 * CSS as a deck may carry it: parsed with postcss, every URL it loads found on the browser's tokens
 * (references.ts) and either resolved to a file inside the briefing, reported and removed (remote), or
 * removed (script, unknown schemes, what cannot be read). Used for `style` attributes and theme files. Pure.
 */
import { createRequire } from 'node:module';
import type { AtRule, ChildNode, Declaration, Root } from 'postcss';
import { error, warning, type Diagnostic } from '../diagnostics.js';
import { resolveAsset, type AssetRef } from '../assets.js';
import { cssName, importReference, rewriteReferences, scanValue, type UrlReference } from './references.js';

/** Where the CSS was written, and what to do with what it loads. */
export interface CssSource {
  file: string;
  /** Folder URLs are relative to, from the briefing root ('' for the root). */
  dir: string;
  /** File line of the CSS's first line; positions inside it are added to it. */
  line: number;
  /** Rule of the warnings for removed code: `unsafe-html` for attributes, `unsafe-css` for themes. */
  unsafeRule: string;
  /** With `allowScripts: true` nothing is removed; local files are still resolved and remote ones reported. */
  keepAll?: boolean;
  /** A local `@import`: the cleaned CSS to put in its place, or undefined when it cannot be used (the callback reports why). */
  inline?: (path: string, at: { line: number; column: number }) => string | undefined;
}

export interface CleanedCss {
  css: string;
  assets: AssetRef[];
  diagnostics: Diagnostic[];
}

// Loaded on first use: most decks have no style attribute and no theme of their own, and postcss costs more to
// load than a small deck takes to render.
const require = createRequire(import.meta.url);
let postcssModule: typeof import('postcss') | undefined;
const postcss = (): typeof import('postcss') => (postcssModule ??= require('postcss') as typeof import('postcss'));

/** Properties that bind script to elements in old browsers. */
const SCRIPTED_PROPERTIES = new Set(['behavior', '-moz-binding']);

/** A `style` attribute's declarations, cleaned; `css` is '' when nothing is left. */
export function cleanDeclarations(style: string, source: CssSource): CleanedCss {
  const out: CleanedCss = { css: '', assets: [], diagnostics: [] };
  let root: Root | undefined;
  try {
    root = postcss().parse(`a{${style}}`);
  } catch {
    root = undefined;
  }
  const rule = root?.nodes.length === 1 && root.nodes[0]!.type === 'rule' ? root.nodes[0] : undefined;
  if (!rule || rule.nodes.some((n) => n.type !== 'decl' && n.type !== 'comment')) {
    if (!source.keepAll) {
      out.diagnostics.push(warning(source.unsafeRule, source.file, '`style` removed: it is not a list of CSS declarations', { line: source.line },
        'Write `property: value` pairs separated by semicolons.'));
      return out;
    }
    return { ...out, css: style };
  }
  walk(rule.nodes, source, out, () => ({ line: source.line }));
  out.css = rule.nodes.filter((n): n is Declaration => n.type === 'decl').map((d) => `${d.prop}: ${rawValue(d)}${d.important ? ' !important' : ''}`).join('; ');
  return out;
}

/** A style sheet (a theme), cleaned; a sheet postcss cannot parse is an error at the place it stops. */
export function cleanStylesheet(css: string, source: CssSource): CleanedCss {
  const out: CleanedCss = { css: '', assets: [], diagnostics: [] };
  let root: Root;
  try {
    root = postcss().parse(css);
  } catch (cause) {
    const e = cause as { reason?: string; line?: number; column?: number };
    out.diagnostics.push(error('theme-css-invalid', source.file, `The theme's CSS cannot be read: ${e.reason ?? String(cause)}`,
      { line: source.line + (e.line ?? 1) - 1, column: e.column ?? 1 }, 'Fix the CSS there; a browser might read it differently from this check, so it is not used.'));
    return out;
  }
  walk(root.nodes, source, out, (node) => ({ line: source.line + (node.source?.start?.line ?? 1) - 1, column: node.source?.start?.column ?? 1 }));
  out.css = root.toString();
  return out;
}

type Where = (node: ChildNode) => { line: number; column?: number };

function walk(nodes: ChildNode[], source: CssSource, out: CleanedCss, where: Where): void {
  for (const node of [...nodes]) {
    if (node.type === 'decl') declaration(node, source, out, where);
    else if (node.type === 'atrule') atRule(node, source, out, where);
    if ((node.type === 'rule' || node.type === 'atrule') && node.parent && node.nodes) walk(node.nodes, source, out, where);
  }
}

function declaration(decl: Declaration, source: CssSource, out: CleanedCss, where: Where): void {
  if (SCRIPTED_PROPERTIES.has(cssName(decl.prop))) {
    remove(decl, source, out, where, `\`${decl.prop}\` removed: it binds script to elements`);
    return;
  }
  const value = rawValue(decl);
  const written = rewrite(value, scanValue(value), decl, source, out, where);
  if (written !== undefined && written !== value) decl.value = written;
}

function atRule(rule: AtRule, source: CssSource, out: CleanedCss, where: Where): void {
  const params = rule.raws.params?.raw ?? rule.params;
  if (cssName(`@${rule.name}`) === 'import') {
    const ref = importReference(params);
    if (!ref) return remove(rule, source, out, where, '`@import` removed: it names no file');
    const target = resolveAsset(ref.url, source.dir);
    if (target.kind === 'local' && source.inline) {
      const at = where(rule);
      const css = source.inline(target.path, { line: at.line, column: at.column ?? 1 });
      if (css === undefined) return void rule.remove();
      const media = params.slice(ref.end).trim();
      const nodes = postcss().parse(css).nodes;
      if (media) rule.replaceWith(postcss().atRule({ name: 'media', params: media, nodes }));
      else rule.replaceWith(nodes);
      return;
    }
    rewrite(params, { references: [ref] }, rule, source, out, where);
    return;
  }
  const written = rewrite(params, scanValue(params), rule, source, out, where);
  if (written !== undefined && written !== params) rule.params = written;
}

/**
 * Resolve every reference of a value: local files become assets and their deck URLs; a remote URL, an
 * escape or anything that could run removes the node (`undefined` returned). `keepAll` removes nothing.
 */
function rewrite(value: string, scan: { references: UrlReference[]; unsafe?: string }, node: ChildNode, source: CssSource, out: CleanedCss, where: Where): string | undefined {
  if (scan.unsafe && !source.keepAll) return void remove(node, source, out, where, `${describe(node)} removed: it holds ${scan.unsafe}`);
  let drop: string | undefined;
  const written = rewriteReferences(value, scan.references, (ref) => {
    const target = resolveAsset(ref.url, source.dir);
    const at = where(node);
    if (target.kind === 'local') {
      out.assets.push({ path: target.path, file: source.file, line: at.line });
      return ref.form === 'url' ? `url("${target.href}")` : `"${target.href}"`;
    }
    if (target.kind === 'escape') {
      out.assets.push({ path: target.path, file: source.file, line: at.line, escapes: true });
      return undefined;
    }
    if (target.kind === 'remote') {
      out.diagnostics.push(warning('remote-asset', source.file, `${ref.url} is loaded from the network, so the deck will not show it offline`, at,
        'Download the file into the briefing folder and reference it by a relative path.'));
      drop ??= '';
      return undefined;
    }
    if (!harmless(ref.url)) drop = `${describe(node)} removed: \`${ref.url.slice(0, 40)}\` is not a file in the briefing`;
    return undefined;
  });
  if (drop !== undefined && !source.keepAll) {
    if (drop) remove(node, source, out, where, drop);
    else node.remove();
    return undefined;
  }
  return written;
}

/** URLs that load nothing from outside the page: empty, a fragment of the same document, or inline data. */
function harmless(url: string): boolean {
  const value = url.trim();
  return value === '' || value.startsWith('#') || /^data:/i.test(value);
}

function remove(node: ChildNode, source: CssSource, out: CleanedCss, where: Where, message: string): void {
  if (source.keepAll) return;
  out.diagnostics.push(warning(source.unsafeRule, source.file, message, where(node), 'Keep CSS to colours, sizes and layout, and load images and fonts from files inside the briefing folder.'));
  node.remove();
}

function describe(node: ChildNode): string {
  return node.type === 'decl' ? `\`${node.prop}\`` : node.type === 'atrule' ? `\`@${node.name}\`` : 'CSS';
}

/** A declaration's value as written (postcss drops comments from `value`; the browser reads the raw text). */
function rawValue(decl: Declaration): string {
  const raw = (decl.raws as { value?: { raw: string; value: string } }).value;
  return raw && raw.value === decl.value ? raw.raw : decl.value;
}
