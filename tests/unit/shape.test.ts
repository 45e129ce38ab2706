/** Layout data of the wrong shape (#16): a data layout without its data, comparison rows of the wrong length — each at its line, with a fix. */
import { describe, expect, it } from 'vitest';
import { parseSection } from '../../src/core/parse/briefing.js';

const section = (front: string) => parseSection({ file: 'b/010-s.md', rel: '010-s.md', text: `---\ntitle: A section\n${front}\n---\nText.\n` });

describe('layout data shape', () => {
  it('reports a data layout without its data at the layout line', () => {
    for (const [layout, key] of [['timeline', 'events'], ['figures', 'figures'], ['comparison', 'rows'], ['map', 'map']]) {
      const { value, diagnostics } = section(`layout: ${layout}`);
      expect(value).toBeUndefined();
      expect(diagnostics).toEqual([expect.objectContaining({
        rule: 'layout-data', severity: 'error', file: 'b/010-s.md', line: 3, column: 9,
        message: `The \`${layout}\` layout needs \`${key}:\` in the front matter`,
      })]);
      expect(diagnostics[0]!.hint).toContain(`Add \`${key}:\``);
    }
  });

  it('reports each comparison row with too few or too many cells at that row, and says what to add or remove', () => {
    const { diagnostics } = section('layout: comparison\ncolumns: [A, B, C]\nrows:\n  - [a, b, c]\n  - [a, b]\n  - [a, b, c, d, e]');
    expect(diagnostics).toEqual([
      expect.objectContaining({ rule: 'layout-data', line: 7, column: 5, message: 'Row 2 of the comparison has 2 cells but `columns` has 3', hint: 'Add the missing cell (use "" for an empty one).' }),
      expect.objectContaining({ rule: 'layout-data', line: 8, column: 5, message: 'Row 3 of the comparison has 5 cells but `columns` has 3', hint: 'Remove 2 cells, or add a column.' }),
    ]);
  });

  it('takes well-formed layout data without a word', () => {
    expect(section('layout: comparison\ncolumns: [A, B]\nrows:\n  - [a, b]\n  - ["", b]').diagnostics).toEqual([]);
    expect(section('layout: timeline\nevents:\n  - { date: 2026-10-15, title: Launch }').diagnostics).toEqual([]);
  });
});
