/**
 * `check`: validate briefings without writing anything. Runs every build stage (a dry run), then the
 * lint rules, and with `layout` measures each slide in headless Chromium. Never prints.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { error, hasErrors, sortDiagnostics, warning, type Diagnostic } from '../core/diagnostics.js';
import { findChromium, launchFailed, missingBrowser } from '../io/browser/find.js';
import { emitDeck } from '../io/emit.js';
import { displayPath } from '../io/paths.js';
import type { DeckResult } from '../pipeline/run.js';
import { projectConfig, type LoadedConfig } from '../io/config.js';
import { build, tooLarge } from './build.js';
import { configSettings } from './options.js';

export interface CheckOptions {
  /** Briefing folders; default: every folder in `<cwd>/briefings` that holds an index.md. */
  briefings?: string[];
  /** Working directory for defaults and for the paths in findings. */
  cwd?: string;
  /** Check sections marked `draft: true` too. */
  drafts?: boolean;
  /** Also open each deck in headless Chromium and report slides whose content overflows, or whose text is faint. */
  layout?: boolean;
  /** Chromium executable for `layout`; default: found on the system. */
  executablePath?: string;
  /** Count warnings as failures. */
  strict?: boolean;
  /** The project config (see `BuildOptions.config`): drafts, browser, briefings folder, deck defaults. Default: the one that applies in `cwd`; `false`: none. */
  config?: LoadedConfig | false;
}

export interface DeckCheck {
  slug: string;
  dir: string;
  findings: Diagnostic[];
}

export interface CheckResult {
  /** No errors (and, with `strict`, no warnings). */
  ok: boolean;
  /** Every finding of every deck, sorted by file and line. */
  findings: Diagnostic[];
  decks: DeckCheck[];
}

/** Check briefings and return every finding. Writes nothing outside the system's temporary folder. */
export async function check(options: CheckOptions = {}): Promise<CheckResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const project = projectConfig(options.config, cwd);
  const built = await build({ cwd, dryRun: true, config: project, ...(options.briefings ? { briefings: options.briefings } : {}), ...(options.drafts ? { drafts: true } : {}) });
  const executablePath = options.executablePath ?? configSettings(project).browser;
  // The lint rules parse HTML; loaded here so importing the library stays cheap for build-only users.
  const { lint } = await import('../core/lint/lint.js');
  const decks: DeckCheck[] = [];
  for (const deck of built.decks) {
    const findings = [...deck.diagnostics];
    if (deck.model) {
      try {
        findings.push(...lint(deck.model.deck, deck.model.sections, deck.html));
      } catch (cause) {
        const diagnostic = tooLarge(cause, deck.dir, cwd);
        if (!diagnostic) throw cause;
        findings.push(diagnostic);
      }
    }
    if (options.layout && deck.files && !hasErrors(deck.diagnostics)) findings.push(...(await layoutFindings(deck, cwd, executablePath)));
    decks.push({ slug: deck.slug, dir: deck.dir, findings: sortDiagnostics(dedupe(findings).map(positioned)) });
  }
  const own = new Set(built.decks.flatMap((d) => d.diagnostics));
  const general = built.diagnostics.filter((d) => !own.has(d));
  const findings = sortDiagnostics([...general.map(positioned), ...decks.flatMap((d) => d.findings)]);
  const failed = hasErrors(findings) || (!!options.strict && findings.length > 0) || decks.length === 0;
  return { ok: !failed, findings, decks };
}

/** Emit the deck into a temporary folder, measure it in Chromium, and turn overflowing slides into findings. */
async function layoutFindings(deck: DeckResult, cwd: string, executablePath: string | undefined): Promise<Diagnostic[]> {
  const executable = findChromium(executablePath);
  if (!executable) return [{ ...missingBrowser(executablePath, cwd, '`briefing check --layout` measures slides'), file: displayPath(deck.dir, cwd) }];
  const [{ findOverflows }, { findLowContrast }, { withBrowser }] = await Promise.all([
    import('../io/browser/layout.js'), import('../io/browser/contrast.js'), import('../io/browser/launch.js'),
  ]);
  const root = mkdtempSync(join(tmpdir(), 'briefing-check-'));
  const sourceOf = (file: string | undefined) => (file ? displayPath(join(deck.dir, file), cwd) : displayPath(join(deck.dir, 'index.md'), cwd));
  try {
    const dir = emitDeck(root, deck.slug, deck.files ?? []);
    const [measured, faint] = await withBrowser(executable, async (browser) => [await findOverflows(dir, { browser, cwd }), await findLowContrast(dir, browser)] as const);
    // A failure to measure is the deck's finding: filed under the briefing, not the temporary folder.
    const failures = measured.diagnostics.map((d) => ({ ...d, file: displayPath(deck.dir, cwd) }));
    return [
      ...failures,
      ...measured.overflows.map((o) => {
        const edges = (['bottom', 'right', 'left', 'top'] as const).filter((e) => o[e] > 0).map((e) => `${o[e]} px past the ${e}`);
        return warning('overflow', sourceOf(o.file), `Slide #/${o.slide} overflows its frame: content reaches ${edges.join(', ')}`, { line: o.line ?? 1, column: 1 },
          'Shorten the slide, split it with `---`, or move detail into the notes.');
      }),
      ...faint.map((c) => {
        const more = c.count > 1 ? `; ${c.count - 1} more piece${c.count > 2 ? 's' : ''} of text on the slide fall${c.count > 2 ? '' : 's'} short too` : '';
        return warning('contrast', sourceOf(c.file),
          `Slide #/${c.slide}: text “${c.text}” has a contrast of ${c.ratio.toFixed(2)}:1 (${c.foreground} on ${c.background}); WCAG AA asks ${c.required}:1 for ${c.large ? 'large' : 'body'} text${more}`,
          { line: c.line ?? 1, column: 1 },
          'Darken the text or lighten its background (or the reverse); on a dark background set a dark `background:` colour, so the theme sets light text.');
      }),
    ];
  } catch (cause) {
    const launch = launchFailed(executable, cause, cwd);
    if (launch.rule === 'not-a-browser') return [launch];
    return [{ ...error('layout-check-failed', displayPath(deck.dir, cwd), `Could not measure the slides: ${(cause as Error).message}`, {},
      `Check that ${executable} starts; run without --layout to check everything else.`), cause }];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Every finding has a line and column, for editors: a problem with a whole file points at its start. */
function positioned(d: Diagnostic): Diagnostic {
  return { ...d, line: d.line ?? 1, column: d.column ?? 1 };
}

/** The same problem reached from two stages (or two slides of one section) is reported once. */
function dedupe(findings: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return findings.filter((d) => {
    const key = `${d.rule}\0${d.file}\0${d.line}\0${d.column}\0${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
