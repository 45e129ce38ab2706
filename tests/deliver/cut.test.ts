/**
 * Cuts and the audience copy, as a user runs them: `--audience`, `--only` and `--no-notes` on `build`,
 * `build --single-file` and `pdf`, against tests/fixtures/audience (two audiences, a section for both,
 * notes marked NOTE on every slide that has them).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES, runCli, tempDir } from '../helpers/cli.js';

const FIXTURE = join(FIXTURES, 'audience');
const NOTE_MARKS = ['TITLE-NOTE', 'BLUF-NOTE', 'ROTA-NOTE', 'BERTHS-NOTE', 'SCHEDULE-NOTE'];

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function temp(): string {
  const t = tempDir('briefing-cut-');
  cleanups.push(t.cleanup);
  return t.dir;
}

/** Build the fixture with `args` and return its page. */
function buildPage(args: string[]): string {
  const out = temp();
  const r = runCli(['build', FIXTURE, '--out', out, ...args]);
  expect(r.code, r.stderr).toBe(0);
  return readFileSync(join(out, 'audience', 'index.html'), 'utf8');
}

/** Slide ids in deck order, the "n / total" of each, agenda entries, citation lines and the sources list. */
function readDeck(html: string) {
  return {
    ids: [...html.matchAll(/<section class="slide[^"]*" id="([\w-]+)"/g)].map((m) => m[1]),
    numbers: [...html.matchAll(/class="slide-count">([^<]*)</g)].map((m) => m[1]),
    agenda: [...html.matchAll(/<li value="\d+"><a href="#\/([\w-]+)"/g)].map((m) => m[1]),
    citations: [...html.matchAll(/class="citation">([^<]*)</g)].map((m) => m[1]),
    sources: [...html.matchAll(/<em>([^<]*)<\/em>/g)].map((m) => m[1]),
  };
}

/** Every file under `dir`, as text. */
function allText(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(join(e.parentPath, e.name), 'latin1'))
    .join('\n');
}

describe('--audience', () => {
  it('keeps the sections for that audience and those for everyone, and renumbers slides, agenda and sources', () => {
    const deck = readDeck(buildPage(['--audience', 'shippers']));
    expect(deck.ids).toEqual(['title', 'bluf', 'agenda', 'shipping-part', 'berths', 'schedule', 'sources']);
    expect(deck.numbers).toEqual(['1 / 7', '2 / 7', '3 / 7', '4 / 7', '5 / 7', '6 / 7', '7 / 7']);
    expect(deck.agenda).toEqual(['shipping-part']);
    expect(deck.citations).toEqual(['Source: [1] Port Authority, 1 Mar 2022', 'Source: [2] Line Co, 2 Mar 2022']);
    expect(deck.sources).toEqual(['Port Authority', 'Line Co']);
  });

  it('gives another audience its own cut', () => {
    const deck = readDeck(buildPage(['--audience', 'staff']));
    expect(deck.ids).toEqual(['title', 'bluf', 'agenda', 'staff-part', 'rota', 'berths', 'sources']);
    expect(deck.citations).toEqual(['Source: [1] HR Office, 3 Mar 2022', 'Source: [2] Port Authority, 1 Mar 2022']);
    expect(deck.sources).toEqual(['HR Office', 'Port Authority']);
  });

  it('builds everything without --audience', () => {
    const deck = readDeck(buildPage([]));
    expect(deck.ids).toEqual(['title', 'bluf', 'agenda', 'staff-part', 'rota', 'shipping-part', 'berths', 'schedule', 'sources']);
    expect(deck.agenda).toEqual(['staff-part', 'shipping-part']);
    expect(deck.sources).toEqual(['HR Office', 'Port Authority', 'Line Co']);
  });

  it('names the closest audience when the name matches none', () => {
    const r = runCli(['build', FIXTURE, '--out', temp(), '--audience', 'shipers']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--audience `shipers`: no section of this briefing lists that audience');
    expect(r.stderr).toContain('Did you mean `shippers`?');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('--only', () => {
  it('keeps exactly the named sections (and the title slide), renumbered', () => {
    const deck = readDeck(buildPage(['--only', 'bluf,schedule,sources']));
    expect(deck.ids).toEqual(['title', 'bluf', 'schedule', 'sources']);
    expect(deck.numbers).toEqual(['1 / 4', '2 / 4', '3 / 4', '4 / 4']);
    expect(deck.sources).toEqual(['Line Co']);
  });

  it('combines with --audience', () => {
    const deck = readDeck(buildPage(['--only', 'bluf,rota,berths', '--audience', 'shippers']));
    expect(deck.ids).toEqual(['title', 'bluf', 'berths']);
  });

  it('names the closest section id when an id matches none, and lists every problem', () => {
    const r = runCli(['build', FIXTURE, '--out', temp(), '--only', 'bluf,berth,shedule']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--only names `berth`');
    expect(r.stderr).toContain('Did you mean `berths`?');
    expect(r.stderr).toContain('Did you mean `schedule`?');
  });

  it('refuses an empty list as bad usage', () => {
    const r = runCli(['build', FIXTURE, '--out', temp(), '--only', ',']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--only takes section ids');
  });
});

describe('--no-notes', () => {
  it('leaves no note text in any file of the deck folder', () => {
    const out = temp();
    expect(runCli(['build', FIXTURE, '--out', out]).code).toBe(0);
    const withNotes = allText(join(out, 'audience'));
    for (const mark of NOTE_MARKS) expect(withNotes).toContain(mark);
    const copy = temp();
    expect(runCli(['build', FIXTURE, '--out', copy, '--no-notes']).code).toBe(0);
    const text = allText(join(copy, 'audience'));
    for (const mark of NOTE_MARKS) expect(text).not.toContain(mark);
    expect(text).not.toContain('class="notes"');
  });

  it('combines with --single-file and --audience: one file for one audience, without notes', () => {
    const out = temp();
    const r = runCli(['build', FIXTURE, '--out', out, '--single-file', '--no-notes', '--audience', 'shippers']);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(out)).toEqual(['audience.html']);
    const html = readFileSync(join(out, 'audience.html'), 'utf8');
    for (const mark of NOTE_MARKS) expect(html).not.toContain(mark);
    expect(readDeck(html).ids).toEqual(['title', 'bluf', 'agenda', 'shipping-part', 'berths', 'schedule', 'sources']);
    expect(html).not.toMatch(/(src|href)="(vendor|theme|media)\//);
  });

  it('leaves the notes out of a PDF handout, which keeps only the cut', () => {
    const out = temp();
    const full = runCli(['pdf', FIXTURE, '--handout', '--out', join(out, 'full.pdf')]);
    expect(full.code, full.stderr).toBe(0);
    const fullText = execFileSync('pdftotext', [join(out, 'full.pdf'), '-'], { encoding: 'utf8' });
    for (const mark of NOTE_MARKS) expect(fullText).toContain(mark);
    const cut = runCli(['pdf', FIXTURE, '--handout', '--no-notes', '--audience', 'shippers', '--out', join(out, 'cut.pdf')]);
    expect(cut.code, cut.stderr).toBe(0);
    const text = execFileSync('pdftotext', [join(out, 'cut.pdf'), '-'], { encoding: 'utf8' });
    for (const mark of NOTE_MARKS) expect(text).not.toContain(mark);
    expect(text).toContain('Sailings move to Tuesday');
    expect(text).not.toContain('Shifts change on Monday');
    // Seven slides of the cut, two to an A4 page.
    expect(execFileSync('pdfinfo', [join(out, 'cut.pdf')], { encoding: 'utf8' })).toMatch(/Pages:\s+4\n/);
  }, 120_000);

  it('refuses --notes separate-page with --no-notes as bad usage', () => {
    const r = runCli(['pdf', FIXTURE, '--no-notes', '--notes', 'separate-page']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--no-notes');
  });
});
