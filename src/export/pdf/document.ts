/**
 * What Chromium cannot write into a PDF: document metadata, the bookmark outline, fixed dates and a
 * content-derived document ID, so the same deck gives the same bytes. Added by rewriting Chromium's file
 * object by object (rewrite.ts); pdf-lib, which loads the whole document, only when that declines.
 */
import { createHash } from 'node:crypto';
import type { PDFDocument, PDFRef } from 'pdf-lib';
import type { OutlineEntry } from '../../core/print/outline.js';
import { dateString, dict, name, raw, ref, textString, type PdfValue } from './objects.js';
import { outlineObjects } from './pack.js';
import { readPrinted } from './rewrite.js';
import { stableNodeIds } from './node-ids.js';

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
  const stable = stableNodeIds(printed);
  return finishByRewriting(stable, info, outline) ?? finishWithPdfLib(stable, info, outline);
}

/** The same additions made in Chromium's own objects (see rewrite.ts); undefined if the file is not laid out as expected. */
export function finishByRewriting(printed: Uint8Array, info: DocumentInfo, outline: readonly OutlineEntry[]): { bytes: Uint8Array; pages: number } | undefined {
  const pdf = readPrinted(printed);
  if (!pdf) return undefined;
  const objects = new Map<number, PdfValue>();
  const edit = (value: PdfValue | undefined, change: (entries: Map<string, PdfValue>) => void): PdfValue => {
    // A dictionary given by reference is edited where it is; one written inline is edited inline.
    if (value?.kind === 'ref') {
      const target = copy(objects.get(value.num) ?? pdf.read(value.num));
      change(target.entries);
      objects.set(value.num, target);
      return value;
    }
    const target = copy(value?.kind === 'dict' ? value : dict([]));
    change(target.entries);
    return target;
  };
  edit(ref(pdf.root), (catalog) => {
    catalog.set('/ViewerPreferences', edit(catalog.get('/ViewerPreferences'), (prefs) => prefs.set('/DisplayDocTitle', raw('true'))));
    catalog.set('/Lang', raw(`(${info.lang.replace(/[\\()]/g, (c) => `\\${c}`)})`));
    const structure = catalog.get('/StructTreeRoot');
    if (structure) {
      edit(structure, (root) => root.set('/RoleMap', edit(root.get('/RoleMap'), (map) => {
        for (const [type, role] of Object.entries(PDF_17_ROLES)) if (!map.has(`/${type}`)) map.set(`/${type}`, name(`/${role}`));
      })));
    }
    if (outline.length) {
      const tree = outlineObjects(outline, pdf.pages, pdf.nextNumber, textString);
      for (const [num, value] of tree.objects) objects.set(num, value);
      catalog.set('/Outlines', ref(tree.root));
      catalog.set('/PageMode', name('/UseOutlines'));
    }
  });
  const infoNum = pdf.info ?? pdf.nextNumber();
  const entries: [string, PdfValue][] = [['/Title', textString(info.title)]];
  if (info.author) entries.push(['/Author', textString(info.author)]);
  if (info.subject) entries.push(['/Subject', textString(info.subject)]);
  if (info.keywords.length) entries.push(['/Keywords', textString(info.keywords.join('; '))]);
  entries.push(['/Creator', textString(PRODUCER)]);
  if (info.classification) entries.push(['/Classification', textString(info.classification)]);
  entries.push(['/Producer', textString(PRODUCER)], ['/CreationDate', dateString(info.date)], ['/ModDate', dateString(info.date)]);
  objects.set(infoNum, dict(entries));
  const digest = pdf.contentDigest();
  if (!digest) return undefined;
  const id = createHash('sha256').update(digest).update(JSON.stringify({ info: { ...info, date: info.date.toISOString() }, outline })).digest('hex').slice(0, 32).toUpperCase();
  const bytes = pdf.write({ objects, info: infoNum, id });
  return { bytes, pages: pdf.pages.length };
}

/** A shallow copy of a dictionary, so that edits never change the parsed original. */
function copy(value: PdfValue): PdfValue & { kind: 'dict' } {
  if (value.kind !== 'dict') throw new Error(`expected a dictionary, found ${value.kind}`);
  return { kind: 'dict', entries: new Map(value.entries) };
}

/** The pdf-lib way: load the whole document, change it, save it (with object streams). For PDFs rewrite.ts declines. */
export async function finishWithPdfLib(printed: Uint8Array, info: DocumentInfo, outline: readonly OutlineEntry[]): Promise<{ bytes: Uint8Array; pages: number }> {
  const { ParseSpeeds, PDFDict, PDFDocument, PDFHexString, PDFName } = await import('pdf-lib');
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
  await mapStructureTypes(doc);
  const pages = doc.getPages().map((p) => p.ref);
  if (outline.length) {
    doc.catalog.set(PDFName.of('Outlines'), await writeOutline(doc, outline, pages));
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

async function mapStructureTypes(doc: PDFDocument): Promise<void> {
  const { PDFDict, PDFName } = await import('pdf-lib');
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
async function writeOutline(doc: PDFDocument, entries: readonly OutlineEntry[], pages: PDFRef[]): Promise<PDFRef> {
  const { PDFHexString, PDFName, PDFNumber } = await import('pdf-lib');
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
