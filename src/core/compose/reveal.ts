/** The deck's reveal.js settings: the defaults, overridden key by key by the deck's `reveal:` front matter. Pure. */

/** Default reveal.js options; the deck's `reveal:` front matter overrides them key by key. */
export const REVEAL_DEFAULTS = {
  width: 1280,
  height: 720,
  // The slide fills the window: its frame (banners, footer) then sits at the screen's edges.
  margin: 0,
  hash: true,
  center: false,
  controls: true,
  progress: true,
  // Each slide's footer shows "n / total" itself (see frame.ts), so reveal.js's counter is off.
  slideNumber: false,
  // Calm by default: a quick cross-fade, no motion.
  transition: 'fade',
  transitionSpeed: 'fast',
  backgroundTransition: 'fade',
  pdfSeparateFragments: false,
};

/** The deck's reveal.js settings; the one place the defaults are merged with the front matter. */
export function revealSettings(fromFrontMatter: Readonly<Record<string, unknown>> | undefined): typeof REVEAL_DEFAULTS & Record<string, unknown> {
  return { ...REVEAL_DEFAULTS, ...(fromFrontMatter ?? {}) };
}
