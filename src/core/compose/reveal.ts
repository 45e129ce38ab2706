/** The deck's reveal.js settings: the defaults, overridden key by key by the deck's `reveal:` front matter. Pure. */
import { error, warning, type Diagnostic, type Position } from '../diagnostics.js';
import { resolveAsset, type AssetRef } from '../assets.js';
import { EASING_HINT, isEasing, isPlainImageData, isSeconds } from '../css/grammar.js';

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

/** The deck's `reveal:` options after checkRevealOptions: what the deck may use, the files it needs, and what was wrong. */
export interface CheckedReveal {
  reveal: Record<string, unknown> | undefined;
  assets: AssetRef[];
  diagnostics: Diagnostic[];
}

/**
 * Check the `reveal:` options reveal.js writes into CSS: `autoAnimateEasing` goes into a style sheet as text,
 * `autoAnimateDuration` next to it, `parallaxBackgroundImage` into `url("…")`. An easing must be an easing, a
 * duration a number, and the parallax image a file in the briefing (its deck URL replaces it) or a reported
 * remote URL that cannot leave its quotes. `at(key)` says where a key is written in index.md.
 */
export function checkRevealOptions(reveal: Readonly<Record<string, unknown>> | undefined, file: string, at: (key: string) => Position): CheckedReveal {
  const out: CheckedReveal = { reveal: reveal && { ...reveal }, assets: [], diagnostics: [] };
  if (!out.reveal) return out;
  const options = out.reveal;
  const refuse = (key: string, why: string, hint: string) => {
    out.diagnostics.push(error('invalid-reveal-option', file, `\`reveal.${key}\` ${why}`, at(key), hint));
    delete options[key];
  };
  const easing = options.autoAnimateEasing;
  if (easing !== undefined && !(typeof easing === 'string' && isEasing(easing))) refuse('autoAnimateEasing', 'is not a CSS easing', EASING_HINT);
  const duration = options.autoAnimateDuration;
  if (duration !== undefined && !(typeof duration === 'number' && isSeconds(duration))) refuse('autoAnimateDuration', 'is not a number of seconds', 'Write a number of seconds, such as 1.0.');
  const image = options.parallaxBackgroundImage;
  if (image === undefined || image === '') return out;
  if (typeof image !== 'string') return refuse('parallaxBackgroundImage', 'is not a file name', 'Give the path of an image in the briefing folder.'), out;
  if (/["\\\n\r]/.test(image)) return refuse('parallaxBackgroundImage', 'could end reveal.js\'s `url("…")` early', 'Give the path of an image in the briefing folder.'), out;
  const target = resolveAsset(image, '');
  if (target.kind === 'local') {
    out.assets.push({ path: target.path, file, line: at('parallaxBackgroundImage').line ?? 1 });
    options.parallaxBackgroundImage = target.href;
  } else if (target.kind === 'escape') {
    out.assets.push({ path: target.path, file, line: at('parallaxBackgroundImage').line ?? 1, escapes: true });
  } else if (target.kind === 'other' && !isPlainImageData(image)) {
    refuse('parallaxBackgroundImage', 'is neither a file in the briefing nor an http(s) URL', 'Give the path of an image in the briefing folder.');
  } else if (target.kind === 'remote') {
    out.diagnostics.push(warning('remote-asset', file, `${image} is loaded from the network, so the deck will not show it offline`, at('parallaxBackgroundImage'),
      'Download the file into the briefing folder and reference it by a relative path.'));
  }
  return out;
}
