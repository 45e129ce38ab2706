/**
 * The single file of the default briefing, built by the real CLI and copied alone into an empty folder,
 * in real headless Chromium: every slide, its fonts, images and maps, the speaker view with the current
 * notes, and not one request for anything but the file itself.
 */
import { copyFileSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser } from '../helpers/browser.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { BRIEFING } from '../briefing/deck.js';

type RevealApi = { getSlides(): HTMLElement[]; getIndices(s: HTMLElement): { h: number; v?: number }; slide(h: number, v?: number): void; isReady(): boolean; configure(o: object): void };

let browser: Browser;
let context: BrowserContext;
let page: Page;
let work: { dir: string; cleanup: () => void };
let alone: string;
let fileUrl: string;
const requests: string[] = [];
const refused: string[] = [];

/** Show every slide in turn (fragments too), so every font face and image the deck uses is asked for. */
async function visitAll(p: Page): Promise<string[]> {
  await p.evaluate(() => (window as unknown as { Reveal: RevealApi }).Reveal.configure({ transition: 'none', backgroundTransition: 'none' }));
  const ids = await p.evaluate(async () => {
    const reveal = (window as unknown as { Reveal: RevealApi }).Reveal;
    const seen: string[] = [];
    for (const slide of reveal.getSlides()) {
      const { h, v } = reveal.getIndices(slide);
      reveal.slide(h, v ?? 0);
      slide.querySelectorAll('.fragment').forEach((f) => f.classList.add('visible'));
      await new Promise((r) => requestAnimationFrame(() => r(undefined)));
      seen.push(slide.id);
    }
    await document.fonts.ready;
    return seen;
  });
  return ids;
}

/** The font faces the page declares, with their load status: "600 normal loaded". */
function fontFaces(p: Page): Promise<string[]> {
  return p.evaluate(() => [...document.fonts].map((f) => `${f.family} ${f.weight} ${f.style} ${f.status}`).sort());
}

beforeAll(async () => {
  work = tempDir('briefing-single-');
  for (const out of ['a', 'b']) {
    const result = runCli(['build', BRIEFING, '--single-file', '--out', join(work.dir, out)]);
    expect(result.code, result.stderr).toBe(0);
  }
  expect(runCli(['build', BRIEFING, '--out', join(work.dir, 'folder')]).code).toBe(0);
  alone = join(work.dir, 'alone');
  mkdirSync(alone);
  copyFileSync(join(work.dir, 'a', 'nato-ukraine.html'), join(alone, 'nato-ukraine.html'));
  fileUrl = pathToFileURL(join(alone, 'nato-ukraine.html')).href;
  browser = await openBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  // Every request of every window (the deck, the speaker view, its previews) is seen here; anything but the file is refused.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.split(/[?#]/)[0] === fileUrl || url.startsWith('data:') || url === 'about:blank') return route.continue();
    refused.push(url);
    return route.abort();
  });
  context.on('request', (r) => requests.push(r.url()));
  page = await context.newPage();
  await page.goto(fileUrl);
  await page.waitForFunction(() => (window as unknown as { Reveal?: RevealApi }).Reveal?.isReady());
}, 180_000);

afterAll(async () => {
  await browser?.close();
  work?.cleanup();
});

describe('briefing build --single-file', () => {
  it('writes one file and nothing else, the same bytes on every build', () => {
    expect(readdirSync(join(work.dir, 'a'))).toEqual(['nato-ukraine.html']);
    expect(readFileSync(join(work.dir, 'a', 'nato-ukraine.html')).equals(readFileSync(join(work.dir, 'b', 'nato-ukraine.html')))).toBe(true);
  });

  it('shows every slide of the deck folder, in the same order', async () => {
    // Another context: the deck folder's files are refused in the file's.
    const folder = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await folder.goto(pathToFileURL(join(work.dir, 'folder', 'nato-ukraine', 'index.html')).href);
    await folder.waitForFunction(() => (window as unknown as { Reveal?: RevealApi }).Reveal?.isReady());
    const expected = await visitAll(folder);
    const folderFaces = await fontFaces(folder);
    await folder.close();
    const ids = await visitAll(page);
    expect(ids).toEqual(expected);
    expect(ids.length).toBeGreaterThan(30);
    // The same faces load as from the folder, and the file declares no face the deck never draws.
    const faces = await fontFaces(page);
    expect(faces.every((f) => f.endsWith(' loaded')), faces.join(', ')).toBe(true);
    expect(faces).toEqual(folderFaces.filter((f) => f.endsWith(' loaded')));
    expect(faces.length).toBeGreaterThan(1);
  }, 120_000);

  it('loads every image, the maps included, from the file itself', async () => {
    const images = await page.evaluate(() => [...document.querySelectorAll('img')].map((img) => ({ src: img.src.slice(0, 30), ok: img.complete && img.naturalWidth > 0, map: !!img.closest('.layout-map') })));
    expect(images.length).toBeGreaterThanOrEqual(2);
    expect(images.filter((i) => i.map).length).toBe(2);
    for (const image of images) {
      expect(image.ok, image.src).toBe(true);
      expect(image.src.startsWith('data:')).toBe(true);
    }
  });

  it('opens a working speaker view with S that follows the deck and shows the current notes', async () => {
    const slides = await page.evaluate(() => [...document.querySelectorAll('.slides section.slide')].map((s) => ({ id: s.id, notes: s.querySelector('aside.notes')?.textContent?.trim() ?? '' })));
    const withNotes = slides.filter((s) => s.notes.length > 40);
    const [first, second] = [withNotes[1]!, withNotes[2]!];
    await page.evaluate((id) => {
      const reveal = (window as unknown as { Reveal: RevealApi }).Reveal;
      const { h, v } = reveal.getIndices(document.getElementById(id)!);
      reveal.slide(h, v ?? 0);
    }, first.id);
    const [speaker] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('s')]);
    const notes = () => speaker.evaluate(() => document.querySelector('.speaker-controls-notes .value')?.textContent?.replace(/\s+/g, ' ').trim() ?? '');
    await expect.poll(notes, { timeout: 30_000 }).toBe(first.notes.replace(/\s+/g, ' '));
    // Both previews show the deck, loaded from the same file.
    const previewsReady = async () => {
      const frames = speaker.frames().filter((f) => f !== speaker.mainFrame() && f.url().split('?')[0] === fileUrl);
      const ready = await Promise.all(frames.map((f) => f.evaluate(() => !!(window as unknown as { Reveal?: RevealApi }).Reveal?.isReady()).catch(() => false)));
      return ready.filter(Boolean).length;
    };
    await expect.poll(previewsReady, { timeout: 30_000 }).toBe(2);
    await page.evaluate((id) => {
      const reveal = (window as unknown as { Reveal: RevealApi }).Reveal;
      const { h, v } = reveal.getIndices(document.getElementById(id)!);
      reveal.slide(h, v ?? 0);
    }, second.id);
    await expect.poll(notes, { timeout: 30_000 }).toBe(second.notes.replace(/\s+/g, ' '));
    await speaker.close();
  }, 120_000);

  it('makes no request for anything outside the file', () => {
    expect(refused).toEqual([]);
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((u) => u.split(/[?#]/)[0] !== fileUrl && !u.startsWith('data:') && u !== 'about:blank')).toEqual([]);
  });
});
