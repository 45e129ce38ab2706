/** Read PDFs the way a person's tools would: poppler-utils for text, info, fonts and images; pdf-lib for outline and links. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString, type PDFObject } from 'pdf-lib';

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** The text of every page, as `pdftotext` extracts it (pages are separated by form feeds). */
export function pageTexts(file: string): string[] {
  const pages = run('pdftotext', ['-enc', 'UTF-8', file, '-']).split('\f');
  pages.pop(); // the text ends with a form feed
  return pages.map((p) => p.replace(/\s+/g, ' ').trim());
}

/** `pdfinfo` fields by name (Title, Author, Pages, Page size, …). */
export function pdfInfo(file: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of run('pdfinfo', ['-isodates', file]).split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) fields[m[1]!.trim()] = m[2]!.trim();
  }
  return fields;
}

/** Fonts as `pdffonts` lists them: name and whether the font program is embedded. */
export function pdfFonts(file: string): { name: string; embedded: boolean }[] {
  return run('pdffonts', [file])
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((line) => {
      const cols = line.trim().split(/\s+/);
      // name, type (may be two words), encoding, emb, sub, uni, object ID: read emb from the right.
      return { name: cols[0]!, embedded: cols[cols.length - 5] === 'yes' };
    });
}

/** Image XObjects per page (1-based page numbers), as `pdfimages -list` reports them. */
export function pdfImagePages(file: string): number[] {
  return run('pdfimages', ['-list', file])
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => Number(l.trim().split(/\s+/)[0]));
}

export interface Bookmark {
  title: string;
  page: number;
  children: Bookmark[];
}

/** The bookmark tree from the catalog's /Outlines, with 0-based target pages. */
export async function readOutline(file: string): Promise<Bookmark[]> {
  const doc = await PDFDocument.load(readFileSync(file));
  const pages = doc.getPages().map((p) => p.ref.toString());
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const walk = (first: PDFObject | undefined): Bookmark[] => {
    const out: Bookmark[] = [];
    let ref = first;
    while (ref instanceof PDFRef) {
      const item = doc.context.lookup(ref, PDFDict);
      const title = item.lookup(PDFName.of('Title'));
      const dest = item.lookup(PDFName.of('Dest'), PDFArray);
      out.push({
        title: title instanceof PDFHexString || title instanceof PDFString ? title.decodeText() : '',
        page: pages.indexOf(dest.get(0).toString()),
        children: walk(item.get(PDFName.of('First'))),
      });
      ref = item.get(PDFName.of('Next'));
    }
    return out;
  };
  return outlines ? walk(outlines.get(PDFName.of('First'))) : [];
}

/** Internal links per page: for each link annotation, the 0-based page it jumps to (named or explicit destinations). */
export async function internalLinks(file: string): Promise<{ page: number; target: number }[]> {
  const doc = await PDFDocument.load(readFileSync(file));
  const pages = doc.getPages();
  const refs = pages.map((p) => p.ref.toString());
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  const links: { page: number; target: number }[] = [];
  pages.forEach((page, index) => {
    const annots = page.node.Annots();
    for (let i = 0; i < (annots?.size() ?? 0); i++) {
      const annot = annots!.lookup(i, PDFDict);
      let dest = annot.lookup(PDFName.of('Dest'));
      if (dest instanceof PDFName && dests) dest = dests.lookup(PDFName.of(dest.decodeText()));
      if (dest instanceof PDFString || dest instanceof PDFHexString) dest = dests?.lookup(PDFName.of(dest.decodeText()));
      if (dest instanceof PDFDict) dest = dest.lookup(PDFName.of('D'));
      if (dest instanceof PDFArray) links.push({ page: index, target: refs.indexOf(dest.get(0).toString()) });
    }
  });
  return links;
}
