/**
 * A fast path for the front matter most files have: `key: value` lines whose values are quoted
 * strings, plain words, whole numbers, decimals, calendar days, true/false or a one-line list of such
 * items (`sources: [S1, S2]`). js-yaml reads a thousand such blocks in ~40 ms on a cold start, most of
 * it warming up its character-by-character reader; this reads them in a few.
 *
 * It gives exactly what gray-matter's YAML engine (js-yaml's safe loader) gives, or declines
 * (undefined) and the caller asks js-yaml. Mappings and lists may nest by indentation (index.md's
 * `sources:`, a layout's `figures:`); values may be simple literal and folded blocks (`notes: >-`).
 * Anything it is not sure of is declined: plain or quoted values continued on the next line, lists in
 * lists, comments after values, escapes, tabs, anchors, tags, keys or words that YAML reads as null or
 * booleans in another spelling, numbers with leading zeros. tests/unit/yaml-simple.test.ts holds it
 * to js-yaml on generated blocks and on every real file.
 */

/** Characters js-yaml accepts anywhere, less tabs, line feeds' cousins and astral characters. */
const PRINTABLE = /^[\n\x20-\x7E\u00A0-\uD7FF\uE000-\uFEFE\uFF00-\uFFFD]*$/;
/** Indentation, `key:`, then the value after at least one space, or nothing. */
const ENTRY = /^( *)([A-Za-z][\w-]*):(?: +(.*))?$/;
const LEADING_SPACES = /^ +/;
/** Blank lines and comment lines, which YAML skips at any indentation between entries. */
const SKIPPED = /^ *(?:#.*)?$/;
/** Keys that YAML reads as null or a boolean, which js-yaml then spells differently. */
const SPECIAL_WORD = /^(?:null|true|false)$/i;
const INTEGER = /^(?:0|-?[1-9][0-9]{0,14})$/;
const DECIMAL = /^-?(?:0|[1-9][0-9]{0,14})\.[0-9]{1,15}$/;
const DAY = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
/** A plain word or phrase starts with a letter (so no indicator such as `&`, `*`, `!`, `-` or a digit). */
const LETTER = /^[A-Za-z]/;
const DOUBLE_QUOTED = /^"([^"\\]*)"$/;
const SINGLE_QUOTED = /^'([^']*)'$/;
/** In a flow list, items are also ended by `,`, `[`, `]`, `{` and `}`. */
const FLOW_INDICATOR = /[,[\]{}]/;

const SPACES = /^ *$/;
const INDENT = /^ */;
/** Literal or folded, clipped or stripped; no indentation indicator, no comment. */
const BLOCK_HEADER = /^[|>]-?$/;
const OUTER_SPACES = /^ +| +$/g;
/** Thrown wherever js-yaml must judge; caught only by readSimpleYaml. */
const DECLINE = Symbol('decline');

/** The block's mapping, or undefined when js-yaml must read it. `yaml` is the text between the fences. */
export function readSimpleYaml(yaml: string): Record<string, unknown> | undefined {
  if (!PRINTABLE.test(yaml)) return undefined;
  const reader: Reader = { lines: yaml.split('\n'), at: 0 };
  try {
    const root = mapping(reader, 0);
    // A top-level mapping stops early only at a list item at the margin: a document js-yaml must judge.
    return nextLine(reader) === undefined && Object.keys(root).length ? root : undefined;
  } catch (cause) {
    if (cause === DECLINE) return undefined;
    throw cause;
  }
}

interface Reader {
  lines: string[];
  /** Index of the next line to read. */
  at: number;
}

/** The next line with content (blank and comment lines skipped), and its indentation; the reader stays on it. */
function nextLine(r: Reader): { text: string; indent: number } | undefined {
  while (r.at < r.lines.length && SKIPPED.test(r.lines[r.at]!)) r.at++;
  const text = r.lines[r.at];
  return text === undefined ? undefined : { text, indent: INDENT.exec(text)![0].length };
}

/** `- ` items, or `-` alone, start a block list item. */
function isItem(text: string, indent: number): boolean {
  return text[indent] === '-' && (text[indent + 1] === ' ' || text.length === indent + 1);
}

/** A block mapping whose keys stand at `indent`. Stops at a line indented less, or at a list item at `indent` (its parent's). */
function mapping(r: Reader, indent: number): Record<string, unknown> {
  const map: Record<string, unknown> = {};
  for (let line = nextLine(r); line && line.indent >= indent; line = nextLine(r)) {
    if (line.indent === indent && isItem(line.text, indent)) break;
    const entry = ENTRY.exec(line.text);
    // Deeper than its mapping (a continued value), or not a `key:` line: js-yaml's to judge.
    if (!entry || line.indent !== indent) throw DECLINE;
    const key = entry[2]!;
    if (SPECIAL_WORD.test(key) || Object.hasOwn(map, key)) throw DECLINE;
    r.at++;
    map[key] = value(r, entry[3], indent);
  }
  return map;
}

/** The value after `key:` on a line indented by `indent`: on the same line, or below it. */
function value(r: Reader, text: string | undefined, indent: number): unknown {
  if (text === undefined || text === '') {
    const next = nextLine(r);
    if (!next || next.indent < indent) return null;
    // A list may stand at its key's own indentation; a nested mapping must be deeper.
    if (isItem(next.text, next.indent)) return sequence(r, next.indent);
    return next.indent > indent ? mapping(r, next.indent) : null;
  }
  return BLOCK_HEADER.test(text) ? blockScalar(r, text, indent) : scalar(text, false);
}

/** A block list whose `-` stand at `indent`; an item is a scalar or a mapping that starts on the item's line. */
function sequence(r: Reader, indent: number): unknown[] {
  const items: unknown[] = [];
  for (let line = nextLine(r); line && line.indent === indent && isItem(line.text, indent); line = nextLine(r)) {
    const rest = line.text.slice(indent + 1).replace(LEADING_SPACES, '');
    // Nothing after the dash (the item on the lines below), or a list in a list: js-yaml's to judge.
    if (!rest || isItem(rest, 0) || BLOCK_HEADER.test(rest)) throw DECLINE;
    if (ENTRY.test(rest)) {
      // `- key: value` opens a mapping whose keys stand where this first one does.
      const column = line.text.length - rest.length;
      r.lines[r.at] = ' '.repeat(column) + rest;
      items.push(mapping(r, column));
    } else {
      items.push(scalar(rest, false));
      r.at++;
    }
  }
  const after = nextLine(r);
  // A line deeper than the items but not part of one (a continued value) is js-yaml's.
  if (after && after.indent > indent) throw DECLINE;
  return items;
}

/**
 * A literal (`|`, `|-`) or folded (`>`, `>-`) block of lines indented alike, deeper than its key, with
 * no blank line inside and no trailing space: its lines joined by line breaks or spaces, with one final
 * line break unless stripped (`-`). Anything else is declined.
 */
function blockScalar(r: Reader, header: string, parentIndent: number): string {
  const { lines } = r;
  const first = lines[r.at];
  const indent = first === undefined ? 0 : INDENT.exec(first)![0].length;
  if (indent <= parentIndent || first!.length === indent) throw DECLINE;
  const content: string[] = [];
  for (; r.at < lines.length; r.at++) {
    const line = lines[r.at]!;
    const own = INDENT.exec(line)![0].length;
    // A blank line ends the block or sits inside it (declined below); spaces beyond the indentation are content.
    if (own === line.length) {
      if (own > indent) throw DECLINE;
      break;
    }
    if (own < indent) break;
    if (own > indent || line[line.length - 1] === ' ') throw DECLINE;
    content.push(line.slice(indent));
  }
  // Blank lines may only end the block: what follows them must be back at the key's level or above.
  let next = r.at;
  while (next < lines.length && SPACES.test(lines[next]!)) if (lines[next++]!.length > indent) throw DECLINE;
  if (next < lines.length && INDENT.exec(lines[next]!)![0].length >= indent) throw DECLINE;
  const joined = content.join(header[0] === '|' ? '\n' : ' ');
  return header[1] === '-' ? joined : `${joined}\n`;
}

/** A value written on one line: a quoted string, a number, a day, true/false, a one-line list or a plain phrase. */
function scalar(text: string, inFlow: boolean): unknown {
  const last = text[text.length - 1];
  if (last === ' ') throw DECLINE;
  const first = text[0];
  const quoted = first === '"' ? DOUBLE_QUOTED.exec(text) : first === "'" ? SINGLE_QUOTED.exec(text) : undefined;
  if (quoted !== undefined) {
    if (!quoted) throw DECLINE;
    return quoted[1];
  }
  if (first === '[' && !inFlow) return list(text);
  if (INTEGER.test(text) || DECIMAL.test(text)) return Number(text);
  const day = DAY.exec(text);
  if (day) return new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
  if (text === 'true') return true;
  if (text === 'false') return false;
  // A phrase starts with a letter; `: ` and ` #` would end it (a nested key, a comment), and so would a flow indicator in a list.
  if (SPECIAL_WORD.test(text) || last === ':' || !LETTER.test(text) || text.includes(': ') || text.includes(' #') || (inFlow && FLOW_INDICATOR.test(text))) {
    throw DECLINE;
  }
  return text;
}

function list(text: string): unknown[] {
  if (text[text.length - 1] !== ']') throw DECLINE;
  const inner = text.slice(1, -1);
  if (SPACES.test(inner)) return [];
  const items: unknown[] = [];
  // Item by item: a quoted item runs to its closing quote (commas inside it included), any other to the next comma.
  for (let at = 0; ; ) {
    while (inner[at] === ' ') at++;
    const quote = inner[at] === '"' || inner[at] === "'" ? inner[at]! : '';
    const close = quote ? inner.indexOf(quote, at + 1) : at;
    if (close === -1) throw DECLINE;
    const comma = inner.indexOf(',', close);
    // Only spaces surround an item for YAML (String#trim would also take no-break spaces).
    const item = inner.slice(at, comma === -1 ? inner.length : comma).replace(OUTER_SPACES, '');
    // An empty item (`[a, , b]`, `[a,]`) is js-yaml's to judge.
    if (!item) throw DECLINE;
    items.push(scalar(item, true));
    if (comma === -1) return items;
    at = comma + 1;
  }
}
