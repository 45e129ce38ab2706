/**
 * A fast path for the front matter most files have: `key: value` lines whose values are quoted
 * strings, plain words, whole numbers, decimals, calendar days, true/false or a one-line list of such
 * items (`sources: [S1, S2]`). js-yaml reads a thousand such blocks in ~40 ms on a cold
 * start, most of it warming up its character-by-character reader; this reads them in a few.
 *
 * It gives exactly what gray-matter's YAML engine (js-yaml's safe loader) gives, or declines
 * (undefined) and the caller asks js-yaml. Mappings may nest by indentation (index.md's `sources:`).
 * Values may be simple literal and folded blocks (`notes: >-`). Anything it is not sure of is declined: block
 * lists, plain or quoted values continued on the next line, comments after values, escapes, tabs,
 * anchors, tags, keys or words that YAML reads as null or booleans in another spelling, numbers with
 * leading zeros. tests/unit/yaml-simple.test.ts holds it to js-yaml on generated blocks and on every
 * real file.
 */

/** Characters js-yaml accepts anywhere, less tabs, line feeds' cousins and astral characters. */
const PRINTABLE = /^[\n\x20-\x7E\u00A0-\uD7FF\uE000-\uFEFE\uFF00-\uFFFD]*$/;
/** Indentation, `key:`, then the value after at least one space, or nothing. */
const ENTRY = /^( *)([A-Za-z][\w-]*):(?: +(.*))?$/;
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
const DECLINE = Symbol('decline');

/** The block's mapping, or undefined when js-yaml must read it. `yaml` is the text between the fences. */
export function readSimpleYaml(yaml: string): Record<string, unknown> | undefined {
  if (!PRINTABLE.test(yaml)) return undefined;
  const root: Record<string, unknown> = {};
  // The mappings that enclose the current line, outermost first, with their indentation.
  const levels: { indent: number; map: Record<string, unknown> }[] = [{ indent: 0, map: root }];
  // A key with nothing after its colon: a nested mapping follows if the next entry is indented further.
  let open: { map: Record<string, unknown>; key: string; indent: number } | undefined;
  const lines = yaml.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (SKIPPED.test(line)) continue;
    const entry = ENTRY.exec(line);
    if (!entry) return undefined;
    const indent = entry[1]!.length;
    if (open && indent > open.indent) {
      const child: Record<string, unknown> = {};
      open.map[open.key] = child;
      levels.push({ indent, map: child });
    }
    open = undefined;
    while (levels[levels.length - 1]!.indent > indent) levels.pop();
    const level = levels[levels.length - 1]!;
    // Deeper than its mapping without an open key (a continued value), or between two levels: js-yaml's to judge.
    if (level.indent !== indent) return undefined;
    const key = entry[2]!;
    if (SPECIAL_WORD.test(key) || Object.hasOwn(level.map, key)) return undefined;
    const text = entry[3];
    if (text === undefined || text === '') {
      level.map[key] = null;
      open = { map: level.map, key, indent };
      continue;
    }
    if (BLOCK_HEADER.test(text)) {
      const block = blockScalar(text, lines, i + 1, indent);
      if (!block) return undefined;
      level.map[key] = block.value;
      i = block.end - 1;
      continue;
    }
    const value = scalar(text, false);
    if (value === DECLINE) return undefined;
    level.map[key] = value;
  }
  return Object.keys(root).length ? root : undefined;
}

/**
 * A literal (`|`, `|-`) or folded (`>`, `>-`) block of lines indented alike, deeper than its key, with
 * no blank line inside and no trailing space: its lines joined by line breaks or spaces, with one final
 * line break unless stripped (`-`). Undefined for anything else. `end` is the index of the line after it.
 */
function blockScalar(header: string, lines: string[], start: number, parentIndent: number): { value: string; end: number } | undefined {
  const first = lines[start];
  const indent = first === undefined ? 0 : INDENT.exec(first)![0].length;
  if (indent <= parentIndent || first!.length === indent) return undefined;
  const content: string[] = [];
  let end = start;
  for (; end < lines.length; end++) {
    const line = lines[end]!;
    const own = INDENT.exec(line)![0].length;
    // A blank line ends the block or sits inside it (declined below); spaces beyond the indentation are content.
    if (own === line.length) {
      if (own > indent) return undefined;
      break;
    }
    if (own < indent) break;
    if (own > indent || line[line.length - 1] === ' ') return undefined;
    content.push(line.slice(indent));
  }
  // Blank lines may only end the block: what follows them must be back at the key's level or above.
  let next = end;
  while (next < lines.length && SPACES.test(lines[next]!)) if (lines[next++]!.length > indent) return undefined;
  if (next < lines.length && INDENT.exec(lines[next]!)![0].length >= indent) return undefined;
  const joined = content.join(header[0] === '|' ? '\n' : ' ');
  return { value: header[1] === '-' ? joined : `${joined}\n`, end };
}

function scalar(text: string, inFlow: boolean): unknown {
  const last = text[text.length - 1];
  if (last === ' ') return DECLINE;
  const first = text[0];
  if (first === '"') {
    const m = DOUBLE_QUOTED.exec(text);
    return m ? m[1] : DECLINE;
  }
  if (first === "'") {
    const m = SINGLE_QUOTED.exec(text);
    return m ? m[1] : DECLINE;
  }
  if (first === '[') return inFlow ? DECLINE : list(text);
  if (INTEGER.test(text) || DECIMAL.test(text)) return Number(text);
  const day = DAY.exec(text);
  if (day) return new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (SPECIAL_WORD.test(text) || last === ':') return DECLINE;
  // `: ` and ` #` end a plain scalar (a nested key, a comment).
  if (!LETTER.test(text) || text.includes(': ') || text.includes(' #') || (inFlow && FLOW_INDICATOR.test(text))) return DECLINE;
  return text;
}

function list(text: string): unknown[] | typeof DECLINE {
  if (text[text.length - 1] !== ']') return DECLINE;
  const inner = text.slice(1, -1);
  if (SPACES.test(inner)) return [];
  const items: unknown[] = [];
  for (const part of inner.split(',')) {
    // Only spaces surround an item for YAML (String#trim would also take no-break spaces).
    const item = part.replace(OUTER_SPACES, '');
    // An empty item (`[a, , b]`, `[a,]`) is js-yaml's to judge; so is a quoted item a comma split.
    const value = item ? scalar(item, true) : DECLINE;
    if (value === DECLINE) return DECLINE;
    items.push(value);
  }
  return items;
}
