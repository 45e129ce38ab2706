/** The deck folder exporter: `<out>/<slug>/` with index.html, the reveal.js runtime, theme, assets and generated files. */
import { basename, dirname } from 'node:path';
import { error, type Diagnostic } from '../../core/diagnostics.js';
import { emitDeck } from '../../io/emit.js';
import { EscapedFileError, escapedDiagnostic } from '../../io/inside.js';
import { displayPath } from '../../io/paths.js';
import type { Exporter } from '../types.js';

/** An exporter that writes the deck folder `target` (all files staged beside it, then swapped in with two renames). */
export function folderExporter(): Exporter {
  return {
    artifact: 'deck folder',
    async write(deck, target, { cwd }) {
      try {
        const file = emitDeck(dirname(target), basename(target), deck.files);
        return { file, diagnostics: [], bytes: 0, pages: 0, slides: deck.slides };
      } catch (cause) {
        return { diagnostics: [unwritable(dirname(target), cwd, cause)], bytes: 0, pages: 0, slides: 0 };
      }
    },
    close: async () => undefined,
  };
}

/** A file-system refusal while writing (permissions, a file where a folder should be, a full disk) is the user's to fix, not a crash. */
export function unwritable(outDir: string, cwd: string, cause: unknown): Diagnostic {
  if (cause instanceof EscapedFileError) return escapedDiagnostic(cause, cwd);
  const code = (cause as NodeJS.ErrnoException).code;
  if (!code) throw cause;
  const reason = (cause as Error).message.replace(/^\w+: /, '').replace(/, \w+ '.*$/, '');
  return error('output-unwritable', displayPath(outDir, cwd), `Cannot write the deck here: ${reason} (${code})`, {},
    'Choose an --out folder you can write to; the previous deck, if any, was left in place.');
}
