/**
 * `briefing pdf` end to end: real Chromium prints, poppler-utils and pdf-lib read the result back.
 * Each export launches its own Chromium (that is the feature under test), so exports run once in
 * beforeAll and the tests only read the files.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPdf, type PdfOptions } from '../../src/api/pdf.js';
import { readDeck } from '../../src/core/print/slides.js';
import { build } from '../../src/api/build.js';
import { BIN, FIXTURES, ROOT, runCli, tempDir, type RunResult } from '../helpers/cli.js';
import { internalLinks, pageTexts, pdfFonts, pdfImagePages, pdfInfo, readOutline } from './pdf-reader.js';

const FIXTURE = join(FIXTURES, 'pdf-basic');
const TITLES = [
  'Print Test Deck', 'Agenda', 'Part one: Situation', 'Situation overview', 'Fragment steps',
  'Part two: Outlook', 'Outlook', 'Outlook in detail', 'A slide that overflows', 'Sources',
];
const temp = tempDir('briefing-pdf-test-');
const file = (name: string) => join(temp.dir, name);
const exportTo = async (name: string, options: Partial<PdfOptions> = {}) => {
  const result = await exportPdf({ briefing: FIXTURE, cwd: ROOT, out: file(name), ...options });
  expect(result.ok, JSON.stringify(result.diagnostics)).toBe(true);
  return result;
};

let cli: RunResult;
let timed: RunResult;
let handout: Awaited<ReturnType<typeof exportPdf>>;
beforeAll(async () => {
  cli = runCli(['pdf', 'tests/fixtures/pdf-basic', '--out', file('deck.pdf')]);
  timed = runCli(['pdf', 'tests/fixtures/pdf-basic', '--out', file('again.pdf'), '--timings']);
  handout = await exportTo('handout.pdf', { handout: true });
  await exportTo('notes.pdf', { notes: 'separate-page' });
  await exportTo('steps.pdf', { fragments: 'each' });
}, 120_000);
afterAll(() => temp.cleanup());

describe('briefing pdf on a small deck', () => {
  it('exits 0 and prints one plain summary line when not on a terminal', () => {
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(/^✓ pdf-basic {2}10 pages, \d+ KB, \d+\.\d s -> .*deck\.pdf\n$/);
  });

  it('prints one page per slide at the deck aspect ratio', () => {
    const info = pdfInfo(file('deck.pdf'));
    expect(info.Pages).toBe('10');
    expect(info['Page size']).toBe('960 x 540 pts');
  });

  it('keeps every slide title as text on its own page, and no page is blank', () => {
    const texts = pageTexts(file('deck.pdf'));
    expect(texts).toHaveLength(10);
    texts.forEach((text, i) => expect(text).toContain(TITLES[i]));
  });

  it('puts the classification banner and the as-of footer on every page', () => {
    for (const text of pageTexts(file('deck.pdf'))) {
      expect(text.match(/UNCLASSIFIED/g)?.length).toBeGreaterThanOrEqual(2);
      expect(text).toContain('As of 15 May 2023');
    }
  });

  it('shows fragments in their final state', () => {
    expect(pageTexts(file('deck.pdf'))[4]).toMatch(/First step appears.*Second step appears/);
  });

  it('embeds the fonts and the local image', () => {
    const fonts = pdfFonts(file('deck.pdf'));
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);
    expect(pdfImagePages(file('deck.pdf'))).toContain(4);
  });

  it('fills in the document metadata from the deck with fixed dates', () => {
    const info = pdfInfo(file('deck.pdf'));
    expect(info).toMatchObject({
      Title: 'Print Test Deck',
      Author: 'Jane Analyst, Example Staff College',
      Subject: 'A deck for PDF export tests',
      Keywords: 'UNCLASSIFIED; Part one: Situation; Part two: Outlook',
      Creator: 'briefing',
      Producer: 'briefing',
      CreationDate: '2023-05-17T00:00:00Z',
      ModDate: '2023-05-17T00:00:00Z',
    });
  });

  it('has a bookmark per section, nested per slide', async () => {
    const outline = await readOutline(file('deck.pdf'));
    expect(outline.map((b) => `${b.title}@${b.page}`)).toEqual([
      'Print Test Deck@0', 'Agenda@1', 'Part one: Situation@2', 'Situation overview@3',
      'Part two: Outlook@5', 'Outlook@6', 'A slide that overflows@8', 'Sources@9',
    ]);
    expect(outline[3]!.children.map((b) => `${b.title}@${b.page}`)).toEqual(['Situation overview@3', 'Fragment steps@4']);
  });

  it('links agenda entries to the pages of their sections', async () => {
    expect(await internalLinks(file('deck.pdf'))).toEqual([
      { page: 1, target: 2 },
      { page: 1, target: 5 },
    ]);
  });

  it('gives byte-identical PDFs for the same deck', () => {
    expect(readFileSync(file('again.pdf')).equals(readFileSync(file('deck.pdf')))).toBe(true);
  });
});

describe('where the time of an export goes', () => {
  const STEPS = ['build', 'layout', 'launch', 'load', 'print', 'finish', 'write'];

  it('prints each step with --timings on stderr, after the summary on stdout', () => {
    expect(timed.code).toBe(0);
    expect(timed.stdout).toMatch(/^✓ pdf-basic {2}10 pages/);
    const line = timed.stderr.trim();
    expect(line.split(' · ').map((part) => /^(\w+) [\d,]+ ms$/.exec(part)?.[1])).toEqual(STEPS);
  });

  it('returns the same steps from the library, in milliseconds', () => {
    expect(Object.keys(handout.timings)).toEqual(STEPS);
    for (const ms of Object.values(handout.timings)) expect(ms).toBeGreaterThanOrEqual(0);
    expect(handout.timings.print).toBeGreaterThan(0);
  });
});

describe('briefing pdf layouts', () => {
  it('prints handouts as A4 portrait pages, two slides a page, each with its notes', () => {
    const info = pdfInfo(file('handout.pdf'));
    expect(info.Pages).toBe('5');
    expect(info['Page size']).toMatch(/^59[45]\.\d+ x 841\.\d+ pts \(A4\)$/);
    const texts = pageTexts(file('handout.pdf'));
    texts.forEach((text, i) => {
      expect(text).toContain(TITLES[2 * i]);
      expect(text).toContain(TITLES[2 * i + 1]);
    });
    expect(texts[1]).toContain('Overview notes: the red square stands for the area of interest.');
    expect(texts[0]).toContain('Agenda notes: two parts today.');
  });

  it('puts notes on the page after their slide with --notes separate-page', () => {
    const texts = pageTexts(file('notes.pdf'));
    expect(texts).toHaveLength(15);
    expect(texts[0]).toContain('Print Test Deck');
    expect(texts[1]).toContain('Title slide notes: welcome everyone to the print test.');
    expect(texts[6]).toContain('Overview notes');
    expect(texts.every((t) => t.length > 0)).toBe(true);
  });

  it('prints one page per fragment step with --fragments each', () => {
    const texts = pageTexts(file('steps.pdf'));
    expect(texts).toHaveLength(12);
    const [none, one, two] = texts.slice(4, 7);
    expect(none).not.toContain('First step appears');
    expect(one).toContain('First step appears');
    expect(one).not.toContain('Second step appears');
    expect(two).toContain('Second step appears');
  });
});

describe('briefing pdf --handout with long notes', () => {
  let r: RunResult;
  beforeAll(() => {
    r = runCli(['pdf', 'tests/fixtures/pdf-long-notes', '--handout', '--out', file('long-notes.pdf')]);
  }, 120_000);

  it('sets long notes in smaller type so that all of them are on the page', () => {
    expect(r.code, r.stderr).toBe(0);
    // Notes too long for half a sheet take a page of their own.
    const texts = pageTexts(file('long-notes.pdf'));
    expect(texts).toHaveLength(3);
    expect(texts[1]).toContain('END-OF-MODERATE-NOTES');
  });

  it('warns, with file and line, about notes too long for any page', () => {
    expect(r.stderr).toContain('tests/fixtures/pdf-long-notes/020-huge.md:4:1 warning The notes of slide 3 (“Huge notes”) do not fit');
    expect(r.stderr).toContain('[notes-too-long]');
    expect(pageTexts(file('long-notes.pdf'))[2]).not.toContain('END-OF-HUGE-NOTES');
  });
});

describe('briefing pdf on the default briefing', () => {
  const out = file('nato.pdf');
  let slides: { title: string }[] = [];
  let sections = 0;
  let result: RunResult;
  beforeAll(async () => {
    const built = await build({ briefings: ['briefings/nato-ukraine'], cwd: ROOT, dryRun: true });
    expect(built.ok, JSON.stringify(built.diagnostics)).toBe(true);
    slides = readDeck(built.decks[0]!.html!).slides;
    sections = new Set(readDeck(built.decks[0]!.html!).slides.map((s) => s.section)).size;
    result = runCli(['pdf', 'briefings/nato-ukraine', '--out', out]);
  }, 120_000);

  it('prints every slide, each with its title, and no blank page', () => {
    expect(result.code, result.stderr).toBe(0);
    const texts = pageTexts(out);
    expect(pdfInfo(out).Pages).toBe(String(slides.length));
    texts.forEach((text, i) => expect(text).toContain(slides[i]!.title.replace(/\s+/g, ' ')));
  });

  it('carries the deck title and a bookmark per section', async () => {
    expect(pdfInfo(out).Title).toBe('NATO’s response to Russia’s invasion of Ukraine');
    expect(await readOutline(out)).toHaveLength(sections);
  });
});

describe('briefing pdf without a browser', () => {
  it('says how to install Chromium and exits 1 when --browser points nowhere', () => {
    const r = runCli(['pdf', 'tests/fixtures/pdf-basic', '--browser', '/nonexistent/chrome', '--out', file('none.pdf')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('/nonexistent/chrome');
    expect(r.stderr).toContain('apt-get install -y chromium');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(file('none.pdf'))).toBe(false);
  });

  it('says the same when CHROME_PATH points nowhere', () => {
    const r = runCli(['pdf', 'tests/fixtures/pdf-basic', '--out', file('none.pdf')], { env: { CHROME_PATH: '/nonexistent/chromium' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('CHROME_PATH=/nonexistent/chromium');
    expect(r.stderr).toContain('apt-get install -y chromium');
  });

  it('rejects bad flag values as usage errors', () => {
    expect(runCli(['pdf', 'tests/fixtures/pdf-basic', '--notes', 'inline']).code).toBe(2);
    expect(runCli(['pdf', 'tests/fixtures/pdf-basic', '--handout', '--notes', 'separate-page']).code).toBe(2);
    expect(runCli(['pdf', 'tests/fixtures/pdf-basic', '--out', 'deck.html']).code).toBe(2);
  });
});

describe('briefing pdf on a broken briefing', () => {
  it('reports the missing image with file and line, exits 1 and writes no PDF', () => {
    const r = runCli(['pdf', 'tests/fixtures/pdf-missing-image', '--out', file('missing.pdf')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('tests/fixtures/pdf-missing-image/010-map.md:4:1 error images/not-there.png not found [missing-asset]');
    expect(r.stdout).toBe('');
    expect(existsSync(file('missing.pdf'))).toBe(false);
  });
});

describe('briefing pdf with an output path it cannot write', () => {
  it('says so as a diagnostic and exits 1', () => {
    const blocker = file('not-a-folder');
    writeFileSync(blocker, '');
    const r = runCli(['pdf', 'tests/fixtures/pdf-basic', '--out', join(blocker, 'deck.pdf')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Cannot write the PDF');
    expect(r.stderr).toContain('[pdf-write-failed]');
    expect(r.stderr).not.toContain('internal error');
  });
});

describe('briefing pdf on a terminal', () => {
  const hasScript = spawnSync('script', ['--version']).status === 0;
  it.skipIf(!hasScript)('draws a progress bar with the time spent printing, then the slides printed and the summary line', () => {
    const command = `${process.execPath} ${BIN} pdf tests/fixtures/pdf-basic --out ${file('tty.pdf')}`;
    const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', TERM: 'xterm' }, timeout: 120_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/printing 10 slides · \d+ s/);
    expect(r.stdout).toContain('10/10 slides printed');
    expect(r.stdout).toMatch(/\r\u001b\[K✓ pdf-basic {2}10 pages/);
  });
});

describe('briefing pdf and Ctrl-C', () => {
  it('closes Chromium, writes nothing and exits 130', async () => {
    const out = file('interrupted.pdf');
    const child = spawn(process.execPath, [BIN, 'pdf', 'briefings/nato-ukraine', '--fragments', 'each', '--out', out], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Wait for the browser Playwright launched for this process, then press Ctrl-C.
    let browsers: number[] = [];
    // Until it appears (a busy machine may take many seconds) or the process ends; the test's timeout bounds it.
    while (!browsers.length && child.exitCode === null) {
      await new Promise((r) => setTimeout(r, 25));
      browsers = descendants(child.pid!).filter((pid) => /chrom/i.test(commandOf(pid)));
    }
    expect(browsers.length).toBeGreaterThan(0);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toContain('interrupted');
    expect(browsers.filter(isAlive)).toEqual([]);
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});

/** Child processes of every thread of `pid` (Chromium is started from a worker thread), and theirs. */
function descendants(pid: number): number[] {
  let tasks: string[] = [];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  const children = tasks.flatMap((tid) => readFileSafe(`/proc/${pid}/task/${tid}/children`).trim().split(/\s+/).filter(Boolean).map(Number));
  return children.flatMap((c) => [c, ...descendants(c)]);
}

function commandOf(pid: number): string {
  return readFileSafe(`/proc/${pid}/cmdline`).replace(/\0/g, ' ');
}

function isAlive(pid: number): boolean {
  const state = /^State:\s+(\w)/m.exec(readFileSafe(`/proc/${pid}/status`))?.[1];
  return state !== undefined && state !== 'Z';
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
