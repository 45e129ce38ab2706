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
  { name: 'layouts/broken', file: 'broken.hbs', text: '{{> missing}}' },
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
    const a = runTemplate(shared, 'layouts/broken', shared.layouts.get('broken')!, {});
    const b = runTemplate(plain, 'layouts/broken', plain.layouts.get('broken')!, {});
    expect(a.diagnostic?.message).toMatch(/missing/);
    expect(a).toEqual(b);
  });
});
