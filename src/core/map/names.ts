/** Country names on the map: matching what a briefing writes to Natural Earth's names, and the territories that go with a country. Pure. */
import type { GeoJsonProperties } from 'geojson';
import type { GeometryCollection, GeometryObject as TopoGeometry, Topology } from 'topojson-specification';

/** A country's shape as world-atlas stores it. */
export type CountryGeometry = TopoGeometry<GeoJsonProperties>;

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
export const TERRITORIES: Record<string, string[]> = {
  'Denmark': ['Faeroe Is.', 'Greenland'],
  'Finland': ['Åland'],
  'United Kingdom': ['Isle of Man', 'Guernsey', 'Jersey'],
  'Cyprus': ['N. Cyprus'],
};

/** Matching key for a country name: ignores case, accents, punctuation and "Islands" vs "Is.". */
export function matchKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/\bislands\b/g, 'is');
}

/** Every country shape in a world-atlas topology. */
export function countryGeometries(topology: Topology): CountryGeometry[] {
  const object = topology.objects['countries'];
  if (object === undefined || object.type !== 'GeometryCollection') {
    throw new Error('Topology has no "countries" GeometryCollection');
  }
  return (object as GeometryCollection<GeoJsonProperties>).geometries;
}

/** The Natural Earth name of a country shape or feature ('' when it has none). */
export function nameOf(g: { properties?: GeoJsonProperties | undefined }): string {
  const name = g.properties?.['name'];
  return typeof name === 'string' ? name : '';
}

/** Lists the country names in the topology, sorted, for "did you mean" hints. */
export function countryNames(topology: Topology): string[] {
  const names = new Set(countryGeometries(topology).map(nameOf).filter((n) => n !== ''));
  return [...names].sort((a, b) => a.localeCompare(b, 'en'));
}

/** Matching key -> Natural Earth name, for the names in the data and the aliases whose target exists. */
export function countryLookup(names: string[]): Map<string, string> {
  const known = new Set(names);
  const lookup = new Map<string, string>();
  for (const name of names) if (name !== '') lookup.set(matchKey(name), name);
  // A real name always beats an alias; aliases only apply if their target exists in this data.
  for (const [alias, target] of Object.entries(ALIASES)) {
    if (!lookup.has(alias) && known.has(target)) lookup.set(alias, target);
  }
  return lookup;
}
