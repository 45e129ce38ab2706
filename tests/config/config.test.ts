/** `briefing.config.json`: flag defaults by long name, the briefings folder, deck defaults; flag ?? config ?? front matter ?? default. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/parse/config.js';
import { configSettings, resolveOptions } from '../../src/api/options.js';
import { flagDefaults, negations } from '../../src/cli/config.js';
import { copyFixture, runCli, tempDir } from '../helpers/cli.js';

/** Run `briefing <args>` in a fresh copy of a fixture project; `edit` may change its files first. */
function inProject(fixture: string, args: string[], edit?: (dir: string) => void) {
  const { dir: tmp, cleanup } = tempDir();
  const dir = copyFixture(fixture, tmp);
  edit?.(dir);
  const result = runCli(args, { cwd: dir });
  const read = (path: string) => readFileSync(join(dir, path), 'utf8');
  return { ...result, dir, read, exists: (path: string) => existsSync(join(dir, path)), cleanup };
}

describe('briefing.config.json', () => {
  it('gives flag defaults, the briefings folder and deck defaults (markings included) that front matter overrides', () => {
    const r = inProject('config-project', ['build']);
    try {
      expect(r.code, r.stderr).toBe(0);
      const alpha = r.read('public/alpha/index.html');
      // "drafts": true, "no-notes": true
      expect(alpha).toContain('A draft the config file includes.');
      expect(alpha).not.toContain('Speaker notes the audience copy leaves out');
      // deck defaults: organization, the company's own marking scheme and portion marks, reveal.js key by key
      expect(alpha).toContain('Plans Directorate');
      expect(alpha).toContain('aria-label="Classification">COMPANY INTERNAL<');
      expect(alpha).toContain('style="background-color:#ffd54f;color:#000000"');
      expect(alpha).toContain('(CI)');
      expect(alpha).toContain('"transition":"none"');
      expect(alpha).toContain('"controls":false');
      // beta's own front matter wins over the defaults
      const beta = r.read('public/beta/index.html');
      expect(beta).toContain('Beta Team');
      expect(beta).not.toContain('Plans Directorate');
      expect(beta).not.toContain('COMPANY INTERNAL');
      expect(beta).toContain('"controls":true');
      expect(r.exists('dist')).toBe(false);
    } finally {
      r.cleanup();
    }
  });

  it('lets flags override the config file, and --no-<flag> turn off a boolean it turns on', () => {
    const r = inProject('config-project', ['build', '--out', 'elsewhere', '--no-drafts']);
    try {
      expect(r.code, r.stderr).toBe(0);
      expect(r.read('elsewhere/alpha/index.html')).not.toContain('A draft the config file includes.');
      expect(r.exists('public')).toBe(false);
    } finally {
      r.cleanup();
    }
  });

  it('takes check flags from it too: "strict" fails on a warning; --no-strict does not', () => {
    // The config's markings give PUBLIC a dark banner; a faint one is a warning that points at the config file.
    const edit = (dir: string) => {
      const file = join(dir, 'briefing.config.json');
      writeFileSync(file, readFileSync(file, 'utf8').replace('{ "name": "PUBLIC", "colour": "#1b5e20" }', '{ "name": "PUBLIC", "colour": "#1b5e20", "text": "#333333" }'));
    };
    const strict = inProject('config-project', ['check', 'decks/alpha'], edit);
    const lenient = inProject('config-project', ['check', 'decks/alpha', '--no-strict'], edit);
    try {
      expect(strict.code).toBe(1);
      expect(strict.stdout + strict.stderr).toMatch(/briefing\.config\.json:12:\d+ warning Banner text #333333 on #1b5e20 has a contrast of/);
      expect(lenient.code, lenient.stdout + lenient.stderr).toBe(0);
    } finally {
      strict.cleanup();
      lenient.cleanup();
    }
  });

  it('points a deck default that is wrong for a deck at the config file', () => {
    const r = inProject('config-project', ['build', 'decks/alpha'], (dir) => {
      const file = join(dir, 'briefing.config.json');
      writeFileSync(file, readFileSync(file, 'utf8').replace('"classification": "COMPANY INTERNAL"', '"classification": "COMPANY INTERNL"'));
    });
    try {
      expect(r.stderr).toContain('briefing.config.json:9:23 warning Unknown classification level `COMPANY INTERNL` in the deck’s own (`markings:`) scheme; shown as COMPANY INTERNAL');
      expect(r.stderr).toContain('fix: Did you mean `COMPANY INTERNAL`?');
    } finally {
      r.cleanup();
    }
  });

  it('writes the exporters\' files under its "out" folder', () => {
    const r = inProject('config-project', ['pptx', 'decks/beta']);
    try {
      expect(r.code, r.stderr).toBe(0);
      expect(r.exists('public/beta/beta.pptx')).toBe(true);
    } finally {
      r.cleanup();
    }
  });

  it('reports every problem at its line and column with the fix, and exits 1', () => {
    const r = inProject('config-broken', ['build']);
    try {
      expect(r.code).toBe(1);
      const lines = r.stderr;
      expect(lines).toContain('briefing.config.json:3:11 error `port`: Expected a port number such as 8000 but got "eighty" [invalid-config]');
      expect(lines).toContain('briefing.config.json:4:12 error `notes`: Expected "none" or "separate-page" but got "separate" [invalid-config]');
      expect(lines).toContain('fix: Did you mean "notes": "separate-page"?');
      expect(lines).toContain('briefing.config.json:9:60 error `deck.markings.levels.0.colour`: Expected a colour such as "#c8102e" [invalid-config]');
      expect(lines).toContain('briefing.config.json:2:3 warning Unknown config key `prot` [unknown-key]');
      expect(lines).toContain('fix: Did you mean `port`?');
      expect(lines).toContain('briefing.config.json:5:3 warning Unknown config key `markings` [unknown-key]');
      expect(lines).toContain('fix: `markings` is a deck default: move it into "deck": { "markings": … }.');
      expect(lines).toContain('briefing.config.json:7:5 warning Unknown deck default `deck.classificaton` [unknown-key]');
      expect(lines).toContain('fix: Did you mean `classification`?');
      expect(lines).toContain("fix: `title` belongs in each deck's index.md, not in the project's defaults.");
      expect(lines).toContain('3 errors, 4 warnings');
      expect(lines).not.toMatch(/\n\s+at /);
      expect(r.exists('dist')).toBe(false);
    } finally {
      r.cleanup();
    }
  });

  it('reports invalid JSON at the mistake: a trailing comma at the comma', () => {
    const result = parseConfig('briefing.config.json', '{\n  "out": "dist",\n  "drafts": true,\n}\n');
    expect(result.diagnostics).toEqual([expect.objectContaining({ rule: 'config-syntax', line: 3, column: 17 })]);
  });

  it('resolves flag ?? config ?? front matter ?? default, key by key', () => {
    const config = parseConfig('c.json', '{"port": 9000, "host": "0.0.0.0", "out": "public", "notes": "separate-page", "untagged": true, "only": "bluf, articles"}').config;
    const settings = resolveOptions({ flags: { port: 7000 }, config: configSettings({ config, root: '/project', diagnostics: [] }), frontMatter: { host: 'ignored', fragments: 'each' } });
    expect(settings).toMatchObject({ port: 7000, host: '0.0.0.0', outDir: '/project/public', notes: 'separate-page', fragments: 'each', tagged: false, only: ['bluf', 'articles'], handout: false, briefingsDir: 'briefings' });
  });

  it('fills only the flags the command line leaves out, as the flags would give them', () => {
    const project = { root: '/project', diagnostics: [], config: parseConfig('c.json', '{"port": 9000, "out": "public", "only": ["a", "b"], "drafts": true, "browser": "chromium"}').config! };
    const options = { port: { type: 'string' as const }, out: { type: 'string' as const }, only: { type: 'string' as const }, drafts: { type: 'boolean' as const }, browser: { type: 'string' as const } };
    expect(flagDefaults('build', options, { port: '7000' }, project)).toEqual({ out: '/project/public', only: 'a,b', drafts: true, browser: 'chromium' });
    expect(flagDefaults('pdf', options, { drafts: false }, project)).toEqual({ port: '9000', only: 'a,b', browser: 'chromium' });
    expect(negations(['--no-drafts', 'x', '--no-notes'], { drafts: { type: 'boolean' }, 'no-notes': { type: 'boolean' } })).toEqual({ args: ['x', '--no-notes'], off: ['drafts'] });
  });

  it('has a key for every long flag of every command but --help and new --title', async () => {
    const { configFields } = await import('../../src/core/parse/config.js');
    const cli = ['commands.ts', 'flags.ts'].map((file) => readFileSync(join(import.meta.dirname, '..', '..', 'src', 'cli', file), 'utf8')).join('\n');
    const flags = new Set([...cli.matchAll(/^\s+'?([a-z][a-z-]*)'?: \{ type: '(?:string|boolean)'/gm)].map((m) => m[1]!));
    for (const flag of ['drafts', 'no-notes', 'watch', 'debug', 'untagged', 'scale', 'images']) expect(flags).toContain(flag);
    const missing = [...flags].filter((flag) => !(flag in configFields) && flag !== 'help' && flag !== 'title');
    expect(missing).toEqual([]);
  });
});
