/**
 * The project config file on the command line: its values fill the flags the command line leaves out
 * (flag ?? config file), and `--no-<flag>` turns off for one run a boolean the config file turns on.
 */
import { resolve } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import type { LoadedConfig } from '../io/config.js';

type Options = NonNullable<ParseArgsConfig['options']>;
type Values = Record<string, string | boolean | undefined>;

/** Commands whose `--out` names one file or folder for one briefing; the config's `out` is the output root, which they write under. */
const OUT_IS_ONE_TARGET = new Set(['pdf', 'pptx', 'images']);

/** Take `--no-<flag>` for this command's boolean flags out of `args`: those flags are then off, whatever the config file says. */
export function negations(args: readonly string[], options: Options): { args: string[]; off: string[] } {
  const off: string[] = [];
  const kept: string[] = [];
  let positional = false;
  for (const arg of args) {
    const flag = !positional && /^--no-(.+)$/.exec(arg)?.[1];
    if (flag && !(`no-${flag}` in options) && options[flag]?.type === 'boolean') off.push(flag);
    else kept.push(arg);
    if (arg === '--') positional = true;
  }
  return { args: kept, off };
}

/** The config file's values for this command's flags that the command line left out, as the flags would give them. */
export function flagDefaults(command: string, options: Options, given: Values, project: LoadedConfig): Values {
  const config = (project.config ?? {}) as Record<string, unknown>;
  const root = project.root ?? '.';
  const filled: Values = {};
  for (const flag of Object.keys(options)) {
    const value = config[flag];
    if (given[flag] !== undefined || value === undefined || (flag === 'out' && OUT_IS_ONE_TARGET.has(command))) continue;
    // Paths in the config file are relative to it; a bare browser name (`chromium`) is looked up as a program.
    const isPath = flag === 'out' || (flag === 'browser' && String(value).includes('/'));
    filled[flag] = typeof value === 'boolean' ? value : Array.isArray(value) ? value.join(',') : isPath ? resolve(root, String(value)) : String(value);
  }
  return filled;
}
