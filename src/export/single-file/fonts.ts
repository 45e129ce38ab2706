/**
 * Which `@font-face` rules a page uses, found without a browser: every weight and style the page's CSS
 * (and the browser's own defaults: `strong`, `h1`, `em`, …) asks for on an element the page has, matched
 * to the declared faces as CSS font matching does (style first, then the nearest weight). It may keep a
 * face the page ends up not drawing (a rule that matches by its last selector part only), never drops one
 * it draws: a single file without a face would show a fallback font. Pure.
 */
import postcss, { type AtRule, type Root } from 'postcss';

/** One `@font-face` rule. */
export interface FontFace {
  family: string;
  style: 'normal' | 'italic' | 'oblique';
  weight: number;
  rule: AtRule;
}

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

/** The faces of `sheets` that text of a page with `elements` can be drawn in. */
export function usedFontFaces(sheets: readonly Root[], elements: PageElements): Set<AtRule> {
  const faces: FontFace[] = sheets.flatMap((sheet) => {
    const out: FontFace[] = [];
    sheet.walkAtRules(/^font-face$/i, (rule) => {
      const decl = (name: string) => {
        let value = '';
        rule.walkDecls(new RegExp(`^${name}$`, 'i'), (d) => void (value = d.value.trim()));
        return value;
      };
      const style = decl('font-style').toLowerCase();
      out.push({ family: unquote(decl('font-family')), style: style === 'italic' || style === 'oblique' ? style : 'normal', weight: weightOf(decl('font-weight')) ?? 400, rule });
    });
    return out;
  });
  if (!faces.length) return new Set();
  // What the page asks for: body text (normal 400), the browser's own bold and italic elements, and every rule's weight and style.
  const weights = new Set<number>([400]);
  const styles = new Set<FontFace['style']>(['normal']);
  if (UA_BOLD.some((t) => elements.tags.has(t))) weights.add(700);
  if (UA_ITALIC.some((t) => elements.tags.has(t))) styles.add('italic');
  for (const sheet of sheets) {
    sheet.walkRules((rule) => {
      if (rule.parent?.type === 'atrule' && /^(font-face|keyframes)$/i.test((rule.parent as AtRule).name)) return;
      if (!rule.selectors.some((s) => mayMatch(s, elements))) return;
      rule.walkDecls(/^font(-weight|-style)?$/i, (d) => {
        const prop = d.prop.toLowerCase();
        const value = d.value.toLowerCase();
        if (prop === 'font-weight' || prop === 'font') {
          const w = prop === 'font' ? value.split(/\s+/).map(weightOf).find((x) => x !== undefined) : weightOf(value);
          if (w !== undefined) weights.add(w);
          else if (value === 'bolder') weights.add(700);
        }
        if ((prop === 'font-style' || prop === 'font') && /\b(italic|oblique)\b/.test(value)) styles.add('italic');
      });
    });
  }
  const used = new Set<AtRule>();
  for (const family of new Set(faces.map((f) => f.family))) {
    const own = faces.filter((f) => f.family === family);
    for (const style of styles) for (const weight of weights) {
      const face = match(own, style, weight);
      if (face) used.add(face.rule);
    }
  }
  return used;
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

/** Parse a style sheet (postcss keeps unknown syntax as it is). */
export function parseCss(css: string): Root {
  return postcss.parse(css);
}
