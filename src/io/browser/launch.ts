/**
 * Chromium as a borrowed resource: THE one way this package starts it (one set of flags, one set of launch
 * options), always closed, pages closed in `finally`. `worker.ts` runs the same launch in a worker thread.
 */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';

/** Flags that keep a headless Chromium quiet on a closed network and runnable as root. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

/** What Playwright is told when it starts Chromium: headless, these flags, plus any a use adds (`extraArgs`). */
export interface LaunchOptions {
  executablePath: string;
  headless: true;
  args: string[];
}

/** The launch options for `executablePath`; `extraArgs` are appended to the common flags. */
export function launchOptions(executablePath: string, extraArgs: readonly string[] = []): LaunchOptions {
  return { executablePath, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] };
}

/** Launch headless Chromium. The caller must close it (use `withBrowser` where possible). */
export async function launchChromium(executablePath: string): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch(launchOptions(executablePath));
}

/** Run `work` with a browser that is closed afterwards, whatever happens. */
export async function withBrowser<T>(executablePath: string, work: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await launchChromium(executablePath);
  try {
    return await work(browser);
  } finally {
    await browser.close().catch(() => undefined);
  }
}

/** Run `work` on a new page of `browser`; the page is closed afterwards, whatever happens. */
export async function withPage<T>(browser: Browser, options: BrowserContextOptions, work: (page: Page) => Promise<T>): Promise<T> {
  const page = await browser.newPage(options);
  try {
    return await work(page);
  } finally {
    await page.close().catch(() => undefined);
  }
}
