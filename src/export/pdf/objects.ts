/**
 * Just enough of the PDF object syntax to edit the few small dictionaries briefing changes in Chromium's
 * output (catalog, document information, structure tree root, page tree nodes): parse one object into
 * values, change keys, write it back. Everything it does not change keeps its original spelling.
 */

/** A PDF value. Numbers, strings and keywords keep their source text, so writing them back changes nothing. */
export type PdfValue =
  | { kind: 'raw'; text: string }
  | { kind: 'name'; name: string }
  | { kind: 'ref'; num: number }
  | { kind: 'array'; items: PdfValue[] }
  | { kind: 'dict'; entries: Map<string, PdfValue> };

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set('()<>[]{}/%'.split('').map((c) => c.charCodeAt(0)));

/** Parse the first PDF value in `text` (latin1: one character per byte). Throws on anything it cannot read. */
export function parseValue(text: string): PdfValue {
  let at = 0;
  const skip = () => {
    for (;;) {
      while (at < text.length && WHITESPACE.has(text.charCodeAt(at))) at++;
      if (text[at] !== '%') return;
      while (at < text.length && text[at] !== '\n' && text[at] !== '\r') at++;
    }
  };
  const value = (): PdfValue => {
    skip();
    const c = text[at];
    if (c === undefined) throw new Error('unexpected end of a PDF object');
    if (c === '<' && text[at + 1] === '<') {
      at += 2;
      const entries = new Map<string, PdfValue>();
      for (;;) {
        skip();
        if (text.startsWith('>>', at)) {
          at += 2;
          return { kind: 'dict', entries };
        }
        const key = value();
        if (key.kind !== 'name') throw new Error('a dictionary key that is not a name');
        entries.set(key.name, value());
      }
    }
    if (c === '[') {
      at++;
      const items: PdfValue[] = [];
      for (;;) {
        skip();
        if (text[at] === ']') {
          at++;
          return { kind: 'array', items };
        }
        items.push(value());
      }
    }
    if (c === '<') {
      const end = text.indexOf('>', at);
      if (end < 0) throw new Error('an unterminated hex string');
      const raw = text.slice(at, end + 1);
      at = end + 1;
      return { kind: 'raw', text: raw };
    }
    if (c === '(') return { kind: 'raw', text: literalString() };
    if (c === '/') {
      const start = at++;
      while (at < text.length && !WHITESPACE.has(text.charCodeAt(at)) && !DELIMITERS.has(text.charCodeAt(at))) at++;
      return { kind: 'name', name: text.slice(start, at) };
    }
    const ref = /^(\d+)\s+(\d+)\s+R(?![^\s()<>[\]{}/%])/.exec(text.slice(at, at + 32));
    if (ref) {
      at += ref[0].length;
      return { kind: 'ref', num: Number(ref[1]) };
    }
    const start = at;
    while (at < text.length && !WHITESPACE.has(text.charCodeAt(at)) && !DELIMITERS.has(text.charCodeAt(at))) at++;
    if (at === start) throw new Error(`unexpected "${c}" in a PDF object`);
    return { kind: 'raw', text: text.slice(start, at) };
  };
  const literalString = (): string => {
    const start = at++;
    let depth = 1;
    while (at < text.length && depth > 0) {
      const c = text[at++];
      if (c === '\\') at++;
      else if (c === '(') depth++;
      else if (c === ')') depth--;
    }
    if (depth) throw new Error('an unterminated string');
    return text.slice(start, at);
  };
  return value();
}

/** Write a value back as PDF syntax. */
export function writeValue(value: PdfValue): string {
  switch (value.kind) {
    case 'raw':
      return value.text;
    case 'name':
      return value.name;
    case 'ref':
      return `${value.num} 0 R`;
    case 'array':
      return `[${value.items.map(writeValue).join(' ')}]`;
    case 'dict':
      return `<<${[...value.entries].map(([key, v]) => `${key} ${writeValue(v)}`).join('\n')}>>`;
  }
}

/** The value at `key` of a dictionary, or undefined. */
export function get(dict: PdfValue | undefined, key: string): PdfValue | undefined {
  return dict?.kind === 'dict' ? dict.entries.get(key) : undefined;
}

/** A name value, e.g. `name('/Fit')`. */
export const name = (n: string): PdfValue => ({ kind: 'name', name: n });
/** A reference to object `num` (generation 0). */
export const ref = (num: number): PdfValue => ({ kind: 'ref', num });
/** A value written as is: a number, a keyword, a string already in PDF syntax. */
export const raw = (text: string): PdfValue => ({ kind: 'raw', text });
/** A dictionary from key/value pairs (keys with their slash). */
export const dict = (entries: [string, PdfValue][]): PdfValue => ({ kind: 'dict', entries: new Map(entries) });

/** Text as a PDF hex string in UTF-16BE with a byte-order mark: any character, as pdf-lib's `PDFHexString.fromText`. */
export function textString(text: string): PdfValue {
  return raw(`<FEFF${Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase()}>`);
}

/** A date as a PDF date string in UTC, as pdf-lib's `PDFString.fromDate`: `(D:20220407000000Z)`. */
export function dateString(date: Date): PdfValue {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return raw(`(D:${pad(date.getUTCFullYear(), 4)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z)`);
}
