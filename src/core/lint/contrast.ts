/**
 * WCAG 2 contrast: colours as Chromium's computed styles spell them, alpha compositing, relative luminance,
 * the contrast ratio and the AA thresholds (4.5:1, or 3:1 for large text). Pure; `check --layout` feeds it
 * what it measured in the browser.
 */

/** A colour with alpha: channels 0–255, alpha 0–1. */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

/** One layer behind a piece of text, nearest first: a colour, gradient stops, or an image of unknown pixels. */
export interface BackgroundLayer {
  colour?: Rgba;
  /** The colours of a gradient: the text is measured against each, and the worst counts. */
  stops?: Rgba[];
  /** The opacity of an image in this layer, whose pixels the layers alone do not tell. */
  image?: number;
}

const WHITE: Rgba = { r: 255, g: 255, b: 255, a: 1 };
const BLACK: Rgba = { r: 0, g: 0, b: 0, a: 1 };

/** Parse `rgb(…)`, `rgba(…)` or `color(srgb …)` as getComputedStyle writes them; undefined for anything else. */
export function parseColour(css: string): Rgba | undefined {
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/i.exec(css.trim());
  if (rgb) return { r: Number(rgb[1]), g: Number(rgb[2]), b: Number(rgb[3]), a: alpha(rgb[4]) };
  const srgb = /^color\(srgb\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)(?:\s*\/\s*([\d.]+%?))?\s*\)$/i.exec(css.trim());
  if (srgb) return { r: Number(srgb[1]) * 255, g: Number(srgb[2]) * 255, b: Number(srgb[3]) * 255, a: alpha(srgb[4]) };
  return undefined;
}

function alpha(value: string | undefined): number {
  if (value === undefined) return 1;
  return value.endsWith('%') ? Number(value.slice(0, -1)) / 100 : Number(value);
}

/** Every colour named in a computed `background-image` (a gradient's stops), in order. */
export function gradientStops(backgroundImage: string): Rgba[] {
  const found = backgroundImage.match(/(rgba?|color)\([^()]*\)/gi) ?? [];
  return found.map(parseColour).filter((c): c is Rgba => c !== undefined);
}

/** `top` painted over the opaque `bottom`. */
export function over(top: Rgba, bottom: Rgba): Rgba {
  const a = top.a;
  return { r: top.r * a + bottom.r * (1 - a), g: top.g * a + bottom.g * (1 - a), b: top.b * a + bottom.b * (1 - a), a: 1 };
}

/** WCAG relative luminance of an sRGB colour (0 black – 1 white). */
export function luminance(c: Rgba): number {
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

/** The WCAG contrast ratio of two opaque colours, 1 to 21. */
export function contrastRatio(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** WCAG's large text: at least 18 pt (24 CSS px), or 14 pt (18.66 px) and bold. */
export function isLargeText(fontSizePx: number, fontWeight: number): boolean {
  return fontSizePx >= 24 || (fontSizePx >= 18.66 && fontWeight >= 700);
}

/** The AA minimum for text of this size and weight. */
export function requiredRatio(fontSizePx: number, fontWeight: number): number {
  return isLargeText(fontSizePx, fontWeight) ? 3 : 4.5;
}

/**
 * The opaque colours the text can stand on: the layers composited from the page's colour upwards (in one
 * layer, the colour under the gradient or image). A gradient gives one candidate per stop; an image, whose
 * pixels are not known here, its darkest and its lightest case at its opacity.
 */
export function backgroundsOf(layers: readonly BackgroundLayer[], page: Rgba = WHITE): Rgba[] {
  let candidates: Rgba[] = [page];
  for (const layer of [...layers].reverse()) {
    if (layer.colour && layer.colour.a > 0) candidates = candidates.map((under) => over(layer.colour!, under));
    if (layer.stops?.length) candidates = candidates.flatMap((under) => layer.stops!.map((s) => over(s, under)));
    if (layer.image) candidates = candidates.flatMap((under) => [BLACK, WHITE].map((p) => over({ ...p, a: layer.image! }, under)));
  }
  return dedupe(candidates);
}

/**
 * Contrast against pixels sampled from behind the text (an image background): the ratio that 80 % of the
 * samples reach, so a few stray pixels of a photograph do not decide, and the background at that sample.
 */
export function sampledContrast(text: Rgba, samples: readonly Rgba[]): { ratio: number; background: Rgba } {
  const measured = samples.map((background) => ({ ratio: contrastRatio(over(text, background), background), background })).sort((a, b) => a.ratio - b.ratio);
  return measured[Math.floor((measured.length - 1) * 0.2)] ?? { ratio: Infinity, background: WHITE };
}

/** The lowest contrast of `text` (with its alpha) against any of the backgrounds, and that background. */
export function worstContrast(text: Rgba, backgrounds: readonly Rgba[]): { ratio: number; background: Rgba } {
  let worst = { ratio: Infinity, background: WHITE };
  for (const background of backgrounds) {
    const ratio = contrastRatio(over(text, background), background);
    if (ratio < worst.ratio) worst = { ratio, background };
  }
  return worst;
}

/** `#rrggbb` of an opaque colour, for messages. */
export function hex(c: Rgba): string {
  return `#${[c.r, c.g, c.b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
}

function dedupe(colours: Rgba[]): Rgba[] {
  const seen = new Map<string, Rgba>();
  for (const c of colours) seen.set(`${Math.round(c.r)},${Math.round(c.g)},${Math.round(c.b)}`, c);
  return [...seen.values()];
}
