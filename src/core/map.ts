import { geoAzimuthalEqualArea, geoPath, type GeoProjection } from 'd3-geo';
import type { Feature, Geometry, GeoJsonProperties } from 'geojson';
import { feature, mergeArcs } from 'topojson-client';
import type {
  GeometryCollection,
  GeometryObject as TopoGeometry,
  MultiPolygon as TopoMultiPolygon,
  Polygon as TopoPolygon,
  Topology,
} from 'topojson-specification';
import type { MapSpec } from './schema.js';
import { escapeHtml } from './render.js';

export interface MapLegendEntry {
  label: string;
  color: string;
}

export interface RenderedMap {
  svg: string;
  legend: MapLegendEntry[];
  /** Country names from the spec that matched nothing in the topology, in order of first use. */
  unknown: string[];
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
// Degrees added around the visible lon/lat box so edge-straddling shapes keep full detail;
// must exceed OFFVIEW_TOLERANCE so coarse arcs can never drift into view.
const VIEW_MARGIN = 3;
const OFFVIEW_TOLERANCE = 0.5;
// Simplification tolerance in output pixels: below what the eye can see at 1280x720.
const SIMPLIFY_PX = 0.35;

// Normalised spelling -> Natural Earth `name` as used by world-atlas.
const ALIASES: Record<string, string> = {
  'usa': 'United States of America',
  'us': 'United States of America',
  'u s': 'United States of America',
  'u s a': 'United States of America',
  'united states': 'United States of America',
  'america': 'United States of America',
  'uk': 'United Kingdom',
  'u k': 'United Kingdom',
  'great britain': 'United Kingdom',
  'britain': 'United Kingdom',
  'czech republic': 'Czechia',
  'north macedonia': 'Macedonia',
  'republic of north macedonia': 'Macedonia',
  'fyrom': 'Macedonia',
  'bosnia and herzegovina': 'Bosnia and Herz.',
  'bosnia herzegovina': 'Bosnia and Herz.',
  'bosnia': 'Bosnia and Herz.',
  'turkiye': 'Turkey',
  'russian federation': 'Russia',
  'the netherlands': 'Netherlands',
  'holland': 'Netherlands',
  'republic of moldova': 'Moldova',
  'faroe is': 'Faeroe Is.',
  'faroes': 'Faeroe Is.',
  'aland is': 'Åland',
  'northern cyprus': 'N. Cyprus',
  'vatican city': 'Vatican',
  'holy see': 'Vatican',
  'ivory coast': "Côte d'Ivoire",
  'cape verde': 'Cabo Verde',
  'swaziland': 'eSwatini',
  'east timor': 'Timor-Leste',
  'burma': 'Myanmar',
  'syrian arab republic': 'Syria',
  'iran islamic republic of': 'Iran',
  'viet nam': 'Vietnam',
  'lao pdr': 'Laos',
  'republic of korea': 'South Korea',
  'korea republic of': 'South Korea',
  'dprk': 'North Korea',
  'state of palestine': 'Palestine',
  'western sahara': 'W. Sahara',
  'south sudan': 'S. Sudan',
  'equatorial guinea': 'Eq. Guinea',
  'central african republic': 'Central African Rep.',
  'dominican republic': 'Dominican Rep.',
  'democratic republic of the congo': 'Dem. Rep. Congo',
  'dr congo': 'Dem. Rep. Congo',
  'drc': 'Dem. Rep. Congo',
  'republic of the congo': 'Congo',
};

// Natural Earth splits these off as separate units; without this, naming the sovereign
// would leave them grey next to a coloured mainland. An explicit mention still wins.
const TERRITORIES: Record<string, string[]> = {
  'Denmark': ['Faeroe Is.', 'Greenland'],
  'Finland': ['Åland'],
  'United Kingdom': ['Isle of Man', 'Guernsey', 'Jersey'],
  'Cyprus': ['N. Cyprus'],
};

type CountryFeature = Feature<Geometry, GeoJsonProperties>;
type CountryGeometry = TopoGeometry<GeoJsonProperties>;
type Ring = number[];
type Bbox = [west: number, south: number, east: number, north: number];

/** Matching key for a country name: ignores case, accents, punctuation and "Islands" vs "Is.". */
function normalise(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/\bislands\b/g, 'is');
}

function countryGeometries(topology: Topology): CountryGeometry[] {
  const object = topology.objects['countries'];
  if (object === undefined || object.type !== 'GeometryCollection') {
    throw new Error('Topology has no "countries" GeometryCollection');
  }
  return (object as GeometryCollection<GeoJsonProperties>).geometries;
}

function nameOf(g: { properties?: GeoJsonProperties | undefined }): string {
  const name = g.properties?.['name'];
  return typeof name === 'string' ? name : '';
}

/** Lists the country names in the topology, sorted, for "did you mean" hints. */
export function countryNames(topology: Topology): string[] {
  const names = new Set(countryGeometries(topology).map(nameOf).filter((n) => n !== ''));
  return [...names].sort((a, b) => a.localeCompare(b, 'en'));
}

function buildLookup(names: string[]): Map<string, string> {
  const known = new Set(names);
  const lookup = new Map<string, string>();
  for (const name of names) if (name !== '') lookup.set(normalise(name), name);
  // A real name always beats an alias; aliases only apply if their target exists in this data.
  for (const [alias, target] of Object.entries(ALIASES)) {
    if (!lookup.has(alias) && known.has(target)) lookup.set(alias, target);
  }
  return lookup;
}

interface DecodedArc {
  lon: Float64Array;
  lat: Float64Array;
  box: Bbox;
}

/** Absolute lon/lat arcs with bounding boxes (undoes TopoJSON quantisation and delta coding). */
function decodeArcs(topology: Topology): DecodedArc[] {
  const t = topology.transform;
  const [kx, ky] = t === undefined ? [1, 1] : t.scale;
  const [dx, dy] = t === undefined ? [0, 0] : t.translate;
  return topology.arcs.map((arc) => {
    const n = arc.length;
    const lon = new Float64Array(n);
    const lat = new Float64Array(n);
    let west = Infinity;
    let south = Infinity;
    let east = -Infinity;
    let north = -Infinity;
    let x = 0;
    let y = 0;
    for (let i = 0; i < n; i++) {
      const p = arc[i] as number[];
      if (t === undefined) {
        x = p[0] as number;
        y = p[1] as number;
      } else {
        x += p[0] as number;
        y += p[1] as number;
      }
      const px = x * kx + dx;
      const py = y * ky + dy;
      lon[i] = px;
      lat[i] = py;
      if (px < west) west = px;
      if (px > east) east = px;
      if (py < south) south = py;
      if (py > north) north = py;
    }
    return { lon, lat, box: [west, south, east, north] };
  });
}

function polygonsOf(g: CountryGeometry): Ring[][] {
  if (g.type === 'Polygon') return [g.arcs];
  if (g.type === 'MultiPolygon') return g.arcs;
  return [];
}

function ringsBbox(rings: Ring[], boxes: Bbox[]): Bbox {
  const box: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of rings) {
    for (const i of ring) {
      const b = boxes[i < 0 ? ~i : i];
      if (b === undefined) continue;
      box[0] = Math.min(box[0], b[0]);
      box[1] = Math.min(box[1], b[1]);
      box[2] = Math.max(box[2], b[2]);
      box[3] = Math.max(box[3], b[3]);
    }
  }
  return box;
}

/** Douglas-Peucker on one arc; endpoints are kept so neighbouring countries still meet exactly. */
function simplifyArc({ lon, lat, box }: DecodedArc, tolerance: number): number[][] {
  const n = lon.length;
  // Local equirectangular plane so the tolerance means the same distance east-west as north-south.
  const kx = Math.cos(((box[1] + box[3]) / 2) * (Math.PI / 180));
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  const stack: number[] = n > 2 ? [0, n - 1] : [];
  const tol2 = tolerance * tolerance;
  while (stack.length > 0) {
    const b = stack.pop() as number;
    const a = stack.pop() as number;
    const ax = (lon[a] as number) * kx;
    const ay = lat[a] as number;
    const sx = (lon[b] as number) * kx - ax;
    const sy = (lat[b] as number) - ay;
    const len2 = sx * sx + sy * sy;
    let worst = -1;
    let worstD2 = tol2;
    for (let i = a + 1; i < b; i++) {
      const px = (lon[i] as number) * kx - ax;
      const py = (lat[i] as number) - ay;
      const cross = px * sy - py * sx;
      // Closed single-arc rings (islands) start and end on the same point.
      const d2 = len2 === 0 ? px * px + py * py : (cross * cross) / len2;
      if (d2 > worstD2) {
        worstD2 = d2;
        worst = i;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push(a, worst, worst, b);
    }
  }
  const out: number[][] = [];
  for (let i = 0; i < n; i++) if (keep[i] === 1) out.push([lon[i] as number, lat[i] as number]);
  return out;
}

/**
 * Natural Earth's default view puts Crimea in Russia; the briefing follows the internationally
 * recognised border (UNGA res. 68/262), so the peninsula is moved to Ukraine and dissolved into it.
 */
function withCrimeaInUkraine(
  topology: Topology,
  geometries: CountryGeometry[],
  arcBoxes: Bbox[],
): CountryGeometry[] {
  const russia = geometries.find((g) => nameOf(g) === 'Russia');
  const ukraine = geometries.find((g) => nameOf(g) === 'Ukraine');
  if (russia?.type !== 'MultiPolygon' || ukraine === undefined) return geometries;
  const isCrimea = (polygon: Ring[]): boolean => {
    const [west, south, east, north] = ringsBbox(polygon.slice(0, 1), arcBoxes);
    return west > 32 && east < 37 && south > 44 && north < 46.5;
  };
  const crimea = russia.arcs.filter(isCrimea);
  if (crimea.length === 0) return geometries;
  if (ukraine.type !== 'MultiPolygon' && ukraine.type !== 'Polygon') return geometries;
  const mainland = ukraine as TopoPolygon | TopoMultiPolygon;
  const merged = mergeArcs(topology, [mainland, { type: 'MultiPolygon', arcs: crimea }]);
  return geometries.map((g) => {
    if (g === russia) return { ...russia, arcs: russia.arcs.filter((p) => !isCrimea(p)) };
    if (g === ukraine) return { ...merged, id: ukraine.id, properties: ukraine.properties };
    return g;
  });
}

interface Prepared {
  names: string[];
  features: CountryFeature[];
}

const preparedCache = new WeakMap<Topology, Map<string, Prepared>>();

function intersects(a: Bbox, b: Bbox): boolean {
  return a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
}

/**
 * Countries that can touch the view, border-corrected and simplified: arcs near the view to
 * `tolerance` degrees, arcs well outside it (only ever clipped away) much more coarsely.
 */
function prepare(topology: Topology, view: Bbox, tolerance: number): Prepared {
  const key = [...view, tolerance].map((v) => v.toPrecision(6)).join(',');
  let byView = preparedCache.get(topology);
  const hit = byView?.get(key);
  if (hit !== undefined) return hit;

  const arcs = decodeArcs(topology);
  const arcBoxes = arcs.map((arc) => arc.box);
  const all = withCrimeaInUkraine(topology, countryGeometries(topology), arcBoxes);
  const names = all.map(nameOf);
  // Drop whole polygons that lie outside the view (French Guiana, Siberian islands, ...): their
  // clipped output is empty anyway, and skipping them roughly halves the projection work.
  const candidates: CountryGeometry[] = [];
  for (const g of all) {
    const parts = polygonsOf(g).filter((polygon) => intersects(ringsBbox(polygon, arcBoxes), view));
    if (parts.length > 0) candidates.push({ ...g, type: 'MultiPolygon', arcs: parts });
  }

  const arcIndexes = candidates.flatMap((g) => polygonsOf(g).flat(2));
  const used = new Set(arcIndexes.map((i) => (i < 0 ? ~i : i)));
  const simplified = arcs.map((arc, i) => {
    if (!used.has(i)) return [];
    return simplifyArc(arc, intersects(arc.box, view) ? tolerance : OFFVIEW_TOLERANCE);
  });
  const slim: Topology = {
    type: 'Topology',
    arcs: simplified,
    objects: { countries: { type: 'GeometryCollection', geometries: candidates } },
  };
  const features = candidates.map((g) => feature(slim, g) as CountryFeature);

  const prepared = { names, features };
  if (byView === undefined) {
    byView = new Map();
    preparedCache.set(topology, byView);
  }
  byView.set(key, prepared);
  return prepared;
}

/** Lon/lat box around what the projection shows in [0,0]-[width,height], plus a margin. */
function visibleBox(projection: GeoProjection, width: number, height: number): Bbox {
  const box: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  const steps = 32;
  for (let i = 0; i <= steps; i++) {
    const x = (width * i) / steps;
    const y = (height * i) / steps;
    for (const point of [
      [x, 0],
      [x, height],
      [0, y],
      [width, y],
    ] as [number, number][]) {
      const ll = projection.invert?.(point);
      if (ll === null || ll === undefined) continue;
      box[0] = Math.min(box[0], ll[0]);
      box[1] = Math.min(box[1], ll[1]);
      box[2] = Math.max(box[2], ll[0]);
      box[3] = Math.max(box[3], ll[1]);
    }
  }
  return [box[0] - VIEW_MARGIN, box[1] - VIEW_MARGIN, box[2] + VIEW_MARGIN, box[3] + VIEW_MARGIN];
}

/** Renders a standalone SVG map of Europe, each group's countries filled in its palette colour. */
export function renderMap(
  spec: MapSpec,
  topology: Topology,
  options: { width?: number; height?: number } = {},
): RenderedMap {
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
  const lookup = buildLookup(prepared.names);

  // Implicit territories first so any explicit mention, in any group, overrides them.
  const implicit = new Map<string, string>();
  const explicit = new Map<string, string>();
  const unknown: string[] = [];
  const legend: MapLegendEntry[] = spec.groups.map((group, i) => {
    const color = MAP_PALETTE[i % MAP_PALETTE.length] as string;
    for (const raw of group.countries) {
      const name = lookup.get(normalise(raw));
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

  const paths: string[] = [];
  for (const f of prepared.features) {
    const d = path(f);
    if (d === null || d === '') continue;
    const name = nameOf(f);
    const fill = fillOf(name);
    const fillAttr = fill === undefined ? '' : ` fill="${fill}"`;
    paths.push(`<path data-name="${escapeHtml(name)}"${fillAttr} d="${d}"/>`);
  }

  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img">` +
    `<title>${escapeHtml(spec.alt)}</title>` +
    `<rect width="${width}" height="${height}" fill="${SEA}"/>` +
    `<g fill="${LAND}" stroke="${BORDER}" stroke-width="0.5" stroke-linejoin="round">\n` +
    paths.join('\n') +
    `\n</g></svg>\n`;
  return { svg, legend, unknown };
}
