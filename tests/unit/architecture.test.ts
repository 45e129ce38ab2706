/** The shape of src/ the README's Development section describes, held: no import circles, small files, one browser module. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const SRC = join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : name.endsWith('.ts') ? [path] : [];
  });
}

const files = sourceFiles(SRC);
const text = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));

/** Relative imports of a file (static, dynamic and type-only), as absolute .ts paths. */
function importsOf(file: string): string[] {
  return [...text.get(file)!.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => resolve(dirname(file), m[1]!).replace(/\.js$/, '.ts'));
}

describe('the source tree', () => {
  it('has no import circles', () => {
    const cycles: string[] = [];
    const done = new Set<string>();
    const stack: string[] = [];
    const visit = (file: string) => {
      const at = stack.indexOf(file);
      if (at >= 0) return void cycles.push(stack.slice(at).concat(file).map((f) => relative(SRC, f)).join(' -> '));
      if (done.has(file) || !text.has(file)) return;
      stack.push(file);
      for (const dep of importsOf(file)) visit(dep);
      stack.pop();
      done.add(file);
    };
    files.forEach(visit);
    expect(cycles).toEqual([]);
  });

  it('keeps every source file under about 250 lines', () => {
    const long = files.filter((f) => text.get(f)!.split('\n').length > 260).map((f) => relative(SRC, f));
    expect(long).toEqual([]);
  });

  it('keeps at most about a dozen files directly in any folder', () => {
    const folders = new Map<string, number>();
    for (const f of files) folders.set(relative(SRC, dirname(f)) || '.', (folders.get(relative(SRC, dirname(f)) || '.') ?? 0) + 1);
    expect([...folders].filter(([, n]) => n > 14).map(([folder, n]) => `${folder}: ${n} files`)).toEqual([]);
  });

  it('drives Chromium from src/io/browser/ only', () => {
    const outside = files.filter((f) => /['"]playwright-core['"]/.test(text.get(f)!) && !relative(SRC, f).startsWith(join('io', 'browser'))).map((f) => relative(SRC, f));
    expect(outside).toEqual([]);
  });

  it('keeps core/ free of the file system and the browser', () => {
    const impure = files.filter((f) => relative(SRC, f).startsWith('core') && /from ['"]node:(fs|fs\/promises|child_process)['"]|playwright-core/.test(text.get(f)!)).map((f) => relative(SRC, f));
    expect(impure).toEqual([]);
  });
});
