/** The `map` layout's figure: a map of Europe drawn at build time as SVG, each group's countries in its colour. Pure. */
import { geoAzimuthalEqualArea, geoPath } from 'd3-geo';
import type { Topology } from 'topojson-specification';
import type { GeoPath } from 'd3-geo';
import { prepare, visibleBox, type BaseCountry, type CountryFeature } from './geometry.js';
import { countryLookup, matchKey, nameOf, TERRITORIES } from './names.js';
import type { MapSpec } from '../parse/schema.js';
import { escapeHtml } from '../escape.js';
import { focusView, overlaySvg, type Placed } from './overlay.js';

export type { BaseCountry } from './geometry.js';

export interface MapLegendEntry {
  label: string;
  color: string;
}

export interface RenderedMap {
  svg: string;
  legend: MapLegendEntry[];
  /** Country names from the spec that matched nothing in the topology, in order of first use. */
  unknown: string[];
  /** Every country name the map knows, for "did you mean" hints. */
  known: string[];
}

/** Group colours in group order; cycles if a map has more groups than colours. */
export const MAP_PALETTE: string[] = [
  '#1f3a5f', // navy
  '#e08e0b', // amber
  '#3b82c4', // clear blue
  '#9b2226', // dark red
  '#2a9d8f', // teal
  '#6a4c93', // violet
  '#5b8c3a', // olive green
  '#8c5a3c', // brown
];

const LAND = '#d9dde3';
const SEA = '#eef2f6';
const BORDER = '#ffffff';
const DEFAULT_WIDTH = 960;
const DEFAULT_HEIGHT = 600;

// Iceland/Portugal to the Urals/Caucasus, North Cape to the North African coast.
const FRAME = { west: -25, east: 50, south: 34, north: 71 };
// Simplification tolerance in output pixels: below what the eye can see at 1280x720.
const SIMPLIFY_PX = 0.35;

/**
 * The part of a map that does not depend on its groups: every country's outline, projected and
 * simplified for a `width` x `height` figure. The slow part (tens of milliseconds), the same for every
 * map of that size, so `npm run compile` computes it ahead of time (scripts/precompile-map.ts).
 */
export interface MapBase {
  width: number;
  height: number;
  /** Every country name in the topology: what group entries are matched against. */
  names: string[];
  /** The countries that show, in drawing order, with their SVG path data. */
  countries: BaseCountry[];
}

export function mapBase(topology: Topology, options: { width?: number; height?: number } = {}): MapBase {
  const width = options.width ?? DEFAULT_WIDTH;
  const height = options.height ?? DEFAULT_HEIGHT;
  if (!(width > 0 && height > 0 && Number.isFinite(width) && Number.isFinite(height))) {
    throw new RangeError(`Map size must be positive, got ${width}x${height}`);
  }

  // Sample the frame's outline: its parallels and meridians curve under the projection.
  const frame: [number, number][] = [];
  for (let step = 0; step <= 10; step++) {
    const lon = FRAME.west + ((FRAME.east - FRAME.west) * step) / 10;
    const lat = FRAME.south + ((FRAME.north - FRAME.south) * step) / 10;
    frame.push([lon, FRAME.south], [lon, FRAME.north], [FRAME.west, lat], [FRAME.east, lat]);
  }
  // Lambert azimuthal equal-area centred on 10°E 52°N: the EU's ETRS89-LAEA (EPSG:3035) view.
  const projection = geoAzimuthalEqualArea()
    .rotate([-10, -52])
    .clipAngle(90)
    .fitExtent(
      [
        [0, 0],
        [width, height],
      ],
      { type: 'MultiPoint', coordinates: frame },
    )
    .clipExtent([
      [0, 0],
      [width, height],
    ]);
  const path = geoPath(projection).digits(1);

  const degreesPerPx = 180 / Math.PI / projection.scale();
  const view = visibleBox(projection, width, height);
  const prepared = prepare(topology, view, SIMPLIFY_PX * degreesPerPx);
  const countries: MapBase['countries'] = [];
  for (const f of prepared.features) {
    const d = path(f);
    if (d === null || d === '') continue;
    const [[x0, y0], [x1, y1]] = path.bounds(f);
    countries.push({ name: nameOf(f), d, anchor: labelPoint(f, path), box: [round1(x0), round1(y0), round1(x1), round1(y1)] });
  }
  return { width, height, names: prepared.names, countries };
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

/** The projected centroid of a feature's largest polygon, as it shows on the map. */
function labelPoint(f: CountryFeature, path: GeoPath): [number, number] {
  const g = f.geometry;
  const parts: CountryFeature[] = g.type === 'MultiPolygon'
    ? g.coordinates.map((coordinates) => ({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates } }))
    : [f];
  let best = parts[0] as CountryFeature;
  let bestArea = -1;
  for (const part of parts) {
    const area = path.area(part);
    if (area > bestArea) [best, bestArea] = [part, area];
  }
  const [x, y] = path.centroid(best);
  return [round1(x), round1(y)];
}

/** Colour a map's countries by group: the SVG, its legend, and the names that matched no country. */
export function drawMap(spec: MapSpec, base: MapBase): RenderedMap {
  const { width, height } = base;
  const lookup = countryLookup(base.names);

  // Implicit territories first so any explicit mention, in any group, overrides them.
  const implicit = new Map<string, string>();
  const explicit = new Map<string, string>();
  const unknown: string[] = [];
  const legend: MapLegendEntry[] = spec.groups.map((group, i) => {
    const color = MAP_PALETTE[i % MAP_PALETTE.length] as string;
    for (const raw of group.countries) {
      const name = lookup.get(matchKey(raw));
      if (name === undefined) {
        if (!unknown.includes(raw)) unknown.push(raw);
        continue;
      }
      explicit.set(name, color);
      for (const territory of TERRITORIES[name] ?? []) implicit.set(territory, color);
    }
    return { label: group.label, color };
  });
  const fillOf = (name: string): string | undefined => explicit.get(name) ?? implicit.get(name);

  // Focus, labels and markers name countries too; each name is looked up once, unknown ones reported.
  const byName = new Map(base.countries.map((c) => [c.name, c]));
  const resolve = (raw: string) => {
    const country = byName.get(lookup.get(matchKey(raw)) ?? '');
    if (country === undefined && !unknown.includes(raw)) unknown.push(raw);
    return country;
  };
  const place = (raw: string, text: string): Placed[] => {
    const country = resolve(raw);
    return country === undefined ? [] : [{ country, text }];
  };
  const view = focusView((spec.focus ?? []).flatMap((raw) => place(raw, '')).map((p) => p.country), width, height);
  const labelled = spec.labels === true ? spec.groups.flatMap((g) => g.countries) : (spec.labels || []);
  const labels = [...new Set(labelled)].flatMap((raw) => place(raw, raw));
  const markers = (spec.markers ?? []).flatMap((m) => place(m.country, m.label));

  const paths = base.countries.map(({ name, d }) => {
    const fill = fillOf(name);
    return `<path data-name="${escapeHtml(name)}"${fill === undefined ? '' : ` fill="${fill}"`} d="${d}"/>`;
  });

  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${view.x} ${view.y} ${view.width} ${view.height}" role="img">` +
    `<title>${escapeHtml(spec.alt)}</title>` +
    // The legend in words, for a reader of the SVG file on its own (the deck names the map by its alt text).
    `<desc>${escapeHtml(spec.groups.map((g) => `${g.label}: ${g.countries.join(', ')}`).join('. '))}</desc>` +
    `<rect width="${width}" height="${height}" fill="${SEA}"/>` +
    `<g fill="${LAND}" stroke="${BORDER}" stroke-width="0.5" stroke-linejoin="round">\n` +
    paths.join('\n') +
    `\n</g>` +
    (labels.length || markers.length ? `\n${overlaySvg(labels, markers, view, width)}` : '') +
    `</svg>\n`;
  return { svg, legend, unknown, known: base.names };
}

/** Renders a standalone SVG map of Europe, each group's countries filled in its palette colour. */
export function renderMap(spec: MapSpec, topology: Topology, options: { width?: number; height?: number } = {}): RenderedMap {
  return drawMap(spec, mapBase(topology, options));
}
