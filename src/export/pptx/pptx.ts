/**
 * The PowerPoint exporter: map the built deck's slides to PowerPoint slides (describe.ts), write them with
 * pptxgenjs (write.ts), make the bytes valid and reproducible (finish.ts), and replace `target` atomically.
 * Chromium is started only when a slide must be a picture (`images`, or a custom layout without a mapping).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { bytesFrom, EscapedFileError, escapedDiagnostic } from '../../io/inside.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { error, warning, type Diagnostic } from '../../core/diagnostics.js';
import type { OutputFile } from '../../core/model.js';
import { replaceFile } from '../../io/atomic.js';
import { findChromium, missingBrowser } from '../../io/browser/find.js';
import { emitDeck } from '../../io/emit.js';
import { displayPath } from '../../io/paths.js';
import type { BuiltDeck, Exporter, ExportResult } from '../types.js';
import type { PictureFiles } from './write.js';

/** What goes into the .pptx (resolved: see api/options.ts). */
export interface PptxContent {
  /** Speaker notes into the notes pages. */
  notes: boolean;
  /** Every slide as a picture of the deck slide, rendered by Chromium at 2× (the fidelity fallback). */
  images: boolean;
  /** Chromium for slides shown as pictures; undefined: $CHROME_PATH, then the usual places. */
  browser: string | undefined;
}

const PICTURE_TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', svg: 'image/svg+xml', bmp: 'image/bmp' };
const SLIDE_PICTURE = (n: number) => `.slides/slide-${n}.png`;

/** A .pptx exporter; `pages` in its result counts the slides written as pictures. */
export function pptxExporter(content: PptxContent): Exporter {
  return {
    artifact: 'PowerPoint file',
    async write(deck, target, { cwd }) {
      const result = (extra: Partial<ExportResult>, diagnostics: Diagnostic[]): ExportResult => ({ bytes: 0, pages: 0, slides: 0, ...extra, diagnostics });
      // The mapping and the writer (pptxgenjs) load only when a .pptx is made, not with the library.
      const [{ describeDeck, MAPPINGS }, { writePptx }, { finishPptx }, { imageSize }, { Resvg }] = await Promise.all([
        import('./describe.js'), import('./write.js'), import('./finish.js'), import('image-size'), import('@resvg/resvg-js'),
      ]);
      const diagnostics: Diagnostic[] = [];
      const files = new Map(deck.files.map((f) => [f.path, f]));
      const sizes = new Map<string, { w: number; h: number } | undefined>();
      const pictureSize = (path: string) => {
        if (!sizes.has(path)) sizes.set(path, sizeOf(files.get(path), imageSize));
        return sizes.get(path);
      };
      const spec = describeDeck(deck.model.deck, deck.model.sections, deck.model.markings, { notes: content.notes, images: content.images, pictureSize, slidePicture: SLIDE_PICTURE });
      // The mapping follows compose's order; a different count would put notes and links on the wrong slides.
      if (spec.slides.length !== deck.slides) throw new Error(`PowerPoint mapping made ${spec.slides.length} slides of a ${deck.slides}-slide deck`);

      if (!content.images) {
        for (const section of new Map(deck.model.sections.filter((r) => !MAPPINGS[r.section.layout]).map((r) => [r.section.layout, r.section])).values()) {
          diagnostics.push(warning('pptx-picture-slide', section.file, `Layout \`${section.layout}\` has no PowerPoint mapping; its slides are pictures in the .pptx, not editable text`,
            section.positions.of(['layout']), 'Use a built-in layout for editable slides, or keep the picture.'));
        }
      }
      const pictures = new Map<string, { data: Uint8Array; type: string }>();
      const wanted = spec.slides.flatMap((s, i) => (s.picture ? [i + 1] : []));
      if (wanted.length) {
        const executable = findChromium(content.browser);
        if (!executable) return result({}, [...diagnostics, missingBrowser(content.browser, cwd, 'slides shown as pictures are rendered')]);
        for (const [n, data] of await slidePicturesOf(deck, wanted, executable)) pictures.set(SLIDE_PICTURE(n), { data, type: 'image/png' });
      }
      for (const slide of spec.slides) {
        for (const shape of slide.shapes) {
          if (shape.kind !== 'picture' || pictures.has(shape.path)) continue;
          const file = files.get(shape.path);
          const type = PICTURE_TYPES[shape.path.split('.').pop()!.toLowerCase()];
          if (file && type) {
            // A picture swapped for a link outside the briefing since the build checked it is reported, not read.
            try {
              pictures.set(shape.path, { data: bytesOf(file), type });
            } catch (cause) {
              if (!(cause instanceof EscapedFileError)) throw cause;
              diagnostics.push(escapedDiagnostic(cause, cwd));
            }
          } else diagnostics.push(warning('pptx-picture-skipped', slide.source.file, `The picture ${shape.path.replace(/^media\//, '')} cannot go into a .pptx (PowerPoint takes PNG, JPEG, GIF, BMP and SVG); it was left out`,
            { line: slide.source.line }, 'Convert it to PNG or JPEG.'));
        }
      }
      // Nothing is written when a picture could not be read safely; the previous file, if any, stays.
      if (diagnostics.some((d) => d.rule === 'asset-escape')) return result({}, diagnostics);
      const bytes = await finishPptx(await writePptx(spec, pictures as PictureFiles), {
        date: spec.date, keywords: spec.keywords, lang: spec.lang,
        layoutTypes: { 'Briefing title': 'title', 'Briefing section header': 'secHead' },
        // The PNG that PowerPoint versions without SVG support (and LibreOffice) show instead of the map, at 2×.
        // Map labels need a font: the system's (Source Sans 3 ships only as web fonts), Liberation Sans for Arial.
        rasterize: (svg) => new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, font: { loadSystemFonts: true, defaultFontFamily: 'Liberation Sans', sansSerifFamily: 'Liberation Sans' } }).render().asPng(),
      });
      try {
        replaceFile(target, { content: bytes });
      } catch (cause) {
        const code = (cause as NodeJS.ErrnoException).code;
        if (!code) throw cause;
        return result({}, [...diagnostics, error('pptx-write-failed', displayPath(target, cwd), `Cannot write the .pptx: ${code}`, {}, 'Check that the folder is writable, or pass another --out path.')]);
      }
      return result({ file: target, bytes: bytes.byteLength, pages: wanted.length, slides: spec.slides.length }, diagnostics);
    },
    close: async () => undefined,
  };
}

/** Pictures of deck slides: the deck folder is written to a temporary folder for Chromium to open. */
async function slidePicturesOf(deck: BuiltDeck, wanted: number[], executable: string): Promise<Map<number, Uint8Array>> {
  const work = mkdtempSync(join(tmpdir(), 'briefing-pptx-'));
  try {
    const deckDir = emitDeck(work, deck.slug, deck.files);
    const { slidePictures } = await import('./slide-pictures.js');
    return await slidePictures(deckDir, deck.html, wanted, { width: 1280, height: 720 }, executable);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function bytesOf(file: OutputFile): Uint8Array {
  return 'from' in file ? bytesFrom(file) : typeof file.content === 'string' ? Buffer.from(file.content) : file.content;
}

function sizeOf(file: OutputFile | undefined, imageSize: (bytes: Uint8Array) => { width?: number; height?: number }): { w: number; h: number } | undefined {
  if (!file) return undefined;
  try {
    const size = imageSize(bytesOf(file));
    return size.width && size.height ? { w: size.width, h: size.height } : undefined;
  } catch {
    return undefined;
  }
}
