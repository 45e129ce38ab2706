/**
 * Where an unclosed quote or bracket of a YAML text was opened. The YAML parsers report such errors where
 * the text ends ("unexpected end of the stream"), lines below the mistake; the author needs the opening. Pure.
 */

/** 1-based line and column of the quote or bracket left open at the end of `yaml`, if any. */
export function unclosedOpening(yaml: string): { line: number; column: number; what: string } | undefined {
  let line = 1;
  let column = 0;
  let quote: { char: string; line: number; column: number } | undefined;
  const brackets: { char: string; line: number; column: number }[] = [];
  let valueStart = true;
  let comment = false;
  for (let i = 0; i < yaml.length; i++) {
    const ch = yaml[i]!;
    column++;
    if (ch === '\n') {
      line++;
      column = 0;
      comment = false;
      if (!quote) valueStart = true;
      continue;
    }
    if (comment) continue;
    if (quote) {
      if (quote.char === '"' && ch === '\\') {
        i++;
        column++;
      } else if (ch === quote.char) {
        if (quote.char === "'" && yaml[i + 1] === "'") {
          i++;
          column++;
        } else quote = undefined;
      }
      continue;
    }
    if (ch === ' ' || ch === '\t') continue;
    if (ch === '#' && (column === 1 || /[ \t]/.test(yaml[i - 1] ?? ''))) {
      comment = true;
      continue;
    }
    if ((ch === '"' || ch === "'") && valueStart) {
      quote = { char: ch, line, column };
      continue;
    }
    if (ch === '[' || ch === '{') {
      if (valueStart) brackets.push({ char: ch, line, column });
      valueStart = true;
      continue;
    }
    if ((ch === ']' || ch === '}') && brackets.length) {
      brackets.pop();
      valueStart = false;
      continue;
    }
    // A value starts after `key:`, a list dash, or a comma inside brackets.
    if ((ch === ':' || ch === '-') && /[ \t\n]/.test(yaml[i + 1] ?? '\n')) valueStart = true;
    else if (ch === ',' && brackets.length) valueStart = true;
    else if (ch === '?' && valueStart) valueStart = true;
    else valueStart = false;
  }
  if (quote) return { line: quote.line, column: quote.column, what: quote.char === '"' ? 'double quote' : 'single quote' };
  const open = brackets[brackets.length - 1];
  return open ? { line: open.line, column: open.column, what: open.char === '[' ? 'bracket `[`' : 'brace `{`' } : undefined;
}
