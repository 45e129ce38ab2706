import { describe, expect, it } from 'vitest';
import { renderInline, renderMarkdown } from '../../src/core/markdown/render.js';
import { escapeHtml } from '../../src/core/escape.js';
import { resolveAsset } from '../../src/core/assets.js';
import { formatDate } from '../../src/core/dates.js';
import { citationLine, citedSources, fullCitation, paginate } from '../../src/core/compose/generated.js';

const ctx = { file: 'b/a.md', dir: '', allowScripts: false };

describe('renderMarkdown', () => {
  it('renders GFM tables', () => {
    const { html } = renderMarkdown('| a | b |\n|---|---|\n| 1 | 2 |', ctx, 1);
    expect(html).toContain('<table>');
    expect(html).toContain('<td>2</td>');
  });

  it('applies .element comments to the element before them, or to their parent', () => {
    const { html } = renderMarkdown('- one <!-- .element: class="fragment" -->\n\n![x](a.png) <!-- .element: class="big" -->', ctx, 1);
    expect(html).toContain('<li class="fragment">one');
    expect(html).toMatch(/<img[^>]*class="big"/);
  });

  it('keeps {{ in a body as literal text', () => {
    expect(renderMarkdown('Use {{title}} here', ctx, 1).html).toContain('{{title}}');
  });

  it('rewrites local image paths into the deck media folder and records them', () => {
    const r = renderMarkdown('Intro\n\n![Map](img/map.png)', { ...ctx, dir: 'parts' }, 10);
    expect(r.html).toContain('src="media/parts/img/map.png"');
    expect(r.assets).toEqual([{ path: 'parts/img/map.png', file: 'b/a.md', line: 12 }]);
  });

  it('flags image paths that leave the briefing folder', () => {
    const r = renderMarkdown('![x](../../etc/passwd)', ctx, 1);
    expect(r.assets[0]).toMatchObject({ escapes: true });
  });

  it('removes scripts and event handlers with a positioned warning', () => {
    const r = renderMarkdown('Hi\n\n<img src="a.png" onerror="alert(1)">\n\n<script>alert(2)</script>', ctx, 7);
    expect(r.html).not.toMatch(/onerror|<script|alert/);
    expect(r.diagnostics.map((d) => [d.rule, d.line])).toEqual([
      ['unsafe-html', 9],
      ['unsafe-html', 11],
    ]);
  });

  it('reports whether the slide opens with its own heading, and its title', () => {
    expect(renderMarkdown('## Own heading\n\ntext', ctx, 1)).toMatchObject({ hasHeading: true, title: 'Own heading' });
    expect(renderMarkdown('text\n\n## Later', ctx, 1)).toMatchObject({ hasHeading: false, title: 'Later' });
  });
});

describe('front-matter strings', () => {
  it('are escaped but keep inline Markdown', () => {
    expect(renderInline('<b onclick=x>**bold**</b>')).toBe('&lt;b onclick=x&gt;<strong>bold</strong>&lt;/b&gt;');
    expect(escapeHtml(`<"'&>`)).toBe('&#60;&#34;&#39;&#38;&#62;');
  });
});

describe('resolveAsset', () => {
  it('tells local, escaping, remote and other URLs apart', () => {
    expect(resolveAsset('img/a b.png', '')).toEqual({ kind: 'local', path: 'img/a b.png', href: 'media/img/a%20b.png' });
    expect(resolveAsset('/etc/passwd', '')).toMatchObject({ kind: 'escape' });
    expect(resolveAsset('..%2f..%2fsecret', '')).toMatchObject({ kind: 'escape' });
    expect(resolveAsset('https://example.org/a.png', '')).toEqual({ kind: 'remote' });
    expect(resolveAsset('#/crisis', '')).toEqual({ kind: 'other' });
    expect(resolveAsset('mailto:a@b.c', '')).toEqual({ kind: 'other' });
  });
});

describe('dates and citations', () => {
  it('formats ISO dates the way briefings write them', () => {
    expect(formatDate('2022-04-07')).toBe('7 April 2022');
    expect(formatDate('2022-02-24', 'short')).toBe('24 Feb 2022');
    expect(formatDate('2022-05', 'short')).toBe('May 2022');
    // Three letters for every month, so June and July look like the rest.
    expect(formatDate('1997-06-26', 'short')).toBe('26 Jun 1997');
    expect(formatDate('spring 2022')).toBe('spring 2022');
  });

  it('numbers sources in order of first citation and skips unknown ids', () => {
    const section = (sources: string[]) => ({ front: { title: 't', sources } }) as never;
    const cited = citedSources([section(['b', 'x']), section(['a', 'b'])], {
      a: { title: 'A', publisher: 'Pa' },
      b: { title: 'B', publisher: 'Pb', date: '2022-02-24' },
    });
    expect(cited.map((c) => [c.number, c.id, c.short])).toEqual([
      [1, 'b', '[1] Pb, 24 Feb 2022'],
      [2, 'a', '[2] Pa'],
    ]);
  });

  it('keeps a citation line to one line: the first sources in full, the rest counted and numbered', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    const section = { front: { title: 't', sources: ids } } as never;
    const sources = Object.fromEntries(ids.map((id, i) => [id, { title: id, publisher: `Publisher ${id.toUpperCase()}`, date: `2022-0${i + 1}-24` }]));
    const cited = citedSources([section], sources);
    const long = citationLine(section, cited, 1000);
    expect(long).toBe('Sources: [1] Publisher A, 24 Jan 2022; [2] Publisher B, 24 Feb 2022; [3] Publisher C, 24 Mar 2022; [4] Publisher D, 24 Apr 2022; [5] Publisher E, 24 May 2022; [6] Publisher F, 24 Jun 2022');
    const short = citationLine(section, cited, 90);
    expect(short).toBe('Sources: [1] Publisher A, 24 Jan 2022; [2] Publisher B, 24 Feb 2022; +4 more [3, 4, 5, 6]');
    expect(short.length).toBeLessThanOrEqual(90);
    // However narrow, the first source stays named.
    expect(citationLine(section, cited, 10)).toBe('Sources: [1] Publisher A, 24 Jan 2022; +5 more [2, 3, 4, 5, 6]');
    expect(citationLine({ front: { title: 't', sources: ['a'] } } as never, cited, 10)).toBe('Source: [1] Publisher A, 24 Jan 2022');
  });

  it('escapes every field of a full citation', () => {
    const html = fullCitation({ title: '<i>T</i>', author: 'A & B', url: 'https://x.org/?a="1"' });
    expect(html).toBe('A &#38; B, “&#60;i&#62;T&#60;/i&#62;”. <a class="source-url" href="https://x.org/?a=&#34;1&#34;">https://x.org/?a=&#34;1&#34;</a>');
  });

  it('paginates long generated lists', () => {
    expect(paginate([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(paginate([], 2)).toEqual([[]]);
  });
});
