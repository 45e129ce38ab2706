/** A Chromium launch that starts early (while the deck builds) and is closed on every exit path, abort included. */
import type { BrowserContext, Page } from 'playwright-core';
import { CHROMIUM_ARGS } from './browser.js';

export interface BrowserSession {
  /** A blank page in the launched browser; rejects with the launch error if Chromium (or playwright-core) does not start. */
  ready: Promise<Page>;
  /** Close the browser once it is up; safe to call more than once and after a failed launch. */
  close(): Promise<void>;
}

/** Start launching Chromium and opening a page now. Aborting `signal` closes it at once, which makes pending page calls fail fast. */
export function startBrowser(executable: string, signal?: AbortSignal): BrowserSession {
  const context = launch(executable);
  const ready = context.then((c) => c.pages()[0] ?? c.newPage());
  ready.catch(() => undefined); // observed by whoever awaits `ready`; never an unhandled rejection
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= context.then((c) => c.close(), () => undefined).catch(() => undefined));
  const onAbort = () => void close();
  signal?.addEventListener('abort', onAbort, { once: true });
  return {
    ready,
    close: () => {
      signal?.removeEventListener('abort', onAbort);
      return close();
    },
  };
}

/**
 * Like browser.ts's launchChromium, with two differences that matter for one-shot printing:
 * - a persistent context (in a temporary profile that Playwright deletes on close) comes up with its
 *   first page already open, which is quicker than launching and then opening a page;
 * - Playwright's own Ctrl-C handler stays off: it would exit the process before the export's cleanup
 *   runs. Callers handle SIGINT by aborting (the CLI does); without a handler, Node exits and
 *   Playwright's exit hook still kills the browser.
 */
async function launch(executablePath: string): Promise<BrowserContext> {
  const { chromium } = await import('playwright-core');
  return chromium.launchPersistentContext('', { executablePath, headless: true, args: CHROMIUM_ARGS, handleSIGINT: false });
}
