/** The flags several commands share: the common ones and the output cut, with their help text. */
import type { ParseArgsConfig } from 'node:util';

export type Options = NonNullable<ParseArgsConfig['options']>;

/** Flags every command takes. */
export const COMMON: Options = {
  help: { type: 'boolean', short: 'h' },
  debug: { type: 'boolean' },
};

/** The flags that choose what goes into an output, shared by every command that writes one. */
export const CUT: Options = {
  'no-notes': { type: 'boolean' },
  audience: { type: 'string' },
  only: { type: 'string' },
  'max-classification': { type: 'string' },
};

export const CUT_HELP = `      --no-notes       leave the speaker notes out entirely (a copy for the audience)
      --audience <n>   only the sections for this audience (audience: [..]) and those for everyone
      --only <ids>     only these sections, by id: --only bluf,articles
      --max-classification <level>
                       release cut: leave out every section marked above <level> (e.g. CONFIDENTIAL)
                       and mark the output by what remains`;

/** The shared output flags, typed. */
export function cutFlags(values: Record<string, string | boolean | undefined>): { noNotes: boolean; audience: string | undefined; only: string | undefined; maxClassification: string | undefined } {
  return { noNotes: !!values['no-notes'], audience: values.audience as string | undefined, only: values.only as string | undefined, maxClassification: values['max-classification'] as string | undefined };
}
