#!/usr/bin/env node
/** The `briefing` command: flags -> typed options -> library call. The only place that exits the process. */
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { Console } from 'node:console';
import { Writable } from 'node:stream';
import { PACKAGE_ROOT } from './io/paths.js';
import { join } from 'node:path';
import { closest } from './core/diagnostics.js';
import { colourEnabled, makeStyle, report, visible, type Io } from './cli/report.js';
import { flagDefaults, negations } from './cli/config.js';
import { loadConfig } from './io/config.js';
import { COMMANDS, COMMON } from './cli/commands.js';

function version(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  return `briefing ${version()} — turn a folder of Markdown sections into an offline reveal.js briefing

Usage: briefing <command> [options]

Commands:
${Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`).join('\n')}

Options:
  -h, --help       show help (also: briefing <command> --help)
  -v, --version    print the version

Defaults for every flag (by its long name) and for every deck's index.md can live in briefing.config.json
at the project root; flags override it, and --no-<flag> turns off a boolean it turns on.

Exit codes: 0 success, 1 problems in the briefing, 2 bad usage.`;
}

/**
 * Stdout belongs to the command (`check --format json` prints only JSON). Some dependencies log on the
 * global console (parse-srcset, under sanitize-html: "Invalid srcset descriptor …"), so the console goes
 * nowhere, or to stderr with --debug.
 */
function quietConsole(debug: boolean): void {
  const sink = debug ? process.stderr : new Writable({ write: (_chunk, _encoding, done) => done() });
  globalThis.console = new Console({ stdout: sink, stderr: sink });
}

async function main(argv: string[]): Promise<number> {
  quietConsole(argv.includes('--debug'));
  const style = makeStyle(colourEnabled(process.stdout));
  const errStyle = makeStyle(colourEnabled(process.stderr));
  const io: Io = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`), style, errStyle };
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(mainHelp());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    io.out(version());
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    const suggestion = closest(name, Object.keys(COMMANDS));
    io.err(`briefing: unknown command "${visible(name)}".${suggestion ? ` Did you mean \`briefing ${suggestion}\`?` : ''} Commands: ${Object.keys(COMMANDS).join(', ')}. Run \`briefing --help\`.`);
    return 2;
  }
  const negated = negations(rest, command.options);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: negated.args, options: { ...COMMON, ...command.options }, allowPositionals: true, strict: true });
  } catch (cause) {
    io.err(`briefing ${name}: ${visible((cause as Error).message.replace(/\. To specify.*$/s, '.'))}`);
    io.err(`Usage: ${command.usage}`);
    return 2;
  }
  if (parsed.values.help) {
    const extra = command.extraHelp ? `\n\n${await command.extraHelp()}` : '';
    io.out(`${command.summary}\n\nUsage: ${command.usage}\n\n${command.details}${extra}`);
    return 0;
  }
  io.debug = !!parsed.values.debug;
  const values = parsed.values as Record<string, string | boolean | undefined>;
  for (const flag of negated.off) values[flag] = false;
  // `new` starts a briefing anywhere; every other command reads the project's config file first.
  if (name === 'new') return command.run(values, parsed.positionals, io, undefined);
  const project = loadConfig(process.cwd());
  if (project.config?.debug) io.debug = debug = true;
  if (project.diagnostics.length) {
    report(project.diagnostics, io);
    if (project.diagnostics.some((d) => d.severity === 'error')) return 1;
  }
  Object.assign(values, flagDefaults(name, command.options, values, project));
  return command.run(values, parsed.positionals, io, { ...project, diagnostics: [] });
}

/** Show stack traces for internal errors: `--debug`, or `"debug": true` in the config file. */
let debug = process.argv.includes('--debug');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (cause: unknown) => {
    process.stderr.write(`briefing: internal error: ${visible(cause instanceof Error ? cause.message : String(cause))}\n`);
    if (debug && cause instanceof Error && cause.stack) process.stderr.write(`${cause.stack}\n`);
    else process.stderr.write('Run again with --debug for details, and report it if it persists.\n');
    process.exitCode = 1;
  },
);
