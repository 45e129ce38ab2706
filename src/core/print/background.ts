/** Slide backgrounds for print: reveal.js draws them with script at runtime, the print layout as a static layer. Pure. */
import { isCssColour } from '../colour.js';
import { escapeHtml } from '../escape.js';

type Attributes = Record<string, string>;

/**
 * The background layer behind a slide, from its `data-background-*` attributes, covering the whole page
 * as reveal.js's background covers the whole window. Empty when the slide has no background.
 */
export function backgroundLayer(attrs: Attributes): string {
  const shorthand = attrs['data-background'];
  const colour = attrs['data-background-color'] ?? (shorthand && isCssColour(shorthand) ? shorthand : undefined);
  const image = attrs['data-background-image'] ?? (shorthand && !isCssColour(shorthand) ? shorthand : undefined);
  const gradient = attrs['data-background-gradient'];
  if (!colour && !image && !gradient) return '';
  const outer = colour ? ` style="${escapeHtml(`background-color: ${colour};`)}"` : '';
  const layers = [gradient, image ? image.split(',').map((url) => `url(${JSON.stringify(url.trim())})`).join(', ') : undefined].filter(Boolean);
  const inner = layers.length
    ? `<div class="print-background-content" style="${escapeHtml([
        `background-image: ${layers.join(', ')};`,
        `background-size: ${attrs['data-background-size'] ?? 'cover'};`,
        `background-position: ${attrs['data-background-position'] ?? 'center'};`,
        `background-repeat: ${attrs['data-background-repeat'] ?? 'no-repeat'};`,
        attrs['data-background-opacity'] ? `opacity: ${attrs['data-background-opacity']};` : '',
      ].join(' '))}"></div>`
    : '';
  return `<div class="print-background"${outer}>${inner}</div>\n`;
}

/** reveal.js's `has-dark-background` / `has-light-background`, from a background colour it can read. */
export function contrastClass(attrs: Attributes): string | undefined {
  const colour = attrs['data-background-color'] ?? attrs['data-background'];
  const rgb = colour ? toRgb(colour.trim()) : undefined;
  if (!rgb) return undefined;
  const brightness = (rgb[0] * 299 + rgb[1] * 587 + rgb[2] * 114) / 1000;
  return brightness < 128 ? 'has-dark-background' : 'has-light-background';
}

function toRgb(colour: string): [number, number, number] | undefined {
  const hex = /^#([0-9a-f]{3,8})$/i.exec(colour)?.[1];
  if (hex && (hex.length === 3 || hex.length === 4)) return [0, 1, 2].map((i) => parseInt(hex[i]! + hex[i]!, 16)) as [number, number, number];
  if (hex && (hex.length === 6 || hex.length === 8)) return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  const rgb = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/i.exec(colour);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  return undefined;
}
