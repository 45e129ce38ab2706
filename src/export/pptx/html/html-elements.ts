/** Which HTML elements are which to the PowerPoint export, and the raw text under a node (code lines). Pure. */
import { isTag, isText, type AnyNode, type Element } from 'domhandler';

/** Elements whose content is never text on a slide. */
export const DROPPED = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object', 'embed', 'applet', 'frame', 'frameset', 'head', 'title', 'meta', 'link', 'base', 'svg', 'math', 'canvas', 'audio', 'video', 'source', 'track', 'form', 'button', 'select', 'textarea', 'aside']);
/** Elements that end a paragraph and start another. */
export const BLOCKS = new Set(['p', 'div', 'section', 'article', 'header', 'footer', 'main', 'nav', 'figure', 'figcaption', 'details', 'summary', 'dl', 'dt', 'dd', 'address', 'center', 'hr']);
/** Heading elements and their levels. */
export const HEADINGS: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };

/**
 * A code block's lines. A block with reveal.js line numbers is a table of lines, repeated once per highlight
 * step (src/core/markdown/code/block.ts): the first copy's code cells are the lines.
 */
export function codeLines(pre: Element): string[] {
  const code = pre.children.find((c): c is Element => isTag(c) && c.name === 'code');
  const cells: Element[] = [];
  const collect = (nodes: AnyNode[]) => {
    for (const n of nodes) if (isTag(n)) (/(^|\s)hljs-ln-code(\s|$)/.test(n.attribs.class ?? '') ? cells.push(n) : collect(n.children));
  };
  if (code) collect(code.children);
  if (cells.length) return cells.map((cell) => nodeText(cell).replace(/^ $/, ''));
  return nodeText(code ?? pre).replace(/\n$/, '').split('\n');
}

/** The raw text under a node (a code block's lines), line breaks kept, dropped elements left out. */
export function nodeText(node: AnyNode): string {
  if (isText(node)) return node.data;
  if (!isTag(node) || DROPPED.has(node.name)) return '';
  if (node.name === 'br') return '\n';
  return node.children.map(nodeText).join('');
}
