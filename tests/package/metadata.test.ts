/** What a new author reads first (#16): the Node.js the package needs, at the top of the README, as package.json requires it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

describe('package metadata', () => {
  it('states the Node.js requirement before the first section of the README, as package.json engines says', () => {
    const engines = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    const version = /^>=\s*(\d+\.\d+)/.exec(engines)?.[1];
    expect(version).toBeDefined();
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const opening = readme.slice(0, readme.indexOf('\n## '));
    expect(opening).toContain(`Node.js ${version} or later`);
  });
});
