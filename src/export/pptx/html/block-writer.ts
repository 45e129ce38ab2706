/**
 * The walk behind html-blocks.ts: turns parsed slide HTML into paragraphs of formatted runs (with list levels),
 * code lines, tables and pictures, dropping every element that has no counterpart in a text frame. Pure.
 */
import { isTag, isText, type AnyNode, type Element } from 'domhandler';
import { decodeUrl } from '../../../core/assets.js';
import type { Block, DraftCell, DraftParagraph, DraftRun, Role } from './blocks.js';
import { BLOCKS, codeLines, DROPPED, HEADINGS } from './html-elements.js';

interface Context {
  list: { ordered: boolean; level: number; next: number } | undefined;
  quote: boolean;
}

interface Style {
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
  strike?: boolean;
  link?: DraftRun['link'];
}

/** Walks parsed HTML and collects its blocks (htmlBlocks drives it). */
export class BlockWriter {
  private blocks: Block[] = [];
  private paragraph: DraftParagraph | undefined;
  private pendingBreak = false;

  finish(): Block[] {
    this.endParagraph();
    return this.blocks;
  }

  children(nodes: readonly AnyNode[], ctx: Context): void {
    for (const node of nodes) this.node(node, ctx);
  }

  private node(node: AnyNode, ctx: Context): void {
    if (isText(node)) return this.text(node.data, {}, ctx);
    if (!isTag(node)) return;
    const name = node.name.toLowerCase();
    if (DROPPED.has(name)) return;
    if (name in HEADINGS) {
      this.endParagraph();
      this.startParagraph(ctx, 'heading', HEADINGS[name]);
      this.inline(node.children, {}, ctx);
      return this.endParagraph();
    }
    if (name === 'ul' || name === 'ol') {
      this.endParagraph();
      const start = Number(node.attribs.start);
      const list = { ordered: name === 'ol', level: ctx.list ? ctx.list.level + 1 : 0, next: Number.isInteger(start) ? start : 1 };
      for (const item of node.children) {
        if (isTag(item) && item.name === 'li') {
          const value = Number(item.attribs.value);
          if (Number.isInteger(value)) list.next = value;
          this.listItem(item, { ...ctx, list });
          list.next++;
        } else this.node(item, { ...ctx, list });
      }
      return this.endParagraph();
    }
    if (name === 'pre') {
      this.endParagraph();
      const lines = codeLines(node);
      this.blocks.push({ kind: 'text', paragraphs: lines.map((line) => ({ runs: [{ text: line.replace(/\t/g, '    ') || ' ', code: true }], role: 'code', code: true })) });
      return;
    }
    if (name === 'blockquote') {
      this.endParagraph();
      this.children(node.children, { ...ctx, quote: true });
      return this.endParagraph();
    }
    if (name === 'table') {
      this.endParagraph();
      return this.table(node);
    }
    if (name === 'img') return this.picture(node);
    if (name === 'li') return this.listItem(node, ctx);
    if (BLOCKS.has(name)) {
      this.endParagraph();
      this.children(node.children, ctx);
      return this.endParagraph();
    }
    this.inline([node], {}, ctx);
  }

  private listItem(item: Element, ctx: Context): void {
    this.endParagraph();
    const list = ctx.list!;
    this.startParagraph(ctx, 'body');
    this.paragraph!.bullet = list.ordered ? { type: 'number', start: list.next } : { type: 'bullet' };
    this.paragraph!.level = list.level;
    // A "loose" list wraps its items' text in <p>; the first paragraph is the item, later ones continue it.
    for (const child of item.children) {
      if (isTag(child) && (child.name === 'p' || child.name === 'div') && this.paragraph?.bullet && !this.paragraph.runs.length) this.inline(child.children, {}, ctx);
      else if (isTag(child) && (child.name === 'ul' || child.name === 'ol' || child.name === 'pre' || child.name === 'table' || child.name === 'blockquote')) this.node(child, ctx);
      else if (isTag(child) && child.name === 'p') {
        this.endParagraph();
        this.startParagraph(ctx, 'body');
        this.paragraph!.level = list.level;
        this.inline(child.children, {}, ctx);
      } else this.inline([child], {}, ctx);
    }
    this.endParagraph();
  }

  private inline(nodes: readonly AnyNode[], style: Style, ctx: Context): void {
    for (const node of nodes) {
      if (isText(node)) {
        this.text(node.data, style, ctx);
        continue;
      }
      if (!isTag(node)) continue;
      const name = node.name.toLowerCase();
      if (DROPPED.has(name)) continue;
      if (name === 'br') {
        this.pendingBreak = true;
        continue;
      }
      if (name === 'img') {
        this.picture(node);
        continue;
      }
      if (name === 'input' && node.attribs.type === 'checkbox') {
        this.text(`${'checked' in node.attribs ? '☑' : '☐'} `, style, ctx);
        continue;
      }
      if (name in HEADINGS || name === 'ul' || name === 'ol' || name === 'pre' || name === 'table' || name === 'blockquote' || name === 'p' || name === 'div') {
        this.node(node, ctx);
        continue;
      }
      const next: Style = { ...style };
      if (name === 'strong' || name === 'b') next.bold = true;
      if (name === 'em' || name === 'i' || name === 'cite') next.italic = true;
      if (name === 'code' || name === 'kbd' || name === 'samp') next.code = true;
      if (name === 'del' || name === 's' || name === 'strike') next.strike = true;
      if (name === 'a') {
        const link = linkOf(node.attribs.href);
        if (link) next.link = link;
      }
      this.inline(node.children, next, ctx);
    }
  }

  private text(data: string, style: Style, ctx: Context): void {
    const text = data.replace(/[\t\n\r\f ]+/g, ' ');
    if (!this.paragraph) {
      if (!text.trim()) return;
      this.startParagraph(ctx, 'body');
    }
    const p = this.paragraph!;
    const breakBefore = this.pendingBreak && p.runs.length > 0;
    this.pendingBreak = false;
    const last = p.runs[p.runs.length - 1];
    // A paragraph or a line does not start with a space.
    const clean = !last || breakBefore || /\s$/.test(last.text) ? text.replace(/^ /, '') : text;
    if (!clean) return;
    const run: DraftRun = { text: clean };
    if (style.bold) run.bold = true;
    if (style.italic) run.italic = true;
    if (style.code) run.code = true;
    if (style.strike) run.strike = true;
    if (style.link) run.link = style.link;
    if (breakBefore) run.breakBefore = true;
    if (last && !breakBefore && sameStyle(last, run)) last.text += run.text;
    else p.runs.push(run);
  }

  private startParagraph(ctx: Context, role: Role, heading?: number): void {
    this.paragraph = { runs: [], role: ctx.quote && role === 'body' ? 'quote' : role };
    if (heading) this.paragraph.heading = heading;
    if (ctx.quote) this.paragraph.italic = false;
    if (ctx.list && role === 'body') this.paragraph.level = ctx.list.level;
    this.pendingBreak = false;
  }

  private endParagraph(): void {
    const p = this.paragraph;
    this.paragraph = undefined;
    this.pendingBreak = false;
    if (!p) return;
    const last = p.runs[p.runs.length - 1];
    if (last) last.text = last.text.replace(/ $/, '');
    p.runs = p.runs.filter((r) => r.text);
    if (!p.runs.length) return;
    const previous = this.blocks[this.blocks.length - 1];
    if (previous?.kind === 'text') previous.paragraphs.push(p);
    else this.blocks.push({ kind: 'text', paragraphs: [p] });
  }

  private picture(node: Element): void {
    const src = node.attribs.src ?? '';
    const alt = (node.attribs.alt ?? '').trim();
    // Only files of the built deck (the briefing's own, copied to media/): remote and data: images are not fetched.
    if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//') || !src) {
      if (alt) this.text(`[${alt}]`, { italic: true }, { list: undefined, quote: false });
      return;
    }
    this.endParagraph();
    this.blocks.push({ kind: 'picture', path: decodeUrl(src.split(/[?#]/)[0]!), alt });
  }

  private table(node: Element): void {
    const rows: DraftCell[][] = [];
    let headerRows = 0;
    const visit = (el: Element, inHead: boolean) => {
      for (const child of el.children) {
        if (!isTag(child)) continue;
        if (child.name === 'thead' || child.name === 'tbody' || child.name === 'tfoot') visit(child, child.name === 'thead');
        else if (child.name === 'tr') {
          const cells = child.children.filter(isTag).filter((c) => c.name === 'td' || c.name === 'th').map((c) => {
            const inner = new BlockWriter();
            inner.children(c.children, { list: undefined, quote: false });
            const paragraphs = inner.finish().flatMap((b) => (b.kind === 'text' ? b.paragraphs : []));
            const align = /^(left|center|right)$/.exec(c.attribs.align ?? '')?.[1] as DraftCell['align'];
            return { paragraphs, header: c.name === 'th', ...(align ? { align } : {}) };
          });
          if (inHead) headerRows++;
          rows.push(cells);
        }
      }
    };
    visit(node, false);
    if (rows.length) this.blocks.push({ kind: 'table', rows, headerRows });
  }
}

/** Only links the author wrote to web pages, and links to slides of this deck; anything else is text. */
function linkOf(href: string | undefined): DraftRun['link'] | undefined {
  const value = (href ?? '').trim();
  if (/^https?:\/\/[^\s"<>]+$/i.test(value)) return { url: value };
  const anchor = /^#\/?([^/]+)/.exec(value);
  if (anchor) return { anchor: decodeUrl(anchor[1]!) };
  return undefined;
}

/** Two runs that can be one: the same formatting and link, and no line break between them. */
function sameStyle(a: DraftRun, b: DraftRun): boolean {
  return !!a.bold === !!b.bold && !!a.italic === !!b.italic && !!a.code === !!b.code && !!a.strike === !!b.strike && JSON.stringify(a.link) === JSON.stringify(b.link) && !b.breakBefore;
}
