/**
 * Build step, run after tsc by `npm run compile`: project and simplify the countries of the default-size
 * map once, into lib/map-base.json, so a build that draws a map only colours them (src/io/geodata.ts).
 * The file records the world-atlas version it was made from; a build ignores it after an upgrade.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mapBase } from '../src/core/map/draw.js';
import { loadWorldTopology, MAP_BASE_VERSION, worldAtlasVersion, type StoredMapBase } from '../src/io/geodata.js';

const out = join(fileURLToPath(new URL('..', import.meta.url)), 'lib', 'map-base.json');
const stored: StoredMapBase = { worldAtlas: worldAtlasVersion(), format: MAP_BASE_VERSION, ...mapBase(loadWorldTopology()) };
// Written aside and renamed, so a build running meanwhile reads the old file or the new one.
writeFileSync(`${out}.${process.pid}`, JSON.stringify(stored));
renameSync(`${out}.${process.pid}`, out);
