/** Where the package's own files are, whether running from src/ (tsx) or lib/ (compiled). */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: the folder holding package.json, templates/ and node_modules/. */
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Built-in templates folder. */
export const TEMPLATES_DIR = join(PACKAGE_ROOT, 'templates');

const require = createRequire(import.meta.url);

/** Absolute path of a file inside an installed package, e.g. `reveal.js/dist/reveal.js`. */
export function packageFile(specifier: string): string {
  const [scopeOrName, maybeName, ...rest] = specifier.split('/');
  const name = scopeOrName!.startsWith('@') ? `${scopeOrName}/${maybeName}` : scopeOrName!;
  const inner = scopeOrName!.startsWith('@') ? rest : [maybeName!, ...rest];
  return join(packageDir(name), ...inner.filter(Boolean));
}

const packageDirs = new Map<string, string>();

/** The folder of an installed package. Walks up from its entry point, since not every package exports package.json. */
function packageDir(name: string): string {
  let dir = packageDirs.get(name);
  if (dir) return dir;
  dir = dirname(require.resolve(name));
  while (!existsSync(join(dir, 'package.json')) || !readFileSync(join(dir, 'package.json'), 'utf8').includes(`"name": "${name}"`) && !readFileSync(join(dir, 'package.json'), 'utf8').includes(`"name":"${name}"`)) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the folder of package ${name}`);
    dir = parent;
  }
  packageDirs.set(name, dir);
  return dir;
}
