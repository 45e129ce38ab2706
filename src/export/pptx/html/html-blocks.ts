/**
 * Rendered slide HTML -> the blocks a PowerPoint text frame can hold: paragraphs of formatted runs (with
 * list levels), code lines, tables and pictures. Only text, formatting and links survive: scripts, styles,
 * embeds and event handlers have no counterpart here, so nothing executable reaches the .pptx, whatever
 * the deck allowed in its HTML. Pure.
 */
import { parseDocument } from 'htmlparser2';
import { BlockWriter } from './block-writer.js';
import type { Block, DraftRun } from './blocks.js';

export type { Block, DraftCell, DraftParagraph, DraftRun, Role } from './blocks.js';

/** Parse a slide's HTML into blocks. */
export function htmlBlocks(html: string): Block[] {
  const out = new BlockWriter();
  out.children(parseDocument(html, { decodeEntities: true }).children, { list: undefined, quote: false });
  return out.finish();
}

/** Inline HTML (a table cell, an event title) as one paragraph's runs. */
export function htmlRuns(html: string): DraftRun[] {
  const paragraphs = htmlBlocks(html).flatMap((b) => (b.kind === 'text' ? b.paragraphs : []));
  const runs: DraftRun[] = [];
  paragraphs.forEach((p, i) => {
    if (i > 0 && p.runs[0]) runs.push({ ...p.runs[0], breakBefore: true }, ...p.runs.slice(1));
    else runs.push(...p.runs);
  });
  return runs;
}

/** The text of a run list, without formatting. */
export function plainText(runs: readonly { text: string; breakBefore?: boolean }[]): string {
  return runs.map((r) => (r.breakBefore ? `\n${r.text}` : r.text)).join('');
}

/** Speaker notes (or any HTML) as plain text: one line per paragraph, list items marked, a blank line between blocks. */
export function htmlPlainText(html: string): string {
  const lines: string[] = [];
  for (const block of htmlBlocks(html)) {
    if (block.kind === 'picture') lines.push(block.alt ? `[Picture: ${block.alt}]` : '[Picture]');
    else if (block.kind === 'table') lines.push(...block.rows.map((row) => row.map((c) => c.paragraphs.map((p) => plainText(p.runs)).join(' ')).join(' | ')));
    else {
      for (const p of block.paragraphs) {
        const text = plainText(p.runs);
        const marker = p.bullet ? `${'  '.repeat(p.level ?? 0)}${p.bullet.type === 'number' ? `${p.bullet.start}.` : '•'} ` : '';
        lines.push(marker + text);
      }
    }
  }
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}
