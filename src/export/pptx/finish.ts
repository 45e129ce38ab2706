/**
 * pptxgenjs's output made valid and reproducible: the same deck gives the same bytes. pptxgenjs stamps the
 * time into docProps and every zip entry, gives PowerPoint sections random ids, writes a paragraph's
 * properties once per run (PowerPoint repairs such files), leaves slide backgrounds without the effect list
 * the schema requires, puts the notes in one paragraph, cannot write keywords, and in Node writes no real
 * PNG version of an SVG picture. Each is put right here, in the XML pptxgenjs wrote.
 */
import { createHash } from 'node:crypto';
import { escapeXml } from './xml.js';
import { readZip, writeZip } from './zip.js';

export interface FinishInfo {
  /** Written as the creation and modification date, and as every zip entry's date. */
  date: Date;
  keywords: string[];
  lang: string;
  /** Layout names and the slide layout type each one stands for. */
  layoutTypes: Record<string, 'title' | 'secHead'>;
  /** Rasterize an SVG to PNG (the picture PowerPoint versions without SVG support show). */
  rasterize(svg: string): Uint8Array;
}

/** Rewrite a .pptx written by pptxgenjs; returns the finished bytes (deflated, one fixed date, the same order). */
export async function finishPptx(bytes: Uint8Array, info: FinishInfo): Promise<Uint8Array> {
  const entries = readZip(bytes);
  const names = entries.map((e) => e.name);
  const byName = new Map(entries.map((e) => [e.name, e.data]));
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  const out = entries.map(({ name, data }) => {
    if (/\.(xml|rels)$/.test(name)) return { name, data: encoder.encode(fixXml(name, decoder.decode(data), info)) };
    const svg = svgBeside(name, names);
    return { name, data: svg ? info.rasterize(decoder.decode(byName.get(svg))) : data };
  });
  return writeZip(out, info.date);
}

function fixXml(name: string, xml: string, info: FinishInfo): string {
  if (name === 'docProps/core.xml') return coreProperties(xml, info);
  if (name === 'ppt/presentation.xml') return stableSectionIds(xml);
  let out = onePropertiesPerParagraph(xml);
  out = out.replace(/(<p:bgPr>\s*<a:solidFill>[\s\S]*?<\/a:solidFill>)(\s*<\/p:bgPr>)/g, '$1<a:effectLst/>$2');
  if (name.startsWith('ppt/notesSlides/notesSlide')) out = notesParagraphs(out);
  if (name.startsWith('ppt/slideLayouts/slideLayout')) {
    const layout = /<p:cSld name="([^"]*)"/.exec(out)?.[1];
    const type = layout ? info.layoutTypes[layout] : undefined;
    if (type) out = out.replace('<p:sldLayout ', `<p:sldLayout type="${type}" `);
  }
  return out;
}

function coreProperties(xml: string, info: FinishInfo): string {
  const stamp = info.date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  let out = xml.replace(/(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${stamp}$3`);
  const extra = `<cp:keywords>${escapeXml(info.keywords.join('; '))}</cp:keywords><dc:language>${escapeXml(info.lang)}</dc:language>`;
  out = out.replace('<cp:lastModifiedBy>', `${extra}<cp:lastModifiedBy>`);
  return out;
}

/** PowerPoint sections carry GUIDs; pptxgenjs draws them at random. These come from the section's place and name. */
function stableSectionIds(xml: string): string {
  let n = 0;
  return xml.replace(/(<p14:section name="([^"]*)" id=")\{[0-9a-fA-F-]{36}\}"/g, (_m, head: string, name: string) => {
    const hex = createHash('sha256').update(`${n++}\0${name}`).digest('hex').toUpperCase();
    return `${head}{${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}}"`;
  });
}

const PROPERTIES = /<a:pPr\b[^>]*?(?:\/>|>[\s\S]*?<\/a:pPr>)/g;

/** A paragraph may have one `<a:pPr>`, first; pptxgenjs writes one before each run. The first one stays. */
function onePropertiesPerParagraph(xml: string): string {
  return xml.replace(/<a:p>([\s\S]*?)<\/a:p>/g, (whole, inner: string) => {
    let seen = false;
    const fixed = inner.replace(PROPERTIES, (pPr) => {
      if (seen) return '';
      seen = true;
      return pPr;
    });
    return fixed === inner ? whole : `<a:p>${fixed}</a:p>`;
  });
}

/** The notes text as one paragraph per line, as a person types them in the notes pane. */
function notesParagraphs(xml: string): string {
  return xml.replace(/<a:p><a:r>(<a:rPr [^>]*\/>)<a:t>([\s\S]*?)<\/a:t><\/a:r>(<a:endParaRPr [^>]*\/>)<\/a:p>/, (whole, rPr: string, text: string, end: string) => {
    if (!text.includes('\n')) return whole;
    return text.split(/\r?\n/).map((line) => (line ? `<a:p><a:r>${rPr}<a:t>${line}</a:t></a:r>${end}</a:p>` : `<a:p>${end}</a:p>`)).join('');
  });
}

/**
 * The SVG whose PNG version `png` stands in for. pptxgenjs adds an SVG as two pictures, image-<slide>-<n>.png
 * then image-<slide>-<n+1>.svg, and in Node fills the PNG with the SVG's own bytes or a "broken image" picture,
 * whichever its unawaited conversion leaves there — so it is always replaced.
 */
function svgBeside(png: string, names: readonly string[]): string | undefined {
  const m = /^(.*image-\d+-)(\d+)\.png$/.exec(png);
  if (!m) return undefined;
  const svg = `${m[1]}${Number(m[2]) + 1}.svg`;
  return names.includes(svg) ? svg : undefined;
}
