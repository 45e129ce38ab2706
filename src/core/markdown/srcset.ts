/** `srcset` lists, read the way the HTML standard's parser reads them, so every candidate a browser may load is seen. Pure. */

export interface SrcsetCandidate {
  url: string;
  /** The width or density descriptor (`640w`, `2x`), or ''. */
  descriptor: string;
}

/** The candidates of a `srcset` value (https://html.spec.whatwg.org/#parse-a-srcset-attribute). */
export function parseSrcset(value: string): SrcsetCandidate[] {
  const out: SrcsetCandidate[] = [];
  let i = 0;
  const space = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
  while (i < value.length) {
    while (i < value.length && (space(value[i]) || value[i] === ',')) i++;
    if (i >= value.length) break;
    let url = '';
    while (i < value.length && !space(value[i])) url += value[i++];
    let descriptor = '';
    if (/,+$/.test(url)) {
      url = url.replace(/,+$/, '');
    } else {
      let inParens = false;
      while (i < value.length) {
        const c = value[i]!;
        if (c === ',' && !inParens) {
          i++;
          break;
        }
        if (c === '(') inParens = true;
        else if (c === ')') inParens = false;
        descriptor += c;
        i++;
      }
    }
    out.push({ url, descriptor: descriptor.trim() });
  }
  return out;
}

/** A `srcset` value from candidates; descriptors other than widths and densities are dropped, as a browser ignores them. */
export function writeSrcset(candidates: readonly SrcsetCandidate[]): string {
  return candidates
    .filter((c) => c.url)
    .map((c) => (/^\d+(\.\d+)?[wx]$/.test(c.descriptor) ? `${c.url} ${c.descriptor}` : c.url))
    .join(', ');
}
