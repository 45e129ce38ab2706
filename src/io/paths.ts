/** Where the package's own files are, whether running from src/ (tsx) or lib/ (compiled). */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
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

function packageNameAt(dir: string): string | undefined {
  const file = join(dir, 'package.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name : undefined;
}

/** The folder of an installed package. Walks up from its entry point, since not every package exports package.json. */
function packageDir(name: string): string {
  let dir = packageDirs.get(name);
  if (dir) return dir;
  dir = dirname(require.resolve(name));
  while (packageNameAt(dir) !== name) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the folder of package ${name}`);
    dir = parent;
  }
  packageDirs.set(name, dir);
  return dir;
}

/** True when `path` is `root` or inside it (both absolute and symlink-resolved). */
export function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel));
}

/** A path as shown to the user: relative to the working directory when inside it. */
export function displayPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return rel && !rel.startsWith('..') ? rel.split(sep).join('/') : abs;
}
