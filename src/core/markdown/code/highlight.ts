/**
 * Syntax highlighting at build time with highlight.js, as reveal.js's highlight plugin would do it in the
 * browser, so the deck, its PDF and its exports show highlighted code without running highlight.js.
 * Only highlight.js's core and the languages a deck uses are loaded (see languages.ts).
 */
import { createRequire } from 'node:module';
import type { HLJSApi, LanguageFn } from 'highlight.js';
import { closest } from '../../diagnostics.js';
import { LANGUAGES } from './languages.js';

const require = createRequire(import.meta.url);
let core: HLJSApi | undefined;
const registered = new Set<string>();

/** Every name a fence may give, mapped to highlight.js's module name. Later modules win, as in highlight.js. */
const BY_NAME = new Map<string, string>();
for (const [name, { aliases }] of Object.entries(LANGUAGES)) for (const alias of [name, ...aliases]) BY_NAME.set(alias, name);

/** highlight.js's module name for a fence's language (`js` → `javascript`), or undefined when it has none. */
export function languageModule(language: string): string | undefined {
  return BY_NAME.get(language.toLowerCase());
}

/** The known language name closest to an unknown one, for the hint of a warning. */
export function closestLanguage(language: string): string | undefined {
  return closest(language, [...BY_NAME.keys()]);
}

function hljs(module: string): HLJSApi {
  core ??= (require('highlight.js/lib/core') as { default?: HLJSApi } & HLJSApi).default ?? (require('highlight.js/lib/core') as HLJSApi);
  const register = (name: string) => {
    if (registered.has(name)) return;
    registered.add(name);
    const fn = require(`highlight.js/lib/languages/${name}`) as LanguageFn | { default: LanguageFn };
    core!.registerLanguage(name, typeof fn === 'function' ? fn : fn.default);
    // Embedded languages (CSS and JavaScript in HTML, SQL in …) are highlighted only when registered.
    for (const embedded of LANGUAGES[name]?.embeds ?? []) register(embedded);
  };
  register(module);
  return core;
}

/**
 * The code's lines as highlighted HTML, one string per line: every span a line needs is closed at its end
 * and opened again on the next line, so each line stands alone (as the line-number table needs).
 * Unknown or missing languages give escaped plain text. Text is spelled as the sanitizer writes it.
 */
export function highlightLines(code: string, language: string | undefined): string[] {
  const module = language ? languageModule(language) : undefined;
  const html = module ? hljs(module).highlight(code, { language: module, ignoreIllegals: true }).value : escape(code);
  return splitLines(html.replace(/&quot;/g, '"').replace(/&#x27;/g, "'"));
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Split highlight.js's HTML (only `<span class="…">`, `</span>` and escaped text) into self-contained lines. */
function splitLines(html: string): string[] {
  const lines: string[] = [];
  const open: string[] = [];
  let line = '';
  for (const part of html.split(/(<span [^>]*>|<\/span>|\n)/)) {
    if (part === '\n') {
      lines.push(line + '</span>'.repeat(open.length));
      line = open.join('');
    } else if (part.startsWith('<span ')) {
      open.push(part);
      line += part;
    } else if (part === '</span>') {
      open.pop();
      line += part;
    } else line += part;
  }
  lines.push(line);
  return lines;
}
