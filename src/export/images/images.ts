/**
 * The slide-images exporter: one PNG per slide, vertical slides included and fragments in their final
 * state, at the deck's size (or twice it), named in deck order: `slide-01.png`, `slide-02.png`, …
 * The deck folder is written to a temporary folder and opened once in one headless Chromium (started
 * when the exporter is created, so it comes up while the deck builds); reveal.js shows each slide in turn
 * and the page is photographed. The PNGs are staged beside the target folder and swapped in together.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { error, type Diagnostic } from '../../core/diagnostics.js';
import { revealSettings } from '../../core/compose/reveal.js';
import { launchFailed } from '../../io/browser/find.js';
import { startBrowser } from '../../io/browser/worker.js';
import { emitDeck } from '../../io/emit.js';
import { displayPath } from '../../io/paths.js';
import type { Exporter, ExportResult } from '../types.js';
import { SHOW_SLIDE, SLIDE_COUNT, STILL_DECK } from './page.js';

/** How the images are made (resolved: see api/options.ts). */
export interface ImageSettings {
  /** Device pixels per CSS pixel: 1 gives the deck's size (1280×720), 2 twice as wide and high. */
  scale: 1 | 2;
}

/** File names this exporter writes; a target folder holding anything else is not replaced. */
export const IMAGE_NAME = /^slide-\d+\.png$/;

/** The deck's size in CSS pixels, from its reveal.js settings. */
export function deckSize(reveal: Record<string, unknown> | undefined): { width: number; height: number } {
  const settings = revealSettings(reveal);
  const defaults = revealSettings(undefined);
  return { width: dimension(settings.width, defaults.width), height: dimension(settings.height, defaults.height) };
}

/** An exporter writing the slides of a deck with `size` as PNGs into a folder, with the Chromium at `executable`, which it starts now. */
export function imagesExporter(executable: string, size: { width: number; height: number }, settings: ImageSettings, signal?: AbortSignal): Exporter {
  const session = startBrowser(executable, signal, { viewport: size, deviceScaleFactor: settings.scale });
  return {
    artifact: 'slide images',
    async write(deck, target, { cwd, onProgress }) {
      const refusal = occupied(target, cwd);
      if (refusal) return failed(refusal);
      const work = mkdtempSync(join(tmpdir(), 'briefing-images-'));
      try {
        const deckDir = emitDeck(work, deck.slug, deck.files);
        onProgress?.('launch', 0, deck.slides);
        const page = await session.ready.catch((cause: unknown) => ({ launchError: cause }));
        signal?.throwIfAborted();
        if ('launchError' in page) return failed(launchFailed(executable, page.launchError, cwd));
        await page.goto(pathToFileURL(join(deckDir, 'index.html')).href, { waitUntil: 'load' });
        await page.evaluate(STILL_DECK);
        const count = (await page.evaluate(SLIDE_COUNT)) as number;
        const width = Math.max(2, String(count).length);
        const files: { path: string; content: Uint8Array }[] = [];
        let bytes = 0;
        for (let n = 0; n < count; n++) {
          signal?.throwIfAborted();
          await page.evaluate(`(${SHOW_SLIDE})(${n})`);
          const png = await page.screenshot({ type: 'png', animations: 'disabled', caret: 'hide' });
          files.push({ path: `slide-${String(n + 1).padStart(width, '0')}.png`, content: png });
          bytes += png.byteLength;
          onProgress?.('shoot', n + 1, count);
        }
        try {
          emitDeck(dirname(target), basename(target), files);
        } catch (cause) {
          const code = (cause as NodeJS.ErrnoException).code;
          if (!code) throw cause;
          return failed(error('output-unwritable', displayPath(target, cwd), `Cannot write the slide images here: ${code}`, {}, 'Choose an --out folder you can write to; the previous images, if any, were left in place.'));
        }
        return { file: target, diagnostics: [], bytes, pages: files.length, slides: count };
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    },
    close: () => session.close(),
  };
}

/** The target folder is replaced as a whole, so it may hold only slide images of an earlier run. */
function occupied(target: string, cwd: string): Diagnostic | undefined {
  if (!existsSync(target)) return undefined;
  const others = readdirSync(target).filter((name) => !IMAGE_NAME.test(name));
  if (!others.length) return undefined;
  return error('output-not-empty', displayPath(target, cwd), `The folder for the slide images holds other files (${others.slice(0, 3).join(', ')}${others.length > 3 ? ', …' : ''}), which writing the images would remove`, {},
    'Pass --out with a new or empty folder.');
}

function failed(diagnostic: Diagnostic): ExportResult {
  return { diagnostics: [diagnostic], bytes: 0, pages: 0, slides: 0 };
}

function dimension(value: unknown, fallback: number): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(n) && n > 0 ? n : fallback;
}
