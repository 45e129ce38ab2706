/** `word-budget`: a slide with more body text than an audience reads while listening (default 60 words). */
import { warning, type Diagnostic } from '../../diagnostics.js';
import { countWords, DATA_KEYS, dataStrings, eachSlide, parsedSlide, textOf, type Rule } from './context.js';

export const wordBudget: Rule = {
  id: 'word-budget',
  run(input) {
    const out: Diagnostic[] = [];
    // Layout data (events, figures, table rows, quotes) is drawn on every slide of its section: counted once per section.
    const dataWords = new Map<object, number>();
    for (const { section, rendered, slide } of eachSlide(input)) {
      let data = dataWords.get(rendered);
      if (data === undefined) dataWords.set(rendered, (data = countWords(dataStrings(rendered.data).map(textOf).join(' '))));
      const words = countWords(parsedSlide(slide).text) + data;
      if (words <= input.wordBudget) continue;
      // A slide drawn from layout data alone has no body line; point at the data in the front matter.
      const dataKey = DATA_KEYS.find((k) => section.front[k] !== undefined);
      const at = slide.html.trim() || !dataKey ? { line: slide.line } : section.positions.of([dataKey], { key: true });
      out.push(warning('word-budget', section.file, `Slide has ${words} words of body text; the budget is ${input.wordBudget}`, at,
        'Move detail into the speaker notes (`Note:`), or split the slide with `---`. The budget is `check: { wordBudget: N }` in index.md.'));
    }
    return out;
  },
};
