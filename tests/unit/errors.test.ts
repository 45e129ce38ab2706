/** Internal failures say what failed; their stack traces show only under --debug. */
import { describe, expect, it } from 'vitest';
import { error } from '../../src/core/diagnostics.js';
import { renderSection } from '../../src/core/markdown/section.js';
import { parseSection } from '../../src/core/parse/briefing.js';
import { makeStyle, report, type Io } from '../../src/cli/report.js';

function capture(debug: boolean): { io: Io; err: string[] } {
  const err: string[] = [];
  const style = makeStyle(false);
  return { io: { out: () => undefined, err: (l) => void err.push(l), style, errStyle: style, debug }, err };
}

describe('errors', () => {
  const failure = { ...error('internal-error', 'briefings/x', 'Internal error while building: boom'), cause: new Error('boom') };

  it('shows the stack trace of an internal error under --debug', () => {
    const { io, err } = capture(true);
    report([failure], io);
    expect(err.join('\n')).toMatch(/Error: boom\n\s+at /);
  });

  it('keeps the stack trace out of the report without --debug', () => {
    const { io, err } = capture(false);
    report([failure], io);
    expect(err.join('\n')).toContain('Internal error while building: boom');
    expect(err.join('\n')).not.toMatch(/\n\s+at /);
  });

  it('says why a map could not be drawn, not always "npm install"', () => {
    const text = '---\ntitle: Map\nlayout: map\nmap:\n  alt: Europe\n  groups:\n    - label: Allies\n      countries: [France]\n---\n';
    const parsed = parseSection({ file: '010-map.md', rel: '010-map.md', text });
    expect(parsed.value, JSON.stringify(parsed.diagnostics)).toBeDefined();
    const broken = renderSection(parsed.value!, { allowScripts: false, mapUnavailable: 'Unexpected token in lib/map-base.json' });
    expect(broken.diagnostics).toMatchObject([{ rule: 'map-unavailable', message: 'Map figures cannot be drawn: Unexpected token in lib/map-base.json', hint: expect.stringContaining('npm ci') }]);
    const missing = renderSection(parsed.value!, { allowScripts: false, mapUnavailable: "Cannot find package 'world-atlas'" });
    expect(missing.diagnostics[0]!.hint).toContain('npm install');
  });
});
