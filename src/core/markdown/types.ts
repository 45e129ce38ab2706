/** What the render stage takes and gives, shared by the renderer and its fast paths. */
import type { AssetRef } from '../assets.js';
import type { Diagnostic } from '../diagnostics.js';

/** What rendering needs to know about where the Markdown came from. */
export interface RenderContext {
  /** File name for diagnostics. */
  file: string;
  /** Folder of the section, relative to the briefing root ('' for the root), POSIX separators. */
  dir: string;
  /** Deck opted in to scripts: skip sanitizing. */
  allowScripts: boolean;
}

export interface RenderedHtml {
  html: string;
  /** Text of the first heading, if any. */
  title?: string;
  /** Whether the content opens with a heading (layouts then skip the section title). */
  hasHeading: boolean;
  assets: AssetRef[];
  diagnostics: Diagnostic[];
}
