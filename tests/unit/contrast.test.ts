/** WCAG contrast as `check --layout` computes it: colours, compositing, thresholds. */
import { describe, expect, it } from 'vitest';
import { backgroundsOf, contrastRatio, gradientStops, isLargeText, parseColour, requiredRatio, sampledContrast, worstContrast } from '../../src/core/lint/contrast.js';

const c = (css: string) => parseColour(css)!;

describe('contrast', () => {
  it('reads colours as getComputedStyle writes them', () => {
    expect(parseColour('rgb(20, 50, 92)')).toEqual({ r: 20, g: 50, b: 92, a: 1 });
    expect(parseColour('rgba(255, 255, 255, 0.2)')).toEqual({ r: 255, g: 255, b: 255, a: 0.2 });
    expect(parseColour('color(srgb 1 0 0 / 0.5)')).toEqual({ r: 255, g: 0, b: 0, a: 0.5 });
    expect(parseColour('transparent')).toBeUndefined();
    expect(gradientStops('linear-gradient(160deg, rgb(20, 50, 92) 0%, rgb(12, 34, 64) 100%)')).toHaveLength(2);
  });

  it('gives the WCAG ratios: 21:1 black on white, 4.54:1 for #767676', () => {
    expect(contrastRatio(c('rgb(0, 0, 0)'), c('rgb(255, 255, 255)'))).toBeCloseTo(21, 5);
    expect(contrastRatio(c('rgb(118, 118, 118)'), c('rgb(255, 255, 255)'))).toBeCloseTo(4.54, 2);
  });

  it('asks 3:1 of large text (24 px, or 18.66 px bold) and 4.5:1 of the rest', () => {
    expect(requiredRatio(24, 400)).toBe(3);
    expect(requiredRatio(19, 700)).toBe(3);
    expect(requiredRatio(19, 600)).toBe(4.5);
    expect(isLargeText(14, 700)).toBe(false);
  });

  it('composites the layers behind the text, from the page up', () => {
    // A 20 % white panel on navy: the text stands on a lighter navy, not on the page's white.
    const backgrounds = backgroundsOf([{ colour: c('rgba(255, 255, 255, 0.2)') }, { colour: c('rgb(20, 50, 92)') }]);
    expect(backgrounds).toHaveLength(1);
    expect(Math.round(backgrounds[0]!.r)).toBe(67);
    // Navy text on that panel is faint; white text reads.
    expect(worstContrast(c('rgb(20, 50, 92)'), backgrounds).ratio).toBeLessThan(3);
    expect(worstContrast(c('rgb(255, 255, 255)'), backgrounds).ratio).toBeGreaterThan(4.5);
  });

  it('measures a gradient at each stop and an unmeasured image at its darkest and lightest', () => {
    const gradient = backgroundsOf([{ stops: [c('rgb(255, 255, 255)'), c('rgb(0, 0, 0)')] }]);
    expect(worstContrast(c('rgb(0, 0, 0)'), gradient).ratio).toBeCloseTo(1, 5);
    const dimmed = backgroundsOf([{ image: 0.3 }, { colour: c('rgb(0, 0, 0)') }]);
    expect(dimmed).toHaveLength(2);
    expect(worstContrast(c('rgb(255, 255, 255)'), dimmed).ratio).toBeGreaterThan(4.5);
  });

  it('reads text over sampled pixels at the ratio 80 % of them reach', () => {
    const black = c('rgb(0, 0, 0)');
    const white = c('rgb(255, 255, 255)');
    // One light pixel in ten does not decide; three in ten do.
    expect(sampledContrast(white, [...Array(9).fill(black), white]).ratio).toBeCloseTo(21, 5);
    expect(sampledContrast(white, [...Array(7).fill(black), white, white, white]).ratio).toBeCloseTo(1, 5);
  });
});
