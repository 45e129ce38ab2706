/** Split a Markdown file into front matter and body, with positioned YAML errors. */
import { createRequire } from 'node:module';
import { error, type Diagnostic, type Position } from '../diagnostics.js';
import { MAX_FRONT_MATTER_CHARS, MAX_FRONT_MATTER_NODES, measureValues } from '../limits.js';
import { readSimpleYaml } from '../fast/yaml-simple.js';
import { unclosedOpening } from './yaml-open.js';

const require = createRequire(import.meta.url);

export interface FrontMatterResult {
  data: Record<string, unknown>;
  body: string;
  /** 1-based line of the file on which the body starts. */
  bodyLine: number;
  /** The raw YAML between the fences ('' when there is none). */
  yaml: string;
  /** Where each key and value sits in the file. */
  positions: KeyPositions;
  diagnostics: Diagnostic[];
}

/** Where front-matter keys and values sit in their file, as positions for messages. */
export interface KeyPositions {
  /** The value at `path` (or, with `key`, the key itself); line 1, column 1 when the path is not in the file. */
  of(path: readonly (string | number)[], options?: { key?: boolean }): Position;
}

/**
 * The key positions of one file's front matter. The file's YAML is read for positions once, when a message
 * first needs one, and each answer is kept: most files never need a position, and reading YAML with
 * positions costs several times what the fast path does.
 */
export function keyPositions(yaml: string): KeyPositions {
  let document: PositionedDocument | undefined;
  const known = new Map<string, Position>();
  return {
    of(path, { key = false } = {}) {
      const id = `${key ? 'k' : 'v'}\0${path.join('\0')}`;
      let at = known.get(id);
      if (!at) known.set(id, (at = locate((document ??= positionedDocument(yaml)), path, key)));
      return at;
    },
  };
}

/** Normalise text as read from disk: no BOM, LF line endings. */
export function normalizeText(text: string): string {
  const bare = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return bare.includes('\r') ? bare.replace(/\r\n?/g, '\n') : bare;
}

/** gray-matter's YAML engine (js-yaml's safe loader, as gray-matter configures it), loaded on first need. */
let yamlEngine: { parse(text: string): unknown } | undefined;
function parseYaml(text: string): unknown {
  yamlEngine ??= (require('gray-matter/lib/engines.js') as { yaml: { parse(text: string): unknown } }).yaml;
  return yamlEngine.parse(text);
}

/**
 * What `matter(text)` of gray-matter returns for text that opens with a `---` line (the only front matter
 * we accept): the YAML up to the next line starting `---`, parsed by gray-matter's YAML engine, and the
 * content after that line. Done here rather than by calling `matter()`, which also copies each file into
 * a Buffer, merges its options and looks for an excerpt: a fifth of the parse stage for nothing we use.
 * tests/unit/frontmatter.test.ts checks the two agree.
 */
export function splitFrontMatter(text: string): { data: unknown; content: string; matter: string } {
  const rest = text.slice(3);
  const close = rest.indexOf('\n---');
  const matter = close === -1 ? rest : rest.slice(0, close);
  // A block of nothing but comments and blank lines is empty, as gray-matter decides before parsing.
  // Simple blocks (most of them) are read without js-yaml, to the same result (yaml-simple.ts).
  const data = readSimpleYaml(matter) ?? (matter.replace(/^\s*#[^\n]+/gm, '').trim() === '' ? {} : parseYaml(matter) ?? {});
  let content = close === -1 ? '' : rest.slice(close + 4);
  if (content[0] === '\r') content = content.slice(1);
  if (content[0] === '\n') content = content.slice(1);
  return { data, content, matter };
}

/** Parse front matter. Pure: `file` is only used to label diagnostics. */
export function parseFrontMatter(file: string, source: string): FrontMatterResult {
  const text = normalizeText(source);
  if (!/^---[ \t]*\n/.test(text)) return { data: {}, body: text, bodyLine: 1, yaml: '', positions: keyPositions(''), diagnostics: [] };
  try {
    const parsed = splitFrontMatter(text);
    const body = parsed.content;
    const bodyStart = text.length - body.length;
    const bodyLine = text.slice(0, bodyStart).split('\n').length;
    const data = parsed.data === null || typeof parsed.data !== 'object' || Array.isArray(parsed.data) ? {} : parsed.data;
    const size = measureValues(data);
    if (size.values > MAX_FRONT_MATTER_NODES || size.chars > MAX_FRONT_MATTER_CHARS) {
      const what = size.values > MAX_FRONT_MATTER_NODES ? `more than ${MAX_FRONT_MATTER_NODES.toLocaleString('en-US')} values` : `more than ${(MAX_FRONT_MATTER_CHARS / 1024 / 1024).toFixed(0)} MB of text`;
      return { data: {}, body, bodyLine, yaml: parsed.matter, positions: keyPositions(parsed.matter), diagnostics: [error('front-matter-too-large', file, `Front matter expands to ${what}${/(^|[\s[{,:-])\*[^\s,\]}]/.test(parsed.matter) ? ' through YAML aliases' : ''}`, firstAlias(parsed.matter),
        'Shorten the front matter and avoid YAML anchors and aliases (&name, *name).')] };
    }
    return { data: data as Record<string, unknown>, body, bodyLine, yaml: parsed.matter, positions: keyPositions(parsed.matter), diagnostics: [] };
  } catch (cause) {
    const e = cause as { reason?: string; message?: string; mark?: { line: number; column: number } };
    // The YAML text starts with the rest of the opening `---` line, so its line n is the file's line n.
    // js-yaml recurses once per nesting level; what overflows the stack is the input's depth, not a bug.
    const tooDeep = cause instanceof RangeError;
    const reason = tooDeep ? 'lists or maps nest too deeply to read' : e.reason ?? String(e.message ?? cause).split('\n')[0];
    // js-yaml reports an unclosed quote or bracket where the text ends; point at where it was opened.
    const opened = !tooDeep && /end of the stream|flow collection|missed comma/.test(reason ?? '') ? unclosedOpening(yamlOf(text)) : undefined;
    const at = opened ?? (e.mark ? { line: e.mark.line + 1, column: e.mark.column + 1 } : { line: 1, column: 1 });
    const closing = text.indexOf('\n---', 3);
    const bodyLine = closing === -1 ? 1 : text.slice(0, closing + 4).split('\n').length + 1;
    return {
      data: {},
      body: closing === -1 ? '' : text.slice(closing + 4).replace(/^[^\n]*\n?/, ''),
      bodyLine,
      yaml: '',
      positions: keyPositions(''),
      diagnostics: [
        error('yaml-syntax', file, opened ? `Invalid YAML in front matter: this ${opened.what} is never closed` : `Invalid YAML in front matter: ${reason}`, at,
          opened
            ? `Close the ${opened.what} on this line, or remove it.`
            : tooDeep
            ? 'Flatten the front matter: nest lists and maps only a few levels deep.'
            : /end of the stream/.test(reason ?? '')
              ? 'A quote or bracket opened above this line is never closed; close it before the closing `---`.'
              : 'Check indentation and quoting; put values with ":" or "#" in quotes.'),
      ],
    };
  }
}

/** The YAML text of front matter as `splitFrontMatter` cuts it: from after the opening `---` to the closing fence. */
function yamlOf(text: string): string {
  const rest = text.slice(3);
  const close = rest.indexOf('\n---');
  return close === -1 ? rest : rest.slice(0, close);
}

/** Where the first YAML alias (`*name`) is, as a file position (line 1 when there is none): where the expansion starts. */
function firstAlias(yaml: string): Position {
  const found = /(^|[\s[{,:-])\*[^\s,\]}]/m.exec(yaml);
  if (!found) return { line: 1, column: 1 };
  const offset = found.index + found[1]!.length;
  const before = yaml.slice(0, offset);
  // The YAML text starts with the rest of the opening `---` line, so its line n is the file's line n.
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

type PositionedDocument = { doc: import('yaml').Document.Parsed; counter: import('yaml').LineCounter } | undefined;

/** The YAML read with positions (the `yaml` package, loaded on first need); undefined for no front matter. */
function positionedDocument(yaml: string): PositionedDocument {
  if (!yaml) return undefined;
  const YAML = require('yaml') as typeof import('yaml');
  const counter = new YAML.LineCounter();
  return { doc: YAML.parseDocument(yaml, { lineCounter: counter, keepSourceTokens: false }), counter };
}

/** Where a key path points in the front matter, as a file position. */
function locate(document: PositionedDocument, path: readonly (string | number)[], key: boolean): Position {
  if (!document) return { line: 1, column: 1 };
  const YAML = require('yaml') as typeof import('yaml');
  let node: unknown = document.doc.contents;
  let found: { range?: [number, number, number] | null } | undefined;
  for (let i = 0; i < path.length; i++) {
    const step = path[i]!;
    if (YAML.isMap(node)) {
      const pair = node.items.find((p) => YAML.isScalar(p.key) && String(p.key.value) === String(step));
      if (!pair) break;
      const last = i === path.length - 1;
      found = (last && key ? pair.key : (pair.value ?? pair.key)) as typeof found;
      node = pair.value;
    } else if (YAML.isSeq(node) && typeof step === 'number') {
      const item = node.items[step];
      if (!item) break;
      found = item as typeof found;
      node = item;
    } else break;
  }
  const offset = found?.range?.[0];
  if (offset === undefined) return { line: 1, column: 1 };
  const pos = document.counter.linePos(offset);
  // The YAML text starts with the rest of the opening `---` line, so its line n is the file's line n.
  return { line: pos.line, column: pos.col };
}
