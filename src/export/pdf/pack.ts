/**
 * Writing the finished PDF (see rewrite.ts): streams copied as Chromium wrote them, every dictionary in
 * compressed object streams, a cross-reference stream carrying the trailer; and the outline's new objects.
 */
import { deflateSync } from 'node:zlib';
import type { OutlineEntry } from '../../core/print/outline.js';
import { dict, name, raw, ref, writeValue, type PdfValue } from './objects.js';

/** One object of the printed PDF: where its body lies, and whether it is a stream. */
export interface Slice {
  num: number;
  start: number;
  end: number;
  stream: boolean;
}

/** Dictionaries per object stream: large enough to compress well, small enough to read one object quickly. */
const OBJECTS_PER_STREAM = 200;

/** What finishing changes: dictionaries to replace or add (by object number), and the trailer's /Root, /Info and /ID. */
export interface Edits {
  /** New bodies for existing objects, and bodies of new objects (numbers from `nextNumber()`). */
  objects: Map<number, PdfValue>;
  info: number;
  id: string;
}

const NEWLINE = Buffer.from('\n');

/**
 * The finished file: streams copied as they are (in object order), every dictionary — the edited ones in
 * their new form — in object streams, then a cross-reference stream carrying the trailer.
 */
export function writeFinished(buffer: Buffer, slices: Map<number, Slice>, edits: Edits, root: number, firstFree: number): Uint8Array {
  const chunks: Buffer[] = [];
  let length = 0;
  const push = (chunk: Buffer) => {
    chunks.push(chunk);
    length += chunk.length;
  };
  // The header's second line marks the file as binary, as PDF writers do.
  push(Buffer.from('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n', 'latin1'));

  type Location = { type: 1; offset: number } | { type: 2; stream: number; index: number };
  const where = new Map<number, Location>();
  const dictionaries: { num: number; bytes: Buffer }[] = [];
  const numbers = [...new Set([...slices.keys(), ...edits.objects.keys()])].sort((a, b) => a - b);
  for (const num of numbers) {
    const edited = edits.objects.get(num);
    const slice = slices.get(num);
    if (edited) dictionaries.push({ num, bytes: Buffer.from(writeValue(edited), 'latin1') });
    else if (slice?.stream) {
      where.set(num, { type: 1, offset: length });
      push(Buffer.from(`${num} 0 obj\n`, 'latin1'));
      push(buffer.subarray(slice.start, slice.end));
      push(Buffer.from('\nendobj\n', 'latin1'));
    } else if (slice) dictionaries.push({ num, bytes: buffer.subarray(slice.start, slice.end) });
  }

  let next = Math.max(firstFree, ...[...edits.objects.keys()].map((num) => num + 1));
  for (let first = 0; first < dictionaries.length; first += OBJECTS_PER_STREAM) {
    const group = dictionaries.slice(first, first + OBJECTS_PER_STREAM);
    const stream = next++;
    const bodies: Buffer[] = [];
    const index: string[] = [];
    let offset = 0;
    group.forEach(({ num, bytes }, i) => {
      index.push(`${num} ${offset}`);
      bodies.push(bytes, NEWLINE);
      offset += bytes.length + 1;
      where.set(num, { type: 2, stream, index: i });
    });
    const head = `${index.join(' ')}\n`;
    const data = deflateSync(Buffer.concat([Buffer.from(head, 'latin1'), ...bodies]));
    where.set(stream, { type: 1, offset: length });
    push(Buffer.from(`${stream} 0 obj\n<</Type /ObjStm\n/N ${group.length}\n/First ${Buffer.byteLength(head, 'latin1')}\n/Filter /FlateDecode\n/Length ${data.length}>> stream\n`, 'latin1'));
    push(data);
    push(Buffer.from('\nendstream\nendobj\n', 'latin1'));
  }

  // The cross-reference stream: one entry per object number, 1 + 4 + 2 bytes each.
  const xref = next++;
  const size = next;
  const table = Buffer.alloc(size * 7);
  for (let num = 0; num < size; num++) {
    const at = num * 7;
    const location = num === xref ? { type: 1 as const, offset: length } : where.get(num);
    if (!location) {
      table[at] = 0;
      table.writeUInt32BE(0, at + 1);
      table.writeUInt16BE(num === 0 ? 0xffff : 0, at + 5);
    } else if (location.type === 1) {
      table[at] = 1;
      table.writeUInt32BE(location.offset, at + 1);
      table.writeUInt16BE(0, at + 5);
    } else {
      table[at] = 2;
      table.writeUInt32BE(location.stream, at + 1);
      table.writeUInt16BE(location.index, at + 5);
    }
  }
  const data = deflateSync(table);
  const trailer = dict([
    ['/Type', name('/XRef')], ['/Size', raw(String(size))], ['/W', { kind: 'array', items: [raw('1'), raw('4'), raw('2')] }],
    ['/Root', ref(root)], ['/Info', ref(edits.info)], ['/ID', { kind: 'array', items: [raw(`<${edits.id}>`), raw(`<${edits.id}>`)] }],
    ['/Filter', name('/FlateDecode')], ['/Length', raw(String(data.length))],
  ]);
  const xrefAt = length;
  push(Buffer.from(`${xref} 0 obj\n${writeValue(trailer)} stream\n`, 'latin1'));
  push(data);
  push(Buffer.from(`\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(chunks, length);
}

/** The /Outlines tree as new objects: sections with slide entries start collapsed, so the panel shows the sections. */
export function outlineObjects(entries: readonly OutlineEntry[], pages: readonly number[], nextNumber: () => number, title: (text: string) => PdfValue): { root: number; objects: Map<number, PdfValue> } {
  const objects = new Map<number, PdfValue>();
  const root = nextNumber();
  const level = (items: readonly OutlineEntry[], parent: number): number[] => {
    const nums = items.map(() => nextNumber());
    items.forEach((item, i) => {
      const page = pages[Math.min(Math.max(item.page, 0), pages.length - 1)]!;
      const entry = dict([['/Title', title(item.title)], ['/Parent', ref(parent)], ['/Dest', { kind: 'array', items: [ref(page), name('/Fit')] }]]);
      const set = (key: string, value: PdfValue) => entry.kind === 'dict' && entry.entries.set(key, value);
      if (i > 0) set('/Prev', ref(nums[i - 1]!));
      if (i < nums.length - 1) set('/Next', ref(nums[i + 1]!));
      if (item.children.length) {
        const children = level(item.children, nums[i]!);
        set('/First', ref(children[0]!));
        set('/Last', ref(children[children.length - 1]!));
        set('/Count', raw(String(-children.length)));
      }
      objects.set(nums[i]!, entry);
    });
    return nums;
  };
  const top = level(entries, root);
  objects.set(root, dict([['/Type', name('/Outlines')], ['/First', ref(top[0]!)], ['/Last', ref(top[top.length - 1]!)], ['/Count', raw(String(top.length))]]));
  return { root, objects };
}
