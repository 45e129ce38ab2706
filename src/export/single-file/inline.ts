/**
 * One page with everything in it: the deck's style sheets and scripts become `<style>` and `<script>`
 * elements, and every file an attribute or a style sheet points at (images, media, map figures, fonts)
 * becomes a data URI. Only the font faces the page draws are kept (fonts.ts). Pure: the files come in as
 * bytes, the page goes out as a string, the same bytes for the same deck.
 */
import { FONT_FACE, pageElements, usedFontFaces } from './fonts.js';

/** The deck folder's files by path (relative, POSIX), as bytes. */
export type DeckFiles = ReadonlyMap<string, Uint8Array>;

const MIME: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', avif: 'image/avif',
  svg: 'image/svg+xml', ico: 'image/x-icon', bmp: 'image/bmp',
  mp4: 'video/mp4', webm: 'video/webm', ogv: 'video/ogg', mov: 'video/quicktime',
  mp3: 'audio/mpeg', ogg: 'audio/ogg', oga: 'audio/ogg', wav: 'audio/wav', m4a: 'audio/mp4',
  woff2: 'font/woff2', woff: 'font/woff', ttf: 'font/ttf', otf: 'font/otf',
  pdf: 'application/pdf', css: 'text/css', js: 'text/javascript', json: 'application/json', txt: 'text/plain', vtt: 'text/vtt',
};

/** `data:` URI of a file, typed by its extension. */
export function dataUri(path: string, bytes: Uint8Array): string {
  const type = MIME[/\.([\w]+)$/.exec(path)?.[1]?.toLowerCase() ?? ''] ?? 'application/octet-stream';
  // SVG is text: percent-encoding the few characters that matter costs a fraction of base64's third.
  if (type === 'image/svg+xml') return `data:${type},${Buffer.from(bytes).toString('utf8').replace(/[%#"&'\t\n\r]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)}`;
  return `data:${type};base64,${Buffer.from(bytes).toString('base64')}`;
}

/** Options of the one-page form. */
export interface InlineOptions {
  /** Licence texts to keep with the inlined fonts, by the font folder they came from (`theme/fonts`). */
  fontLicences?: ReadonlyMap<string, string>;
}

/** The deck page `html` with every file of `files` it refers to inlined: a page that needs nothing else. */
export function inlineDeck(html: string, files: DeckFiles, options: InlineOptions = {}): string {
  const text = (path: string) => {
    const bytes = files.get(path);
    return bytes === undefined ? undefined : Buffer.from(bytes).toString('utf8');
  };
  const elements = pageElements(html);
  // Font use is judged on every style sheet of the page at once: a face declared in one may be asked for in another.
  const linked = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].map((m) => m[1]!);
  const inlineStyles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
  const sheets = new Map(linked.flatMap((href) => {
    const css = text(href);
    return css === undefined ? [] : [[href, css] as const];
  }));
  const used = usedFontFaces([...sheets.values(), ...inlineStyles], elements);

  // Attributes first, while the page holds only markup: scripts inlined afterwards are never rewritten.
  let page = html.replace(/<[a-zA-Z][^>]*>/g, (tag) =>
    tag.replace(/(\s[\w:-]+=)"([^"]*)"/g, (whole, name: string, value: string) => {
      // Style sheets and scripts are inlined as elements below, not as data URIs.
      if ((/^\shref=$/.test(name) && /^<link\b/i.test(tag)) || (/^\ssrc=$/.test(name) && /^<script\b/i.test(tag))) return whole;
      const bytes = files.get(value);
      return bytes === undefined || value === 'index.html' ? whole : `${name}"${dataUri(value, bytes)}"`;
    }));

  page = page.replace(/<link rel="stylesheet" href="([^"]+)">/g, (whole, href: string) => {
    const sheet = sheets.get(href);
    if (sheet === undefined) return whole;
    const folder = href.includes('/') ? href.slice(0, href.lastIndexOf('/')) : '';
    const notices: string[] = [];
    const kept = sheet.replace(FONT_FACE, (rule) => {
      if (!used.has(rule)) return '';
      const licence = fontFolderOf(rule, folder);
      if (licence !== undefined && options.fontLicences?.has(licence) && !notices.includes(licence)) notices.push(licence);
      return rule;
    });
    const css = kept.replace(/url\((["']?)([^"')]+)\1\)/gi, (url, _q: string, ref: string) => {
      const path = resolvePath(folder, ref);
      const bytes = path === undefined ? undefined : files.get(path);
      return bytes === undefined ? url : `url(${dataUri(path!, bytes)})`;
    });
    const licences = notices.map((n) => `/* Fonts from ${n}/ are used under this licence:\n${options.fontLicences!.get(n)!.replace(/\*\//g, '* /')}\n*/\n`).join('');
    return `<style>\n${licences}${styleText(css)}\n</style>`;
  });

  return page.replace(/<script src="([^"]+)"><\/script>/g, (whole, src: string) => {
    const js = text(src);
    return js === undefined ? whole : `<script>\n${scriptText(js)}\n</script>`;
  });
}

/** The folder of the first local `url()` of a `@font-face` block, relative to the deck: where its licence lives. */
function fontFolderOf(rule: string, sheetFolder: string): string | undefined {
  const ref = /url\((["']?)([^"')]+)\1\)/i.exec(rule)?.[2];
  const path = ref === undefined ? undefined : resolvePath(sheetFolder, ref);
  return path?.includes('/') ? path.slice(0, path.lastIndexOf('/')) : undefined;
}

/** A relative URL from a style sheet in `folder` as a deck path; undefined for anything that leaves the deck or is not a file. */
function resolvePath(folder: string, ref: string): string | undefined {
  if (/^[a-z][\w+.-]*:|^\/|^#/i.test(ref)) return undefined;
  const parts = folder ? folder.split('/') : [];
  for (const part of ref.split(/[?#]/)[0]!.split('/')) {
    if (part === '..') {
      if (!parts.length) return undefined;
      parts.pop();
    } else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

/** CSS safe inside `<style>`: `</style` cannot end the element early. */
function styleText(css: string): string {
  return css.replace(/<\/(style)/gi, '<\\/$1');
}

/**
 * JavaScript safe inside `<script>`: `</script` would end the element, and `<!--` could make the HTML parser
 * hunt for a later `-->`. In the minified files shipped here both occur only inside strings, template
 * literals and regular expressions, where `<\/` and `<\!` mean the same characters.
 */
function scriptText(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}
