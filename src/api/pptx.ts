/** exportPptx(): build a deck in memory and hand it to the PowerPoint exporter (export/pptx/). Never prints. */
import { join, resolve } from 'node:path';
import { hasErrors, type Diagnostic } from '../core/diagnostics.js';
import { projectConfig, type LoadedConfig } from '../io/config.js';
import { build, builtDeckOf } from './build.js';
import { configSettings, resolveOptions } from './options.js';

export interface PptxOptions {
  /** The briefing folder to export. */
  briefing: string;
  /** The .pptx to write. Default: `<cwd>/dist/<slug>/<slug>.pptx`. */
  out?: string;
  /** Speaker notes into the notes pages (default true; the CLI's `--no-notes` sets false). */
  speakerNotes?: boolean;
  /** Every slide as a picture of the deck slide, rendered by Chromium at 2× (the fidelity fallback). */
  images?: boolean;
  /** Include sections marked `draft: true`. */
  drafts?: boolean;
  /** Leave out every section marked above this level (the release cut), as `build` and `pdf` do. */
  maxClassification?: string | undefined;
  /** Only the sections for this audience, and those for everyone. */
  audience?: string;
  /** Only these section ids. */
  only?: readonly string[];
  /** Chromium for slides shown as pictures; default: $CHROME_PATH, then the usual system locations. */
  browser?: string;
  /** Working directory for relative paths and for the paths shown in messages. */
  cwd?: string;
  /** The project config (see `BuildOptions.config`); default: the `briefing.config.json` that applies in `cwd`; `false`: none. */
  config?: LoadedConfig | false;
}

export interface PptxResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  /** The .pptx written (absolute), when ok. */
  file?: string;
  slug?: string;
  slides: number;
  /** Slides written as pictures of the deck slide. */
  pictures: number;
  bytes: number;
  ms: number;
}

/** Export one briefing as an editable PowerPoint file. Problems in the briefing come back as diagnostics. */
export async function exportPptx(options: PptxOptions): Promise<PptxResult> {
  const started = performance.now();
  const cwd = resolve(options.cwd ?? process.cwd());
  const project = projectConfig(options.config, cwd);
  const settings = resolveOptions({ flags: options, config: configSettings(project) });
  const result = (extra: Partial<PptxResult>, diagnostics: Diagnostic[]): PptxResult => ({
    slides: 0, pictures: 0, bytes: 0, ...extra, diagnostics, ok: !diagnostics.some((d) => d.severity === 'error'), ms: Math.round(performance.now() - started),
  });
  if (hasErrors(project.diagnostics)) return result({}, project.diagnostics);
  const { pptxExporter } = await import('../export/pptx/pptx.js');
  const exporter = pptxExporter({ notes: settings.speakerNotes, images: settings.images, browser: settings.browser });
  try {
    const built = await build({ briefings: [options.briefing], cwd, drafts: settings.drafts, maxClassification: settings.maxClassification, audience: settings.audience, only: settings.only, speakerNotes: settings.speakerNotes, dryRun: true, writeIndex: false, config: project });
    const deck = built.ok ? builtDeckOf(built.decks[0]) : undefined;
    if (!deck) return result({ slug: built.decks[0]?.slug }, built.diagnostics);
    const file = resolve(cwd, options.out ?? join(settings.outDir, deck.slug, `${deck.slug}.pptx`));
    const pptx = await exporter.write(deck, file, { cwd });
    const diagnostics = [...built.diagnostics, ...pptx.diagnostics];
    return result(pptx.file ? { file: pptx.file, slug: deck.slug, slides: pptx.slides, pictures: pptx.pages, bytes: pptx.bytes } : { slug: deck.slug }, diagnostics);
  } finally {
    await exporter.close();
  }
}
