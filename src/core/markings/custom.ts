/** A deck's own marking scheme (`markings: { levels: [...] }` in index.md), checked for readable banners. Pure. */
import { contrastRatio } from '../colour.js';
import { error, warning, type Diagnostic } from '../diagnostics.js';
import { deckSetting } from '../parse/briefing.js';
import type { MarkingsSetting } from '../parse/schema.js';
import type { BriefingIndex } from '../model.js';
import { initials, splitMarking } from './marking.js';
import { normalizeLevel, type Level, type Scheme } from './schemes.js';

/** WCAG AA for normal text: banners are small type. */
const MIN_CONTRAST = 4.5;

/** Build the scheme a deck defines; text colour defaults to black or white, whichever reads better. */
export function customScheme(setting: Exclude<MarkingsSetting, string>, deck: BriefingIndex): { scheme: Scheme; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const levels: Level[] = [];
  setting.levels.forEach((entry, i) => {
    const name = normalizeLevel(splitMarking(entry.name).level);
    const colour = expand(entry.colour);
    const text = entry.text ? expand(entry.text) : contrastRatio(colour, '#000000') >= contrastRatio(colour, '#ffffff') ? '#000000' : '#ffffff';
    if (levels.some((l) => l.name === name)) {
      const site = deckSetting(deck, ['markings', 'levels', i, 'name']);
      diagnostics.push(error('duplicate-level', site.file, `Level \`${name}\` is listed twice in \`markings.levels\``, site.at,
        'List each level once, lowest first.'));
      return;
    }
    const ratio = contrastRatio(colour, text);
    if (ratio < MIN_CONTRAST) {
      const site = deckSetting(deck, ['markings', 'levels', i, entry.text ? 'text' : 'colour']);
      diagnostics.push(warning('low-contrast-marking', site.file, `Banner text ${text} on ${colour} has a contrast of ${ratio.toFixed(1)}:1, below ${MIN_CONTRAST}:1`,
        site.at,
        `Pick a ${contrastRatio(colour, '#000000') >= contrastRatio(colour, '#ffffff') ? 'darker text or lighter' : 'lighter text or darker'} background; or leave out \`text\` to get black or white, whichever reads better.`));
    }
    levels.push({ name, colour, text, portion: entry.portion ? String(entry.portion) : initials(name) });
  });
  return { scheme: { name: 'custom', levels }, diagnostics };
}

/** `#abc` -> `#aabbcc`, lower case: one spelling in the HTML. */
function expand(hex: string): string {
  const h = hex.trim().toLowerCase();
  return h.length === 4 ? `#${[...h.slice(1)].map((c) => c + c).join('')}` : h;
}
