/**
 * axe-core on every slide, in real Chromium: the default briefing, every fixture that builds, and
 * tests/fixtures/a11y-layouts (every layout, and dark slides from front matter and slide comments).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeEverySlide, describeViolations } from '../helpers/axe.js';
import { openBrowser, openDeck } from '../helpers/browser.js';
import { FIXTURES, runCli, tempDir } from '../helpers/cli.js';
import { buildDefaultBriefing, type BuiltBriefing } from '../briefing/deck.js';

// Fixtures whose content breaks a rule on purpose: axe must find exactly that, which also shows the test can fail.
const EXPECTED: Record<string, string[]> = {
  'check-heading-skip': ['heading-order'], // `##` then `####`, as `briefing check` reports
  'check-layout-contrast': ['color-contrast'], // faint grey text, as `briefing check --layout` reports
  hostile: ['html-lang-valid', 'image-alt', 'label'], // `lang:` is an attack string; raw `<img>` without alt and `<input>` without label
};

// Every fixture folder is built in one CLI run; the broken ones (which the build rejects) leave no deck.
const out = tempDir('briefing-axe-');
const folders = readdirSync(FIXTURES).filter((name) => existsSync(join(FIXTURES, name, 'index.md')));
runCli(['build', ...folders.map((name) => join(FIXTURES, name)), '--out', out.dir]);
const decks = folders.filter((name) => existsSync(join(out.dir, name, 'index.html')));

let browser: Browser;
let briefing: BuiltBriefing;
beforeAll(async () => {
  briefing = buildDefaultBriefing();
  browser = await openBrowser();
});
afterAll(async () => {
  await browser?.close();
  briefing?.cleanup();
  out.cleanup();
});

async function violationsOf(url: string) {
  const page = await openDeck(browser, url);
  try {
    return await axeEverySlide(page);
  } finally {
    await page.close();
  }
}

describe('axe-core on every slide', () => {
  it('finds no violation of any impact in the default briefing', { timeout: 300_000 }, async () => {
    const violations = await violationsOf(briefing.url);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it('builds the fixtures that show every layout and dark slides', () => {
    expect(decks).toEqual(expect.arrayContaining(['a11y-layouts', 'basic', 'pdf-basic', 'serve-deck']));
  });

  it.each(decks)('finds only the violations the fixture %s is made to have', { timeout: 300_000 }, async (name) => {
    const violations = await violationsOf(pathToFileURL(join(out.dir, name, 'index.html')).href);
    const expected = EXPECTED[name] ?? [];
    expect([...new Set(violations.map((v) => v.rule))].sort(), describeViolations(violations)).toEqual(expected);
  });
});
