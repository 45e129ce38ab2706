/**
 * The Content-Security-Policy a deck carries: present first in the head of the folder deck and of the single
 * file, and strict enough to block the network, yet reveal.js, its fonts, the speaker view (a window the notes
 * plugin writes itself, with the deck in frames) and an `allowScripts` deck's own scripts all still work,
 * from file:// in real Chromium.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/api/build.js';
import { openBrowser } from '../helpers/browser.js';
import { copyFixture, tempDir } from '../helpers/cli.js';

let browser: Browser;
let dir: string;
let cleanup: () => void;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('briefing-csp-'));
  copyFixture('basic', dir);
  const built = await build({ briefings: [join(dir, 'basic')], outDir: join(dir, 'out'), cwd: dir });
  const single = await build({ briefings: [join(dir, 'basic')], outDir: join(dir, 'single'), cwd: dir, singleFile: true });
  expect(built.ok && single.ok).toBe(true);
  browser = await openBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  cleanup?.();
});

/** Open `file` and collect what the policy refused. */
async function open(file: string): Promise<{ page: Page; refused: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const refused: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/.test(m.text())) refused.push(m.text());
  });
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction(() => (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady());
  return { page, refused };
}

/** Press S and wait for the speaker view to show the current slide and the next one in its frames. */
async function speakerView(page: Page): Promise<{ current: string; upcoming: string; refused: string[] }> {
  const refused: string[] = [];
  const popup = page.waitForEvent('popup');
  await page.keyboard.press('s');
  const notes = await popup;
  notes.on('console', (m) => {
    if (/Content Security Policy/.test(m.text())) refused.push(m.text());
  });
  const frameText = async (selector: string) => {
    const handle = await notes.waitForSelector(selector, { state: 'attached' });
    const frame = (await handle.contentFrame())!;
    await frame.waitForFunction(() => (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady(), undefined, { timeout: 30_000 });
    return frame.evaluate(() => (document.querySelector('.slides section.present') as HTMLElement | null)?.id ?? '');
  };
  const current = await frameText('#current-slide iframe');
  const upcoming = await frameText('#upcoming-slide iframe');
  await notes.close();
  return { current, upcoming, refused };
}

describe('the Content-Security-Policy', () => {
  it('is the first element of the head in the folder deck and in the single file', () => {
    for (const file of [join(dir, 'out', 'basic', 'index.html'), join(dir, 'single', 'basic.html')]) {
      const head = /<head>\s*(<meta[^>]*>)/.exec(readFileSync(file, 'utf8'))?.[1];
      expect(head).toMatch(/^<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self' 'unsafe-inline';/);
    }
  });

  it('lets reveal.js start and draw the theme\'s fonts from file://, refusing nothing', async () => {
    const { page, refused } = await open(join(dir, 'out', 'basic', 'index.html'));
    const fonts = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family.replace(/"/g, ''));
    });
    await page.close();
    expect(fonts).toContain('Source Sans 3');
    expect(refused).toEqual([]);
  });

  it('lets the speaker view open with the deck in its frames, from the folder deck', async () => {
    const { page, refused } = await open(join(dir, 'out', 'basic', 'index.html'));
    const view = await speakerView(page);
    await page.close();
    expect(view).toEqual({ current: 'title', upcoming: expect.stringMatching(/./), refused: [] });
    expect(refused).toEqual([]);
  });

  it('lets the speaker view open from the single file', async () => {
    const { page, refused } = await open(join(dir, 'single', 'basic.html'));
    const view = await speakerView(page);
    await page.close();
    expect(view).toEqual({ current: 'title', upcoming: expect.stringMatching(/./), refused: [] });
    expect(refused).toEqual([]);
  });

  it('lets an allowScripts deck run its inline scripts and handlers, but not reach the network', async () => {
    const briefing = join(dir, 'scripted');
    copyFixture('basic', dir);
    const { renameSync } = await import('node:fs');
    renameSync(join(dir, 'basic'), briefing);
    const index = join(briefing, 'index.md');
    writeFileSync(index, readFileSync(index, 'utf8').replace(/^---\n/, '---\nallowScripts: true\n'));
    writeFileSync(join(briefing, '09-scripted.md'), [
      '---', 'title: Scripted', '---',
      '<div id="by-script"></div><script>document.getElementById("by-script").textContent = "inline ran";</script>',
      '<img alt="" id="by-handler" src="data:image/png;base64,AAAA" onerror="this.alt = \'handler ran\'">',
      '<img alt="" id="remote" src="http://127.0.0.1:9/scripted-remote.png">', '',
    ].join('\n'));
    const built = await build({ briefings: [briefing], outDir: join(dir, 'out'), cwd: dir });
    expect(built.ok).toBe(true);
    const { page, refused } = await open(join(dir, 'out', 'scripted', 'index.html'));
    const ran = await page.evaluate(() => ({ inline: document.getElementById('by-script')?.textContent, handler: (document.getElementById('by-handler') as HTMLImageElement).alt }));
    await page.close();
    expect(ran).toEqual({ inline: 'inline ran', handler: 'handler ran' });
    expect(refused.filter((m) => m.includes('127.0.0.1:9/scripted-remote.png'))).toHaveLength(1);
  });
});
