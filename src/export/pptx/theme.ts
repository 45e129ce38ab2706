/**
 * The briefing theme in PowerPoint terms: its colours, type sizes and the slide frame's geometry, taken
 * from templates/themes/briefing.css and templates/partials/frame-style.hbs. The deck is 1280×720 px and
 * the slide 13.333×7.5 in, so a slide pixel is 1/96 in and a CSS pixel of type is 0.75 pt.
 */

/** Inches from slide pixels. */
export const px = (n: number): number => n / 96;
/** Points from CSS pixels of type. */
export const pt = (n: number): number => Math.round(n * 0.75 * 2) / 2;

// PowerPoint's 16:9 "widescreen" size: 12,192,000 × 6,858,000 EMU.
export const SLIDE = { w: 12192000 / 914400, h: 7.5 };

export const COLOUR = {
  navy: '14325C',
  navyDark: '0C2240',
  ink: '1A2433',
  muted: '556274',
  rule: 'D3D9E2',
  tint: 'EEF2F7',
  paper: 'FFFFFF',
  accent: 'D9A21B',
  accentText: '8A5A00',
  accentLight: 'F2B533',
  onDark: 'FFFFFF',
  onDarkMuted: 'C9D4E3',
  banner: '007A33',
  bannerText: 'FFFFFF',
};

/**
 * Fonts recipients have. The deck's Source Sans 3 ships as web fonts that PowerPoint cannot use, and a
 * .pptx naming it would fall back to whatever each machine picks. Arial is on every Windows and Mac
 * machine, and LibreOffice maps it to the metric-compatible Liberation Sans, so lines break the same
 * everywhere; Courier New likewise for code (Liberation Mono).
 */
export const FONT = { body: 'Arial', code: 'Courier New' };

/** Type sizes in points (the theme's px × 0.75). */
export const SIZE = {
  body: pt(30),
  title: pt(40),
  titleSlide: pt(57),
  subtitle: pt(30),
  divider: pt(60),
  table: pt(24),
  timeline: pt(25.5),
  small: pt(21),
  frame: pt(14),
  banner: pt(13),
  sources: pt(15),
  kicker: pt(13.5),
  figure: pt(63),
  code: pt(16.5),
};

/** The slide frame (px from frame-style.hbs): banners 24 px, content box 24–620 padded 28/64, foot 620–696. */
export const FRAME = {
  banner: px(24),
  left: px(64),
  right: SLIDE.w - px(64),
  contentTop: px(24 + 28),
  contentBottom: px(620 - 8),
  citationTop: px(620),
  citationBottom: px(660),
  footerTop: px(666),
  footerBottom: px(696),
};

/** Where a slide's title sits, its rule, and where the body starts below it. */
export const TITLE = {
  y: FRAME.contentTop - px(6),
  h: px(60),
  rule: FRAME.contentTop + px(64),
  bodyTop: FRAME.contentTop + px(64 + 22),
};

export const CONTENT_WIDTH = FRAME.right - FRAME.left;
