/**
 * The one convention for broken fixtures: each folder holds an `expected.json` naming the command that
 * reports its problems and every diagnostic that command must give, in order, and nothing else:
 *
 *   { "command": "build" | "check" | "check --layout",
 *     "diagnostics": [{ "rule", "severity", "file" (relative to the fixture), "line"?, "column"?, "message", "hint"? }] }
 *
 * `message` and `hint` are matched as substrings; everything else exactly. An empty list means "no problems".
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from './cli.js';

export interface ExpectedDiagnostic {
  rule: string;
  severity: 'error' | 'warning';
  file: string;
  line?: number;
  column?: number;
  message: string;
  hint?: string;
}

export interface Expected {
  command: 'build' | 'check' | 'check --layout';
  diagnostics: ExpectedDiagnostic[];
}

/** Every fixture folder with an expected.json, and what it expects. */
export function expectedFixtures(): { name: string; dir: string; expected: Expected }[] {
  return readdirSync(FIXTURES)
    .filter((name) => existsSync(join(FIXTURES, name, 'expected.json')))
    .sort()
    .map((name) => ({ name, dir: join(FIXTURES, name), expected: JSON.parse(readFileSync(join(FIXTURES, name, 'expected.json'), 'utf8')) as Expected }));
}
