/** The Markdown files tests check fast paths against: every real file we have, plus synthetic ones. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every `.md` file under the given folders, recursively, in folder order. */
export function markdownFiles(...dirs: string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const abs = join(dir, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else if (name.endsWith('.md')) files.push(abs);
    }
  };
  for (const dir of dirs) walk(dir);
  return files;
}
