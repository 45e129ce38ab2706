/**
 * The packed-install path as a user meets it: `npm pack`, then install the tarball into a fresh project
 * with no network. npm resolves version ranges from the registry, so an offline install needs a lockfile:
 * ours, cut down to what the published package needs (no dev dependencies), with the tarball as the one
 * direct dependency. Every tarball it names is in npm's cache from `npm ci`, looked up by its integrity.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli.js';

interface LockEntry {
  version?: string;
  dev?: boolean;
  devOptional?: boolean;
  dependencies?: Record<string, string>;
  [key: string]: unknown;
}

const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });

/** Pack this repository (already compiled: `npm test` compiles first) into `dir`; returns the tarball's file name. */
export function packInto(dir: string): string {
  npm(['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], ROOT);
  return readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
}

/** Install `tarball` (in `project`) as a dev dependency, offline, and return npm's output. */
export function installOffline(project: string, tarball: string): string {
  const own = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; dependencies: Record<string, string>; bin: Record<string, string>; engines: Record<string, string>; license: string };
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const spec = `file:${tarball}`;
  const packages: Record<string, LockEntry> = {
    '': { name: 'packed-install-test', devDependencies: { [own.name]: spec } },
    [`node_modules/${own.name}`]: {
      version: own.version,
      resolved: spec,
      integrity: `sha512-${createHash('sha512').update(readFileSync(join(project, tarball))).digest('base64')}`,
      dev: true,
      license: own.license,
      dependencies: own.dependencies,
      bin: own.bin,
      engines: own.engines,
    },
  };
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '' || entry.dev || entry.devOptional) continue;
    packages[path] = { ...entry, dev: true };
  }
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'packed-install-test', private: true, devDependencies: { [own.name]: spec } }, null, 2)}\n`);
  writeFileSync(join(project, 'package-lock.json'), `${JSON.stringify({ name: 'packed-install-test', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`);
  return npm(['ci', '--offline', '--no-audit', '--no-fund', '--loglevel', 'warn'], project);
}
