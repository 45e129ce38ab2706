/**
 * The half of the contrast check that runs inside the deck's page (passed to page.evaluate, so each function
 * is self-contained: nothing from this module's scope is available there). contrast.ts drives it and judges.
 */

/** What the page reports about one element's text. */
export interface TextSample {
  text: string;
  colour: string;
  opacity: number;
  fontSize: number;
  fontWeight: number;
  /** Nearest first: the element's own background, its ancestors', the slide background, its image. */
  layers: { colour: string; image: string; opacity: number }[];
  page: string;
  rects: { x: number; y: number; width: number; height: number }[];
}

/** One slide's text samples, and where the slide was written (`data-source`). */
export interface SlideSamples {
  slide: string;
  source: string | null;
  texts: TextSample[];
}

/** Runs in the page: no transitions, and the number of slides. */
export function prepareInPage(): number {
  const reveal = (window as unknown as { Reveal: { configure(o: object): void; getSlides(): unknown[] } }).Reveal;
  reveal.configure({ transition: 'none', backgroundTransition: 'none' });
  return reveal.getSlides().length;
}

/** Runs in the page: show each slide from `from` to `to` in turn and describe every piece of visible text on it and what lies behind. */
export function collectInPage(range: { from: number; to: number }): SlideSamples[] {
  const out: SlideSamples[] = [];
  for (let index = range.from; index < range.to; index++) out.push(collectOne(index));
  return out;

  function collectOne(index: number): SlideSamples {
  type RevealApi = { getSlides(): HTMLElement[]; getIndices(s: HTMLElement): { h: number; v?: number }; slide(h: number, v?: number): void; getSlideBackground(s: HTMLElement): HTMLElement | undefined };
  const reveal = (window as unknown as { Reveal: RevealApi }).Reveal;
  const slide = reveal.getSlides()[index]!;
  const { h, v = 0 } = reveal.getIndices(slide);
  reveal.slide(h, v);
  const pageColour = getComputedStyle(document.querySelector('.reveal-viewport') ?? document.body).backgroundColor;
  const background = reveal.getSlideBackground(slide);
  const backgroundContent = background?.querySelector<HTMLElement>('.slide-background-content');
  const slideLayers: TextSample['layers'] = [];
  if (backgroundContent) {
    const style = getComputedStyle(backgroundContent);
    slideLayers.push({ colour: style.backgroundColor, image: style.backgroundImage, opacity: Number(style.opacity) });
  }
  if (background) {
    const style = getComputedStyle(background);
    slideLayers.push({ colour: style.backgroundColor, image: style.backgroundImage, opacity: 1 });
  }

  const layersOf = (element: Element): TextSample['layers'] => {
    const layers: TextSample['layers'] = [];
    for (let e: Element | null = element; e; e = e.parentElement) {
      const style = getComputedStyle(e);
      layers.push({ colour: style.backgroundColor, image: style.backgroundImage, opacity: 1 });
      if (e === slide) break;
    }
    // reveal.js's background layer lies under the slide, which is transparent over it.
    return [...layers, ...slideLayers];
  };
  // Fragments are measured as they look once shown: their opacity before that is not a contrast problem.
  const opacityOf = (element: Element): number => {
    let opacity = 1;
    for (let e: Element | null = element; e && e !== slide.parentElement; e = e.parentElement) if (!e.classList.contains('fragment')) opacity *= Number(getComputedStyle(e).opacity);
    return opacity;
  };
  const shown = (element: Element): boolean => {
    const style = getComputedStyle(element);
    return style.visibility !== 'hidden' && element.getClientRects().length > 0;
  };
  const rectsOf = (target: Node): TextSample['rects'] => {
    const range = document.createRange();
    range.selectNodeContents(target);
    return Array.from(range.getClientRects()).filter((r) => r.width > 0 && r.height > 0).slice(0, 6).map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height }));
  };

  const texts: TextSample[] = [];
  const byElement = new Map<Element, TextSample>();
  const walker = document.createTreeWalker(slide, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node instanceof Element && (node.matches('aside.notes, section section') || getComputedStyle(node).display === 'none') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  const add = (element: Element, text: string, style: CSSStyleDeclaration, rects: TextSample['rects'], own?: CSSStyleDeclaration) => {
    const seen = own ? undefined : byElement.get(element);
    if (seen && seen.colour === style.color) {
      seen.rects.push(...rects);
      return;
    }
    const sample: TextSample = {
      text,
      colour: style.color,
      opacity: opacityOf(element),
      fontSize: parseFloat(style.fontSize),
      fontWeight: Number(style.fontWeight) || 400,
      layers: own ? [{ colour: own.backgroundColor, image: own.backgroundImage, opacity: 1 }, ...layersOf(element)] : layersOf(element),
      page: pageColour,
      rects,
    };
    if (!own) byElement.set(element, sample);
    texts.push(sample);
  };
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node instanceof Element) {
      // Generated text: quotation marks, agenda and source numbers (`attr(value)`), counters.
      for (const pseudo of ['::before', '::after']) {
        const style = getComputedStyle(node, pseudo);
        const content = style.content.replace(/attr\(([\w-]+)\)/g, (_, name: string) => JSON.stringify(node.getAttribute(name) ?? ''));
        const text = [...content.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]).join('') + (/counter\(/.test(content) ? '1' : '');
        if (text.trim() && shown(node)) add(node, text.trim(), style, rectsOf(node).slice(0, 1), style);
      }
      continue;
    }
    const text = node.textContent?.replace(/\s+/g, ' ').trim();
    const parent = node.parentElement;
    if (!text || !parent || !shown(parent)) continue;
    add(parent, text, getComputedStyle(parent), rectsOf(node));
  }
  return { slide: slide.id || `${h}/${v}`, source: slide.getAttribute('data-source'), texts };
  }
}
