import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Topology } from 'topojson-specification';
import type { MapBase } from '../core/map/draw.js';

/** The format of a stored map base (2: label points and boxes); a base in another format is recomputed. */
export const MAP_BASE_VERSION = 2;

// 50m: 110m drops Malta/Andorra and draws the Baltic and Balkan borders too coarsely for a
// briefing map; 50m parses in ~20 ms and renders the Europe window in well under 60 ms.
const WORLD_FILE = 'world-atlas/countries-50m.json';
/** Written by `npm run compile` (scripts/precompile-map.ts) next to the compiled code: lib/map-base.json. */
const PRECOMPUTED = new URL('../map-base.json', import.meta.url);

const require = createRequire(import.meta.url);
let cached: Topology | undefined;

/** Loads the Natural Earth 1:50m world countries topology from world-atlas, memoised. */
export function loadWorldTopology(): Topology {
  if (cached === undefined) cached = JSON.parse(readFileSync(require.resolve(WORLD_FILE), 'utf8')) as Topology;
  return cached;
}

/** The installed world-atlas version: what a precomputed map base was made from. */
export function worldAtlasVersion(): string {
  return (JSON.parse(readFileSync(require.resolve('world-atlas/package.json'), 'utf8')) as { version: string }).version;
}

/** The shape a precomputed map base is stored in. */
export interface StoredMapBase extends MapBase {
  worldAtlas: string;
  /** MAP_BASE_VERSION when it was written: a base in an older format is recomputed. */
  format: number;
}

/**
 * The default-size map base: precomputed when `npm run compile` made one from the installed world-atlas
 * (about 100 ms saved per build of a deck with a map), otherwise computed from the topology.
 */
export async function loadMapBase(): Promise<MapBase> {
  try {
    const stored = JSON.parse(readFileSync(PRECOMPUTED, 'utf8')) as StoredMapBase;
    if (stored.worldAtlas === worldAtlasVersion() && stored.format === MAP_BASE_VERSION) return stored;
  } catch {
    // Not precomputed (running from the TypeScript sources): compute it below.
  }
  const { mapBase } = await import('../core/map/draw.js');
  return mapBase(loadWorldTopology());
}
