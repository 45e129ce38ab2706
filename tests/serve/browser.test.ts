/** Live editing in real headless Chromium: reload on save, slide kept, error overlay, speaker view. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type ServeHandle } from '../../src/api/serve.js';
import { build } from '../../src/api/build.js';
import { openBrowser, openDeck } from '../helpers/browser.js';
import { copyFixture, tempDir } from '../helpers/cli.js';

type RevealWindow = Window & { Reveal: { slide(h: number): void; getIndices(): { h: number; v: number } } };

let browser: Browser;
let tmp: { dir: string; cleanup: () => void };
let deck: string;
let handle: ServeHandle;

beforeAll(async () => {
  tmp = tempDir('briefing-serve-browser-');
  deck = copyFixture('serve-deck', tmp.dir);
  [browser, handle] = await Promise.all([openBrowser(), serve({ briefing: deck, cwd: tmp.dir, port: 0 })]);
});
afterAll(async () => {
  await browser?.close();
  await handle?.close();
  tmp.cleanup();
});

const edit = (file: string, from: string, to: string) => {
  const path = join(deck, file);
  writeFileSync(path, readFileSync(path, 'utf8').replace(from, to));
};

async function goToMiddle(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as RevealWindow).Reveal.slide(2));
  await page.waitForFunction(() => location.hash === '#/middle');
}

/** Press S and return the speaker window once it shows the notes of the current slide. */
async function speakerView(page: Page, notes: string): Promise<Page> {
  const opened = page.context().waitForEvent('page');
  await page.keyboard.press('s');
  const popup = await opened;
  await popup.waitForFunction((text) => document.body?.innerText.includes(text), notes);
  return popup;
}

describe('briefing serve in Chromium', () => {
  it('shows an edit saved on disk without a manual reload, on the same slide', async () => {
    const page = await openDeck(browser, handle.url);
    try {
      await goToMiddle(page);
      edit('020-middle.md', 'says hello', 'says goodbye');
      await page.waitForFunction(() => document.querySelector('#middle')?.textContent?.includes('says goodbye'), null, { timeout: 15_000 });
      await page.waitForFunction(() => (window as unknown as RevealWindow).Reveal?.getIndices().h === 2);
      expect(page.url()).toMatch(/#\/middle$/);
    } finally {
      await page.context().close();
    }
  });

  it('shows a broken edit over the last good deck, and removes it when fixed', async () => {
    const page = await openDeck(browser, handle.url);
    try {
      edit('030-closing.md', 'title: Closing', 'title: Closing\nlayout: contnet');
      const overlay = await page.waitForSelector('#briefing-error-overlay', { timeout: 15_000 });
      expect(await overlay.textContent()).toContain('serve-deck/030-closing.md:3:9');
      expect(await overlay.textContent()).toContain('Unknown layout `contnet`');
      expect(await page.locator('#closing').count()).toBe(1);
      edit('030-closing.md', 'layout: contnet', 'layout: content');
      await page.waitForSelector('#briefing-error-overlay', { state: 'detached', timeout: 15_000 });
    } finally {
      await page.context().close();
    }
  });

  it('opens the speaker view with the current slide notes when S is pressed', async () => {
    const page = await openDeck(browser, handle.url);
    try {
      await goToMiddle(page);
      const popup = await speakerView(page, 'Middle notes: remember the numbers.');
      expect(await popup.evaluate(() => document.body.innerText)).not.toContain('Opening notes for the speaker.');
    } finally {
      await page.context().close();
    }
  });
});

describe('a built deck opened from disk', () => {
  it('opens the speaker view with the current slide notes, offline', async () => {
    const out = join(tmp.dir, 'dist');
    const result = await build({ briefings: [deck], cwd: tmp.dir, outDir: out });
    expect(result.ok).toBe(true);
    const page = await openDeck(browser, pathToFileURL(join(out, 'serve-deck', 'index.html')).href);
    try {
      await goToMiddle(page);
      await speakerView(page, 'Middle notes: remember the numbers.');
      const requests = (page as Page & { requests: string[] }).requests;
      expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
    } finally {
      await page.context().close();
    }
  });
});
