/**
 * runTemplate calls each template with the set-up Handlebars hands to partials, captured once
 * (src/core/templates.ts), instead of letting every call set itself up. These tests hold that path to
 * Handlebars' own: same output for helpers, partials, loops, `@root` and `../`, and the same errors.
 */
import { describe, expect, it } from 'vitest';
import { compileTemplates, runTemplate, type CompiledTemplates, type TemplateFile } from '../../src/core/compose/templates.js';

const TEMPLATES: TemplateFile[] = [
  { name: 'deck', file: 'deck.hbs', text: '<title>{{deck.title}}</title>{{{slides}}}' },
  { name: 'partials/heading', file: 'heading.hbs', text: '{{#unless slide.hasHeading}}<h2>{{section.title}}</h2>{{/unless}}' },
  {
    name: 'layouts/probe',
    file: 'probe.hbs',
    text: [
      '{{> heading}}',
      '{{#each section.items}}<li data-i="{{@index}}" data-first="{{@first}}">{{this}} of {{../section.title}} / {{@root.section.id}}</li>{{/each}}',
      '{{#if (eq section.id "b")}}B!{{else}}not b{{/if}} {{inc 41}} {{formatDate deck.date "short"}}',
      '{{#with section}}{{title}}{{/with}} {{lookup section.items 1}} {{{slide.html}}} {{slide.html}}',
    ].join('\n'),
  },
  // A partial named at run time: the compile-time name check cannot see it, so Handlebars fails when it runs.
  { name: 'layouts/broken', file: 'broken.hbs', text: '{{> (lookup section "partial")}}' },
];

function compiled(): CompiledTemplates {
  const c = compileTemplates(TEMPLATES).compiled;
  if (!c) throw new Error('templates did not compile');
  return c;
}

describe('template calls with shared set-up', () => {
  it('captures the shared set-up', () => {
    expect(compiled().shared).toMatchObject({ partial: true });
  });

  it('gives the same output as a plain Handlebars call', () => {
    const shared = compiled();
    const plain = { ...compiled(), shared: undefined };
    const contexts = [
      { deck: { title: 'T', date: '2022-04-07' }, section: { id: 'a', title: 'A <x>', items: ['one', 'two'] }, slide: { html: '<p>x</p>', hasHeading: false } },
      { deck: { title: 'T', date: '2022-02-24' }, section: { id: 'b', title: 'B', items: [] }, slide: { html: '', hasHeading: true } },
    ];
    for (const context of contexts) {
      const a = runTemplate(shared, 'layouts/probe', shared.layouts.get('probe')!, context);
      const b = runTemplate(plain, 'layouts/probe', plain.layouts.get('probe')!, context);
      expect(a).toEqual(b);
    }
    const first = runTemplate(shared, 'layouts/probe', shared.layouts.get('probe')!, contexts[0]).html;
    expect(first).toContain('<li data-i="1" data-first="false">two of A &lt;x&gt; / a</li>');
    expect(first).toContain('<h2>A &lt;x&gt;</h2>');
  });

  it('reports a runtime error the same way', () => {
    const shared = compiled();
    const plain = { ...compiled(), shared: undefined };
    const context = { section: { partial: 'missing' } };
    const a = runTemplate(shared, 'layouts/broken', shared.layouts.get('broken')!, context);
    const b = runTemplate(plain, 'layouts/broken', plain.layouts.get('broken')!, context);
    expect(a.diagnostic?.message).toMatch(/missing/);
    expect(a).toEqual(b);
  });
});

describe('unknown helpers and partials', () => {
  it('reports a mistyped helper at its template line and column with the closest helper', () => {
    const result = compileTemplates([TEMPLATES[0]!, { name: 'layouts/typo', file: 'typo.hbs', text: '<p>\n  {{formatDat deck.date}}\n  {{#iff x}}y{{/iff}}</p>' }]);
    expect(result.compiled).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.line, d.column, d.message, d.hint?.split('?')[0]])).toEqual([
      [2, 3, 'Template error: unknown helper `formatDat`', 'Did you mean `formatDate`'],
      [3, 3, 'Template error: unknown helper `iff`', 'Did you mean `if`'],
    ]);
  });

  it('leaves data lookups without arguments alone', () => {
    expect(compileTemplates([TEMPLATES[0]!, { name: 'layouts/data', file: 'data.hbs', text: '{{section.title}} {{#section}}{{title}}{{/section}}' }]).diagnostics).toEqual([]);
  });
});
