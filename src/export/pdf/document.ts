/**
 * What Chromium cannot write into a PDF, added with pdf-lib: document metadata, the bookmark outline,
 * fixed dates and a content-derived document ID, so the same deck gives the same bytes.
 */
import { createHash } from 'node:crypto';
import { ParseSpeeds, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, type PDFRef } from 'pdf-lib';
import type { OutlineEntry } from '../../core/print/outline.js';

/** Document information, as a PDF reader shows it under "Properties". */
export interface DocumentInfo {
  title: string;
  author: string | undefined;
  subject: string | undefined;
  /** The deck's overall marking, written as the custom entry /Classification (and first among the keywords). */
  classification: string | undefined;
  keywords: string[];
  /** BCP 47 language of the text, e.g. `en`. */
  lang: string;
  /** Creation and modification date: the deck's date, so a re-export does not change the file. */
  date: Date;
}

/** Name written as Creator and Producer. */
const PRODUCER = 'briefing';

/** Add metadata and outline to Chromium's PDF; returns the final, deterministic bytes and the page count. */
export async function finishPdf(printed: Uint8Array, info: DocumentInfo, outline: readonly OutlineEntry[]): Promise<{ bytes: Uint8Array; pages: number }> {
  // No yielding to the event loop between objects: nothing else is waiting, and each yield costs a tick.
  const doc = await PDFDocument.load(printed, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  doc.setTitle(info.title, { showInWindowTitleBar: true });
  if (info.author) doc.setAuthor(info.author);
  if (info.subject) doc.setSubject(info.subject);
  // pdf-lib joins keywords with spaces; "; " keeps multi-word keywords apart.
  if (info.keywords.length) doc.setKeywords([info.keywords.join('; ')]);
  doc.setCreator(PRODUCER);
  // After setTitle, the document has an Info dictionary; pdf-lib has no setter for custom entries.
  if (info.classification) {
    const infoDict = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
    infoDict.set(PDFName.of('Classification'), PDFHexString.fromText(info.classification));
  }
  doc.setProducer(PRODUCER);
  doc.setCreationDate(info.date);
  doc.setModificationDate(info.date);
  doc.setLanguage(info.lang);
  mapStructureTypes(doc);
  const pages = doc.getPages().map((p) => p.ref);
  if (outline.length) {
    doc.catalog.set(PDFName.of('Outlines'), writeOutline(doc, outline, pages));
    doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
  }
  // The file identifier must be stable too: derive it from what the PDF contains, not from the clock.
  const id = PDFHexString.of(documentId(printed, info, outline));
  doc.context.trailerInfo.ID = doc.context.obj([id, id]);
  return { bytes: await doc.save({ useObjectStreams: true, objectsPerTick: Infinity }), pages: pages.length };
}

/**
 * Chromium tags `<strong>`, `<em>` and a few others with PDF 2.0 structure types. Readers of PDF 1.7 —
 * poppler, many screen readers — drop elements of a type they do not know, text and all; the role map
 * names the PDF 1.7 type each stands for. Only in a tagged PDF (one with a structure tree).
 */
const PDF_17_ROLES: Record<string, string> = { Strong: 'Span', Em: 'Span', Sub: 'Span', Title: 'H', FENote: 'Note', Aside: 'Div', DocumentFragment: 'Div' };

function mapStructureTypes(doc: PDFDocument): void {
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (!root) return;
  const map = root.lookupMaybe(PDFName.of('RoleMap'), PDFDict) ?? doc.context.obj({});
  for (const [type, role] of Object.entries(PDF_17_ROLES)) if (!map.has(PDFName.of(type))) map.set(PDFName.of(type), PDFName.of(role));
  root.set(PDFName.of('RoleMap'), map);
}

/** A 16-byte hex digest of the printed content (without Chromium's timestamps) and of what was added to it. */
function documentId(printed: Uint8Array, info: DocumentInfo, outline: readonly OutlineEntry[]): string {
  const text = Buffer.from(printed.buffer, printed.byteOffset, printed.byteLength).toString('latin1');
  return createHash('sha256')
    .update(text.replace(/\/(CreationDate|ModDate)\s*\(D:[^)]*\)/g, ''), 'latin1')
    .update(JSON.stringify({ info: { ...info, date: info.date.toISOString() }, outline }))
    .digest('hex')
    .slice(0, 32)
    .toUpperCase();
}

/** Write the /Outlines tree; sections with slide entries start collapsed so the panel shows the sections. */
function writeOutline(doc: PDFDocument, entries: readonly OutlineEntry[], pages: PDFRef[]): PDFRef {
  const context = doc.context;
  const root = context.nextRef();
  const level = (items: readonly OutlineEntry[], parent: PDFRef): PDFRef[] => {
    const refs = items.map(() => context.nextRef());
    items.forEach((item, i) => {
      const page = pages[Math.min(Math.max(item.page, 0), pages.length - 1)]!;
      const dict = context.obj({ Title: PDFHexString.fromText(item.title), Parent: parent, Dest: [page, 'Fit'] });
      if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1]!);
      if (i < refs.length - 1) dict.set(PDFName.of('Next'), refs[i + 1]!);
      if (item.children.length) {
        const children = level(item.children, refs[i]!);
        dict.set(PDFName.of('First'), children[0]!);
        dict.set(PDFName.of('Last'), children[children.length - 1]!);
        dict.set(PDFName.of('Count'), PDFNumber.of(-children.length));
      }
      context.assign(refs[i]!, dict);
    });
    return refs;
  };
  const top = level(entries, root);
  const dict = context.obj({ Type: 'Outlines' });
  dict.set(PDFName.of('First'), top[0]!);
  dict.set(PDFName.of('Last'), top[top.length - 1]!);
  dict.set(PDFName.of('Count'), PDFNumber.of(top.length));
  context.assign(root, dict);
  return root;
}
