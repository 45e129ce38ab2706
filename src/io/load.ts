/** The load stage: read a briefing folder into plain data, and list every file read (for watch mode). */
import { closeSync, existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { error, type Diagnostic } from '../core/diagnostics.js';
import type { SourceFile } from '../core/model.js';
import type { TemplateFile } from '../core/compose/templates.js';
import { openInside, readOpen, type OpenFile, type Refusal } from './inside.js';
import { displayPath, TEMPLATES_DIR } from './paths.js';

/** Sections larger than this are refused: no real slide needs it, and it keeps a bad file from stalling a build. */
export const MAX_SECTION_BYTES = 1024 * 1024;

export interface LoadedBriefing {
  slug: string;
  /** Absolute, symlink-resolved briefing folder. */
  dir: string;
  deck?: SourceFile;
  sections: SourceFile[];
  templates: TemplateFile[];
  /** Every file and folder the build depends on. */
  watch: string[];
  /** Every file read, by absolute path: what a watch-mode rebuild reuses for files that did not change. */
  files: Map<string, SourceFile>;
  diagnostics: Diagnostic[];
}

/**
 * Read `index.md`, the section files and the templates of the briefing in `dir`. Files whose absolute path
 * is in `known` are taken from it instead of the disk (watch mode: the watcher knows what changed).
 */
export function loadBriefing(dir: string, cwd: string, known?: ReadonlyMap<string, SourceFile>): LoadedBriefing {
  const diagnostics: Diagnostic[] = [];
  const shown = (abs: string) => displayPath(abs, cwd);
  let root: string;
  try {
    root = realpathSync(dir);
  } catch {
    return empty(dir, [error('not-a-briefing', shown(dir), 'Briefing folder not found', {}, 'Pass the path of a folder that contains index.md, e.g. briefings/nato-ukraine.')]);
  }
  // `briefing build briefings/x/index.md` names the deck file; the briefing is its folder.
  if (statSync(root).isFile() && basename(root).toLowerCase() === 'index.md') root = dirname(root);
  else if (statSync(root).isFile() && /\.md$/i.test(root) && existsSync(join(dirname(root), 'index.md'))) {
    return empty(dirname(root), [error('not-a-briefing', shown(dir), 'This is a section file, not a briefing folder', {}, `Pass the folder that holds it: ${shown(dirname(root))}`)]);
  }
  if (!statSync(root).isDirectory() || !existsSync(join(root, 'index.md'))) {
    return empty(root, [error('not-a-briefing', shown(dir), 'Not a briefing: the folder has no index.md', {}, 'A briefing folder holds index.md (the deck) and one .md file per section.')]);
  }
  const watch = [root];
  const files = new Map<string, SourceFile>();
  // Reusing the whole object (not just its text) also spares the path arithmetic, which adds up over a thousand files.
  const read = (abs: string, base = root, plain?: { name: string; shown: string }): SourceFile | undefined => {
    watch.push(abs);
    let source = known?.get(abs);
    if (!source) {
      const file = plain?.shown ?? shown(abs);
      const text = readText(abs, base, file, diagnostics, !!plain);
      if (text === undefined) return undefined;
      source = { file, rel: plain?.name ?? relative(base, abs).split(sep).join('/'), text };
    }
    files.set(abs, source);
    return source;
  };

  const deck = read(join(root, 'index.md'));
  const sections: SourceFile[] = [];
  // How a file directly in the briefing folder is shown, without path arithmetic per file.
  const rootShown = displayPath(root, cwd);
  const shownInRoot = (name: string) => (root === resolve(cwd) ? name : isAbsolute(rootShown) ? join(root, name) : `${rootShown}/${name}`);
  for (const entry of readdirSync(root, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (!/\.md$/i.test(entry.name) || entry.name === 'index.md' || entry.name.startsWith('.')) continue;
    if (!entry.isFile() && !entry.isSymbolicLink()) continue;
    // A regular file listed in the (already resolved) folder is inside it: only links need resolving.
    const section = read(join(root, entry.name), root, entry.isFile() ? { name: entry.name, shown: shownInRoot(entry.name) } : undefined);
    if (section) sections.push(section);
  }
  const templates = loadTemplates(root, watch, read);
  const result: LoadedBriefing = { slug: basename(root), dir: root, sections, templates, watch, files, diagnostics };
  if (deck) result.deck = deck;
  return result;
}

function loadTemplates(root: string, watch: string[], read: (abs: string, base: string) => SourceFile | undefined): TemplateFile[] {
  const byName = new Map<string, TemplateFile>();
  for (const base of [TEMPLATES_DIR, join(root, 'templates')]) {
    if (!existsSync(base)) continue;
    watch.push(base);
    // The layout and partial folders themselves, so a template added to them later is noticed.
    for (const folder of ['layouts', 'partials']) if (existsSync(join(base, folder))) watch.push(join(base, folder));
    for (const name of templateNames(base)) {
      const source = read(join(base, ...name.split('/')) + '.hbs', base === TEMPLATES_DIR ? TEMPLATES_DIR : root);
      if (source) byName.set(name, { name, file: source.file, text: source.text });
    }
  }
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}

function templateNames(base: string): string[] {
  const names: string[] = [];
  if (existsSync(join(base, 'deck.hbs'))) names.push('deck');
  for (const folder of ['layouts', 'partials']) {
    const dir = join(base, folder);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) if (f.endsWith('.hbs')) names.push(`${folder}/${f.slice(0, -4)}`);
  }
  return names;
}

/**
 * Read a UTF-8 text file that must live inside `root`; binary, oversized or escaping files are diagnostics.
 * `plain`: the file was listed as a regular file in `root` itself, so it is opened without following a link
 * (if it has become one since, it is checked as a link). Every check holds for the file actually opened.
 */
export function readText(abs: string, root: string, shown: string, diagnostics: Diagnostic[], plain = false): string | undefined {
  let file: OpenFile | Refusal;
  try {
    file = openInside(abs, root, plain);
    if (file === 'link') file = openInside(abs, root);
  } catch (cause) {
    diagnostics.push(error('unreadable-file', shown, `File cannot be read (${(cause as NodeJS.ErrnoException).code ?? 'error'})`, {}, 'Check that the file exists and that you may read it.'));
    return undefined;
  }
  if (typeof file === 'string') {
    diagnostics.push(refused(file, shown));
    return undefined;
  }
  let bytes: Buffer;
  try {
    // Sized through the descriptor, and read through it: what was checked is what is read.
    bytes = readOpen(file, MAX_SECTION_BYTES);
  } catch (cause) {
    diagnostics.push(error('unreadable-file', shown, `File cannot be read (${(cause as NodeJS.ErrnoException).code ?? 'error'})`, {}, 'Check that the file exists and that you may read it.'));
    return undefined;
  } finally {
    closeSync(file.fd);
  }
  if (bytes.length > MAX_SECTION_BYTES) {
    diagnostics.push(error('file-too-large', shown, `File is ${bytesText(Math.max(file.stat.size, bytes.length))}; the limit is ${bytesText(MAX_SECTION_BYTES)} (1 MB)`, {}, 'Split it into several sections.'));
    return undefined;
  }
  const text = bytes.toString('utf8');
  if (text.slice(0, 8000).includes('\0')) {
    diagnostics.push(error('binary-file', shown, 'File is not text (it contains NUL bytes)', { line: 1, column: 1 }, 'Sections must be UTF-8 Markdown; move binary files into a subfolder.'));
    return undefined;
  }
  if (text.includes('\uFFFD') && !isUtf8(bytes)) {
    diagnostics.push(error('binary-file', shown, 'File is not valid UTF-8 text', { line: 1, column: 1 }, 'Save the file as UTF-8.'));
    return undefined;
  }
  // A byte-order mark is not part of the text (as TextDecoder would drop it).
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function refused(refusal: Refusal, shown: string): Diagnostic {
  switch (refusal) {
    case 'outside':
      return error('file-escapes', shown, 'File is a link to a place outside the briefing folder', {}, 'Copy the file into the briefing folder instead of linking to it.');
    case 'missing':
      return error('unreadable-file', shown, 'File cannot be read (a broken link?)', {}, 'Restore the file or remove the link.');
    default:
      return error('not-a-file', shown, 'Not a regular file (a folder, pipe or device?)', {}, 'Sections and templates must be ordinary text files.');
  }
}

/** "1,048,577 bytes": exact, so a file just over the limit does not read as the limit itself. */
function bytesText(n: number): string {
  return `${n.toLocaleString('en-US')} bytes`;
}

function empty(dir: string, diagnostics: Diagnostic[]): LoadedBriefing {
  return { slug: basename(dir), dir, sections: [], templates: [], watch: [], files: new Map(), diagnostics };
}
