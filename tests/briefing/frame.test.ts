/** The slide frame and the paging of generated lists, as pure functions. */
import { describe, expect, it } from 'vitest';
import { frameSlide, numberSlides } from '../../src/core/compose/frame.js';
import { paginate } from '../../src/core/compose/generated.js';
import { resolveMarking } from '../../src/core/markings/marking.js';
import { US } from '../../src/core/markings/schemes.js';

const marked = (text: string) => resolveMarking(text, US).marking;

describe('the slide frame', () => {
  it('puts banners at both ends, the content box, the citation line and the footer in that order', () => {
    const html = frameSlide('<h2>T</h2>', 'Source: [1] NATO', { asOfText: '7 April 2022', footer: 'Staff college' }, marked('UNCLASSIFIED'));
    const order = ['classification-top', 'slide-content', '<h2>T</h2>', 'class="citation"', 'class="as-of"', 'Staff college', 'slide-count', 'classification-bottom'].map((s) => html.indexOf(s));
    expect(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
  });

  it('colours both banners by the slide’s level: white on SECRET red, black on TOP SECRET orange', () => {
    const secret = frameSlide('', '', {}, marked('SECRET//NOFORN'));
    expect(secret.match(/style="background-color:#c8102e;color:#ffffff"/g)).toHaveLength(2);
    expect(secret).toContain('>SECRET//NOFORN</div>');
    expect(frameSlide('', '', {}, marked('TOP SECRET'))).toContain('style="background-color:#ff8c00;color:#000000"');
  });

  it('escapes the deck’s text and leaves out what the deck does not set', () => {
    const html = frameSlide('', '', { asOfText: undefined }, marked('SECRET//<b>'));
    expect(html).toContain('SECRET//&#60;b&#62;');
    expect(html).not.toContain('citation');
    expect(html).not.toContain('as-of');
    expect(frameSlide('', '', {})).not.toContain('classification-banner');
  });

  it('numbers the slides "n / total" in document order once the deck is complete', () => {
    const deck = numberSlides([frameSlide('a', '', {}), frameSlide('b', '', {}), frameSlide('c', '', {})].join('\n'));
    expect([...deck.matchAll(/<span class="slide-count">([^<]*)<\/span>/g)].map((m) => m[1])).toEqual(['1 / 3', '2 / 3', '3 / 3']);
  });
});

describe('pages of a generated list', () => {
  it('uses the fewest pages and fills them evenly', () => {
    const items = Array.from({ length: 62 }, (_, i) => i);
    expect(paginate(items, 14).map((p) => p.length)).toEqual([13, 13, 13, 13, 10]);
    expect(paginate(items.slice(0, 14), 14).map((p) => p.length)).toEqual([14]);
    expect(paginate(items.slice(0, 15), 14).map((p) => p.length)).toEqual([8, 7]);
  });
});
