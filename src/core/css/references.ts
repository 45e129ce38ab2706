/** Every place in a CSS value where a browser would load a URL, found on the tokens a browser sees. Pure. */
import { tokenize, type Token } from './tokens.js';

/** One URL a value loads, and the text range that holds it (the whole `url(…)`, or a string). */
export interface UrlReference {
  url: string;
  start: number;
  end: number;
  /** `url`: the range is a `url(…)`; `string`: a bare string that image-set() and its kin load. */
  form: 'url' | 'string';
}

export interface ValueScan {
  references: UrlReference[];
  /** Set when the value holds something that may load or run code but cannot be resolved (a malformed url(), expression()). */
  unsafe?: string;
}

/** Functions whose bare string arguments are image URLs. */
const STRING_URL_FUNCTIONS = new Set(['image-set', '-webkit-image-set', 'image', '-webkit-image', 'cross-fade', '-webkit-cross-fade']);
/** Functions that run script or load a page in some browser. */
const SCRIPTED_FUNCTIONS = new Set(['expression', 'element', '-moz-element', 'paint']);

/** The URLs a CSS value (a declaration's value, or an at-rule's prelude) loads. */
export function scanValue(css: string): ValueScan {
  const tokens = tokenize(css).filter((t) => t.type !== 'comment');
  const references: UrlReference[] = [];
  const open: string[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    switch (t.type) {
      case 'url':
        references.push({ url: t.value, start: t.start, end: t.end, form: 'url' });
        break;
      case 'bad-url':
        return { references, unsafe: 'a malformed url()' };
      case 'bad-string':
        return { references, unsafe: 'an unclosed string' };
      case 'function':
        if (t.value === 'url' || t.value === 'src') {
          const arg = tokens.slice(k + 1).find((x) => x.type !== 'whitespace');
          const close = closing(tokens, k);
          const after = tokens.slice(tokens.indexOf(arg!) + 1, close).filter((x) => x.type !== 'whitespace');
          if (!arg || arg.type !== 'string' || after.length || close === -1) return { references, unsafe: `a ${t.value}() whose address is not one plain string` };
          references.push({ url: arg.value, start: t.start, end: tokens[close]!.end, form: 'url' });
          k = close;
          break;
        }
        if (SCRIPTED_FUNCTIONS.has(t.value)) return { references, unsafe: `${t.value}()` };
        open.push(t.value);
        break;
      case '(':
      case '[':
      case '{':
        open.push(t.type);
        break;
      case ')':
      case ']':
      case '}':
        open.pop();
        break;
      case 'string':
        if (STRING_URL_FUNCTIONS.has(open[open.length - 1] ?? '')) references.push({ url: t.value, start: t.start, end: t.end, form: 'string' });
        break;
      default:
    }
  }
  return { references };
}

/** The URL an `@import` prelude loads (its first string or url), with its range. */
export function importReference(prelude: string): UrlReference | undefined {
  const first = tokenize(prelude).find((t) => t.type !== 'whitespace' && t.type !== 'comment');
  if (first?.type === 'string') return { url: first.value, start: first.start, end: first.end, form: 'string' };
  return scanValue(prelude).references[0];
}

/** The decoded name of an at-rule or property as written (`\69mport` is `import`). */
export function cssName(raw: string): string {
  const t = tokenize(raw)[0];
  return (t && (t.type === 'ident' || t.type === 'at-keyword') ? t.value : raw).toLowerCase();
}

/** Index of the `)` that closes the function token at `k`, or -1. */
function closing(tokens: Token[], k: number): number {
  let depth = 0;
  for (let j = k; j < tokens.length; j++) {
    const type = tokens[j]!.type;
    if (type === 'function' || type === '(') depth++;
    else if (type === ')' && --depth === 0) return j;
  }
  return -1;
}

/** `value` with each reference's range replaced by what `write` returns for it (undefined keeps it). */
export function rewriteReferences(value: string, references: readonly UrlReference[], write: (ref: UrlReference) => string | undefined): string {
  let out = '';
  let last = 0;
  for (const ref of references) {
    const replacement = write(ref);
    if (replacement === undefined) continue;
    out += value.slice(last, ref.start) + replacement;
    last = ref.end;
  }
  return out + value.slice(last);
}
