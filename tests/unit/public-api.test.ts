/**
 * The package's public API, pinned: a name added to or removed from src/index.ts (what `import … from
 * 'briefing'` gives) must be a decision, made here too — as remark and Slidev pin theirs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import { ROOT } from '../helpers/cli.js';

describe('the public API', () => {
  it('exports exactly these functions and classes', () => {
    expect(Object.keys(api).sort()).toEqual([
      'BriefingError', 'build', 'buildDeck', 'check', 'createBriefing', 'createCache', 'exportImages', 'exportPdf', 'exportPptx', 'findBriefings', 'findOverflows', 'formatPlain', 'hasErrors',
      'loadConfig', 'serve', 'watch',
    ]);
  });

  it('exports exactly these types', () => {
    const source = readFileSync(join(ROOT, 'src', 'index.ts'), 'utf8');
    const types = [...source.matchAll(/export type \{([^}]*)\}/g)].flatMap((m) => m[1]!.split(',').map((name) => name.trim())).sort();
    expect(types).toEqual([
      'BuildCache', 'BuildEvent', 'BuildOptions', 'BuildResult', 'CheckOptions', 'CheckResult', 'DeckCheck', 'DeckResult', 'Diagnostic', 'ImagesOptions', 'ImagesResult',
      'LayoutCheck', 'LayoutCheckOptions', 'LoadedConfig', 'NewOptions', 'NewResult', 'Overflow', 'PdfOptions', 'PdfProgress', 'PdfResult', 'PdfStage', 'PdfTimings', 'PptxOptions', 'PptxResult', 'ProjectConfig', 'ServeHandle', 'ServeOptions',
      'Severity', 'WatchOptions', 'WatchSession',
    ]);
  });

  it('is what package.json points at', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string; types: string; exports: Record<string, { types: string; default: string }> };
    expect(pkg.main).toBe('lib/index.js');
    expect(pkg.exports['.']).toEqual({ types: './lib/index.d.ts', default: './lib/index.js' });
  });
});
