/** `unknown-language`: a fenced code block whose language highlight.js does not know; it is shown as plain text. */
import { warning, type Diagnostic } from '../../diagnostics.js';
import { closestLanguage, languageModule } from '../../markdown/code/highlight.js';
import { parseFenceInfo } from '../../markdown/code/steps.js';
import type { Rule } from './context.js';

const FENCE = /^( {0,3})(`{3,}|~{3,})(.*)$/;

export const unknownLanguage: Rule = {
  id: 'unknown-language',
  run(input) {
    const out: Diagnostic[] = [];
    for (const { section } of input.sections) {
      if (!section.body.includes('``') && !section.body.includes('~~')) continue;
      let open: string | undefined;
      section.body.split('\n').forEach((text, index) => {
        const fence = FENCE.exec(text);
        if (open) {
          if (fence && fence[2]![0] === open[0] && fence[2]!.length >= open.length && !fence[3]!.trim()) open = undefined;
          return;
        }
        // A backtick fence's info string cannot hold a backtick (CommonMark): such a line is not a fence.
        if (!fence || (fence[2]![0] === '`' && fence[3]!.includes('`'))) return;
        open = fence[2]!;
        const { language } = parseFenceInfo(fence[3]);
        if (!language || languageModule(language)) return;
        const suggestion = closestLanguage(language);
        out.push(warning('unknown-language', section.file, `Unknown code language \`${language}\`: the block is shown without highlighting`,
          { line: section.bodyLine + index, column: text.indexOf(language, fence[1]!.length + open.length) + 1 },
          suggestion ? `Did you mean \`${suggestion}\`?` : 'Use a highlight.js language name (javascript, python, bash, yaml, …), or `text` for plain text.'));
      });
    }
    return out;
  },
};
