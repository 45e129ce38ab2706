/** Read .pptx files back as a person's tools would: LibreOffice Impress renders them, the zip holds the XML. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import JSZip from 'jszip';

/** Convert .pptx files to PDF with LibreOffice (one process for all, its own profile); returns the PDFs' paths. */
export function officeToPdf(files: readonly string[], outDir: string): string[] {
  const profile = mkdtempSync(join(tmpdir(), 'briefing-lo-profile-'));
  try {
    const result = spawnSync('soffice', [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, ...files], { encoding: 'utf8', timeout: 240_000 });
    if (result.status !== 0) throw new Error(`soffice failed (${result.status}): ${result.stderr}`);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  return files.map((f) => join(outDir, basename(f).replace(/\.pptx$/i, '.pdf')));
}

/** Every XML part of a .pptx by name. */
export async function pptxParts(file: string): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const parts = new Map<string, string>();
  for (const name of Object.keys(zip.files).sort()) if (/\.(xml|rels)$/.test(name)) parts.set(name, await zip.files[name]!.async('string'));
  return parts;
}

/** The parts named `prefix<n>.xml`, in slide order. */
export function numbered(parts: Map<string, string>, prefix: string): string[] {
  const out: string[] = [];
  for (let n = 1; parts.has(`${prefix}${n}.xml`); n++) out.push(parts.get(`${prefix}${n}.xml`)!);
  return out;
}

/** The text of an XML part's runs, paragraphs on lines of their own. */
export function xmlText(xml: string): string {
  return [...xml.matchAll(/<a:p>([\s\S]*?)<\/a:p>/g)]
    .map((p) => [...p[1]!.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((t) => decode(t[1]!)).join(''))
    .join('\n');
}

function decode(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}
