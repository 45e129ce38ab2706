/**
 * A CSS tokenizer after CSS Syntax Level 3 (https://www.w3.org/TR/css-syntax-3/#tokenization), for the
 * parts that decide whether CSS can load a file: escapes are decoded the way a browser decodes them, so
 * `\75 rl(`, `@\69mport` and `u/**\/rl` are seen as the browser sees them. Pure.
 */

export type TokenType =
  | 'ident' | 'function' | 'at-keyword' | 'hash' | 'string' | 'bad-string' | 'url' | 'bad-url'
  | 'number' | 'whitespace' | 'comment' | 'delim' | '(' | ')' | '[' | ']' | '{' | '}' | ';' | ':' | ',';

export interface Token {
  type: TokenType;
  /** Decoded name (ident, function, at-keyword, hash), string content, or URL. Function names are lower-cased. */
  value: string;
  /** Offsets of the token in the source text. */
  start: number;
  end: number;
}

const isNameStart = (c: string) => /[a-zA-Z_\u0080-\uffff]/.test(c);
const isName = (c: string) => /[a-zA-Z0-9_\-\u0080-\uffff]/.test(c);
const isHex = (c: string) => /[0-9a-fA-F]/.test(c);
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
const NON_PRINTABLE = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

/** Split `css` into tokens. Never throws: malformed input gives bad-string and bad-url tokens, as in a browser. */
export function tokenize(css: string): Token[] {
  const s = css.replace(/\u0000/g, '\ufffd');
  const tokens: Token[] = [];
  let i = 0;
  const at = (k = 0) => s[i + k] ?? '';
  const validEscape = (k = 0) => at(k) === '\\' && at(k + 1) !== '\n' && at(k + 1) !== '';
  const startsIdent = (k = 0) =>
    at(k) === '-' ? isNameStart(at(k + 1)) || at(k + 1) === '-' || validEscape(k + 1) : isNameStart(at(k)) || validEscape(k);

  const escape = (): string => {
    i++; // the backslash
    if (isHex(at())) {
      let hex = '';
      while (hex.length < 6 && isHex(at())) hex += s[i++];
      if (isSpace(at())) i += at() === '\r' && at(1) === '\n' ? 2 : 1;
      const code = parseInt(hex, 16);
      return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '\ufffd' : String.fromCodePoint(code);
    }
    return s[i++] ?? '\ufffd';
  };
  const name = (): string => {
    let out = '';
    for (;;) {
      if (isName(at())) out += s[i++];
      else if (validEscape()) out += escape();
      else return out;
    }
  };
  const string = (quote: string): TokenType | [TokenType, string] => {
    let out = '';
    for (;;) {
      const c = at();
      if (c === '' || c === quote) {
        i++;
        return ['string', out];
      }
      if (c === '\n') return ['bad-string', out];
      if (c === '\\') {
        if (at(1) === '') i++;
        else if (at(1) === '\n') i += 2;
        else out += escape();
        continue;
      }
      out += c;
      i++;
    }
  };
  const url = (): [TokenType, string] => {
    while (isSpace(at())) i++;
    let out = '';
    for (;;) {
      const c = at();
      if (c === ')' || c === '') {
        i++;
        return ['url', out];
      }
      if (isSpace(c)) {
        while (isSpace(at())) i++;
        if (at() === ')' || at() === '') {
          i++;
          return ['url', out];
        }
        return badUrl(out);
      }
      if (c === '"' || c === "'" || c === '(' || NON_PRINTABLE.test(c)) return badUrl(out);
      if (c === '\\') {
        if (!validEscape()) return badUrl(out);
        out += escape();
        continue;
      }
      out += c;
      i++;
    }
  };
  const badUrl = (sofar: string): [TokenType, string] => {
    while (at() !== '' && at() !== ')') {
      if (validEscape()) escape();
      else i++;
    }
    i++;
    return ['bad-url', sofar];
  };
  const identLike = (): [TokenType, string] => {
    const n = name();
    if (at() !== '(') return ['ident', n];
    i++;
    if (n.toLowerCase() === 'url') {
      let k = 0;
      while (isSpace(at(k))) k++;
      if (at(k) !== '"' && at(k) !== "'") return url();
    }
    return ['function', n.toLowerCase()];
  };
  const number = () => {
    if (at() === '+' || at() === '-') i++;
    while (/[0-9]/.test(at())) i++;
    if (at() === '.' && /[0-9]/.test(at(1))) for (i++; /[0-9]/.test(at()); i++);
    if (/[eE]/.test(at()) && (/[0-9]/.test(at(1)) || (/[+-]/.test(at(1)) && /[0-9]/.test(at(2))))) for (i += 2; /[0-9]/.test(at()); i++);
    if (startsIdent()) name();
    else if (at() === '%') i++;
  };
  const startsNumber = (k = 0) =>
    /[0-9]/.test(at(k)) || (at(k) === '.' && /[0-9]/.test(at(k + 1))) || (/[+-]/.test(at(k)) && (/[0-9]/.test(at(k + 1)) || (at(k + 1) === '.' && /[0-9]/.test(at(k + 2)))));

  while (i < s.length) {
    const start = i;
    const c = s[i]!;
    let type: TokenType;
    let value = '';
    if (c === '/' && at(1) === '*') {
      const close = s.indexOf('*/', i + 2);
      i = close === -1 ? s.length : close + 2;
      type = 'comment';
    } else if (isSpace(c)) {
      while (isSpace(at())) i++;
      type = 'whitespace';
    } else if (c === '"' || c === "'") {
      i++;
      const r = string(c);
      [type, value] = Array.isArray(r) ? r : [r, ''];
    } else if (c === '#' && (isName(at(1)) || validEscape(1))) {
      i++;
      value = name();
      type = 'hash';
    } else if (c === '@' && startsIdent(1)) {
      i++;
      value = name().toLowerCase();
      type = 'at-keyword';
    } else if (startsNumber()) {
      number();
      type = 'number';
    } else if (startsIdent()) {
      [type, value] = identLike();
    } else if (c === '\\') {
      // An invalid escape (a backslash before a newline) is a delimiter.
      i++;
      type = 'delim';
      value = c;
    } else if ('()[]{};:,'.includes(c)) {
      i++;
      type = c as TokenType;
    } else {
      i++;
      type = 'delim';
      value = c;
    }
    tokens.push({ type, value, start, end: Math.min(i, s.length) });
  }
  return tokens;
}
