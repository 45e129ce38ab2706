/**
 * The frame around every slide: classification banners at the top and bottom, the citation line and the
 * footer row (as-of date, footer text, slide number). It lives inside each slide's `<section>`, so it scales
 * with reveal.js, sits on every printed page, and never collides with the slide's content. Pure.
 */
import { escapeHtml } from './render.js';

/** The deck fields the frame shows. */
export interface FrameDeck {
  classification?: string | undefined;
  asOfText?: string | undefined;
  footer?: string | undefined;
}

/**
 * Stands for the slide number until the deck is complete. Section bodies cannot contain it: the sanitizer
 * drops HTML comments, and layout data is escaped.
 */
const NUMBER_MARK = '<!--briefing:slide-number-->';

/** Wrap a layout's output in the frame: banners, `.slide-content`, citation line and footer. */
export function frameSlide(inner: string, citation: string, deck: FrameDeck): string {
  const banner = (where: 'top' | 'bottom') =>
    deck.classification
      ? `<div class="classification-banner classification-${where}"${where === 'top' ? ' role="note" aria-label="Classification"' : ' aria-hidden="true"'}>${escapeHtml(deck.classification)}</div>\n`
      : '';
  const footer = [
    deck.asOfText ? `<span class="as-of">As of ${escapeHtml(deck.asOfText)}</span>` : '',
    deck.footer ? `<span class="footer-text">${escapeHtml(deck.footer)}</span>` : '',
    `<span class="slide-count">${NUMBER_MARK}</span>`,
  ].join('');
  return [
    banner('top'),
    `<div class="slide-content">\n${inner}\n</div>\n`,
    '<div class="slide-foot">\n',
    citation ? `<p class="citation">${escapeHtml(citation)}</p>\n` : '',
    `<div class="deck-footer">${footer}</div>\n`,
    banner('bottom'),
    '</div>',
  ].join('');
}

/** Fill in the slide numbers as "n / total", in document order: reveal.js's `c/t` count of the slides. */
export function numberSlides(html: string): string {
  const total = html.split(NUMBER_MARK).length - 1;
  let n = 0;
  return html.replaceAll(NUMBER_MARK, () => `${++n} / ${total}`);
}
