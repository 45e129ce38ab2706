/** Spawn the real `briefing` binary (lib/bin/briefing.js, the bundled CLI) as a user would. */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'lib', 'bin', 'briefing.js');
export const FIXTURES = join(ROOT, 'tests', 'fixtures');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `briefing <args>` in `cwd` without colour. */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): RunResult {
  const result: SpawnSyncReturns<string> = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    timeout: 120_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh temporary folder, removed by the returned cleanup function. */
export function tempDir(prefix = 'briefing-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Copy a fixture briefing into `dir` and return the copy's path. */
export function copyFixture(name: string, dir: string): string {
  const target = join(dir, name);
  cpSync(join(FIXTURES, name), target, { recursive: true, verbatimSymlinks: true });
  return target;
}
