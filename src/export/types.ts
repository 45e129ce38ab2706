/**
 * The export layer: how a built deck becomes a file a person opens.
 *
 * An `Exporter` takes one `BuiltDeck` — the parsed model, the composed HTML page and every file of the
 * deck folder, all in memory — and writes ONE artifact at `target`, atomically: readers (and a failed
 * export) see the previous artifact or the new one, never half of one. Problems come back as
 * diagnostics, never as prints or exits. An exporter that holds something costly (a browser) may start it
 * when it is created, so the start overlaps the build, and releases it in `close()`.
 *
 * Each artifact has its own folder: `export/folder/` (the deck folder `build` writes), `export/pdf/`.
 * To add one (single file, slide images, PowerPoint): create `export/<name>/<name>.ts` exporting a factory
 * that returns an `Exporter`, resolve its options in `api/options.ts`, and call it from an `api/` entry point.
 * The pipeline does not change.
 */
import type { Diagnostic } from '../core/diagnostics.js';
import type { DeckMarkings } from '../core/markings/deck.js';
import type { BriefingIndex, OutputFile, RenderedSection } from '../core/model.js';

/** A deck built in memory: what every exporter starts from. */
export interface BuiltDeck {
  /** The deck's name: the briefing folder's name. */
  slug: string;
  /** The briefing folder it was built from (absolute). */
  dir: string;
  /**
   * The parsed deck (index.md), its rendered sections in deck order, and their markings: `markings.overall`
   * for the title slide and the document's metadata, `markings.sections[id]` for each section's slides.
   */
  model: { deck: BriefingIndex; sections: readonly RenderedSection[]; markings: DeckMarkings | undefined };
  /** Slides composed (the title slide and generated slides included). */
  slides: number;
  /** The composed page, as the deck folder's index.html holds it. */
  html: string;
  /** Every file of the deck folder, index.html included. */
  files: readonly OutputFile[];
}

/** Where an export runs. */
export interface ExportContext {
  /** Working directory: relative paths and the paths shown in messages start here. */
  cwd: string;
  /** Aborting stops the export as soon as it can (the exporter then rejects with an AbortError). */
  signal?: AbortSignal;
  /** Called as the export moves on: `done` of `total` steps of `stage`. */
  onProgress?(stage: string, done: number, total: number): void;
}

/** What an exporter wrote. */
export interface ExportResult {
  /** The artifact written (absolute); undefined when the export failed (the previous one is left in place). */
  file?: string;
  /** Problems found on the way; errors mean nothing was written. */
  diagnostics: Diagnostic[];
  /** Size of the artifact in bytes, for the summary line (0 for a folder). */
  bytes: number;
  /** Pages (PDF) or images written; 0 when not paged. */
  pages: number;
  /** Slides in the artifact. */
  slides: number;
  /** Milliseconds spent in each step of the export, in order (`briefing pdf --timings`, `npm run bench`). */
  timings?: Record<string, number>;
}

/** Writes one kind of artifact. */
export interface Exporter {
  /** What it writes, for messages: "deck folder", "PDF". */
  readonly artifact: string;
  /** Write `deck` to `target` atomically. */
  write(deck: BuiltDeck, target: string, context: ExportContext): Promise<ExportResult>;
  /** Release what the exporter holds (a browser). Safe to call more than once. */
  close(): Promise<void>;
}
