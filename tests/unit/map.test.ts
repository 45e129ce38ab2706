import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { drawMap, mapBase, MAP_PALETTE, renderMap } from '../../src/core/map/draw.js';
import { countryNames } from '../../src/core/map/names.js';
import type { MapSpec } from '../../src/core/parse/schema.js';
import { loadWorldTopology, MAP_BASE_VERSION, worldAtlasVersion } from '../../src/io/geodata.js';

const NATO_2022 = [
  'Albania', 'Belgium', 'Bulgaria', 'Canada', 'Croatia', 'Czechia', 'Denmark', 'Estonia',
  'France', 'Germany', 'Greece', 'Hungary', 'Iceland', 'Italy', 'Latvia', 'Lithuania',
  'Luxembourg', 'Montenegro', 'Netherlands', 'North Macedonia', 'Norway', 'Poland', 'Portugal',
  'Romania', 'Slovakia', 'Slovenia', 'Spain', 'Turkey', 'United Kingdom',
  'United States of America',
];
const ARTICLE_4 = [
  'Bulgaria', 'Czechia', 'Estonia', 'Latvia', 'Lithuania', 'Poland', 'Romania', 'Slovakia',
];

const natoSpec: MapSpec = {
  alt: 'Map of Europe: NATO members, the eight Allies that requested Article 4 consultations, '
    + 'Ukraine, Russia and Belarus',
  caption: 'NATO members and the eight Allies that requested Article 4 consultations on 24 Feb 2022',
  groups: [
    { label: 'NATO members', countries: NATO_2022 },
    { label: 'Requested Article 4 consultations, 24 Feb 2022', countries: ARTICLE_4 },
    { label: 'Ukraine', countries: ['Ukraine'] },
    { label: 'Russia and Belarus', countries: ['Russia', 'Belarus'] },
  ],
};

const topology = loadWorldTopology();

/** Country name -> fill attribute (undefined = base grey), from the rendered SVG. */
function fills(svg: string): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const m of svg.matchAll(/<path data-name="([^"]*)"(?: fill="([^"]*)")? d="/g)) {
    out.set(m[1] as string, m[2]);
  }
  return out;
}

function pathData(svg: string, name: string): string {
  const m = new RegExp(`<path data-name="${name}"[^>]* d="([^"]*)"`).exec(svg);
  if (m === null) throw new Error(`no path for ${name}`);
  return m[1] as string;
}

/** Shoelace area of an M/L/Z path in px²; the projection is equal-area, so ratios are real. */
function pathArea(d: string): number {
  let total = 0;
  for (const ring of d.split('M').filter((r) => r !== '')) {
    const pts = ring
      .replace(/Z/g, '')
      .split('L')
      .map((p) => p.split(',').map(Number) as [number, number]);
    let a = 0;
    for (let i = 0; i < pts.length; i++) {
      const [x1, y1] = pts[i] as [number, number];
      const [x2, y2] = pts[(i + 1) % pts.length] as [number, number];
      a += x1 * y2 - x2 * y1;
    }
    total += Math.abs(a) / 2;
  }
  return total;
}

describe('renderMap', () => {
  const rendered = renderMap(natoSpec, topology);

  it('renders a standalone, titled SVG with a legend per group', () => {
    expect(rendered.svg).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 960 600" role="img"><title>Map of Europe:/,
    );
    expect(rendered.svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(rendered.svg).not.toMatch(/href|url\(|<text|<script/);
    expect(rendered.unknown).toEqual([]);
    expect(rendered.legend).toEqual([
      { label: 'NATO members', color: MAP_PALETTE[0] },
      { label: 'Requested Article 4 consultations, 24 Feb 2022', color: MAP_PALETTE[1] },
      { label: 'Ukraine', color: MAP_PALETTE[2] },
      { label: 'Russia and Belarus', color: MAP_PALETTE[3] },
    ]);
  });

  it('draws one path per visible country and leaves out-of-view countries out', () => {
    const names = [...rendered.svg.matchAll(/<path data-name="([^"]*)"/g)].map((m) => m[1]);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBe(rendered.svg.split('<path').length - 1);
    for (const name of ['Iceland', 'Portugal', 'Estonia', 'Latvia', 'Lithuania', 'Poland',
      'Romania', 'Bulgaria', 'Ukraine', 'Belarus', 'Russia', 'Turkey', 'Luxembourg',
      'Montenegro', 'Macedonia', 'Albania', 'Slovenia', 'Malta', 'Georgia']) {
      expect(names).toContain(name);
    }
    for (const name of ['United States of America', 'Canada', 'Australia', 'Brazil', 'Japan']) {
      expect(names).not.toContain(name);
    }
  });

  it('paints each group in its colour, later groups over earlier ones', () => {
    const f = fills(rendered.svg);
    expect(f.get('Poland')).toBe(MAP_PALETTE[1]);
    expect(f.get('Bulgaria')).toBe(MAP_PALETTE[1]);
    expect(f.get('Germany')).toBe(MAP_PALETTE[0]);
    expect(f.get('Macedonia')).toBe(MAP_PALETTE[0]);
    expect(f.get('Ukraine')).toBe(MAP_PALETTE[2]);
    expect(f.get('Russia')).toBe(MAP_PALETTE[3]);
    expect(f.get('Belarus')).toBe(MAP_PALETTE[3]);
    expect(f.has('Switzerland')).toBe(true);
    expect(f.get('Switzerland')).toBeUndefined();
    expect(rendered.svg).toContain('<g fill="#d9dde3" stroke="#ffffff" stroke-width="0.5"');
  });

  it('draws Crimea as part of Ukraine', () => {
    // Equal-area projection: Ukraine/Belarus is ~2.91 with Crimea, ~2.78 without it.
    const ukraine = pathArea(pathData(rendered.svg, 'Ukraine'));
    const ratio = ukraine / pathArea(pathData(rendered.svg, 'Belarus'));
    expect(ratio).toBeGreaterThan(2.85);
    expect(ratio).toBeLessThan(2.97);
  });

  it('colours dependent territories with their sovereign unless named explicitly', () => {
    const { svg } = renderMap(
      {
        alt: 'x',
        groups: [
          { label: 'a', countries: ['Denmark', 'Finland'] },
          { label: 'b', countries: ['Faroe Islands'] },
        ],
      },
      topology,
    );
    const f = fills(svg);
    expect(f.get('Åland')).toBe(MAP_PALETTE[0]);
    expect(f.get('Faeroe Is.')).toBe(MAP_PALETTE[1]);
  });

  it('reports unknown names once each, in order, and still renders the rest', () => {
    const result = renderMap(
      { alt: 'x', groups: [{ label: 'a', countries: ['Atlantis', 'Poland', 'Narnia', 'Atlantis'] }] },
      topology,
    );
    expect(result.unknown).toEqual(['Atlantis', 'Narnia']);
    expect(fills(result.svg).get('Poland')).toBe(MAP_PALETTE[0]);
  });

  it('resolves aliases and ignores case and accents', () => {
    const aliases: [string, string][] = [
      ['Czech Republic', 'Czechia'],
      ['UK', 'United Kingdom'],
      ['North Macedonia', 'Macedonia'],
      ['Bosnia and Herzegovina', 'Bosnia and Herz.'],
      ['Türkiye', 'Turkey'],
      ['Russian Federation', 'Russia'],
      ['republic of moldova', 'Moldova'],
      ['POLAND', 'Poland'],
      ['Aland Islands', 'Åland'],
    ];
    const result = renderMap(
      {
        alt: 'x',
        groups: [{ label: 'a', countries: [...aliases.map(([a]) => a), 'USA', 'United States'] }],
      },
      topology,
    );
    expect(result.unknown).toEqual([]);
    const f = fills(result.svg);
    for (const [, name] of aliases) expect(f.get(name), name).toBe(MAP_PALETTE[0]);
  });

  it('is deterministic, including across separately loaded topologies', () => {
    const again = renderMap(natoSpec, topology);
    const fresh = renderMap(natoSpec, structuredClone(topology));
    expect(again.svg).toBe(rendered.svg);
    expect(fresh.svg).toBe(rendered.svg);
    expect(rendered.svg).toMatch(/ d="M[\d.,]+L/);
    expect(rendered.svg).not.toMatch(/\d\.\d{2}/);
  });

  it('describes its groups in words, for a reader of the SVG file on its own', () => {
    const { svg } = renderMap({ alt: 'Map', groups: [{ label: 'Flank <b>', countries: ['Poland', 'Romania'] }, { label: 'Partner', countries: ['Ukraine'] }] }, topology);
    expect(svg).toContain('<title>Map</title><desc>Flank &#60;b&#62;: Poland, Romania. Partner: Ukraine</desc>');
  });

  it('escapes the alt text in the title', () => {
    const { svg } = renderMap(
      { alt: `<script>alert("x")</script> & 'q'`, groups: [] },
      topology,
    );
    expect(svg).toContain(
      '<title>&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#39;q&#39;</title>',
    );
    expect(svg).not.toContain('<script');
  });

  it('stays under 150 KB for the NATO example', () => {
    expect(Buffer.byteLength(rendered.svg)).toBeLessThan(150_000);
  });

  it('honours a custom size', () => {
    const { svg } = renderMap(natoSpec, topology, { width: 800, height: 600 });
    expect(svg).toContain('viewBox="0 0 800 600"');
    expect(() => renderMap(natoSpec, topology, { width: 0 })).toThrow(RangeError);
  });
});

describe('focus, labels and markers', () => {
  const BATTLEGROUPS = ['Estonia', 'Latvia', 'Lithuania', 'Poland', 'Slovakia', 'Hungary', 'Romania', 'Bulgaria'];
  const spec: MapSpec = {
    alt: 'Map of the eastern flank',
    groups: [{ label: 'Battlegroups', countries: BATTLEGROUPS }, { label: 'Russia', countries: ['Russia'] }, { label: 'Belarus', countries: ['Belarus'] }],
    focus: [...BATTLEGROUPS, 'Ukraine', 'Belarus'],
    labels: true,
    markers: [{ country: 'Estonia', label: 'UK' }, { country: 'Latvia', label: 'Canada' }],
  };
  const viewBox = (svg: string) => /viewBox="([^"]*)"/.exec(svg)![1]!.split(' ').map(Number) as [number, number, number, number];

  it('crops the map to the focus countries, at the map’s own shape, inside the map', () => {
    const [x, y, w, h] = viewBox(renderMap(spec, topology).svg);
    expect(w).toBeLessThan(960 * 0.7);
    expect(w / h).toBeCloseTo(960 / 600, 2);
    expect(x).toBeGreaterThanOrEqual(0);
    expect(y).toBeGreaterThanOrEqual(0);
    expect(x + w).toBeLessThanOrEqual(960.05);
    expect(y + h).toBeLessThanOrEqual(600.05);
    // Without a focus, the whole map.
    expect(viewBox(renderMap(natoSpec, topology).svg)).toEqual([0, 0, 960, 600]);
  });

  it('writes every grouped country’s name inside the crop, and each marker as a badge', () => {
    const { svg } = renderMap(spec, topology);
    const [x, y, w, h] = viewBox(svg);
    const labels = [...svg.matchAll(/<text class="label" x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)<\/text>/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]), text: m[3] }));
    expect(labels.map((l) => l.text).sort()).toEqual([...BATTLEGROUPS, 'Russia', 'Belarus'].sort());
    // Russia's own label point lies far east of the crop; its name is brought inside, like every other.
    for (const l of labels) {
      expect(l.x).toBeGreaterThan(x);
      expect(l.x).toBeLessThan(x + w);
      expect(l.y).toBeGreaterThan(y);
      expect(l.y).toBeLessThan(y + h);
    }
    expect([...svg.matchAll(/<g class="marker" data-country="([^"]*)">.*?<text[^>]*>([^<]*)<\/text><\/g>/g)].map((m) => [m[1], m[2]])).toEqual([
      ['Estonia', 'UK'],
      ['Latvia', 'Canada'],
    ]);
  });

  it('reports unknown countries in focus, labels and markers, and escapes label text', () => {
    const { svg, unknown } = renderMap({ ...spec, focus: ['Atlantis'], labels: ['Poland', 'Narnia'], markers: [{ country: 'Mordor', label: '<b>&' }, { country: 'Poland', label: 'A & B' }] }, topology);
    expect(unknown).toEqual(['Atlantis', 'Narnia', 'Mordor']);
    expect(svg).toMatch(/>A &(amp|#38);/);
    expect(svg).not.toContain('<b>');
  });

  it('is the same bytes every time', () => {
    expect(renderMap(spec, topology).svg).toBe(renderMap(spec, loadWorldTopology()).svg);
  });
});

describe('the precomputed map base (lib/map-base.json, made by npm run compile)', () => {
  it('is what the geometry code computes now from the installed world-atlas, so a map drawn from it is the same', () => {
    const stored = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'lib', 'map-base.json'), 'utf8'));
    const { worldAtlas, format, ...base } = stored;
    expect(worldAtlas).toBe(worldAtlasVersion());
    expect(format).toBe(MAP_BASE_VERSION);
    const fresh = mapBase(topology);
    expect(base).toEqual(fresh);
    expect(drawMap(natoSpec, base).svg).toBe(renderMap(natoSpec, topology).svg);
  });
});

describe('countryNames', () => {
  it('lists the sorted, unique names in the topology', () => {
    const names = countryNames(topology);
    expect(names).toContain('Poland');
    expect(names).toContain('Macedonia');
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort((a, b) => a.localeCompare(b, 'en'))).toEqual(names);
  });
});
