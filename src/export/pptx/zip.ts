/**
 * The few zip operations the .pptx needs, on Node's own zlib: read the entries pptxgenjs wrote, and write
 * them again compressed, in the same order, with one fixed date — so the file's bytes depend on its
 * content only. (JSZip, which pptxgenjs uses, stamps the current time and deflates in JavaScript.)
 */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

/** Every file entry of a zip, in the order of its central directory. Folders are skipped. */
export function readZip(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.byteLength - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip file: no end of central directory');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error('zip central directory is damaged');
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue;
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const raw = bytes.subarray(start, start + size);
    if (method !== 0 && method !== 8) throw new Error(`zip entry ${name} uses compression method ${method}`);
    entries.push({ name, data: method === 8 ? new Uint8Array(inflateRawSync(raw)) : raw });
  }
  return entries;
}

/** A zip of `entries` in the given order, deflated, every entry dated `date` (UTC), UTF-8 names. */
export function writeZip(entries: readonly ZipEntry[], date: Date): Uint8Array {
  const time = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2);
  const day = ((Math.max(1980, date.getUTCFullYear()) - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  const encoder = new TextEncoder();
  const locals: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = encoder.encode(entry.name);
    const compressed = new Uint8Array(deflateRawSync(entry.data, { level: 6 }));
    // Stored when deflating does not help (pictures that are compressed already).
    const stored = compressed.byteLength >= entry.data.byteLength;
    const body = stored ? entry.data : compressed;
    const crc = crc32(entry.data);
    const header = (signature: number, size: number) => {
      const h = new DataView(new ArrayBuffer(size));
      h.setUint32(0, signature, true);
      return h;
    };
    const local = header(0x04034b50, 30);
    fill(local, 4, [20, 0x0800, stored ? 0 : 8, time, day], crc, body.byteLength, entry.data.byteLength, name.byteLength, 0);
    locals.push(new Uint8Array(local.buffer), name, body);
    const dir = header(0x02014b50, 46);
    dir.setUint16(4, 20, true);
    fill(dir, 6, [20, 0x0800, stored ? 0 : 8, time, day], crc, body.byteLength, entry.data.byteLength, name.byteLength, 0);
    dir.setUint32(42, offset, true);
    central.push(new Uint8Array(dir.buffer), name);
    offset += 30 + name.byteLength + body.byteLength;
  }
  const centralSize = central.reduce((n, b) => n + b.byteLength, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, centralSize, true);
  end.setUint32(16, offset, true);
  return Buffer.concat([...locals, ...central, new Uint8Array(end.buffer)]);
}

/** Version, flags, method, time, date, CRC, sizes and name length: the fields local and central headers share. */
function fill(view: DataView, at: number, shorts: number[], crc: number, compressed: number, size: number, nameLength: number, extraLength: number): void {
  shorts.forEach((value, i) => view.setUint16(at + i * 2, value, true));
  view.setUint32(at + 10, crc, true);
  view.setUint32(at + 14, compressed, true);
  view.setUint32(at + 18, size, true);
  view.setUint16(at + 22, nameLength, true);
  view.setUint16(at + 24, extraLength, true);
}
