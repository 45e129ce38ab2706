/**
 * What runs in the deck page while its slides are photographed, as expressions for `page.evaluate`
 * (plain JavaScript in strings: the page runs them, not Node). Each waits for what it needs — reveal.js
 * ready, fonts loaded, images decoded, two frames painted — never for a fixed time.
 */

/** Wait for reveal.js, then hold the deck still: no transitions, no controls or progress bar, no URL updates. */
export const STILL_DECK = `(async () => {
  await new Promise((resolve) => (Reveal.isReady() ? resolve() : Reveal.on('ready', resolve)));
  Reveal.configure({ transition: 'none', backgroundTransition: 'none', controls: false, progress: false, hash: false, history: false, autoSlide: 0 });
  await document.fonts.ready;
})()`;

/** How many slides the deck has, vertical slides counted one by one. */
export const SLIDE_COUNT = 'Reveal.getSlides().length';

/** Show slide `n` (deck order) with every fragment in its final state, once its fonts and images are ready and it is painted. */
export const SHOW_SLIDE = `async (n) => {
  const slide = Reveal.getSlides()[n];
  const { h, v } = Reveal.getIndices(slide);
  Reveal.slide(h, v || 0);
  for (let i = 0; i < 1000 && Reveal.nextFragment(); i++);
  await document.fonts.ready;
  const background = slide.getAttribute('data-background-image') || slide.getAttribute('data-background') || '';
  const pictures = [...slide.querySelectorAll('img')];
  if (background && !/^(#|rgb|hsl)/i.test(background)) pictures.push(Object.assign(new Image(), { src: background }));
  await Promise.all(pictures.map((img) => img.decode().catch(() => undefined)));
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
}`;
