/** Open built decks in real headless Chromium (Debian's chromium) for browser tests. */
import type { Browser, Page } from 'playwright-core';
import { findChromium } from '../../src/io/browser/find.js';
import { launchChromium } from '../../src/io/browser/launch.js';

/** Launch Chromium or fail the test run with the install hint. */
export async function openBrowser(): Promise<Browser> {
  const path = findChromium();
  if (!path) throw new Error('Chromium not found: apt-get install -y chromium (the README test command does this)');
  return launchChromium(path);
}

/** Open a deck's index.html (file:// URL or http URL) at 1280x720 and wait for reveal.js to be ready. */
export async function openDeck(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  (page as Page & { requests?: string[] }).requests = requests;
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady());
  return page;
}
