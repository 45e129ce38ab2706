/**
 * Code blocks: reveal.js's fence syntax (```` ```js [712: 1-2|3] ````) read as reveal.js's Markdown and
 * highlight plugins read it, the HTML the highlight plugin would leave in the page, highlighted at build time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeBlockHtml } from '../../src/core/markdown/code/block.js';
import { closestLanguage, highlightLines, languageModule } from '../../src/core/markdown/code/highlight.js';
import { languageIndexSource } from '../../src/core/markdown/code/language-index.js';
import { formatStep, isHighlighted, parseFenceInfo, parseSteps } from '../../src/core/markdown/code/steps.js';
import { ROOT } from '../helpers/cli.js';

describe('the fence info string', () => {
  it('takes the language and the line numbers apart as reveal.js\'s Markdown plugin does', () => {
    expect(parseFenceInfo('js [1-2|3]')).toEqual({ language: 'js', lineNumbers: '1-2|3', startFrom: undefined });
    expect(parseFenceInfo('js')).toEqual({ language: 'js', lineNumbers: undefined, startFrom: undefined });
    expect(parseFenceInfo('js []')).toEqual({ language: 'js', lineNumbers: '', startFrom: undefined });
    expect(parseFenceInfo('js [|]')).toEqual({ language: 'js', lineNumbers: '|', startFrom: undefined });
    expect(parseFenceInfo('js[3]')).toEqual({ language: 'js', lineNumbers: '3', startFrom: undefined });
    expect(parseFenceInfo('[4]')).toEqual({ language: undefined, lineNumbers: '4', startFrom: undefined });
    expect(parseFenceInfo(undefined)).toEqual({ language: undefined, lineNumbers: undefined, startFrom: undefined });
  });

  it('reads a line-number offset, `[712: 1-2|3]` and `[2:]`', () => {
    expect(parseFenceInfo('python [712: 1-2|3]')).toEqual({ language: 'python', lineNumbers: '1-2|3', startFrom: 712 });
    expect(parseFenceInfo('python [2:]')).toEqual({ language: 'python', lineNumbers: '', startFrom: 2 });
  });

  it('leaves brackets that are not line numbers to the language', () => {
    expect(parseFenceInfo('js [a]')).toEqual({ language: 'js', lineNumbers: undefined, startFrom: undefined });
  });
});

describe('highlight steps', () => {
  it('splits steps, lines and ranges as the highlight plugin\'s deserializeHighlightSteps', () => {
    expect(parseSteps('1,2|3,5-10')).toEqual([[{ start: 1 }, { start: 2 }], [{ start: 3 }, { start: 5, end: 10 }]]);
    expect(parseSteps('')).toEqual([[{}]]);
    expect(parseSteps('|')).toEqual([[{}], [{}]]);
    expect(parseSteps(' 1 - 2 | 4 ')).toEqual([[{ start: 1, end: 2 }], [{ start: 4 }]]);
    expect(parseSteps('x|-3')).toEqual([[{}], [{}]]);
  });

  it('writes each step back as the plugin writes it on the step\'s block', () => {
    expect(parseSteps('1,2|3,5-10').map(formatStep)).toEqual(['1,2', '3,5-10']);
    expect(parseSteps('|2').map(formatStep)).toEqual(['', '2']);
  });

  it('highlights rows counted from the block\'s first line, whatever its number', () => {
    const [step] = parseSteps('2,4-5');
    expect([1, 2, 3, 4, 5, 6].filter((row) => isHighlighted(step!, row))).toEqual([2, 4, 5]);
    expect(isHighlighted([{}], 1)).toBe(false);
  });
});

describe('code block HTML', () => {
  const code = 'const a = 1;\nconst b = "<b>";\nlaunch(a, b);';

  it('highlights with highlight.js classes and no line numbers without brackets', () => {
    const html = codeBlockHtml(code, 'js');
    expect(html).toMatch(/^<pre class="code-wrapper"><code class="hljs language-js"><span class="hljs-keyword">const<\/span> a = <span class="hljs-number">1<\/span>;\n/);
    expect(html).toContain('<span class="hljs-string">"&lt;b&gt;"</span>');
    expect(html).not.toContain('hljs-ln');
  });

  it('writes one block per step, later ones as fragments, with the highlighted rows marked', () => {
    const html = codeBlockHtml(code, 'js [1-2|3]');
    const blocks = html.match(/<code [^>]*>/g)!;
    expect(blocks).toEqual([
      '<code class="hljs language-js has-highlights" data-line-numbers="1-2">',
      '<code class="hljs language-js fragment has-highlights" data-line-numbers="3">',
    ]);
    const [first, second] = html.split('</code>');
    expect(first!.match(/<tr[^>]*>/g)).toEqual(['<tr class="highlight-line">', '<tr class="highlight-line">', '<tr>']);
    expect(second!.match(/<tr[^>]*>/g)).toEqual(['<tr>', '<tr>', '<tr class="highlight-line">']);
    expect(first).toContain('<td class="hljs-ln-line hljs-ln-numbers" data-line-number="1"><div class="hljs-ln-n" data-line-number="1"></div></td>');
  });

  it('numbers lines from the offset and writes it as data-ln-start-from', () => {
    const html = codeBlockHtml(code, 'js [712: 2]');
    expect(html).toContain('<code class="hljs language-js has-highlights" data-line-numbers="2" data-ln-start-from="712">');
    expect(html.match(/data-line-number="(\d+)"><div/g)).toEqual(['data-line-number="712"><div', 'data-line-number="713"><div', 'data-line-number="714"><div']);
    expect(html.match(/<tr[^>]*>/g)).toEqual(['<tr>', '<tr class="highlight-line">', '<tr>']);
  });

  it('shows line numbers without highlights for `[]`', () => {
    const html = codeBlockHtml(code, 'js []');
    expect(html).toContain('<code class="hljs language-js" data-line-numbers>');
    expect(html).not.toContain('highlight-line');
  });

  it('keeps a span that crosses lines balanced on every line', () => {
    const lines = highlightLines('/* one\ntwo */ x', 'js');
    expect(lines).toEqual(['<span class="hljs-comment">/* one</span>', '<span class="hljs-comment">two */</span> x']);
  });

  it('shows code in an unknown language as escaped plain text', () => {
    expect(codeBlockHtml('a <b> & c', 'nosuch')).toBe('<pre class="code-wrapper"><code class="hljs language-nosuch">a &lt;b&gt; &amp; c</code></pre>\n');
  });

  it('gives the same bytes every time', () => {
    expect(codeBlockHtml(code, 'ts [1|2|3]')).toBe(codeBlockHtml(code, 'ts [1|2|3]'));
  });
});

describe('languages', () => {
  it('knows highlight.js\'s names and aliases, and suggests the closest for a typo', () => {
    expect(languageModule('js')).toBe('javascript');
    expect(languageModule('Python')).toBe('python');
    expect(languageModule('sh')).toBe('bash');
    expect(languageModule('nosuch')).toBeUndefined();
    expect(closestLanguage('pyhton')).toBe('python');
    expect(closestLanguage('javascrpt')).toBe('javascript');
  });

  it('has an index that matches the installed highlight.js (after an upgrade: npx tsx scripts/generate-code-languages.ts)', () => {
    expect(readFileSync(join(ROOT, 'src', 'core', 'markdown', 'code', 'languages.ts'), 'utf8')).toBe(languageIndexSource());
  });
});
