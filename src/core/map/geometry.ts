/** Map geometry: decode world-atlas arcs, move Crimea to Ukraine, and simplify and cull shapes to the visible view. Pure. */
import type { GeoProjection } from 'd3-geo';
import type { Feature, Geometry, GeoJsonProperties } from 'geojson';
import { feature, mergeArcs } from 'topojson-client';
import type { MultiPolygon as TopoMultiPolygon, Polygon as TopoPolygon, Topology } from 'topojson-specification';
import { countryGeometries, nameOf, type CountryGeometry } from './names.js';

/** A country as d3-geo draws it. */
export type CountryFeature = Feature<Geometry, GeoJsonProperties>;
type Ring = number[];
/** A lon/lat box. */
export type Bbox = [west: number, south: number, east: number, north: number];

/** One country of a map base: its outline, where a label goes, and the box it fills (output px). */
export interface BaseCountry {
  name: string;
  d: string;
  /** Label point: the centroid of the country's largest visible part (so Kaliningrad does not pull Russia's). */
  anchor: [number, number];
  /** Bounding box of the visible country: [x0, y0, x1, y1]. */
  box: [number, number, number, number];
}

// Degrees added around the visible lon/lat box so edge-straddling shapes keep full detail;
// must exceed OFFVIEW_TOLERANCE so coarse arcs can never drift into view.
const VIEW_MARGIN = 3;
const OFFVIEW_TOLERANCE = 0.5;

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

/** The countries that can touch a view, ready to project. */
export interface Prepared {
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
export function prepare(topology: Topology, view: Bbox, tolerance: number): Prepared {
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
export function visibleBox(projection: GeoProjection, width: number, height: number): Bbox {
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
