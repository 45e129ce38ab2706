/** What every lint rule reads, and the helpers they share to walk slides and find lines. Pure. */
import { parseDocument } from 'htmlparser2';
import type { AnyNode, Element } from 'domhandler';
import type { Diagnostic } from '../../diagnostics.js';
import type { BriefingIndex, RenderedSection, RenderedSlide, Section } from '../../model.js';

/** The input of the lint rules: the deck as the build stages produced it. */
export interface LintInput {
  deck: BriefingIndex;
  /** Rendered sections in deck order. */
  sections: readonly RenderedSection[];
  /** Every element id in the composed deck; undefined when the deck did not compose (links are then not checked). */
  ids?: ReadonlySet<string>;
  /** Words of body text a slide may hold before `word-budget` warns. */
  wordBudget: number;
}

/** A lint rule: a stable id, what it means, and the check. */
export interface Rule {
  id: string;
  run(input: LintInput): Diagnostic[];
}

/** One slide with the section it belongs to. */
export interface SlideRef {
  section: Section;
  rendered: RenderedSection;
  slide: RenderedSlide;
}

/** Every written slide of the deck, in order. */
export function eachSlide(input: LintInput): SlideRef[] {
  return input.sections.flatMap((rendered) => rendered.stacks.flat().map((slide) => ({ section: rendered.section, rendered, slide })));
}

/**
 * The file line where `needle` (case-insensitive) is written in a section: searched in the body from
 * `from` onwards, then in the whole body, then in the front matter; `fallback` when it is nowhere.
 */
export function lineOf(section: Section, needle: string, from: number, fallback = from): number {
  const n = needle.toLowerCase();
  if (!n) return fallback;
  const body = section.body.split('\n').map((l) => l.toLowerCase());
  const start = Math.max(0, from - section.bodyLine);
  for (const begin of [start, 0]) {
    for (let i = begin; i < body.length; i++) if (body[i]!.includes(n)) return section.bodyLine + i;
  }
  // The YAML text starts with the newline after the opening `---`: its line i is file line i + 1.
  const yaml = section.yaml.split('\n');
  for (let i = 0; i < yaml.length; i++) if (yaml[i]!.toLowerCase().includes(n)) return i + 1;
  return fallback;
}

/** Like lineOf, with the column where `needle` starts on that line (1 when it is not there). */
export function positionOf(section: Section, needle: string, from: number, fallback = from): { line: number; column: number } {
  const line = lineOf(section, needle, from, fallback);
  const text = line >= section.bodyLine ? section.body.split('\n')[line - section.bodyLine] : section.yaml.split('\n')[line - 1];
  const index = needle ? (text ?? '').toLowerCase().indexOf(needle.toLowerCase()) : -1;
  return { line, column: index + 1 || 1 };
}

/** An HTML fragment parsed once: its elements in document order, and its text. */
interface Parsed {
  elements: Element[];
  text: string;
}

function parse(html: string): Parsed {
  if (!html) return { elements: [], text: '' };
  const elements: Element[] = [];
  const parts: string[] = [];
  const stack: AnyNode[] = [...parseDocument(html).children].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    // A code block's further highlight steps repeat its text (markdown/code/block.ts): it is read once.
    if (isStepCopy(node)) continue;
    if ('attribs' in node) elements.push(node as Element);
    else if (node.type === 'text') parts.push((node as unknown as { data: string }).data);
    const children = (node as Element).children;
    if (children) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  // A space between text nodes so words of adjacent elements do not run together.
  return { elements, text: parts.join(' ') };
}

function isStepCopy(node: AnyNode): boolean {
  const element = node as Element;
  return element.name === 'code' && (element.parent as Element | null)?.name === 'pre' && /(^|\s)fragment(\s|$)/.test(element.attribs.class ?? '') && /(^|\s)hljs(\s|$)/.test(element.attribs.class ?? '');
}

/** Parse an HTML fragment into its elements, in document order. */
export function elements(html: string): Element[] {
  return parse(html).elements;
}

/** The text of an HTML fragment, with a space between elements so words do not run together. */
export function textOf(html: string): string {
  return parse(html).text;
}

// Several rules read every slide; each slide's HTML is parsed once for all of them (slides are immutable).
const parsedSlides = new WeakMap<RenderedSlide, Parsed>();

/** A slide's elements and text, parsed on first use and shared by every rule. */
export function parsedSlide(slide: RenderedSlide): Parsed {
  let parsed = parsedSlides.get(slide);
  if (!parsed) parsedSlides.set(slide, (parsed = parse(slide.html)));
  return parsed;
}

/** Words in a piece of text. */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

const LABEL_KEYS = new Set(['date', 'value', 'speaker']);

/** The keys of layout data in the front matter, for positions. */
export const DATA_KEYS = ['events', 'figures', 'columns', 'rows', 'quote', 'map'] as const;

/** Every string in layout data (event titles, figure labels, table cells, quotes), as rendered HTML. */
export function dataStrings(data: Record<string, unknown>): string[] {
  const out: string[] = [];
  const stack: unknown[] = [data.events, data.figures, data.columns, data.rows, data.quote];
  while (stack.length) {
    const value = stack.pop();
    if (typeof value === 'string') out.push(value);
    else if (Array.isArray(value)) stack.push(...value);
    // Dates, figure values and speakers label the content; they are not text to read.
    else if (value && typeof value === 'object') stack.push(...Object.entries(value).filter(([k]) => !LABEL_KEYS.has(k)).map(([, v]) => v));
  }
  return out;
}
