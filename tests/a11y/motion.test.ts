/** `prefers-reduced-motion: reduce` turns slide transitions and animations off, in real Chromium. */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser } from '../helpers/browser.js';
import { FIXTURES, runCli, tempDir } from '../helpers/cli.js';

const out = tempDir('briefing-motion-');
let browser: Browser;
let url: string;
beforeAll(async () => {
  const result = runCli(['build', join(FIXTURES, 'a11y-layouts'), '--out', out.dir]);
  if (result.code !== 0) throw new Error(result.stderr);
  url = pathToFileURL(join(out.dir, 'a11y-layouts', 'index.html')).href;
  browser = await openBrowser();
});
afterAll(async () => {
  await browser?.close();
  out.cleanup();
});

/** Open the deck with the reader's motion preference and read what reveal.js and the CSS will do. */
async function motion(reducedMotion: 'reduce' | 'no-preference') {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, reducedMotion });
  try {
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady());
    return await page.evaluate(() => {
      const config = (window as unknown as { Reveal: { getConfig(): { transition: string; backgroundTransition: string } } }).Reveal.getConfig();
      const durations = [...document.querySelectorAll('.reveal .slides section, .reveal .backgrounds .slide-background')].map((e) => getComputedStyle(e).transitionDuration);
      return { transition: config.transition, backgroundTransition: config.backgroundTransition, moving: durations.filter((d) => d.split(',').some((t) => parseFloat(t) > 0)).length };
    });
  } finally {
    await page.close();
  }
}

describe('reduced motion', () => {
  it('changes slides without a transition when the reader asks for reduced motion', async () => {
    expect(await motion('reduce')).toEqual({ transition: 'none', backgroundTransition: 'none', moving: 0 });
  });

  it('keeps the deck’s fade for everyone else', async () => {
    const normal = await motion('no-preference');
    expect(normal.transition).toBe('fade');
    expect(normal.moving).toBeGreaterThan(0);
  });
});
