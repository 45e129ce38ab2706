/** Split a section body into slides, vertical stacks, notes and slide attributes (reveal.js conventions). */

export interface Attribute {
  name: string;
  value: string;
}

/** One slide's source, before rendering. */
export interface SlideSource {
  markdown: string;
  notes: string;
  attributes: Attribute[];
  /** 1-based file line of the slide's first Markdown line. */
  line: number;
  /** 1-based file line of the `Note:` line, when the slide has notes. */
  notesLine?: number;
}

/** A horizontal position in the deck: one slide, or several stacked vertically. */
export interface SlideStack {
  slides: SlideSource[];
}

const SLIDE_COMMENT = /<!--\s*\.slide:\s*([\s\S]*?)-->/g;
const NOTES = /^\s*notes?:\s?/i;

/** Split Markdown into slides on `---` (horizontal) and `--` or `----` (vertical) lines outside code fences. */
export function splitSlides(body: string, bodyLine = 1): SlideStack[] {
  const stacks: SlideStack[] = [];
  let stack: SlideStack = { slides: [] };
  let lines: string[] = [];
  let notes: string[] | undefined;
  let notesLine: number | undefined;
  let start = bodyLine;
  let fence: { char: string; length: number } | undefined;

  const finishSlide = (nextStart: number) => {
    stack.slides.push(makeSlide(lines, notes, start, notesLine));
    lines = [];
    notes = undefined;
    notesLine = undefined;
    start = nextStart;
  };

  const all = body.split('\n');
  all.forEach((line, index) => {
    const fileLine = bodyLine + index;
    const target = notes ?? lines;
    // Cheap substring tests first: most lines are text, and this runs for every line of every section.
    const maybeFence = line.includes('`') || line.includes('~');
    if (fence) {
      target.push(line);
      const close = maybeFence ? /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line) : null;
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length) fence = undefined;
      return;
    }
    const open = maybeFence ? /^ {0,3}(`{3,}|~{3,})/.exec(line) : null;
    if (open) {
      fence = { char: open[1]![0]!, length: open[1]!.length };
      target.push(line);
      return;
    }
    if (line.includes('--')) {
      const trimmed = line.trim();
      if (trimmed === '---') {
        finishSlide(fileLine + 1);
        stacks.push(stack);
        stack = { slides: [] };
        return;
      }
      // `----` is reveal-md's default vertical separator.
      if (trimmed === '--' || trimmed === '----') {
        finishSlide(fileLine + 1);
        return;
      }
    }
    if (!notes && line.includes(':') && NOTES.test(line)) {
      notes = [line.replace(NOTES, '')];
      notesLine = fileLine;
      return;
    }
    target.push(line);
  });
  finishSlide(bodyLine + all.length);
  stacks.push(stack);
  // A body with no content still gives one (empty) slide: data layouts such as `timeline` need it.
  const kept = stacks.filter((s) => s.slides.some((slide) => slide.markdown || slide.notes || slide.attributes.length));
  return kept.length ? kept : [{ slides: [makeSlide([], undefined, bodyLine, undefined)] }];
}

/** One slide from its Markdown lines and notes lines: slide comments taken out as attributes, its first content line found. */
export function makeSlide(lines: string[], notes: string[] | undefined, line: number, notesLine: number | undefined): SlideSource {
  const attributes: Attribute[] = [];
  const joined = lines.join('\n');
  const markdown = joined.includes('.slide:') ? joined.replace(SLIDE_COMMENT, (_, attrs: string) => {
    attributes.push(...parseAttributes(attrs));
    return '';
  }) : joined;
  // Leading blank lines do not count: the slide "starts" at its first content line.
  const leading = /^\s/.test(markdown) ? /^(\s*\n)*/.exec(markdown)![0].split('\n').length : 1;
  const slide: SlideSource = { markdown: markdown.trim(), notes: (notes ?? []).join('\n').trim(), attributes, line: line + leading - 1 };
  if (notesLine !== undefined) slide.notesLine = notesLine;
  return slide;
}

/** Parse `name="value" name='value' name=value name` attribute lists as written in reveal.js comments. */
export function parseAttributes(text: string): Attribute[] {
  const out: Attribute[] = [];
  const re = /([^\s=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+)))?/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ name: m[1]!, value: m[2] ?? m[3] ?? m[4] ?? '' });
  }
  return out;
}
