/**
 * What a map shows on top of its coloured countries: the part of Europe it is cropped to (`focus`), country
 * names (`labels`) and labelled markers (`markers`, e.g. a battlegroup's lead nation). Placed from the
 * label points and boxes precomputed with the map base, so the output is the same bytes every build. Pure.
 */
import { escapeHtml } from '../escape.js';
import type { BaseCountry } from './geometry.js';

/** A crop of the base map, in its output pixels. */
export interface View {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A label request resolved to a country of the base: what to write, and where. */
export interface Placed {
  country: BaseCountry;
  text: string;
}

// Type size of labels on a full-width map (960 px wide, shown about 830 px wide on a slide): about 15 px.
const LABEL_SIZE = 19;
// Room left around the focused countries, as a share of the box.
const FOCUS_MARGIN = 0.06;
const INK = '#1a2433';
const HALO = '#ffffff';
const FONT = "'Source Sans 3', 'Segoe UI', Arial, sans-serif";

const r1 = (n: number): string => String(Math.round(n * 10) / 10);

/**
 * The crop that shows `countries` with a margin, at the base's aspect ratio, kept inside the base;
 * the whole map when the list is empty.
 */
export function focusView(countries: readonly BaseCountry[], width: number, height: number): View {
  if (!countries.length) return { x: 0, y: 0, width, height };
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const { box } of countries) {
    x0 = Math.min(x0, box[0]);
    y0 = Math.min(y0, box[1]);
    x1 = Math.max(x1, box[2]);
    y1 = Math.max(y1, box[3]);
  }
  let w = (x1 - x0) * (1 + 2 * FOCUS_MARGIN);
  let h = (y1 - y0) * (1 + 2 * FOCUS_MARGIN);
  // Grow the short side so the crop has the map's own shape, then keep it on the map.
  const aspect = width / height;
  if (w / h > aspect) h = w / aspect;
  else w = h * aspect;
  w = Math.min(w, width);
  h = Math.min(h, height);
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const x = Math.min(Math.max(cx - w / 2, 0), width - w);
  const y = Math.min(Math.max(cy - h / 2, 0), height - h);
  return { x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10, width: Math.round(w * 10) / 10, height: Math.round(h * 10) / 10 };
}

/**
 * Where a country's text goes: its label point, or, when that lies outside the crop (a large country cut by
 * the frame, such as Russia), the nearest point well inside the crop's edge.
 */
function spot(country: BaseCountry, view: View, inset: number): [number, number] {
  const [x, y] = country.anchor;
  const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
  const inside = x >= view.x && x <= view.x + view.width && y >= view.y && y <= view.y + view.height;
  return inside ? [x, y] : [clamp(x, view.x + inset * 3, view.x + view.width - inset * 3), clamp(y, view.y + inset * 3, view.y + view.height - inset * 3)];
}

// Width of bold sans-serif text as a share of its size per character: an estimate (the SVG is drawn
// without font metrics), generous so badges never clip their text.
const CHAR_WIDTH = 0.58;

/**
 * Country names and marker badges as SVG, sized so they read the same whatever the crop: a name at the
 * country's label point, and a marker's badge on the same line, right of the name (alone, it is centred).
 */
export function overlaySvg(labels: readonly Placed[], markers: readonly Placed[], view: View, fullWidth: number): string {
  const size = (LABEL_SIZE * view.width) / fullWidth;
  const badgeSize = size * 0.85;
  const gap = size * 0.35;
  const labelOf = new Map(labels.map((l) => [l.country.name, l.text]));
  const badgeOf = new Map(markers.map((m) => [m.country.name, m.text]));
  const countries = [...new Map([...labels, ...markers].map((p) => [p.country.name, p.country])).values()];
  const out: string[] = [`<g font-family="${escapeHtml(FONT)}" font-size="${r1(size)}" font-weight="700" text-anchor="middle">`];
  for (const country of countries) {
    const [x, y] = spot(country, view, size);
    const name = labelOf.get(country.name);
    const badge = badgeOf.get(country.name);
    const nameWidth = name === undefined ? 0 : name.length * size * CHAR_WIDTH;
    const badgeWidth = badge === undefined ? 0 : badge.length * badgeSize * CHAR_WIDTH + badgeSize * 0.9;
    const total = nameWidth + badgeWidth + (name !== undefined && badge !== undefined ? gap : 0);
    let left = x - total / 2;
    if (name !== undefined) {
      out.push(
        `<text class="label" x="${r1(left + nameWidth / 2)}" y="${r1(y)}" dominant-baseline="central" fill="${INK}" stroke="${HALO}" stroke-width="${r1(size * 0.22)}" stroke-linejoin="round" paint-order="stroke">${escapeHtml(name)}</text>`,
      );
      left += nameWidth + gap;
    }
    if (badge !== undefined) {
      const h = badgeSize * 1.45;
      out.push(
        `<g class="marker" data-country="${escapeHtml(country.name)}">` +
          `<rect x="${r1(left)}" y="${r1(y - h / 2)}" width="${r1(badgeWidth)}" height="${r1(h)}" rx="${r1(h / 2)}" fill="${HALO}" stroke="${INK}" stroke-width="${r1(size * 0.08)}"/>` +
          `<text x="${r1(left + badgeWidth / 2)}" y="${r1(y)}" dominant-baseline="central" font-size="${r1(badgeSize)}" fill="${INK}">${escapeHtml(badge)}</text></g>`,
      );
    }
  }
  out.push('</g>');
  return out.join('\n');
}
