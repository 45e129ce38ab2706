/** Finding Chromium on this machine, and the one message for when there is none. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { error, type Diagnostic } from '../../core/diagnostics.js';
import { displayPath } from '../paths.js';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** How to get a browser, for every message shown when none is found or it does not start. */
export const INSTALL_HINT =
  'Install Chromium (Debian/Ubuntu: `apt-get install -y chromium`), or pass --browser /path/to/chrome, or set CHROME_PATH.';

/** The Chromium to use: an explicit path, then $CHROME_PATH, then the usual system locations. */
export function findChromium(explicit?: string): string | undefined {
  const env = process.env.CHROME_PATH;
  if (explicit) return existsSync(explicit) ? explicit : undefined;
  if (env) return existsSync(env) ? env : undefined;
  return CANDIDATES.find((p) => existsSync(p));
}

/**
 * The one "no browser" diagnostic: where we looked (the --browser path, CHROME_PATH or the usual places),
 * what needed the browser (`purpose`, e.g. "`briefing pdf` prints"), and how to install one.
 */
export function missingBrowser(explicit: string | undefined, cwd: string, purpose: string): Diagnostic {
  const env = process.env.CHROME_PATH;
  const [file, message] = explicit
    ? [displayPath(resolve(cwd, explicit), cwd), `No browser at --browser ${explicit}`]
    : env
      ? [env, `No browser at CHROME_PATH=${env}`]
      : ['chromium', 'No Chromium or Chrome found in the usual places (/usr/bin/chromium, /usr/bin/google-chrome, …)'];
  return error('no-browser', file, `${message}; ${purpose} with headless Chromium`, {}, INSTALL_HINT);
}

/** Chromium (or the driver) failed to start: say why — a path that is not a browser is named as such — and how to install one. */
export function launchFailed(executable: string, cause: unknown, cwd: string): Diagnostic {
  const reason = cause instanceof Error ? cause.message.split('\n')[0]!.replace(/^browserType\.\w+: /, '') : String(cause);
  const missingDriver = /Cannot find (package|module) 'playwright-core'/.test(reason);
  if (missingDriver) return error('no-browser-driver', 'playwright-core', 'playwright-core, which drives Chromium, is not installed', {}, 'Run `npm install playwright-core` (it downloads no browser).');
  const shown = displayPath(executable, cwd);
  const via = process.env.CHROME_PATH === executable ? ` (CHROME_PATH)` : '';
  // A program that is not Chromium exits at once (Playwright: "browser has been closed") or cannot be run at all.
  if (/has been closed|EACCES|ENOEXEC|spawn .* E[A-Z]+|exited/.test(reason)) {
    return error('not-a-browser', shown, `${shown}${via} is not a browser: it did not start as headless Chromium (${reason})`, {}, INSTALL_HINT);
  }
  return error('browser-launch-failed', shown, `Chromium did not start: ${reason}`, {}, INSTALL_HINT);
}
