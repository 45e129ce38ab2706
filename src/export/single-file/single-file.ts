/**
 * The single-file exporter: `<out>/<slug>.html`, one self-contained page (inline.ts) that opens from a
 * folder of its own or an e-mail attachment, with reveal.js, the theme, the fonts it draws, images, media,
 * map figures and the speaker-notes plugin inside. reveal.js's notes plugin writes the speaker view into a
 * blank window and loads the deck itself into its previews, so `S` needs nothing beside the file.
 */
import { error } from '../../core/diagnostics.js';
import type { OutputFile } from '../../core/model.js';
import { replaceFile } from '../../io/atomic.js';
import { bytesFrom, EscapedFileError, escapedDiagnostic } from '../../io/inside.js';
import { displayPath } from '../../io/paths.js';
import type { Exporter } from '../types.js';
import { inlineDeck } from './inline.js';

/** An exporter that writes the deck as the one HTML file `target`, atomically. */
export function singleFileExporter(): Exporter {
  return {
    artifact: 'single HTML file',
    async write(deck, target, { cwd }) {
      let files: Map<string, Uint8Array>;
      try {
        files = new Map(deck.files.map((f) => [f.path, bytesOf(f)] as const));
      } catch (cause) {
        if (cause instanceof EscapedFileError) return { diagnostics: [escapedDiagnostic(cause, cwd)], bytes: 0, pages: 0, slides: 0 };
        throw cause;
      }
      // A font folder's LICENSE travels with the faces taken from it (the SIL Open Font License asks for that).
      const fontLicences = new Map<string, string>();
      for (const [path, bytes] of files) {
        const folder = /^(.*\/fonts)\/LICENSE$/.exec(path)?.[1];
        if (folder) fontLicences.set(folder, Buffer.from(bytes).toString('utf8').trim());
      }
      const page = Buffer.from(inlineDeck(deck.html, files, { fontLicences }), 'utf8');
      try {
        replaceFile(target, { content: page });
      } catch (cause) {
        const code = (cause as NodeJS.ErrnoException).code;
        if (!code) throw cause;
        return {
          diagnostics: [error('output-unwritable', displayPath(target, cwd), `Cannot write the single file here: ${code}`, {}, 'Choose an --out folder you can write to; the previous file, if any, was left in place.')],
          bytes: 0, pages: 0, slides: 0,
        };
      }
      return { file: target, diagnostics: [], bytes: page.byteLength, pages: 0, slides: deck.slides };
    },
    close: async () => undefined,
  };
}

function bytesOf(file: OutputFile): Uint8Array {
  if ('from' in file) return bytesFrom(file);
  return typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content;
}
