/**
 * Checks hold for what is read: a separate process swaps a section, a template, the theme and the images/
 * folder for links to outside files while hundreds of builds run, and no outside byte may reach a deck.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from '../../src/api/build.js';
import { FIXTURES, tempDir } from '../helpers/cli.js';

const BUILDS = 300;
const SECRET = 'SECRET-OUTSIDE';

/**
 * The swapper: round-robin over the targets, replace each with a link to its outside twin (atomically, by
 * renaming a prepared link over it), pause a moment, put the real file back the same way.
 */
const SWAPPER = `
const { renameSync, symlinkSync, copyFileSync, cpSync, rmSync } = require('node:fs');
const { join } = require('node:path');
const [brief, outside] = process.argv.slice(1);
const pause = new Int32Array(new SharedArrayBuffer(4));
const files = [['02-swap.md', 'secret.md'], ['templates/layouts/content.hbs', 'secret.hbs'], ['custom.css', 'secret.css']];
for (let i = 0; ; i++) {
  try {
    if (i % 4 === 3) {
      // images/ becomes a link to a folder outside holding a pic.png of its own.
      renameSync(join(brief, 'images'), join(brief, '.images-real'));
      symlinkSync(join(outside, 'images'), join(brief, '.images-link'));
      renameSync(join(brief, '.images-link'), join(brief, 'images'));
      Atomics.wait(pause, 0, 0, 2);
      rmSync(join(brief, 'images'));
      renameSync(join(brief, '.images-real'), join(brief, 'images'));
    } else {
      const [file, secret] = files[i % 4];
      symlinkSync(join(outside, secret), join(brief, '.link'));
      renameSync(join(brief, '.link'), join(brief, file));
      Atomics.wait(pause, 0, 0, 2);
      copyFileSync(join(brief, '.originals', file.replaceAll('/', '_')), join(brief, '.copy'));
      renameSync(join(brief, '.copy'), join(brief, file));
    }
  } catch {}
  Atomics.wait(pause, 0, 0, 1);
}
`;

describe('races: files swapped for links while builds run', () => {
  it(`lets no outside file into any of ${BUILDS} builds`, async () => {
    const { dir, cleanup } = tempDir('briefing-race-');
    const brief = join(dir, 'race-swap');
    const outside = join(dir, 'outside');
    cpSync(join(FIXTURES, 'race-swap'), brief, { recursive: true });
    mkdirSync(join(brief, '.originals'));
    for (const file of ['02-swap.md', 'templates/layouts/content.hbs', 'custom.css']) copyFileSync(join(brief, file), join(brief, '.originals', file.replaceAll('/', '_')));
    mkdirSync(join(outside, 'images'), { recursive: true });
    writeFileSync(join(outside, 'secret.md'), `---\ntitle: Outside\n---\n## ${SECRET} section\n`);
    writeFileSync(join(outside, 'secret.hbs'), `${SECRET} template {{{slide.html}}}\n`);
    writeFileSync(join(outside, 'secret.css'), `.reveal { --leak: "${SECRET}"; }\n`);
    writeFileSync(join(outside, 'images', 'pic.png'), Buffer.concat([readFileSync(join(brief, 'images', 'pic.png')), Buffer.from(SECRET)]));
    const swapper = spawn(process.execPath, ['-e', SWAPPER, brief, outside], { stdio: 'ignore' });
    const leaks: string[] = [];
    let refused = 0;
    try {
      for (let i = 0; i < BUILDS; i++) {
        const out = join(dir, 'out');
        const result = await build({ briefings: [brief], outDir: out, cwd: dir });
        if (result.diagnostics.some((d) => d.rule === 'file-escapes' || d.rule === 'asset-escape')) refused++;
        if (!result.ok) continue;
        for (const file of filesUnder(join(out, 'race-swap'))) {
          if (readFileSync(file).includes(SECRET)) leaks.push(`build ${i}: ${file}`);
        }
      }
    } finally {
      swapper.kill('SIGKILL');
      cleanup();
    }
    expect(leaks, `${leaks.length} of ${BUILDS} builds leaked`).toEqual([]);
    // The swapper really raced the builds: some of them met a link and refused it.
    expect(refused).toBeGreaterThan(0);
  }, 600_000);
});

function filesUnder(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, encoding: 'utf8' }).map((p) => join(root, p)).filter((p) => statSync(p).isFile());
}
