/**
 * From `npm pack` to a fresh project, offline, as a new author starts: install the tarball, `briefing new`,
 * `build`, `check --strict`, `pdf`. The package must run as installed: no build step on the user's machine.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { installOffline, packInto } from '../helpers/pack.js';
import { findChromium } from '../../src/io/browser/find.js';

const { dir, cleanup } = tempDir('briefing-packed-');
const project = join(dir, 'project');
let installLog = '';

/** Run the installed `briefing` in the project, as `npx briefing` does. */
function briefing(args: string[]) {
  const r = spawnSync(join(project, 'node_modules', '.bin', 'briefing'), args, { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 180_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  const tarball = packInto(dir);
  execFileSync('mkdir', ['-p', project]);
  copyFileSync(join(dir, tarball), join(project, tarball));
  installLog = installOffline(project, tarball);
}, 600_000);

afterAll(() => cleanup());

describe('the packed package, installed offline into a fresh project', { timeout: 180_000 }, () => {
  it('installs without running a build step and ships compiled code, templates, JSON Schemas and README', () => {
    expect(installLog).not.toMatch(/prepare|install-scripts/i);
    const installed = join(project, 'node_modules', 'briefing');
    for (const file of ['lib/bin/briefing.js', 'lib/index.js', 'lib/index.d.ts', 'templates/deck.hbs', 'schemas/deck.schema.json', 'schemas/section.schema.json', 'schemas/briefing.config.schema.json', 'README.md']) expect(existsSync(join(installed, file)), file).toBe(true);
    expect(existsSync(join(installed, 'src'))).toBe(false);
    const scripts = (JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(Object.keys(scripts)).not.toContain('prepare');
    expect(Object.keys(scripts)).not.toContain('install');
    expect(Object.keys(scripts)).not.toContain('postinstall');
  });

  it('starts a briefing with `briefing new` that builds and passes `check --strict`', () => {
    const made = briefing(['new', 'briefings/my-brief', '--title', 'Quarterly review']);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toContain('briefings/my-brief');
    const built = briefing(['build']);
    expect(built.code, built.stderr).toBe(0);
    const html = readFileSync(join(project, 'dist', 'my-brief', 'index.html'), 'utf8');
    expect(html).toContain('<title>Quarterly review</title>');
    for (const layout of ['bluf', 'agenda', 'section', 'content', 'timeline', 'comparison', 'sources']) expect(html, layout).toContain(`layout-${layout}`);
    expect(statSync(join(project, 'dist', 'my-brief')).mode & 0o777).toBe(0o755);
    const checked = briefing(['check', '--strict']);
    expect(checked.code, checked.stdout + checked.stderr).toBe(0);
    expect(checked.stdout).toContain('no problems');
  });

  it.skipIf(!findChromium())('prints the new briefing to PDF', () => {
    const printed = briefing(['pdf', 'briefings/my-brief']);
    expect(printed.code, printed.stderr).toBe(0);
    const info = execFileSync('pdfinfo', [join(project, 'dist', 'my-brief', 'my-brief.pdf')], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+9/);
    expect(info).toMatch(/Title:\s+Quarterly review/);
  });

  it('honours a project config file that names its schema in the installed package', () => {
    const config = { $schema: './node_modules/briefing/schemas/briefing.config.schema.json', out: 'site', deck: { organization: 'Config Org', footer: 'Config footer' } };
    writeFileSync(join(project, 'briefing.config.json'), JSON.stringify(config, null, 2));
    try {
      expect(existsSync(join(project, config.$schema))).toBe(true);
      const built = briefing(['build']);
      expect(built.code, built.stderr).toBe(0);
      const html = readFileSync(join(project, 'site', 'my-brief', 'index.html'), 'utf8');
      expect(html).toContain('Config footer');
      // The deck's own front matter wins over the project's defaults.
      expect(html).toContain('Your organization');
      expect(html).not.toContain('Config Org');
    } finally {
      rmSync(join(project, 'briefing.config.json'));
    }
  });

  it('refuses to write a briefing over a folder that has files', () => {
    const again = briefing(['new', 'briefings/my-brief']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('[folder-not-empty]');
  });
});
