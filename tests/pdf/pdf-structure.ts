/** The logical structure of a tagged PDF as qpdf reads it (`qpdf --json`): the catalog's tagging entries and the structure tree. */
import { spawnSync } from 'node:child_process';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** One structure element, in document order: its type (after the role map), depth, and alternate text. */
export interface StructElement {
  type: string;
  depth: number;
  alt?: string;
}

export interface PdfStructure {
  /** `/MarkInfo /Marked true` in the catalog. */
  marked: boolean;
  /** The catalog's `/Lang`. */
  lang: string | undefined;
  /** `/ViewerPreferences /DisplayDocTitle`: readers show the title, not the file name. */
  displayTitle: boolean;
  /** Every element under `/StructTreeRoot`, depth first. Empty when the PDF has no structure tree. */
  elements: StructElement[];
  /** The role map: custom types and the standard types they stand for. */
  roleMap: Record<string, string>;
}

/** Read the catalog and walk the structure tree of `file`. */
export function readStructure(file: string): PdfStructure {
  const result = spawnSync('qpdf', ['--json', '--json-key=qpdf', file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0 && result.status !== 3) throw new Error(`qpdf --json ${file} failed: ${result.stderr}`);
  const [, objects] = (JSON.parse(result.stdout) as { qpdf: [unknown, Record<string, { value?: Json }>] }).qpdf;
  const resolve = (value: Json | undefined): Json | undefined => {
    if (typeof value === 'string' && /^\d+ \d+ R$/.test(value)) return objects[`obj:${value}`]?.value;
    return value;
  };
  const dict = (value: Json | undefined) => {
    const v = resolve(value);
    return v && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
  };
  const text = (value: Json | undefined) => {
    const v = resolve(value);
    return typeof v === 'string' ? v.replace(/^[ub]:/, '') : undefined;
  };
  const trailer = dict(objects['trailer']?.value);
  const catalog = dict(trailer?.['/Root']);
  const root = dict(catalog?.['/StructTreeRoot']);
  const roleMap: Record<string, string> = {};
  for (const [name, role] of Object.entries(dict(root?.['/RoleMap']) ?? {})) roleMap[name.slice(1)] = String(role).slice(1);

  const elements: StructElement[] = [];
  const walk = (kids: Json | undefined, depth: number) => {
    const list = resolve(kids);
    for (const kid of Array.isArray(list) ? list : list === undefined ? [] : [list]) {
      const element = dict(kid);
      if (!element || typeof element['/S'] !== 'string') continue; // marked-content ids and object references
      const raw = (element['/S'] as string).slice(1);
      const alt = text(element['/Alt']);
      elements.push({ type: roleMap[raw] ?? raw, depth, ...(alt !== undefined ? { alt } : {}) });
      walk(element['/K'], depth + 1);
    }
  };
  walk(root?.['/K'], 0);
  return {
    marked: dict(catalog?.['/MarkInfo'])?.['/Marked'] === true,
    lang: text(catalog?.['/Lang']),
    displayTitle: dict(catalog?.['/ViewerPreferences'])?.['/DisplayDocTitle'] === true,
    elements,
    roleMap,
  };
}
