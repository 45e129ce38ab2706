/** Markings from the CLI as a user runs it: the release cut, the ceiling in build and check, a misspelt level. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, runCli, tempDir } from '../helpers/cli.js';

const out = tempDir('briefing-markings-cli-');
afterAll(() => out.cleanup());

/** Each slide's id and top banner text, in order. */
function banners(html: string): { id: string; banner: string }[] {
  return [...html.matchAll(/<section class="slide[^"]*" id="([^"]+)"[^>]*>\n<div class="classification-banner classification-top"[^>]*>([^<]*)</g)].map((m) => ({ id: m[1]!, banner: m[2]! }));
}

describe('briefing build --max-classification', () => {
  it('leaves out every section above the level and marks the deck by what remains', () => {
    const r = runCli(['build', join(FIXTURES, 'markings-us'), '--out', join(out.dir, 'cut'), '--max-classification', 'CONFIDENTIAL']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('5 slides, 4 sections');
    const html = readFileSync(join(out.dir, 'cut', 'markings-us', 'index.html'), 'utf8');
    expect(banners(html)).toEqual([
      { id: 'title', banner: 'CONFIDENTIAL' },
      { id: 'unclassified', banner: 'UNCLASSIFIED' },
      { id: 'cui', banner: 'CUI' },
      { id: 'confidential', banner: 'CONFIDENTIAL' },
      { id: 'own-heading', banner: 'CONFIDENTIAL' },
    ]);
    expect(html).not.toContain('SECRET');
    expect(html).toContain('<h1>(C) Marked briefing</h1>');
  });

  it('keeps the whole deck without the cut, marked TOP SECRET in its page and in the list of decks', () => {
    const r = runCli(['build', join(FIXTURES, 'markings-us'), '--out', join(out.dir, 'full')]);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(out.dir, 'full', 'markings-us', 'index.html'), 'utf8');
    expect(banners(html).map((b) => b.banner)).toEqual(['TOP SECRET', 'UNCLASSIFIED', 'CUI', 'CONFIDENTIAL', 'SECRET//NOFORN', 'TOP SECRET', 'CONFIDENTIAL']);
    expect(html).toContain('<meta name="classification" content="TOP SECRET">');
    expect(readFileSync(join(out.dir, 'full', 'index.html'), 'utf8')).toContain('<li><span class="marking">TOP SECRET</span> <a href="markings-us/index.html">Marked briefing</a>');
  });

  it('names the closest level when the cut is misspelt, and writes nothing', () => {
    const r = runCli(['build', join(FIXTURES, 'markings-us'), '--out', join(out.dir, 'typo'), '--max-classification', 'CONFIDENTAIL']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('`--max-classification CONFIDENTAIL` is not a level of the US scheme');
    expect(r.stderr).toContain('Did you mean `CONFIDENTIAL`?');
  });

  it('is documented in the help of build and pdf', () => {
    expect(runCli(['build', '--help']).stdout).toContain('--max-classification <level>');
    expect(runCli(['pdf', '--help']).stdout).toContain('--max-classification <level>');
  });
});

describe('the ceiling and misspelt levels', () => {
  it('fails check on a section above the deck’s classification, naming its file and line', () => {
    const r = runCli(['check', join(FIXTURES, 'broken-above-ceiling'), '--format', 'json']);
    expect(r.code).toBe(1);
    const findings = JSON.parse(r.stdout) as { severity: string; rule: string; file: string; line: number; message: string }[];
    expect(findings.filter((f) => f.severity === 'error')).toMatchObject([{ rule: 'above-ceiling', file: 'tests/fixtures/broken-above-ceiling/02-over.md', line: 3 }]);
  });

  it('reports a misspelt level with the right spelling, file and line', () => {
    const r = runCli(['build', join(FIXTURES, 'check-unknown-classification'), '--out', join(out.dir, 'misspelt')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('tests/fixtures/check-unknown-classification/020-typo.md:4:17 warning Unknown classification level `CONFIDENTAIL`');
    expect(r.stderr).toContain('Did you mean `CONFIDENTIAL`?');
  });

  it('shows a custom scheme’s colours, and unmarked sections in the deck’s marking', () => {
    const r = runCli(['build', join(FIXTURES, 'markings-custom'), '--out', join(out.dir, 'custom')]);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(out.dir, 'custom', 'markings-custom', 'index.html'), 'utf8');
    expect(banners(html).map((b) => b.banner)).toEqual(['COMPANY RESTRICTED', 'PUBLIC', 'COMPANY INTERNAL // STAFF ONLY', 'COMPANY RESTRICTED']);
    expect(html).toContain('style="background-color:#ffd54f;color:#000000"');
    expect(html).toContain('(CI//STAFF ONLY) What staff know');
  });
});
