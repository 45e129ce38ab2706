/** Finer points of the lint rules, each on a small briefing written for the test. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../src/api/check.js';
import { tempDir } from '../helpers/cli.js';

let root: string;
let cleanup: () => void;
let n = 0;

beforeAll(() => {
  ({ dir: root, cleanup } = tempDir('briefing-rules-'));
});
afterAll(() => cleanup());

const INDEX = '---\ntitle: Rules\nasOf: 2022-04-07\nsources:\n  S1:\n    title: A source\n---\n';

/** Check a briefing made of `sections` (file name -> text); return the rule ids found, with lines. */
async function findings(sections: Record<string, string>, index = INDEX): Promise<string[]> {
  const dir = join(root, `b${n++}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.md'), index);
  for (const [name, text] of Object.entries(sections)) writeFileSync(join(dir, name), text);
  const result = await check({ briefings: [dir], cwd: dir });
  return result.findings.map((f) => `${f.rule}@${f.file}:${f.line}`);
}

describe('lint rules', () => {
  it('accepts links to sections, generated slides, numbered positions and element ids', async () => {
    expect(await findings({
      '010-a.md': '---\ntitle: A\nsources: [S1]\n---\n[b](#/b) [b2](#/b-2) [title](#/title) [pos](#/3/1) [top](#/) [el](#here)\n\n<p id="here">x</p>\n\nNote: n\n',
      '020-b.md': '---\ntitle: B\nsources: [S1]\n---\nOne.\n\nNote: n\n\n---\n\nTwo.\n\nNote: n\n',
    })).toEqual([]);
  });

  it('checks links in speaker notes and in layout data', async () => {
    expect(await findings({
      '010-a.md': '---\ntitle: A\nsources: [S1]\nlayout: timeline\nevents:\n  - date: "2022"\n    title: "[see](#/gone)"\n---\nBody.\n\nNote: Then [go](#/away).\n',
    })).toEqual(['broken-link@010-a.md:7', 'broken-link@010-a.md:11']);
  });

  it('lets `sources: []` say a section needs no source', async () => {
    expect(await findings({ '010-a.md': '---\ntitle: A\nsources: []\n---\nOpinion only.\n\nNote: n\n', '020-b.md': '---\ntitle: B\nsources: [S1]\n---\nFact.\n\nNote: n\n' })).toEqual([]);
  });

  it('does not ask dividers, BLUF, agenda or sources slides for notes or sources', async () => {
    expect(await findings({
      '010-bluf.md': '---\ntitle: BLUF\nlayout: bluf\n---\n- Point one\n\nNote: n\n',
      '020-div.md': '---\ntitle: Part\nlayout: section\n---\nAbout this part.\n',
      '030-agenda.md': '---\ntitle: Agenda\nlayout: agenda\n---\n',
      '040-fact.md': '---\ntitle: Fact\nsources: [S1]\n---\nFact.\n\nNote: n\n',
      '050-sources.md': '---\ntitle: Sources\nlayout: sources\n---\n',
    })).toEqual([]);
  });

  it('does not count a heading after the section title h2 as a skip, but h1 then h3 is one', async () => {
    expect(await findings({
      '010-a.md': '---\ntitle: A\nsources: [S1]\n---\nText.\n\n### Sub\n\nNote: n\n\n---\n\n# Own\n\n### Deep\n\nNote: n\n',
    })).toEqual(['heading-skip@010-a.md:15']);
  });

  it('counts table cells and layout data, not dates, towards the word budget', async () => {
    const events = Array.from({ length: 7 }, (_, i) => `  - date: "1 January 2022 to 31 December 2022"\n    title: "Event number ${i} with words"\n    text: "More words about event ${i}"`).join('\n');
    expect(await findings({ '010-a.md': `---\ntitle: A\nsources: [S1]\nlayout: timeline\nevents:\n${events}\n---\nNote: n\n` })).toEqual(['word-budget@010-a.md:5']);
  });

  it('does not report a section updated on or after the as-of date', async () => {
    expect(await findings({ '010-a.md': '---\ntitle: A\nsources: [S1]\nupdated: 2022-04-07\n---\nText.\n\nNote: n\n' })).toEqual([]);
  });

  it('reports an image without alt text in raw HTML too', async () => {
    mkdirSync(join(root, `b${n}`, 'images'), { recursive: true });
    writeFileSync(join(root, `b${n}`, 'images', 'p.png'), 'x');
    expect(await findings({ '010-a.md': '---\ntitle: A\nsources: [S1]\n---\nText.\n\n<img src="images/p.png">\n\nNote: n\n' })).toEqual(['image-alt@010-a.md:7']);
  });
});
