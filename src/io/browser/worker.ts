/**
 * Chromium for one export, started early and closed on every exit path, abort included. It starts with
 * launch.ts's options (the same flags as every other use), in a worker thread.
 *
 * Playwright lives in a worker thread: loading playwright-core alone costs about half a second of CPU,
 * and in a worker it loads (and Chromium starts) on the second core while the main thread builds the
 * deck. The worker exposes the few page calls printing needs; the print logic stays in pdf-print.ts.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { launchOptions } from './launch.js';

/** The page calls printing uses, answered by a real Playwright page in the worker. */
export interface PrintPage {
  emulateMedia(options: { media: 'print' | 'screen' }): Promise<void>;
  goto(url: string, options: { waitUntil: 'load' }): Promise<unknown>;
  evaluate(expression: string): Promise<unknown>;
  pdf(options: Record<string, unknown>): Promise<Uint8Array>;
  /** A PNG of what the page shows (`briefing images`). */
  screenshot(options: Record<string, unknown>): Promise<Uint8Array>;
}

/** How the page is set up when it opens: its viewport, and device pixels per CSS pixel (images at 2x). */
export interface PageSetup {
  viewport?: { width: number; height: number };
  deviceScaleFactor?: number;
}

export interface BrowserSession {
  /** A blank page in the launched browser; rejects with the launch error if Chromium (or playwright-core) does not start. */
  ready: Promise<PrintPage>;
  /** Close the browser once it is up and end the worker; safe to call more than once and after a failed launch. */
  close(): Promise<void>;
}

/** One process fewer to start: printing renders in software, so the GPU thread can live in the browser process. */
const PRINT_ARGS = ['--in-process-gpu'];

/** How long to wait for Chromium to close before the worker is stopped regardless. */
const CLOSE_TIMEOUT_MS = 10_000;

/**
 * The worker: launch a persistent context (it comes up with its first page already open, quicker than
 * launch + newPage) in a temporary profile Playwright deletes on close, then answer page calls.
 * Playwright's Ctrl-C handler stays off: the CLI handles SIGINT by aborting, which closes the browser.
 * Plain JavaScript in a string, so it runs the same from src/ (tsx, vitest) and lib/.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
let context, page;
const fail = (id, e) => parentPort.postMessage({ id, error: String((e && e.message) || e) });
parentPort.on('message', async ({ id, method, args }) => {
  if (method === 'close') {
    try { if (context) await context.close(); } catch {}
    parentPort.postMessage({ id, value: null });
    parentPort.close();
    return;
  }
  try {
    const value = await page[method](...args);
    if (value instanceof Uint8Array) {
      const copy = new Uint8Array(value);
      parentPort.postMessage({ id, value: copy }, [copy.buffer]);
    } else parentPort.postMessage({ id, value: method === 'evaluate' && value !== undefined ? value : null });
  } catch (e) { fail(id, e); }
});
(async () => {
  try {
    const { chromium } = require(workerData.playwright);
    context = await chromium.launchPersistentContext('', { ...workerData.launch, ...workerData.setup, handleSIGINT: false });
    page = context.pages()[0] || (await context.newPage());
    parentPort.postMessage({ id: 0, value: null });
  } catch (e) { fail(0, e); }
})();
`;

/** Start Chromium and open a page (set up as `setup` says), now, in a worker. Aborting `signal` closes it at once, which makes pending page calls fail fast. */
export function startBrowser(executable: string, signal?: AbortSignal, setup: PageSetup = {}): BrowserSession {
  let playwright: string;
  try {
    playwright = createRequire(import.meta.url).resolve('playwright-core');
  } catch (cause) {
    const ready = Promise.reject(cause instanceof Error ? cause : new Error(String(cause)));
    ready.catch(() => undefined);
    return { ready, close: async () => undefined };
  }
  const worker = new Worker(WORKER, { eval: true, workerData: { playwright, launch: launchOptions(executable, PRINT_ARGS), setup } });
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let next = 1;
  let ended: Error | undefined;
  const settleAll = (error: Error) => {
    ended ??= error;
    for (const call of pending.values()) call.reject(error);
    pending.clear();
  };
  worker.on('message', (message: { id: number; value?: unknown; error?: string }) => {
    const call = pending.get(message.id);
    pending.delete(message.id);
    if (message.error !== undefined) call?.reject(new Error(message.error));
    else call?.resolve(message.value);
  });
  worker.on('error', (error) => settleAll(error));
  worker.on('exit', () => settleAll(new Error('the browser was closed')));

  const call = (method: string, args: unknown[] = [], id = next++): Promise<unknown> =>
    new Promise((resolve, reject) => {
      if (ended) return reject(ended);
      pending.set(id, { resolve, reject });
      if (id !== 0) worker.postMessage({ id, method, args });
    });
  const page: PrintPage = {
    emulateMedia: (options) => call('emulateMedia', [options]).then(() => undefined),
    goto: (url, options) => call('goto', [url, options]),
    evaluate: (expression) => call('evaluate', [expression]),
    pdf: (options) => call('pdf', [options]) as Promise<Uint8Array>,
    screenshot: (options) => call('screenshot', [options]) as Promise<Uint8Array>,
  };
  const ready = call('launch', [], 0).then(() => page);
  ready.catch(() => undefined); // observed by whoever awaits `ready`; never an unhandled rejection

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      if (!ended) {
        const timer = setTimeout(() => void worker.terminate(), CLOSE_TIMEOUT_MS);
        // Wait for the launch to settle first, so that a browser still starting is closed too.
        await ready.catch(() => undefined);
        await call('close').catch(() => undefined);
        clearTimeout(timer);
      }
      await worker.terminate();
    })());
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
