/** The public API of briefing. The CLI is a thin shell over these functions; none of them print. */
export { build, buildDeck, createCache } from './pipeline.js';
export { findBriefings } from './io/discover.js';
export type { BuildOptions, BuildResult, DeckResult, BuildCache } from './pipeline.js';
export { BriefingError, formatPlain, hasErrors } from './core/diagnostics.js';
export type { Diagnostic, Severity } from './core/diagnostics.js';
export { serve } from './commands/serve.js';
export type { ServeOptions, ServeHandle } from './commands/serve.js';
export { watch } from './commands/watch.js';
export type { WatchOptions, WatchSession, BuildEvent } from './commands/watch.js';
export { check } from './commands/check.js';
export type { CheckOptions, CheckResult, DeckCheck } from './commands/check.js';
export { findOverflows } from './io/layout-check.js';
export type { Overflow } from './io/layout-check.js';
export { exportPdf } from './commands/pdf.js';
export type { PdfOptions, PdfResult, PdfProgress, PdfStage } from './commands/pdf.js';
