import { describe, expect, it } from 'vitest';
import { htmlBlocks, htmlPlainText, htmlRuns } from '../../src/export/pptx/html/html-blocks.js';
import { codeBlockHtml } from '../../src/core/markdown/code/block.js';

describe('slide HTML as PowerPoint text', () => {
  it('keeps bold, italic, code, strikethrough and web links as runs', () => {
    const runs = htmlRuns('A <strong>b</strong> <em>c</em> <code>d</code> <del>e</del> <a href="https://x.org/p">f</a>');
    expect(runs).toEqual([
      { text: 'A ' }, { text: 'b', bold: true }, { text: ' ' }, { text: 'c', italic: true }, { text: ' ' }, { text: 'd', code: true }, { text: ' ' },
      { text: 'e', strike: true }, { text: ' ' }, { text: 'f', link: { url: 'https://x.org/p' } },
    ]);
  });

  it('keeps no link but web links and slide anchors: javascript:, data:, mailto: and relative links become text', () => {
    const runs = htmlRuns('<a href="javascript:alert(1)">a</a> <a href="JaVaScRiPt:x">b</a> <a href="data:text/html,x">c</a> <a href="mailto:x@y">d</a> <a href="#/facts">e</a> <a href="page.html">f</a>');
    expect(runs.filter((r) => r.link)).toEqual([{ text: 'e', link: { anchor: 'facts' } }]);
  });

  it('turns a highlighted code block with line numbers and steps into its lines, once', () => {
    const blocks = htmlBlocks(codeBlockHtml('const a = 1;\n\n  go(a);', 'js [1|3]'));
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toMatchObject({ paragraphs: [{ role: 'code', runs: [{ text: 'const a = 1;', code: true }] }, { runs: [{ text: ' ' }] }, { runs: [{ text: '  go(a);' }] }] });
    expect(htmlBlocks(codeBlockHtml('x = 1\ny = 2', 'python'))[0]).toMatchObject({ paragraphs: [{ runs: [{ text: 'x = 1' }] }, { runs: [{ text: 'y = 2' }] }] });
  });

  it('drops scripts, styles and embeds with their content', () => {
    const text = htmlPlainText('<p>Before</p><script>alert("x")</script><style>p{}</style><iframe srcdoc="<b>x</b>"></iframe><svg><text>svg text</text></svg><p>After</p>');
    expect(text).toBe('Before\nAfter');
  });

  it('gives list items their level, bullet or number, and ordered lists their start', () => {
    const [block] = htmlBlocks('<ul><li>one<ul><li>two</li></ul></li></ul><ol start="3"><li>three</li><li>four</li></ol>');
    expect(block).toMatchObject({ kind: 'text' });
    const paragraphs = block!.kind === 'text' ? block!.paragraphs : [];
    expect(paragraphs.map((p) => [p.runs[0]!.text, p.level ?? 0, p.bullet])).toEqual([
      ['one', 0, { type: 'bullet' }], ['two', 1, { type: 'bullet' }], ['three', 0, { type: 'number', start: 3 }], ['four', 0, { type: 'number', start: 4 }],
    ]);
  });

  it('turns a code block into monospace lines, a table into rows and an image into a picture', () => {
    const blocks = htmlBlocks('<pre><code class="language-js">a = 1;\n  b();\n</code></pre><table><thead><tr><th align="right">h</th></tr></thead><tbody><tr><td><strong>x</strong></td></tr></tbody></table><p><img src="media/images/a%20b.png" alt="A picture"></p>');
    expect(blocks.map((b) => b.kind)).toEqual(['text', 'table', 'picture']);
    expect(blocks[0]).toMatchObject({ paragraphs: [{ role: 'code', runs: [{ text: 'a = 1;', code: true }] }, { runs: [{ text: '  b();' }] }] });
    expect(blocks[1]).toMatchObject({ headerRows: 1, rows: [[{ header: true, align: 'right' }], [{ paragraphs: [{ runs: [{ text: 'x', bold: true }] }] }]] });
    expect(blocks[2]).toEqual({ kind: 'picture', path: 'media/images/a b.png', alt: 'A picture' });
  });

  it('does not fetch remote images: their alt text stands in', () => {
    expect(htmlBlocks('<p><img src="https://example.org/x.png" alt="Remote"></p>')).toEqual([{ kind: 'text', paragraphs: [expect.objectContaining({ runs: [{ text: '[Remote]', italic: true }] })] }]);
  });

  it('collapses whitespace and keeps <br> as a line break inside the paragraph', () => {
    expect(htmlRuns('<p>one\n  two<br />three</p>')).toEqual([{ text: 'one two' }, { text: 'three', breakBefore: true }]);
  });

  it('writes notes as plain text, one line per paragraph, list items marked', () => {
    expect(htmlPlainText('<p>First <em>point</em>.</p>\n<ul><li>a</li><li>b</li></ul><p>Last.</p>')).toBe('First point.\n• a\n• b\nLast.');
  });

  it('keeps non-Latin text as it is', () => {
    expect(htmlPlainText('<p>Привет, 世界, مرحبا</p>')).toBe('Привет, 世界, مرحبا');
  });
});
