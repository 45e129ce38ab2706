/** Remove anything from rendered HTML that could run script, keeping layout HTML usable. */
import sanitizeHtml from 'sanitize-html';

const SVG_TAGS = [
  'svg', 'g', 'path', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'rect', 'text', 'tspan', 'title', 'desc',
  'defs', 'lineargradient', 'radialgradient', 'stop', 'clippath', 'mask', 'pattern', 'marker', 'symbol', 'use',
];
const SVG_ATTRIBUTES = [
  'viewbox', 'viewBox', 'xmlns', 'd', 'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity',
  'stroke-linecap', 'stroke-linejoin', 'stroke-dasharray', 'opacity', 'transform', 'x', 'y', 'x1', 'y1', 'x2', 'y2',
  'cx', 'cy', 'r', 'rx', 'ry', 'points', 'text-anchor', 'dominant-baseline', 'font-size', 'font-weight', 'font-family',
  'offset', 'stop-color', 'stop-opacity', 'gradientUnits', 'preserveAspectRatio', 'clip-path', 'marker-end', 'marker-start',
  'vector-effect', 'dx', 'dy', 'focusable',
];

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    ...sanitizeHtml.defaults.allowedTags,
    'img', 'picture', 'source', 'video', 'audio', 'track', 'details', 'summary', 'del', 'ins', 's', 'input', 'center', 'font',
    ...SVG_TAGS,
  ],
  allowedAttributes: {
    '*': ['class', 'id', 'style', 'title', 'lang', 'dir', 'role', 'aria-*', 'data-*', 'align', 'width', 'height', 'hidden', ...SVG_ATTRIBUTES],
    a: ['href', 'name', 'target', 'rel'],
    img: ['src', 'srcset', 'alt', 'loading', 'decoding'],
    source: ['src', 'srcset', 'type', 'media'],
    video: ['src', 'poster', 'controls', 'autoplay', 'loop', 'muted', 'playsinline', 'preload'],
    audio: ['src', 'controls', 'autoplay', 'loop', 'muted', 'preload'],
    track: ['src', 'kind', 'srclang', 'label', 'default'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan', 'scope'],
    ol: ['start', 'type', 'reversed'],
    input: ['type', 'checked', 'disabled'],
    code: ['class'],
    time: ['datetime'],
    font: ['color', 'size', 'face'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https', 'data'], source: ['http', 'https', 'data'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite', 'poster', 'action', 'xlink:href', 'data-src', 'data-background-image', 'data-background-video', 'data-background-iframe', 'data-preview-link'],
  allowProtocolRelative: false,
  // Keep the contents of unknown-but-harmless tags; drop script-bearing ones with their contents.
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'template'],
  parser: { lowerCaseAttributeNames: false },
};

/** Sanitize rendered HTML. Scripts, event handlers and script URLs are removed. */
export function sanitize(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}
