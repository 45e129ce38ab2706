/**
 * What the benchmark relies on and what keeps `briefing build` fast, checked on the benchmark's own
 * input: a clean build, byte-identical output, only the modules a build needs, only the runtime
 * files a deck uses. Timings themselves live in `npm run bench`, never here.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBriefing } from '../../bench/generate.js';
import { build } from '../../src/index.js';
import { BIN, ROOT, runCli, tempDir } from '../helpers/cli.js';

let work: ReturnType<typeof tempDir>;
let plain: string;
let rawHtml: string;

beforeAll(() => {
  work = tempDir('briefing-bench-test-');
  plain = generateBriefing(work.dir, 24);
  rawHtml = generateBriefing(work.dir, 24, { rawHtml: true });
});
afterAll(() => work.cleanup());

/** Every file under `dir`, by POSIX path relative to it, with its bytes. */
function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const abs = join(entry.parentPath, entry.name);
    out.set(relative(dir, abs).split('\\').join('/'), readFileSync(abs));
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The modules (package names and our own lib/ files: the CLI bundle and its chunks) a `briefing build` process loads. */
function modulesLoaded(briefing: string, out: string): string[] {
  const log = join(work.dir, `modules-${Date.now()}.log`);
  const hook = join(work.dir, 'log-modules.cjs');
  // require() (CommonJS, and ESM loaded through require) and import (ESM) both go through one of these.
  writeFileSync(hook, `
const { appendFileSync } = require('node:fs');
const Module = require('node:module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (...args) {
  const file = resolve.apply(this, args);
  appendFileSync(process.env.MODULE_LOG, file + '\\n');
  return file;
};
Module.register('data:text/javascript,' + encodeURIComponent(\`
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(process.env.MODULE_LOG, r.url + '\\\\n');
  return r;
}\`));
`);
  const r = spawnSync(process.execPath, ['--require', hook, BIN, 'build', briefing, '--out', out], { encoding: 'utf8', env: { ...process.env, MODULE_LOG: log, NO_COLOR: '1' } });
  expect(r.status, r.stderr).toBe(0);
  const names = readFileSync(log, 'utf8').split('\n').filter(Boolean).map((line) => {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(line);
    if (pkg) return pkg[1]!;
    const own = /\/lib\/(.*\.js)$/.exec(line);
    return own ? `lib/${own[1]}` : '';
  });
  return [...new Set(names.filter(Boolean))].sort();
}

describe('the benchmark input', () => {
  it('builds without a single diagnostic', async () => {
    for (const dir of [plain, rawHtml]) {
      const result = await build({ briefings: [dir], outDir: join(work.dir, 'clean'), cwd: work.dir });
      expect(result.diagnostics).toEqual([]);
      expect(result.ok).toBe(true);
    }
  });

  it('builds to the same bytes every time, from the CLI and from the library', async () => {
    for (const dir of [plain, rawHtml]) {
      const name = dir.slice(dir.lastIndexOf('/') + 1);
      const a = join(work.dir, 'same-a');
      const b = join(work.dir, 'same-b');
      const c = join(work.dir, 'same-c');
      expect(runCli(['build', dir, '--out', a]).code).toBe(0);
      expect(runCli(['build', dir, '--out', b]).code).toBe(0);
      await build({ briefings: [dir], outDir: c, cwd: work.dir });
      const left = files(join(a, name));
      expect([...left.keys()]).toContain('index.html');
      for (const other of [files(join(b, name)), files(join(c, name))]) {
        expect([...other.keys()]).toEqual([...left.keys()]);
        for (const [path, bytes] of left) expect(bytes.equals(other.get(path)!), `${name}/${path}`).toBe(true);
      }
    }
  });
});

describe('templates compiled ahead of time', () => {
  it('give the same deck as templates compiled at run time, for every layout', async () => {
    // The CLI (lib/) uses lib/templates.precompiled.cjs; the library run from src/ here compiles at run time.
    const script = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'precompile-templates.ts')], { encoding: 'utf8', cwd: ROOT });
    expect(script.status, script.stderr).toBe(0);
    const briefing = join(ROOT, 'briefings', 'nato-ukraine');
    const a = join(work.dir, 'aot');
    const b = join(work.dir, 'runtime');
    expect(runCli(['build', briefing, '--out', a]).code).toBe(0);
    expect((await build({ briefings: [briefing], outDir: b, cwd: work.dir })).ok).toBe(true);
    const left = files(join(a, 'nato-ukraine'));
    const right = files(join(b, 'nato-ukraine'));
    expect([...right.keys()]).toEqual([...left.keys()]);
    for (const [path, bytes] of left) expect(bytes.equals(right.get(path)!), path).toBe(true);
  });
});

describe('briefing build', () => {
  it('loads no HTML parser, sanitizer, YAML library, browser driver, server or watcher for plain Markdown and simple front matter', () => {
    const loaded = modulesLoaded(plain, join(work.dir, 'modules-plain'));
    expect(loaded).toContain('marked');
    expect(loaded).toContain('lib/bin/briefing.js');
    for (const heavy of ['sanitize-html', 'htmlparser2', 'domutils', 'dom-serializer', 'yaml', 'js-yaml', 'gray-matter', 'playwright-core', 'pdf-lib', 'd3-geo', 'world-atlas']) {
      expect(loaded, heavy).not.toContain(heavy);
    }
    // The CLI is bundled with code splitting: each command and subsystem it loads lazily is a chunk named after it.
    expect(loaded.filter((m) => /^lib\/bin\/(serve|watch|server|browser|live-reload|pdf|print|check|lint|layout-check|map|geodata)/.test(m))).toEqual([]);
  });

  it('loads the sanitizer as soon as a section has raw HTML', () => {
    const loaded = modulesLoaded(rawHtml, join(work.dir, 'modules-html'));
    expect(loaded).toContain('sanitize-html');
    expect(loaded).toContain('htmlparser2');
  });

  it('loads js-yaml as soon as a front matter needs it', () => {
    const dir = join(work.dir, 'escaped-quotes');
    cpSync(plain, dir, { recursive: true });
    const first = readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'index.md').sort()[0]!;
    writeFileSync(join(dir, first), readFileSync(join(dir, first), 'utf8').replace('---\n', '---\nclass: "escaped \\"quotes\\""\n'));
    expect(modulesLoaded(dir, join(work.dir, 'modules-yaml'))).toContain('js-yaml');
  });

  it('ships only the reveal.js and theme files the deck uses', () => {
    const out = join(work.dir, 'used');
    expect(runCli(['build', plain, '--out', out]).code).toBe(0);
    const deck = join(out, 'synthetic-24');
    const shipped = [...files(deck).keys()];
    const html = readFileSync(join(deck, 'index.html'), 'utf8');
    const css = readFileSync(join(deck, 'theme', 'theme.css'), 'utf8');
    const runtime = shipped.filter((p) => /^(vendor|theme)\//.test(p) && !/LICENSE$/.test(p));
    for (const path of runtime) {
      const usedByPage = html.includes(`"${path}"`);
      const usedByTheme = path.startsWith('theme/') && css.includes(path.slice('theme/'.length));
      expect(usedByPage || usedByTheme, `${path} is shipped but nothing references it`).toBe(true);
    }
    expect(shipped.filter((p) => p.startsWith('vendor/'))).toEqual([
      'vendor/reveal.js/LICENSE', 'vendor/reveal.js/plugin/notes.js', 'vendor/reveal.js/reveal.css', 'vendor/reveal.js/reveal.js',
    ]);
  });
});
