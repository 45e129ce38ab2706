import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { readZip, writeZip } from '../../src/export/pptx/zip.js';
import { countLines, textWidth } from '../../src/export/pptx/measure.js';

describe('the zip writer', () => {
  const entries = [
    { name: '[Content_Types].xml', data: new TextEncoder().encode('<Types>'.repeat(50)) },
    { name: 'ppt/media/é.png', data: new Uint8Array([1, 2, 3]) },
  ];

  it('writes a zip other readers open, entries in order with their names, bytes and the given date', async () => {
    const bytes = writeZip(entries, new Date(Date.UTC(2022, 3, 7, 10, 30, 4)));
    const zip = await JSZip.loadAsync(bytes);
    expect(Object.keys(zip.files)).toEqual(['[Content_Types].xml', 'ppt/media/é.png']);
    expect(await zip.file('[Content_Types].xml')!.async('string')).toBe('<Types>'.repeat(50));
    expect([...(await zip.file('ppt/media/é.png')!.async('uint8array'))]).toEqual([1, 2, 3]);
    expect(zip.files['[Content_Types].xml']!.date.toISOString()).toBe('2022-04-07T10:30:04.000Z');
  });

  it('reads back what it wrote, and what JSZip wrote', async () => {
    expect(readZip(writeZip(entries, new Date(0))).map((e) => [e.name, [...e.data].length])).toEqual([['[Content_Types].xml', 350], ['ppt/media/é.png', 3]]);
    const other = new JSZip();
    other.file('a.xml', '<a/>');
    other.folder('dir');
    other.file('dir/b.bin', new Uint8Array([9]), { compression: 'DEFLATE' });
    const read = readZip(await other.generateAsync({ type: 'uint8array' }));
    expect(read.map((e) => [e.name, new TextDecoder().decode(e.data)])).toEqual([['a.xml', '<a/>'], ['dir/b.bin', '\t']]);
  });

  it('gives the same bytes for the same entries', () => {
    expect(Buffer.from(writeZip(entries, new Date(0))).equals(Buffer.from(writeZip(entries, new Date(0))))).toBe(true);
  });
});

describe('measuring text in Arial', () => {
  it('widens bold text, capitals and wide letters', () => {
    expect(textWidth('MMMM', 20)).toBeGreaterThan(textWidth('iiii', 20) * 2);
    expect(textWidth('Hello', 20, true)).toBeGreaterThan(textWidth('Hello', 20));
    expect(textWidth('Hello', 40)).toBeCloseTo(textWidth('Hello', 20) * 2, 5);
  });

  it('wraps at spaces, and breaks a word longer than the line', () => {
    const words = [{ text: 'one two three four five six seven eight nine ten' }];
    expect(countLines(words, 100, 20)).toBe(1);
    expect(countLines(words, textWidth('one two three ', 20), 20)).toBeGreaterThanOrEqual(4);
    expect(countLines([{ text: 'x'.repeat(200) }], 2, 20)).toBeGreaterThan(5);
    expect(countLines([{ text: 'a' }, { text: 'b', breakBefore: true }], 10, 20)).toBe(2);
  });

  it('counts wide (CJK) characters as a full em', () => {
    expect(textWidth('世界', 72)).toBeGreaterThan(textWidth('ab', 72) * 1.6);
  });
});
