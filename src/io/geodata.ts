import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Topology } from 'topojson-specification';

// 50m: 110m drops Malta/Andorra and draws the Baltic and Balkan borders too coarsely for a
// briefing map; 50m parses in ~20 ms and renders the Europe window in well under 60 ms.
const WORLD_FILE = 'world-atlas/countries-50m.json';

let cached: Topology | undefined;

/** Loads the Natural Earth 1:50m world countries topology from world-atlas, memoised. */
export function loadWorldTopology(): Topology {
  if (cached === undefined) {
    const file = createRequire(import.meta.url).resolve(WORLD_FILE);
    cached = JSON.parse(readFileSync(file, 'utf8')) as Topology;
  }
  return cached;
}
