/** Classification markings as pure functions: schemes, parsing, order, the overall marking, the ceiling and the release cut. */
import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../../src/core/colour.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../../src/api/build.js';
import { markDeck } from '../../src/core/markings/deck.js';
import { overallMarking, resolveMarking, splitMarking } from '../../src/core/markings/marking.js';
import { NATO, SCHEMES, UK, US } from '../../src/core/markings/schemes.js';
import { parseIndex, parseSection } from '../../src/core/parse/briefing.js';
import type { BriefingIndex, Section } from '../../src/core/model.js';

const mark = (text: string, scheme = US) => resolveMarking(text, scheme).marking;

function deckOf(front: string): BriefingIndex {
  const parsed = parseIndex({ file: 'index.md', rel: 'index.md', text: `---\ntitle: T\n${front}\n---\n` });
  if (!parsed.value) throw new Error(JSON.stringify(parsed.diagnostics));
  return parsed.value;
}
function sectionOf(name: string, classification?: string): Section {
  const text = `---\ntitle: ${name}\n${classification ? `classification: "${classification}"\n` : ''}---\nBody.\n`;
  return parseSection({ file: `${name}.md`, rel: `${name}.md`, text }).value!;
}

describe('marking schemes', () => {
  it('gives the five US levels their standard colours, TOP SECRET and TOP SECRET//SCI with black text', () => {
    expect(US.levels.map((l) => [l.name, l.colour, l.text])).toEqual([
      ['UNCLASSIFIED', '#007a33', '#ffffff'],
      ['CUI', '#502b85', '#ffffff'],
      ['CONFIDENTIAL', '#0033a0', '#ffffff'],
      ['SECRET', '#c8102e', '#ffffff'],
      ['TOP SECRET', '#ff8c00', '#000000'],
    ]);
    expect([mark('TOP SECRET//SCI').colour, mark('TOP SECRET//SCI').textColour]).toEqual(['#fce83a', '#000000']);
  });

  it('orders the NATO and UK levels lowest first', () => {
    expect(NATO.levels.map((l) => l.name)).toEqual(['NATO UNCLASSIFIED', 'NATO RESTRICTED', 'NATO CONFIDENTIAL', 'NATO SECRET', 'COSMIC TOP SECRET']);
    expect(UK.levels.map((l) => l.name)).toEqual(['OFFICIAL', 'OFFICIAL-SENSITIVE', 'SECRET', 'TOP SECRET']);
  });

  it('keeps every banner readable: at least 4.5:1 between text and background', () => {
    for (const scheme of SCHEMES) {
      for (const level of scheme.levels) {
        expect(contrastRatio(level.colour, level.text), `${scheme.name} ${level.name}`).toBeGreaterThanOrEqual(4.5);
        for (const v of level.variants ?? []) expect(contrastRatio(v.colour, v.text)).toBeGreaterThanOrEqual(4.5);
      }
    }
  });
});

describe('a marking', () => {
  it('is a level and caveats after //, the caveats kept as written', () => {
    expect(splitMarking('UNCLASSIFIED // FOR TRAINING')).toEqual({ level: 'UNCLASSIFIED', caveats: ['FOR TRAINING'] });
    const m = mark('secret//NOFORN');
    expect([m.level, m.rank, m.caveats, m.text]).toEqual(['SECRET', 3, ['NOFORN'], 'secret//NOFORN']);
  });

  it('has a portion mark with abbreviated caveats', () => {
    expect(['UNCLASSIFIED', 'CUI', 'CONFIDENTIAL', 'SECRET//NOFORN', 'TOP SECRET//SCI'].map((t) => mark(t).portion)).toEqual(['(U)', '(CUI)', '(C)', '(S//NF)', '(TS//SCI)']);
    expect(mark('NATO SECRET', NATO).portion).toBe('(NS)');
  });

  it('takes the closest level’s colour and order for a misspelt level, and says which', () => {
    const r = resolveMarking('CONFIDENTAIL', US);
    expect(r.unknown).toEqual({ written: 'CONFIDENTAIL', closest: 'CONFIDENTIAL' });
    expect(r.marking.colour).toBe('#0033a0');
    const far = resolveMarking('BANANA', US);
    expect([far.unknown?.closest, far.marking.rank, far.marking.colour]).toEqual([undefined, -1, '#595959']);
  });
});

describe('the overall marking', () => {
  it('is the highest level with the caveats of the markings at that level', () => {
    const overall = overallMarking([mark('CONFIDENTIAL//ORCON'), mark('SECRET//NOFORN'), mark('SECRET//REL TO USA, GBR'), mark('UNCLASSIFIED')], US)!;
    expect([overall.text, overall.colour]).toEqual(['SECRET//NOFORN//REL TO USA, GBR', '#c8102e']);
  });

  it('keeps a marking written the same way throughout as written', () => {
    expect(overallMarking([mark('UNCLASSIFIED // FOR TRAINING'), mark('UNCLASSIFIED // FOR TRAINING')], US)!.text).toBe('UNCLASSIFIED // FOR TRAINING');
  });
});

describe('marking a deck', () => {
  it('computes the overall marking when index.md declares none, and marks unmarked sections with it', () => {
    const { markings } = markDeck(deckOf(''), [sectionOf('a', 'UNCLASSIFIED'), sectionOf('b', 'SECRET'), sectionOf('c')]);
    expect(markings!.overall!.text).toBe('SECRET');
    expect(markings!.sections).toMatchObject({ a: { text: 'UNCLASSIFIED' }, b: { text: 'SECRET' }, c: { text: 'SECRET' } });
  });

  it('reports a section above the declared ceiling at its classification line', () => {
    const { diagnostics } = markDeck(deckOf('classification: CONFIDENTIAL'), [sectionOf('low', 'CUI'), sectionOf('high', 'TOP SECRET')]);
    expect(diagnostics).toMatchObject([{ rule: 'above-ceiling', severity: 'error', file: 'high.md', line: 3 }]);
  });

  it('leaves out sections above the release cut and re-marks what remains', () => {
    const sections = [sectionOf('u', 'UNCLASSIFIED'), sectionOf('c', 'CONFIDENTIAL'), sectionOf('s', 'SECRET'), sectionOf('unmarked')];
    const cut = markDeck(deckOf('classification: SECRET'), sections, 'confidential');
    expect(cut.sections.map((s) => s.id)).toEqual(['u', 'c']);
    expect([cut.markings!.overall!.text, cut.markings!.cut!.text]).toEqual(['CONFIDENTIAL', 'CONFIDENTIAL']);
  });

  it('names the closest level when the cut is misspelt, and keeps nothing', () => {
    const cut = markDeck(deckOf('classification: SECRET'), [sectionOf('s', 'SECRET')], 'SECRT');
    expect(cut.sections).toEqual([]);
    expect(cut.diagnostics).toMatchObject([{ rule: 'unknown-classification', severity: 'error', hint: expect.stringContaining('Did you mean `SECRET`?') }]);
  });

  it('picks the built-in scheme that knows the levels written', () => {
    expect(markDeck(deckOf('classification: NATO SECRET'), [sectionOf('a', 'NATO RESTRICTED')]).markings!.scheme.name).toBe('nato');
    expect(markDeck(deckOf('classification: OFFICIAL-SENSITIVE'), []).markings!.scheme.name).toBe('uk');
    expect(markDeck(deckOf('classification: SECRET'), []).markings!.scheme.name).toBe('us');
  });

  it('uses a custom scheme’s order and colours, and warns about unreadable banner text', () => {
    const deck = deckOf('markings:\n  levels:\n    - { name: public, colour: "#1b5e20" }\n    - { name: internal, colour: "#ffd54f" }\n    - { name: board, colour: "#777777", text: "#888888" }');
    const marked = markDeck(deck, [sectionOf('a', 'PUBLIC'), sectionOf('b', 'INTERNAL // STAFF')]);
    expect(marked.markings!.overall).toMatchObject({ text: 'INTERNAL // STAFF', colour: '#ffd54f', textColour: '#000000', portion: '(I//STAFF)' });
    expect(marked.diagnostics).toMatchObject([{ rule: 'low-contrast-marking', severity: 'warning', file: 'index.md', line: 7 }]);
  });

  it('leaves an unmarked deck unmarked', () => {
    expect(markDeck(deckOf(''), [sectionOf('a')]).markings).toBeUndefined();
  });
});

describe('generated slides', () => {
  it('marks an agenda as high as the highest section title it lists, and a sources slide as high as what cites it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefing-markings-'));
    try {
      const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
      write('index.md', '---\ntitle: T\nclassification: SECRET\nsources:\n  S1: { title: A report }\n---\n');
      write('01-agenda.md', '---\ntitle: Agenda\nlayout: agenda\nclassification: UNCLASSIFIED\n---\n');
      write('02-part.md', '---\ntitle: Part one\nlayout: section\nclassification: CONFIDENTIAL\n---\n');
      write('03-secret.md', '---\ntitle: Details\nclassification: SECRET//NOFORN\nsources: [S1]\n---\nBody.\n');
      write('04-sources.md', '---\ntitle: Sources\nlayout: sources\nclassification: UNCLASSIFIED\n---\n');
      const result = await build({ briefings: [dir], cwd: dir, dryRun: true });
      const deck = result.decks[0]!;
      expect(deck.ok, JSON.stringify(deck.diagnostics)).toBe(true);
      const marks = deck.model!.markings!.sections;
      expect([marks.agenda!.text, marks.part!.text, marks.secret!.text, marks.sources!.text]).toEqual(['CONFIDENTIAL', 'CONFIDENTIAL', 'SECRET//NOFORN', 'SECRET//NOFORN']);
      expect(deck.html).toMatch(/id="agenda"[^>]*>\n<div class="classification-banner classification-top" style="background-color:#0033a0;color:#ffffff" data-level="CONFIDENTIAL"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
