/** The reveal.js runtime and theme files a deck ships with, resolved from installed packages. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { closest, error, warning, type Diagnostic, type Position } from '../core/diagnostics.js';
import type { OutputFile } from '../core/model.js';
import { realFileInside } from './assets.js';
import { briefingTheme } from './theme.js';
import { packageFile, TEMPLATES_DIR } from './paths.js';


export interface Runtime {
  files: OutputFile[];
  paths: { revealCss: string; themeCss: string; revealJs: string; notesJs: string };
  /** Files the deck depends on that watch mode should watch (theme CSS of the briefing). */
  watch: string[];
  diagnostics: Diagnostic[];
}

/** Where the runtime files sit in every deck folder, whatever the theme: what the page links to. */
export const RUNTIME_PATHS = Object.freeze({ revealCss: 'vendor/reveal.js/reveal.css', themeCss: 'theme/theme.css', revealJs: 'vendor/reveal.js/reveal.js', notesJs: 'vendor/reveal.js/plugin/notes.js' });

const BUILT_IN_THEME = 'briefing';
/** Font files of the built-in theme, from @fontsource/source-sans-3 (latin subset only: it is what the CSS declares). */
const THEME_FONTS = ['400-normal', '400-italic', '600-normal', '700-normal'].map((w) => `source-sans-3-latin-${w}.woff2`);

/** reveal.js's theme names, as installed (`black`, `white`, …). */
function revealThemes(): string[] {
  try {
    return readdirSync(dirname(packageFile('reveal.js/dist/theme/black.css'))).filter((f) => f.endsWith('.css')).map((f) => f.slice(0, -4)).sort();
  } catch {
    return [];
  }
}

/** `.css` files in the briefing folder and its first level of subfolders, relative: what a theme path can name. */
function cssFilesIn(dir: string): string[] {
  const found: string[] = [];
  try {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isFile() && /\.css$/i.test(entry.name)) found.push(entry.name);
      else if (entry.isDirectory() && !entry.name.startsWith('.')) {
        for (const inner of readdirSync(join(dir, entry.name))) if (/\.css$/i.test(inner)) found.push(`${entry.name}/${inner}`);
      }
    }
  } catch {
    // An unreadable folder offers no suggestions; the error itself still stands.
  }
  return found.sort();
}

/** Resolve the runtime for a deck whose front matter says `theme` (at `at` in the deck file). */
export function resolveRuntime(theme: string | undefined, briefingDir: string, deckFile: string, at: Position = { line: 1 }): Runtime {
  const diagnostics: Diagnostic[] = [];
  const watch: string[] = [];
  const files: OutputFile[] = [
    { path: 'vendor/reveal.js/reveal.css', from: packageFile('reveal.js/dist/reveal.css') },
    { path: 'vendor/reveal.js/reveal.js', from: packageFile('reveal.js/dist/reveal.js') },
    { path: 'vendor/reveal.js/plugin/notes.js', from: packageFile('reveal.js/dist/plugin/notes.js') },
    { path: 'vendor/reveal.js/LICENSE', from: packageFile('reveal.js/LICENSE') },
  ];
  const name = theme ?? BUILT_IN_THEME;
  if (name === BUILT_IN_THEME) {
    const css = join(TEMPLATES_DIR, 'themes', 'briefing.css');
    watch.push(css);
    files.push({ path: 'theme/theme.css', from: css });
    for (const font of THEME_FONTS) files.push({ path: `theme/fonts/${font}`, from: packageFile(`@fontsource/source-sans-3/files/${font}`) });
    files.push({ path: 'theme/fonts/LICENSE', from: packageFile('@fontsource/source-sans-3/LICENSE') });
  } else if (/\.css$/i.test(name)) {
    const real = realFileInside(join(briefingDir, name), briefingDir);
    if (real === 'missing') {
      const near = closest(name, cssFilesIn(briefingDir));
      diagnostics.push(error('missing-theme', deckFile, `Theme file ${name} not found`, at, near ? `Did you mean \`${near}\`? Theme paths are relative to the briefing folder.` : 'Give a path relative to the briefing folder, or a theme name.'));
    } else if (real === 'outside') {
      diagnostics.push(error('asset-escape', deckFile, `Theme file ${name} is outside the briefing folder`, at, 'Copy the CSS file into the briefing folder.'));
    } else if (real === 'folder') {
      diagnostics.push(error('missing-theme', deckFile, `Theme ${name} is not a file`, at, 'Give the path of a .css file in the briefing folder.'));
    } else {
      const theme = briefingTheme(name, real, briefingDir, deckFile);
      watch.push(...theme.watch);
      diagnostics.push(...theme.diagnostics);
      files.push(...theme.files);
      if (theme.css !== undefined) files.push({ path: 'theme/theme.css', content: theme.css });
    }
  } else {
    const revealTheme = packageFile(`reveal.js/dist/theme/${name}.css`);
    if (!/^[a-z-]+$/.test(name) || !existsSync(revealTheme)) {
      const names = revealThemes();
      const near = closest(name, [BUILT_IN_THEME, ...names]);
      diagnostics.push(error('unknown-theme', deckFile, `Unknown theme \`${name}\``, at,
        `${near ? `Did you mean \`${near}\`? ` : ''}Use \`briefing\` (the default), a reveal.js theme (${names.join(', ')}), or a path to a .css file.`));
    } else {
      // Code is highlighted at build time; a reveal.js theme has no colours for it, so highlight.js's
      // a11y-dark style (AA contrast, dark panels as in reveal.js's own demos) follows the theme.
      const code = readFileSync(packageFile('highlight.js/styles/a11y-dark.css'), 'utf8');
      files.push({ path: 'theme/theme.css', content: `${offlineCss(readFileSync(revealTheme, 'utf8'), name, deckFile, diagnostics)}\n${code}` });
    }
  }
  return {
    files,
    paths: RUNTIME_PATHS,
    watch,
    diagnostics,
  };
}

/**
 * Drop web-font imports from a reveal.js theme so the deck makes no network request; the theme falls back to
 * local fonts. (A briefing's own theme goes through io/theme.ts instead.)
 */
function offlineCss(css: string, name: string, deckFile: string, diagnostics: Diagnostic[]): string {
  let removed = 0;
  const out = css.replace(/@import\s+(url\()?\s*["']?(https?:)?\/\/[^;]*;/gi, () => {
    removed++;
    return '';
  });
  if (removed) {
    diagnostics.push(warning('remote-font', deckFile, `Theme \`${name}\` imports ${removed} web font(s); they were removed so the deck works offline`, { line: 1 },
      'The theme uses local fallback fonts. Use the default `briefing` theme for shipped fonts.'));
  }
  return out;
}

