/**
 * The frame around every slide: classification banners at the top and bottom, the citation line and the
 * footer row (as-of date, footer text, slide number). It lives inside each slide's `<section>`, so it scales
 * with reveal.js, sits on every printed page, and never collides with the slide's content. Pure.
 */
import { escapeHtml } from '../escape.js';
import type { Marking } from '../markings/marking.js';

/** The deck fields the frame shows (the marking is the slide's own: see `slideFramer`). */
export interface FrameDeck {
  asOfText?: string | undefined;
  footer?: string | undefined;
}

/**
 * Stands for the slide number until the deck is complete. Section bodies cannot contain it: the sanitizer
 * drops HTML comments, and layout data is escaped.
 */
const NUMBER_MARK = '<!--briefing:slide-number-->';

/** Wrap a layout's output in the frame: banners in the slide's marking, `.slide-content`, citation line and footer. */
export function frameSlide(inner: string, citation: string, deck: FrameDeck, marking?: Marking): string {
  return slideFramer(deck)(inner, citation, undefined, marking);
}

/** The top and bottom banner of a marking, in its level's colours (set on the element, so every theme shows them). */
export function bannersOf(marking: Marking | undefined): { top: string; bottom: string } {
  if (!marking) return { top: '', bottom: '' };
  const style = `background-color:${marking.colour};color:${marking.textColour}`;
  const level = marking.level ? ` data-level="${escapeHtml(marking.level)}"` : '';
  const text = escapeHtml(marking.text);
  return {
    top: `<div class="classification-banner classification-top" style="${style}"${level} role="note" aria-label="Classification">${text}</div>\n`,
    bottom: `<div class="classification-banner classification-bottom" style="${style}"${level} aria-hidden="true">${text}</div>\n`,
  };
}

/**
 * `frameSlide` for one deck: the footer is the same on every slide and a deck has few markings, so each is
 * written once here rather than for each of a large deck's thousands of slides.
 */
export function slideFramer(deck: FrameDeck): (inner: string, citation: string, number?: string, marking?: Marking) => string {
  const banners = new Map<Marking | undefined, { top: string; bottom: string }>();
  const bannersFor = (marking: Marking | undefined) => {
    let b = banners.get(marking);
    if (!b) banners.set(marking, (b = bannersOf(marking)));
    return b;
  };
  const footer = [
    deck.asOfText ? `<span class="as-of">As of ${escapeHtml(deck.asOfText)}</span>` : '',
    deck.footer ? `<span class="footer-text">${escapeHtml(deck.footer)}</span>` : '',
  ].join('');
  const footHead = `<div class="deck-footer">${footer}<span class="slide-count">`;
  let lastCitation = '';
  let citationLine = '';
  return (inner, citation, number = NUMBER_MARK, marking) => {
    const { top, bottom } = bannersFor(marking);
    // Consecutive slides mostly share a section, hence a citation.
    if (citation !== lastCitation) {
      lastCitation = citation;
      citationLine = citation ? `<p class="citation">${escapeHtml(citation)}</p>\n` : '';
    }
    return `${top}<div class="slide-content">\n${inner}\n</div>\n<div class="slide-foot">\n${citationLine}${footHead}${number}</span></div>\n${bottom}</div>`;
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
