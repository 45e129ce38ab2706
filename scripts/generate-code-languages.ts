/**
 * Run by hand after upgrading highlight.js (`npx tsx scripts/generate-code-languages.ts`): writes
 * src/core/markdown/code/languages.ts, the index of highlight.js's languages by name and alias, with the
 * languages each one embeds. A build then loads only the languages a deck uses: loading all of
 * highlight.js takes about half a second, longer than building a small deck. tests/unit/code.test.ts
 * fails when the file no longer matches the installed highlight.js.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { languageIndexSource } from '../src/core/markdown/code/language-index.js';

const out = join(fileURLToPath(new URL('..', import.meta.url)), 'src', 'core', 'markdown', 'code', 'languages.ts');
writeFileSync(out, languageIndexSource());
