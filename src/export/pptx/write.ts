/**
 * A deck description -> a .pptx through pptxgenjs: the slide masters (the frame drawn once in each),
 * then every slide's title, text boxes, tables, pictures and notes. Returns the file's bytes as pptxgenjs
 * writes them; finish.ts then makes them valid and reproducible.
 */
import pptxgen from 'pptxgenjs';
import type { Banner, Cell, DeckSpec, FrameSpec, MasterName, Paragraph, Run, Shape, SlideSpec } from './spec.js';
import { xmlSafeText } from './xml.js';
import { COLOUR, CONTENT_WIDTH, FONT, FRAME, SIZE, SLIDE, TITLE, px } from './theme.js';

// pptxgenjs declares its types as CommonJS; under Node's ESM its default export is the class itself.
type Library = typeof pptxgen.default;
const PptxGenJS = ((pptxgen as unknown as { default?: Library }).default ?? pptxgen) as Library;
type Pptx = InstanceType<Library>;
type PptxSlide = ReturnType<Pptx['addSlide']>;
type TextProps = pptxgen.default.TextProps;
type TextPropsOptions = pptxgen.default.TextPropsOptions;
type SlideMasterProps = pptxgen.default.SlideMasterProps;
type SlideNumberProps = pptxgen.default.SlideNumberProps;
type TableCell = pptxgen.default.TableCell;
type PlaceholderType = pptxgen.default.PLACEHOLDER_TYPE;

/** Pictures by deck path: the bytes and their MIME type. */
export type PictureFiles = ReadonlyMap<string, { data: Uint8Array; type: string }>;

const MASTER_NAMES: Record<MasterName, string> = { light: 'Briefing', dark: 'Briefing title', divider: 'Briefing section header', picture: 'Briefing picture' };

/** Write the presentation; `pictures` holds every file a picture shape names. */
export async function writePptx(spec: DeckSpec, pictures: PictureFiles): Promise<Uint8Array> {
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = spec.title;
  if (spec.author) pptx.author = spec.author;
  if (spec.subject) pptx.subject = spec.subject;
  pptx.company = '';
  pptx.revision = '1';
  pptx.theme = { headFontFace: FONT.body, bodyFontFace: FONT.body };
  defineMasters(pptx, spec.frame);

  let section = '';
  for (const slideSpec of spec.slides) {
    if (slideSpec.section !== section) {
      section = slideSpec.section;
      pptx.addSection({ title: section });
    }
    const slide = pptx.addSlide({ masterName: MASTER_NAMES[slideSpec.master], sectionTitle: section });
    writeSlide(slide, slideSpec, spec, pictures);
  }
  const out = await pptx.write({ outputType: 'uint8array' });
  return out as Uint8Array;
}

function writeSlide(slide: PptxSlide, spec: SlideSpec, deck: DeckSpec, pictures: PictureFiles): void {
  if (spec.title.length && spec.master !== 'picture') slide.addText(textProps(spec.title, spec.titleSize ? { fontSize: spec.titleSize } : {}), { placeholder: 'title' });
  for (const shape of spec.shapes) writeShape(slide, shape, pictures, deck.lang);
  if (spec.banner && spec.master !== 'picture') for (const banner of bannerShapes(spec.banner)) slide.addText(banner.text, banner.options);
  if (spec.citation && spec.master !== 'picture') {
    const dark = spec.master !== 'light';
    slide.addText(xmlSafeText(spec.citation), {
      x: FRAME.left, y: FRAME.citationTop, w: CONTENT_WIDTH, h: FRAME.citationBottom - FRAME.citationTop, valign: 'bottom', margin: 0,
      fontFace: FONT.body, fontSize: SIZE.frame, color: dark ? COLOUR.onDarkMuted : COLOUR.muted, objectName: 'Citation', lang: deck.lang,
    });
  }
  if (spec.notes) slide.addNotes(xmlSafeText(spec.notes));
}

function writeShape(slide: PptxSlide, shape: Shape, pictures: PictureFiles, lang: string): void {
  switch (shape.kind) {
    case 'text':
      slide.addText(shape.paragraphs.flatMap((p) => paragraphProps(p, shape.size, shape.colour, lang)), {
        x: shape.x, y: shape.y, w: shape.w, h: shape.h, margin: shape.inset ?? 0, valign: shape.valign ?? 'top',
        fontFace: FONT.body, fontSize: shape.size, color: shape.colour, lineSpacingMultiple: shape.lineSpacing ?? 1.1, lang,
        ...(shape.fill ? { fill: { color: shape.fill } } : {}), ...(shape.name ? { objectName: shape.name } : {}),
      });
      return;
    case 'rect':
      // As text with no text, so the shape has the text body PowerPoint expects of every shape.
      slide.addText('', {
        shape: shape.ellipse ? 'ellipse' : 'rect', x: shape.x, y: shape.y, w: shape.w, h: shape.h, fill: { color: shape.fill },
        line: shape.line ? { color: shape.line, width: 0.75 } : { type: 'none' }, ...(shape.name ? { objectName: shape.name } : {}),
      });
      return;
    case 'picture': {
      const file = pictures.get(shape.path);
      if (!file) return;
      slide.addImage({ data: `${file.type};base64,${Buffer.from(file.data).toString('base64')}`, x: shape.x, y: shape.y, w: shape.w, h: shape.h, altText: shape.alt });
      return;
    }
    case 'table':
      slide.addTable(shape.rows.map((row) => row.map((cell) => cellProps(cell, shape.size, lang))), {
        x: shape.x, y: shape.y, w: shape.w, colW: shape.columns, rowH: shape.rowHeights, fontFace: FONT.body, fontSize: shape.size, color: COLOUR.ink,
        border: { type: 'solid', pt: 0.75, color: COLOUR.rule }, valign: 'top', margin: [4, 7, 4, 7], objectName: 'Table',
      });
  }
}

function cellProps(cell: Cell, size: number, lang: string): TableCell {
  const header = !!cell.header;
  const colour = header ? COLOUR.onDark : cell.label ? COLOUR.navy : COLOUR.ink;
  const text = cell.paragraphs.flatMap((p) => paragraphProps({ ...p, ...(header || cell.label ? { bold: true } : {}) }, size, colour, lang));
  // An empty header cell (a comparison's corner) stays white, as in the deck.
  const empty = cell.paragraphs.every((p) => p.runs.every((r) => !r.text.trim()));
  const fill = header && !empty ? COLOUR.navy : cell.label ? COLOUR.tint : COLOUR.paper;
  return { text, options: { fill: { color: fill }, color: colour, bold: header || !!cell.label, ...(cell.align ? { align: cell.align } : {}) } };
}

/** A paragraph as pptxgenjs runs: paragraph options on the first run, a break after the last. */
function paragraphProps(p: Paragraph, size: number, colour: string, lang: string): TextProps[] {
  const runs = p.runs.length ? p.runs : [{ text: '' }];
  const s = p.size ?? size;
  const para: TextPropsOptions = {
    fontSize: s,
    ...(p.align ? { align: p.align } : {}),
    ...(p.spaceAfter ? { paraSpaceAfter: p.spaceAfter } : {}),
    ...(p.level ? { indentLevel: p.level } : {}),
  };
  if (p.bullet) {
    const indent = Math.round(Math.max(0.3, (s * 1.5) / 72) * 72);
    para.bullet = p.bullet.type === 'number' ? { type: 'number', numberStartAt: p.bullet.start, indent } : { indent };
  }
  const props = textProps(runs, { fontSize: s, color: p.colour ?? colour, ...(p.bold ? { bold: true } : {}), ...(p.italic ? { italic: true } : {}), ...(p.code ? { fontFace: FONT.code } : {}), lang });
  // Paragraph options go on the first run only: pptxgenjs starts a new paragraph at every run with a bullet.
  Object.assign(props[0]!.options!, para);
  props[props.length - 1]!.options!.breakLine = true;
  return props;
}

function textProps(runs: readonly Run[], base: TextPropsOptions): TextProps[] {
  return runs.map((r) => {
    const options: TextPropsOptions = { ...base };
    if (r.bold) options.bold = true;
    if (r.italic) options.italic = true;
    if (r.strike) options.strike = 'sngStrike';
    if (r.code) options.fontFace = FONT.code;
    if (r.colour) options.color = r.colour;
    if (r.breakBefore) options.softBreakBefore = true;
    if (r.link) options.hyperlink = 'url' in r.link ? { url: r.link.url } : { slide: r.link.slide };
    return { text: xmlSafeText(r.text), options };
  });
}

/** The top and bottom classification banners of a marking, in its colours. */
function bannerShapes(banner: Banner): { text: string; options: TextPropsOptions }[] {
  return [0, SLIDE.h - FRAME.banner].map((y) => ({
    text: xmlSafeText(banner.text.toUpperCase()),
    options: {
      x: 0, y, w: SLIDE.w, h: FRAME.banner, margin: 0, align: 'center', valign: 'middle', fontFace: FONT.body, fontSize: SIZE.banner, bold: true,
      charSpacing: 2, color: banner.colour, fill: { color: banner.fill }, objectName: y ? 'Classification (bottom)' : 'Classification (top)',
    },
  }));
}

/** A filled bar in a master, as text with no text: PowerPoint expects a text body in every shape. */
function bar(x: number, y: number, w: number, h: number, colour: string): NonNullable<SlideMasterProps['objects']>[number] {
  return { text: { text: '', options: { shape: 'rect' as pptxgen.default.SHAPE_NAME, x, y, w, h, fill: { color: colour }, line: { type: 'none' } } } };
}

/** The four masters: light slides, the title slide, section headers (both navy), and full-bleed pictures. */
function defineMasters(pptx: Pptx, frame: FrameSpec): void {
  const chrome = (dark: boolean): SlideMasterProps['objects'] => {
    const objects: NonNullable<SlideMasterProps['objects']> = [];
    if (frame.banner) for (const banner of bannerShapes(frame.banner)) objects.push({ text: banner });
    objects.push(bar(FRAME.left, FRAME.footerTop, CONTENT_WIDTH, px(1), dark ? '3B5578' : COLOUR.rule));
    if (frame.footer) {
      objects.push({ text: { text: frame.footer, options: {
        x: FRAME.left, y: FRAME.footerTop, w: CONTENT_WIDTH - 1.5, h: FRAME.footerBottom - FRAME.footerTop, margin: 0, valign: 'middle',
        fontFace: FONT.body, fontSize: SIZE.frame, bold: true, color: dark ? COLOUR.onDarkMuted : COLOUR.muted, objectName: 'As of',
      } } });
    }
    return objects;
  };
  const slideNumber = (dark: boolean): SlideNumberProps => ({
    x: FRAME.right - 1.2, y: FRAME.footerTop, w: 1.2, h: FRAME.footerBottom - FRAME.footerTop, align: 'right', valign: 'middle', margin: 0,
    fontFace: FONT.body, fontSize: SIZE.frame, color: dark ? COLOUR.onDarkMuted : COLOUR.muted,
  } as SlideNumberProps);
  const title = (x: number, y: number, w: number, h: number, size: number, colour: string, valign: 'top' | 'bottom') => ({
    placeholder: { options: { name: 'title', type: 'title' as PlaceholderType, x, y, w, h, margin: 0, fontFace: FONT.body, fontSize: size, bold: true, color: colour, valign, align: 'left' as const }, text: '' },
  });
  pptx.defineSlideMaster({
    title: MASTER_NAMES.light, background: { color: COLOUR.paper }, slideNumber: slideNumber(false),
    objects: [
      ...chrome(false)!,
      bar(FRAME.left, TITLE.rule, CONTENT_WIDTH, px(2), COLOUR.rule),
      bar(FRAME.left, TITLE.rule - px(1), px(96), px(4), COLOUR.accent),
      title(FRAME.left, TITLE.y, CONTENT_WIDTH, TITLE.h, SIZE.title, COLOUR.navy, 'bottom'),
    ],
  });
  pptx.defineSlideMaster({
    title: MASTER_NAMES.dark, background: { color: COLOUR.navy }, slideNumber: slideNumber(true),
    objects: [...chrome(true)!, title(px(96), 1.7, SLIDE.w - 2 * px(96), 1.8, SIZE.titleSlide, COLOUR.onDark, 'bottom')],
  });
  pptx.defineSlideMaster({
    title: MASTER_NAMES.divider, background: { color: COLOUR.navy }, slideNumber: slideNumber(true),
    objects: [...chrome(true)!, title(px(144), 2.85, SLIDE.w - px(144) - px(120), 1.15, SIZE.divider, COLOUR.onDark, 'top')],
  });
  pptx.defineSlideMaster({ title: MASTER_NAMES.picture, background: { color: COLOUR.paper }, objects: [] });
}
