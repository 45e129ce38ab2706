/**
 * Chromium names each structure element of a tagged PDF after its accessibility node (`/ID (node00000693)`),
 * and those numbers depend on how many nodes the page happened to create before printing, so two exports of
 * the same deck can differ in them. Renumbering them by rank (1, 2, 3 … in the order of the old numbers) keeps
 * every reference and the sorted order the /IDTree needs, and gives the same bytes for the same deck. The new
 * numbers have the old width, so no object moves and Chromium's cross-reference table stays valid.
 */

const NODE_ID = /\(node(\d{8})\)/g;

/** Chromium's printed PDF with its structure element IDs renumbered by rank (same length, same order). */
export function stableNodeIds(printed: Uint8Array): Uint8Array {
  const text = Buffer.from(printed.buffer, printed.byteOffset, printed.byteLength).toString('latin1');
  const ids = [...new Set(Array.from(text.matchAll(NODE_ID), (m) => m[1]!))].sort();
  if (!ids.length) return printed;
  const rank = new Map(ids.map((id, i) => [id, String(i + 1).padStart(8, '0')]));
  return Buffer.from(text.replace(NODE_ID, (_, id: string) => `(node${rank.get(id)})`), 'latin1');
}
