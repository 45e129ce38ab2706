/**
 * The frame around every slide: classification banners at the top and bottom, the citation line and the
 * footer row (as-of date, footer text, slide number). It lives inside each slide's `<section>`, so it scales
 * with reveal.js, sits on every printed page, and never collides with the slide's content. Pure.
 */
import { escapeHtml } from '../escape.js';

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
  return slideFramer(deck)(inner, citation);
}

/**
 * `frameSlide` for one deck: the banners and footer are the same on every slide, so they are written once
 * here rather than for each of a large deck's thousands of slides.
 */
export function slideFramer(deck: FrameDeck): (inner: string, citation: string, number?: string) => string {
  const banner = (where: 'top' | 'bottom') =>
    deck.classification
      ? `<div class="classification-banner classification-${where}"${where === 'top' ? ' role="note" aria-label="Classification"' : ' aria-hidden="true"'}>${escapeHtml(deck.classification)}</div>\n`
      : '';
  const footer = [
    deck.asOfText ? `<span class="as-of">As of ${escapeHtml(deck.asOfText)}</span>` : '',
    deck.footer ? `<span class="footer-text">${escapeHtml(deck.footer)}</span>` : '',
  ].join('');
  const head = `${banner('top')}<div class="slide-content">\n`;
  const footHead = `<div class="deck-footer">${footer}<span class="slide-count">`;
  const footTail = `</span></div>\n${banner('bottom')}</div>`;
  let lastCitation = '';
  let citationLine = '';
  return (inner, citation, number = NUMBER_MARK) => {
    // Consecutive slides mostly share a section, hence a citation.
    if (citation !== lastCitation) {
      lastCitation = citation;
      citationLine = citation ? `<p class="citation">${escapeHtml(citation)}</p>\n` : '';
    }
    return `${head}${inner}\n</div>\n<div class="slide-foot">\n${citationLine}${footHead}${number}${footTail}`;
  };
}

/** Fill in the slide numbers as "n / total", in document order: reveal.js's `c/t` count of the slides. */
export function numberSlides(html: string): string {
  const parts = html.split(NUMBER_MARK);
  const total = parts.length - 1;
  const out: string[] = [parts[0]!];
  for (let n = 1; n <= total; n++) out.push(`${n} / ${total}`, parts[n]!);
  return out.join('');
}
