#!/usr/bin/env node
/** The `briefing` command: flags -> typed options -> library call. The only place that exits the process. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { readFileSync } from 'node:fs';
import { PACKAGE_ROOT } from './io/paths.js';
import { join } from 'node:path';
import type { Diagnostic } from './core/diagnostics.js';
import { colourEnabled, formatDiagnostic, makeStyle, type Style } from './cli/report.js';

type Options = NonNullable<ParseArgsConfig['options']>;

interface Command {
  summary: string;
  usage: string;
  options: Options;
  details: string;
  run(values: Record<string, string | boolean | undefined>, positionals: string[], io: Io): Promise<number>;
}

/** What a command may use to talk to the user. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  style: Style;
  errStyle: Style;
  debug: boolean;
}

const COMMON: Options = {
  help: { type: 'boolean', short: 'h' },
  debug: { type: 'boolean' },
};

const COMMANDS: Record<string, Command> = {
  build: {
    summary: 'Build briefings into reveal.js decks',
    usage: 'briefing build [path...] [--out dir] [--drafts] [--watch]',
    options: {
      out: { type: 'string', short: 'o' },
      drafts: { type: 'boolean' },
      watch: { type: 'boolean', short: 'w' },
    },
    details: `Builds each briefing folder (default: every folder in ./briefings with an index.md)
into <out>/<slug>/index.html (default out: ./dist), and writes <out>/index.html listing the decks.

Options:
  -o, --out <dir>   output root instead of ./dist
      --drafts      include sections marked draft: true
  -w, --watch       keep running: rebuild when a file the build read changes (Ctrl-C stops)
      --debug       show stack traces for internal errors`,
    async run(values, positionals, io) {
      const { runBuild } = await import('./cli/build.js');
      return runBuild({ briefings: positionals, out: values.out as string | undefined, drafts: !!values.drafts, watch: !!values.watch }, io);
    },
  },
  serve: {
    summary: 'Serve a briefing with live reload while you edit it',
    usage: 'briefing serve [path] [--port N] [--host H] [--open] [--drafts]',
    options: {
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      open: { type: 'boolean' },
      drafts: { type: 'boolean' },
    },
    details: `Builds the briefing (default: the only folder in ./briefings) into a temporary folder, serves it at
http://127.0.0.1:8000/ and rebuilds on every change to a file the build read: sections, index.md,
templates, assets, theme. Open pages reload by themselves and stay on their slide; a bad edit shows
its error over the last good deck. Nothing is written to dist/.

Options:
  -p, --port <n>    port (default 8000; 0 picks a free one). A port in use is an error (exit 1)
      --host <h>    address to listen on (default 127.0.0.1, this machine only); others get a warning
      --open        open the deck in the default browser ($BROWSER if set)
      --drafts      include sections marked draft: true
      --debug       show stack traces for internal errors`,
    async run(values, positionals, io) {
      const { runServe } = await import('./cli/serve.js');
      return runServe({ briefings: positionals, port: values.port as string | undefined, host: values.host as string | undefined, open: !!values.open, drafts: !!values.drafts }, io);
    },
  },
};

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

Exit codes: 0 success, 1 problems in the briefing, 2 bad usage.`;
}

async function main(argv: string[]): Promise<number> {
  const style = makeStyle(colourEnabled(process.stdout));
  const errStyle = makeStyle(colourEnabled(process.stderr));
  const debug = argv.includes('--debug');
  const io: Io = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`), style, errStyle, debug };
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
    io.err(`briefing: unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}. Run \`briefing --help\`.`);
    return 2;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options: { ...COMMON, ...command.options }, allowPositionals: true, strict: true });
  } catch (cause) {
    io.err(`briefing ${name}: ${(cause as Error).message.replace(/\. To specify.*$/s, '.')}`);
    io.err(`Usage: ${command.usage}`);
    return 2;
  }
  if (parsed.values.help) {
    io.out(`${command.summary}\n\nUsage: ${command.usage}\n\n${command.details}`);
    return 0;
  }
  return command.run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals, io);
}

/** Print diagnostics, errors first, and a count line. */
export function printDiagnostics(diagnostics: readonly Diagnostic[], io: Io): void {
  const sorted = [...diagnostics].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  for (const d of sorted) io.err(formatDiagnostic(d, io.errStyle));
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (cause: unknown) => {
    const debug = process.argv.includes('--debug');
    process.stderr.write(`briefing: internal error: ${cause instanceof Error ? cause.message : String(cause)}\n`);
    if (debug && cause instanceof Error && cause.stack) process.stderr.write(`${cause.stack}\n`);
    else process.stderr.write('Run again with --debug for details, and report it if it persists.\n');
    process.exitCode = 1;
  },
);
