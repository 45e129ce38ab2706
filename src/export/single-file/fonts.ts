/**
 * Which `@font-face` rules a page uses, found without a browser: every weight and style the page's CSS
 * (and the browser's own defaults: `strong`, `h1`, `em`, …) asks for on an element the page has, matched
 * to the declared faces as CSS font matching does (style first, then the nearest weight). It may keep a
 * face the page ends up not drawing (a rule that matches by its last selector part only), never drops one
 * it draws: a single file without a face would show a fallback font. Pure.
 */
/** One `@font-face` rule: its text as written in the style sheet, and what it declares. */
export interface FontFace {
  family: string;
  style: 'normal' | 'italic' | 'oblique';
  weight: number;
  /** The whole `@font-face { … }` block. */
  rule: string;
}

/** Every `@font-face { … }` block of a style sheet (comments removed first). */
export const FONT_FACE = /@font-face\s*\{[^}]*\}/gi;

/** What the page's elements look like to a selector: tag names, classes and ids present. */
export interface PageElements {
  tags: ReadonlySet<string>;
  classes: ReadonlySet<string>;
  ids: ReadonlySet<string>;
}

/** Elements the browser draws bold or italic by itself (its user-agent style sheet). */
const UA_BOLD = ['b', 'strong', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'];
const UA_ITALIC = ['em', 'i', 'cite', 'var', 'dfn', 'address'];

/** Tag names, classes and ids of `html`, read from its start tags. */
export function pageElements(html: string): PageElements {
  const tags = new Set<string>();
  const classes = new Set<string>();
  const ids = new Set<string>();
  for (const [, tag, attrs] of html.matchAll(/<([a-zA-Z][\w-]*)([^>]*)>/g)) {
    tags.add(tag!.toLowerCase());
    const cls = /\sclass="([^"]*)"/.exec(attrs!);
    if (cls) for (const c of cls[1]!.split(/\s+/)) if (c) classes.add(c);
    const id = /\sid="([^"]*)"/.exec(attrs!);
    if (id) ids.add(id[1]!);
  }
  return { tags, classes, ids };
}

/** The `@font-face` blocks of `sheets` (CSS text) that text of a page with `elements` can be drawn in. */
export function usedFontFaces(sheets: readonly string[], elements: PageElements): Set<string> {
  const css = sheets.map((sheet) => sheet.replace(/\/\*[\s\S]*?\*\//g, ''));
  const faces: FontFace[] = css.flatMap((sheet) => [...sheet.matchAll(FONT_FACE)].map(([rule]) => {
    const decls = declarations(rule.slice(rule.indexOf('{') + 1, -1));
    const style = (decls.get('font-style') ?? '').toLowerCase();
    return {
      family: unquote(decls.get('font-family') ?? ''),
      style: style === 'italic' || style === 'oblique' ? style : 'normal',
      weight: weightOf(decls.get('font-weight') ?? '') ?? 400,
      rule,
    } satisfies FontFace;
  }));
  if (!faces.length) return new Set();
  // What the page asks for: body text (normal 400), the browser's own bold and italic elements, and every rule's weight and style.
  const weights = new Set<number>([400]);
  const styles = new Set<FontFace['style']>(['normal']);
  if (UA_BOLD.some((t) => elements.tags.has(t))) weights.add(700);
  if (UA_ITALIC.some((t) => elements.tags.has(t))) styles.add('italic');
  for (const sheet of css) {
    // Innermost `selector { declarations }` pairs: rules inside @media and @supports are found the same way.
    for (const [, selectors, body] of sheet.replace(FONT_FACE, '').matchAll(/([^{};]+)\{([^{}]*)\}/g)) {
      if (!/font/i.test(body!) || !selectors!.split(',').some((s) => mayMatch(s, elements))) continue;
      for (const [prop, raw] of declarations(body!)) {
        const value = raw.toLowerCase();
        if (prop === 'font-weight' || prop === 'font') {
          const w = prop === 'font' ? value.split(/\s+/).map(weightOf).find((x) => x !== undefined) : weightOf(value);
          if (w !== undefined) weights.add(w);
          else if (value === 'bolder') weights.add(700);
        }
        if ((prop === 'font-style' || prop === 'font') && /\b(italic|oblique)\b/.test(value)) styles.add('italic');
      }
    }
  }
  const used = new Set<string>();
  for (const family of new Set(faces.map((f) => f.family))) {
    const own = faces.filter((f) => f.family === family);
    for (const style of styles) for (const weight of weights) {
      const face = match(own, style, weight);
      if (face) used.add(face.rule);
    }
  }
  return used;
}

/** `prop: value` pairs of a declaration block, properties lower-cased (a later one wins). */
function declarations(body: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of body.split(';')) {
    const colon = part.indexOf(':');
    if (colon > 0) out.set(part.slice(0, colon).trim().toLowerCase(), part.slice(colon + 1).replace(/!important/i, '').trim());
  }
  return out;
}

/** CSS font matching, simplified: the faces of the wanted style (else the nearest style), then the nearest weight. */
function match(faces: readonly FontFace[], style: FontFace['style'], weight: number): FontFace | undefined {
  const order: FontFace['style'][] = style === 'normal' ? ['normal', 'oblique', 'italic'] : ['italic', 'oblique', 'normal'];
  const pool = order.map((s) => faces.filter((f) => f.style === s)).find((p) => p.length) ?? [];
  const exact = pool.find((f) => f.weight === weight);
  if (exact) return exact;
  const lighter = pool.filter((f) => f.weight < weight).sort((a, b) => b.weight - a.weight);
  const heavier = pool.filter((f) => f.weight > weight).sort((a, b) => a.weight - b.weight);
  // 400–500 look up to 500, then down, then up; lighter asks look down first; heavier asks look up first.
  if (weight >= 400 && weight <= 500) {
    const upTo500 = heavier.find((f) => f.weight <= 500);
    return upTo500 ?? lighter[0] ?? heavier[0];
  }
  return weight < 400 ? lighter[0] ?? heavier[0] : heavier[0] ?? lighter[0];
}

/** Whether the last compound of `selector` names tags, classes and ids all present on the page (ancestors are not checked). */
function mayMatch(selector: string, elements: PageElements): boolean {
  const last = selector.replace(/::?[\w-]+(\([^)]*\))?/g, '').trim().split(/\s*[\s>+~]\s*/).pop() ?? '';
  const bare = last.replace(/\[[^\]]*\]/g, '');
  const tag = /^[a-zA-Z][\w-]*/.exec(bare)?.[0];
  if (tag && !elements.tags.has(tag.toLowerCase())) return false;
  for (const [, cls] of bare.matchAll(/\.([\w-]+)/g)) if (!elements.classes.has(cls!)) return false;
  for (const [, id] of bare.matchAll(/#([\w-]+)/g)) if (!elements.ids.has(id!)) return false;
  return true;
}

function weightOf(value: string): number | undefined {
  if (value === 'normal') return 400;
  if (value === 'bold') return 700;
  return /^\d{3}$/.test(value) ? Number(value) : undefined;
}

function unquote(value: string): string {
  return value.replace(/^["']|["']$/g, '');
}
