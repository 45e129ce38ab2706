/**
 * Values reveal.js pastes into CSS, checked against their grammar: an easing is a keyword, cubic-bezier(),
 * steps() or linear(); a gradient is one or more gradient functions of colours and lengths. reveal.js writes
 * auto-animate easings into a style sheet as text, so anything else could add rules (and load URLs). Pure.
 */
import { tokenize } from './tokens.js';

const NUMBER = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?`;
const EASING = new RegExp(
  String.raw`^(?:ease|ease-in|ease-out|ease-in-out|linear|step-start|step-end` +
    String.raw`|cubic-bezier\(\s*${NUMBER}\s*,\s*${NUMBER}\s*,\s*${NUMBER}\s*,\s*${NUMBER}\s*\)` +
    String.raw`|steps\(\s*\d+\s*(?:,\s*(?:jump-start|jump-end|jump-none|jump-both|start|end)\s*)?\)` +
    String.raw`|linear\(\s*${NUMBER}(?:\s+${NUMBER}%){0,2}(?:\s*,\s*${NUMBER}(?:\s+${NUMBER}%){0,2})*\s*\))$`,
  'i',
);

/** The easings a deck may name, for hints. */
export const EASING_HINT = 'Use ease, ease-in, ease-out, ease-in-out, linear, cubic-bezier(x1, y1, x2, y2) or steps(n).';

/** Whether `value` is a CSS easing function. */
export function isEasing(value: string): boolean {
  return EASING.test(value.trim());
}

/** Whether `value` is a number of seconds as reveal.js expects it (`0.5`). */
export function isSeconds(value: unknown): boolean {
  return (typeof value === 'number' && Number.isFinite(value) && value >= 0) || (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value));
}

const GRADIENT = /^(?:-webkit-)?(?:repeating-)?(?:linear|radial|conic)-gradient$/;
/** Functions a gradient's colours and stops may use. */
const INSIDE_GRADIENT = new Set(['rgb', 'rgba', 'hsl', 'hsla', 'hwb', 'lab', 'lch', 'oklab', 'oklch', 'color', 'color-mix', 'calc', 'min', 'max', 'clamp']);

/** Whether `value` is a list of CSS gradients and nothing else (no url(), no other images, no rules). */
export function isGradient(value: string): boolean {
  const tokens = tokenize(value).filter((t) => t.type !== 'whitespace');
  if (!tokens.length) return false;
  let depth = 0;
  let expectGradient = true;
  for (const t of tokens) {
    if (depth === 0) {
      if (expectGradient) {
        if (t.type !== 'function' || !GRADIENT.test(t.value)) return false;
        depth = 1;
        expectGradient = false;
      } else if (t.type === ',') expectGradient = true;
      else return false;
      continue;
    }
    if (t.type === 'function') {
      if (!INSIDE_GRADIENT.has(t.value)) return false;
      depth++;
    } else if (t.type === '(') depth++;
    else if (t.type === ')') depth--;
    else if (!['ident', 'number', 'hash', ',', 'delim'].includes(t.type) || (t.type === 'delim' && !'%/+-*'.includes(t.value))) return false;
  }
  return depth === 0 && !expectGradient;
}

/** Whether `value` is a `data:image/…` URL that cannot leave the `url(…)` reveal.js writes it into unquoted. */
export function isPlainImageData(value: string): boolean {
  return /^data:image\/[a-z0-9.+-]+(?:;[a-z0-9.+=-]+)*,[a-z0-9+/=%._~-]*$/i.test(value.trim());
}
