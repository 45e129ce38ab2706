/** Chromium's structure element IDs renumbered by rank, so a tagged PDF's bytes do not depend on its node counter. */
import { describe, expect, it } from 'vitest';
import { stableNodeIds } from '../../src/export/pdf/node-ids.js';

const pdf = (ids: number[]) => {
  const id = (n: number) => `(node${String(n).padStart(8, '0')})`;
  return Buffer.from(`1 0 obj\n<< /IDTree << /Limits [${id(ids[0]!)} ${id(ids[2]!)}] /Names [${ids.map((n, i) => `${id(n)} ${i + 4} 0 R`).join(' ')}] >> >>\nendobj\n` +
    ids.map((n, i) => `${i + 4} 0 obj\n<< /S /P /ID ${id(n)} >>\nendobj\n`).join(''), 'latin1');
};

describe('stableNodeIds', () => {
  it('gives the same bytes for two prints whose node counters started at different numbers', () => {
    const first = stableNodeIds(pdf([693, 697, 717]));
    const second = stableNodeIds(pdf([694, 698, 718]));
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
    expect(Buffer.from(first).toString('latin1')).toContain('/Names [(node00000001) 4 0 R (node00000002) 5 0 R (node00000003) 6 0 R]');
  });

  it('keeps the length, so the cross-reference offsets stay right, and leaves a file without IDs alone', () => {
    const input = pdf([5, 123, 99999999]);
    expect(stableNodeIds(input).byteLength).toBe(input.byteLength);
    const untagged = Buffer.from('1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1');
    expect(stableNodeIds(untagged)).toBe(untagged);
  });
});
