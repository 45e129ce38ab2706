/** Chromium as a borrowed resource: found on the system, launched once, always closed. */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

/** Flags that keep a headless Chromium quiet on a closed network and runnable as root. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** How to get a browser, for the message shown when none is found. */
export const INSTALL_HINT =
  'Install Chromium (Debian/Ubuntu: `apt-get install -y chromium`), or pass --browser /path/to/chrome, or set CHROME_PATH.';

/** The Chromium to use: an explicit path, then $CHROME_PATH, then the usual system locations. */
export function findChromium(explicit?: string): string | undefined {
  const env = process.env.CHROME_PATH;
  if (explicit) return existsSync(explicit) ? explicit : undefined;
  if (env) return existsSync(env) ? env : undefined;
  return CANDIDATES.find((p) => existsSync(p));
}

/** Launch headless Chromium. The caller must close it (use `withBrowser` where possible). */
export async function launchChromium(executablePath: string): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
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
