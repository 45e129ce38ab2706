/** The public API of briefing. The CLI is a thin shell over these functions; none of them print. */
export { build, buildDeck } from './api/build.js';
export { createCache } from './pipeline/run.js';
export { findBriefings } from './io/discover.js';
export type { BuildOptions, BuildResult } from './api/build.js';
export type { DeckResult, BuildCache } from './pipeline/run.js';
export { BriefingError, formatPlain, hasErrors } from './core/diagnostics.js';
export type { Diagnostic, Severity } from './core/diagnostics.js';
export { serve } from './api/serve.js';
export type { ServeOptions, ServeHandle } from './api/serve.js';
export { watch } from './api/watch.js';
export type { WatchOptions, WatchSession, BuildEvent } from './api/watch.js';
export { check } from './api/check.js';
export type { CheckOptions, CheckResult, DeckCheck } from './api/check.js';
export { findOverflows } from './io/browser/layout.js';
export type { Overflow } from './io/browser/layout.js';
export { exportPdf } from './api/pdf.js';
export type { PdfOptions, PdfResult, PdfProgress, PdfStage } from './api/pdf.js';
