import { describe, expect, it } from 'vitest';
import { pageElements, usedFontFaces } from '../../src/export/single-file/fonts.js';
import { dataUri, inlineDeck } from '../../src/export/single-file/inline.js';

const face = (style: string, weight: number) =>
  `@font-face { font-family: 'Sans'; font-style: ${style}; font-weight: ${weight}; src: url(fonts/sans-${weight}-${style}.woff2) format('woff2'); }`;
const FACES = [face('normal', 400), face('italic', 400), face('normal', 600), face('normal', 700)];
const THEME = `${FACES.join('\n')}
.reveal { font-family: 'Sans'; }
.reveal h2 { font-weight: 700; }
.reveal .kicker { font-weight: 600; }
.reveal em { font-style: italic; }`;

/** Which of FACES a page keeps, as "weight style". */
function kept(html: string): string[] {
  const used = usedFontFaces([THEME], pageElements(html));
  return FACES.filter((f) => used.has(f)).map((f) => /font-weight: (\d+)/.exec(f)![1] + ' ' + /font-style: (\w+)/.exec(f)![1]);
}

describe('font faces of a single file', () => {
  it('keeps only the regular face for a page of plain paragraphs', () => {
    expect(kept('<p>Text</p>')).toEqual(['400 normal']);
  });

  it('keeps the faces the page asks for through the theme and the browser defaults', () => {
    expect(kept('<h2>Title</h2><p>Text with <em>stress</em></p>')).toEqual(['400 normal', '400 italic', '700 normal']);
    expect(kept('<span class="kicker">Part</span>')).toEqual(['400 normal', '600 normal']);
    // <strong> is bold in every browser, whatever the theme says.
    expect(kept('<strong>Bold</strong>')).toEqual(['400 normal', '700 normal']);
  });

  it('draws a weight without a face of its own in the nearest face, as CSS font matching does', () => {
    const used = usedFontFaces([`${FACES.join('\n')}\np { font-weight: 800 }`], pageElements('<p>x</p>'));
    expect(used.has(face('normal', 700))).toBe(true);
    expect(used.has(face('normal', 600))).toBe(false);
  });
});

describe('inlineDeck', () => {
  const files = new Map<string, Uint8Array>([
    ['theme/theme.css', Buffer.from(THEME)],
    ['theme/fonts/sans-400-normal.woff2', Buffer.from('regular')],
    ['theme/fonts/sans-400-italic.woff2', Buffer.from('italic')],
    ['theme/fonts/sans-600-normal.woff2', Buffer.from('semibold')],
    ['theme/fonts/sans-700-normal.woff2', Buffer.from('bold')],
    ['theme/fonts/LICENSE', Buffer.from('Font licence text')],
    ['media/dot.png', Buffer.from([137, 80, 78, 71])],
    ['vendor/app.js', Buffer.from('var s = "</script><!-- x";')],
  ]);
  const page = '<html><head><link rel="stylesheet" href="theme/theme.css"></head><body><p>Hi <img src="media/dot.png" alt="dot"></p><script src="vendor/app.js"></script></body></html>';

  it('inlines style sheets, scripts, images and only the font faces drawn, with their licence', () => {
    const html = inlineDeck(page, files, { fontLicences: new Map([['theme/fonts', 'Font licence text']]) });
    expect(html).not.toMatch(/(href|src)="(theme|media|vendor)\//);
    expect(html).toContain(`src="${dataUri('media/dot.png', files.get('media/dot.png')!)}"`);
    expect(html).toContain(`url(${dataUri('x.woff2', Buffer.from('regular'))})`);
    expect(html).not.toContain(Buffer.from('italic').toString('base64'));
    expect(html).not.toContain(Buffer.from('bold').toString('base64'));
    expect(html).toContain('Font licence text');
    // The script's text cannot end its element early.
    expect(html).toContain('var s = "<\\/script><\\!-- x";');
    expect(html.match(/<\/script>/g)).toHaveLength(1);
  });

  it('writes SVG as text, not base64', () => {
    expect(dataUri('a.svg', Buffer.from('<svg a="1"># %</svg>'))).toBe('data:image/svg+xml,<svg a=%221%22>%23 %25</svg>');
  });
});
