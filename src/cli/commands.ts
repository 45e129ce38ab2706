/** The commands of `briefing`: each one's flags, help text and the function in src/cli/ it runs. */
import type { LoadedConfig } from '../io/config.js';
import type { Io } from './report.js';

import { COMMON, CUT, CUT_HELP, cutFlags, type Options } from './flags.js';

export { COMMON };

/** One `briefing <name>`: its help text, flags and what it runs (each loaded on first use). */
export interface Command {
  summary: string;
  usage: string;
  options: Options;
  details: string;
  /** More help text that depends on this machine (e.g. which browser would be used). */
  extraHelp?(): Promise<string>;
  /** `config`: the project's config file, already reported (none for `new`). */
  run(values: Record<string, string | boolean | undefined>, positionals: string[], io: Io, config: LoadedConfig | undefined): Promise<number>;
}

/** Every command, in the order `briefing --help` lists them. */
export const COMMANDS: Record<string, Command> = {
  new: {
    summary: 'Start a briefing: write a small working one into a new folder',
    usage: 'briefing new <folder> [--title "…"] [--debug]',
    options: {
      title: { type: 'string' },
    },
    details: `Writes a small briefing that builds and passes \`check --strict\`: index.md (title, dates,
classification, sources) and one section in each main layout — BLUF, agenda, a divider, content with
speaker notes, a timeline, a comparison and the sources slide. Never overwrites: the folder must be new
or empty.

Options:
      --title <text>  the deck title (default: the folder name, "my-brief" -> "My brief")
      --debug         show stack traces for internal errors`,
    async run(values, positionals, io) {
      if (positionals.length > 1) {
        io.err(`briefing new: one folder at a time (got ${positionals.length}).`);
        io.err(`Usage: ${COMMANDS.new!.usage}`);
        return 2;
      }
      const { runNew } = await import('./new.js');
      return runNew({ folder: positionals[0], title: values.title as string | undefined }, io);
    },
  },
  build: {
    summary: 'Build briefings into reveal.js decks',
    usage: 'briefing build [path...] [--out dir] [--single-file] [--no-notes] [--audience NAME] [--only ids] [--max-classification LEVEL] [--drafts] [--watch] [--timings] [--debug]',
    options: {
      out: { type: 'string', short: 'o' },
      'single-file': { type: 'boolean' },
      ...CUT,
      drafts: { type: 'boolean' },
      watch: { type: 'boolean', short: 'w' },
      timings: { type: 'boolean' },
    },
    details: `Builds each briefing folder (default: every folder in ./briefings with an index.md)
into <out>/<slug>/index.html (default out: ./dist), and writes <out>/index.html listing the decks.

Options:
  -o, --out <dir>      output root instead of ./dist
      --single-file    write one self-contained <out>/<slug>.html instead of the deck folder
${CUT_HELP}
      --drafts         include sections marked draft: true
  -w, --watch          keep running: rebuild when a file the build read changes (Ctrl-C stops)
      --timings        print the time each stage took (load, parse, render, compose, emit)
      --debug          show stack traces for internal errors`,
    async run(values, positionals, io, config) {
      const { runBuild } = await import('./build.js');
      return runBuild({ briefings: positionals, out: values.out as string | undefined, drafts: !!values.drafts, watch: !!values.watch, timings: !!values.timings, singleFile: !!values['single-file'], ...cutFlags(values), config }, io);
    },
  },
  check: {
    summary: 'Check briefings for errors and problems without writing anything',
    usage: 'briefing check [path...] [--format text|json] [--strict] [--layout] [--browser PATH] [--drafts] [--debug]',
    options: {
      format: { type: 'string' },
      strict: { type: 'boolean' },
      layout: { type: 'boolean' },
      browser: { type: 'string' },
      drafts: { type: 'boolean' },
    },
    details: `Runs every build stage without writing anything, then the lint rules (broken links, alt text,
word budget, speaker notes, sources, heading levels, stale sections, allowScripts), and reports every
finding with file, line, column, rule id and a fix.

Options:
      --format <f>  text (default) or json (a list of findings for editors and CI)
      --strict      exit 1 on warnings too, not only on errors
      --layout      also open each deck in headless Chromium and report slides whose content overflows
      --browser <path>  Chromium or Chrome for --layout (default: $CHROME_PATH, then /usr/bin/chromium, …)
      --drafts      also check sections marked draft: true
      --debug       show stack traces for internal errors

Exit codes: 0 no errors (warnings allowed unless --strict), 1 problems found, 2 bad usage.`,
    async run(values, positionals, io, config) {
      const { runCheck } = await import('./check.js');
      return runCheck({ briefings: positionals, format: values.format as string | undefined, strict: !!values.strict, layout: !!values.layout, drafts: !!values.drafts, browser: values.browser as string | undefined, config }, io);
    },
  },
  serve: {
    summary: 'Serve a briefing with live reload while you edit it',
    usage: 'briefing serve [path] [--port N] [--host H] [--open] [--drafts] [--debug]',
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
    async run(values, positionals, io, config) {
      const { runServe } = await import('./serve.js');
      return runServe({ briefings: positionals, port: values.port as string | undefined, host: values.host as string | undefined, open: !!values.open, drafts: !!values.drafts, config }, io);
    },
  },
  pdf: {
    summary: 'Export a briefing as a PDF document (one page per slide, or a handout)',
    usage: 'briefing pdf [path] [--out file.pdf] [--handout] [--notes separate-page] [--fragments each] [--untagged] [--no-notes] [--audience NAME] [--only ids] [--max-classification LEVEL] [--browser PATH] [--drafts] [--timings] [--debug]',
    options: {
      out: { type: 'string', short: 'o' },
      ...CUT,
      handout: { type: 'boolean' },
      timings: { type: 'boolean' },
      notes: { type: 'string' },
      fragments: { type: 'string' },
      untagged: { type: 'boolean' },
      browser: { type: 'string' },
      drafts: { type: 'boolean' },
    },
    details: `Prints the briefing (default: every folder in ./briefings with an index.md) with headless Chromium
to dist/<slug>/<slug>.pdf: one page per slide at the deck's aspect ratio, fragments in their final state,
selectable text with embedded fonts, metadata, a bookmark per section and slide, working agenda links,
and tags (a structure tree with headings, lists, tables, figures and their alt text) for screen readers.
The same deck gives the same bytes.

Options:
  -o, --out <file>            the PDF to write (one briefing only)
      --handout               A4 portrait pages: the slide on top, its speaker notes below
      --notes separate-page   each slide's notes on a page of their own after the slide
      --fragments each        one page per fragment step instead of the final state
      --no-notes              no speaker notes anywhere (a handout then shows the slides only)
      --audience <name>       only the sections for this audience and those for everyone
      --only <ids>            only these sections, by id: --only bluf,articles
      --untagged              leave out the tags: a smaller file that screen readers cannot follow
      --browser <path>        Chromium or Chrome to use (default: $CHROME_PATH, then /usr/bin/chromium, …)
      --drafts                include sections marked draft: true
      --max-classification <level>  release cut: leave out every section marked above <level>
                              and mark the PDF (banners, title slide, metadata) by what remains
      --timings               after the result, print on stderr the time each step took
      --debug                 show stack traces for internal errors`,
    // What --help says about the browser depends on whether there is one: never a false "No browser found".
    async extraHelp() {
      const { findChromium } = await import('../io/browser/find.js');
      const found = findChromium();
      return found
        ? `Browser: ${found}${process.env.CHROME_PATH === found ? ' (from CHROME_PATH)' : ''}.`
        : 'No browser found: install one with `apt-get install -y chromium` (Debian/Ubuntu), or pass --browser, or set CHROME_PATH.';
    },
    async run(values, positionals, io, config) {
      const { runPdf } = await import('./pdf.js');
      const text = (name: string) => values[name] as string | undefined;
      return runPdf({ briefings: positionals, out: text('out'), handout: !!values.handout, notes: text('notes'), fragments: text('fragments'), untagged: !!values.untagged, browser: text('browser'), drafts: !!values.drafts, timings: !!values.timings, ...cutFlags(values), config }, io);
    },
  },
  images: {
    summary: 'Write one PNG per slide (for other decks, documents and chat)',
    usage: 'briefing images [path] [--out dir] [--scale 1|2] [--audience NAME] [--only ids] [--browser PATH] [--drafts]',
    options: {
      out: { type: 'string', short: 'o' },
      scale: { type: 'string' },
      ...CUT,
      browser: { type: 'string' },
      drafts: { type: 'boolean' },
    },
    details: `Opens the briefing (default: every folder in ./briefings with an index.md) once in headless Chromium
and writes one PNG per slide, vertical slides included, fragments in their final state, at the deck's size
(1280x720 unless reveal: says otherwise), named in deck order: slide-01.png, slide-02.png, …
into dist/<slug>/images/. The folder is replaced as a whole.

Options:
  -o, --out <dir>        the folder to write (one briefing only; new, empty, or holding only slide images)
      --scale 1|2        2 writes images twice as wide and high (2560x1440), for print and large screens
${CUT_HELP}
      --browser <path>   Chromium or Chrome to use (default: $CHROME_PATH, then /usr/bin/chromium, …)
      --drafts           include sections marked draft: true
      --debug            show stack traces for internal errors`,
    async run(values, positionals, io, config) {
      const { runImages } = await import('./images.js');
      const text = (name: string) => values[name] as string | undefined;
      return runImages({ briefings: positionals, out: text('out'), scale: text('scale'), browser: text('browser'), drafts: !!values.drafts, ...cutFlags(values), config }, io);
    },
  },
  pptx: {
    summary: 'Export a briefing as an editable PowerPoint file (.pptx)',
    usage: 'briefing pptx [path] [--out file.pptx] [--no-notes] [--audience NAME] [--only ids] [--max-classification LEVEL] [--drafts] [--images] [--browser PATH]',
    options: {
      out: { type: 'string', short: 'o' },
      ...CUT,
      drafts: { type: 'boolean' },
      images: { type: 'boolean' },
      browser: { type: 'string' },
    },
    details: `Writes the briefing (default: every folder in ./briefings with an index.md) to dist/<slug>/<slug>.pptx:
one PowerPoint slide per deck slide, 16:9, with editable text — titles in title placeholders, lists
with their levels, the comparison as a table, timelines, figures and quotes as text, the map as a
picture — the classification banners, citation line, as-of footer and slide number on every slide,
and the speaker notes in the notes pages. The same deck gives the same bytes. No browser is needed,
unless a slide must be a picture.

Options:
  -o, --out <file>      the .pptx to write (one briefing only)
${CUT_HELP}
      --drafts          include sections marked draft: true
      --images          every slide as a picture of the deck slide (rendered by Chromium at 2×), with
                        the notes: the fidelity fallback for decks whose custom layouts have no mapping
      --browser <path>  Chromium for slides shown as pictures (default: $CHROME_PATH, then /usr/bin/chromium, …)
      --debug           show stack traces for internal errors

A slide whose layout is one of the briefing's own (templates/layouts/) is a picture, with a warning.`,
    async run(values, positionals, io, config) {
      const { runPptx } = await import('./pptx.js');
      return runPptx({ briefings: positionals, out: values.out as string | undefined, images: !!values.images, drafts: !!values.drafts, browser: values.browser as string | undefined, ...cutFlags(values), config }, io);
    },
  },
};
