/** Run axe-core (npm `axe-core`) in a deck open in Chromium, on every slide in turn. */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** One axe violation on one slide: the rule, its impact, and the elements it names. */
export interface SlideViolation {
  slide: string;
  rule: string;
  impact: string;
  targets: string[];
  summary: string;
}

/**
 * Make each slide current in turn (transitions off, fonts loaded) and run every axe rule on the page as it
 * shows that slide, so what is checked is what the audience sees, background and contrast class included.
 */
export async function axeEverySlide(page: Page): Promise<SlideViolation[]> {
  await page.evaluate(() => (window as unknown as { Reveal: { configure(o: object): void } }).Reveal.configure({ transition: 'none', backgroundTransition: 'none' }));
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.addScriptTag({ path: AXE_SCRIPT });
  const count = await page.evaluate(() => (window as unknown as { Reveal: { getSlides(): unknown[] } }).Reveal.getSlides().length);
  const found: SlideViolation[] = [];
  for (let i = 0; i < count; i++) {
    found.push(
      ...(await page.evaluate(async (index) => {
        type RevealApi = { getSlides(): HTMLElement[]; getIndices(s: HTMLElement): { h: number; v?: number }; slide(h: number, v?: number): void };
        type AxeResult = { violations: { id: string; impact: string | null; nodes: { target: string[]; failureSummary?: string }[] }[] };
        const reveal = (window as unknown as { Reveal: RevealApi }).Reveal;
        const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResult> } }).axe;
        const slide = reveal.getSlides()[index]!;
        const { h, v = 0 } = reveal.getIndices(slide);
        reveal.slide(h, v);
        // reveal.js sets the slide's background and contrast class as it shows it: wait for the frame.
        await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
        const result = await axe.run(document, { resultTypes: ['violations'] });
        const name = slide.id || `${h}/${v}`;
        return result.violations.map((violation) => ({
          slide: name,
          rule: violation.id,
          impact: violation.impact ?? '',
          targets: violation.nodes.map((node) => node.target.join(' ')),
          summary: violation.nodes[0]?.failureSummary ?? '',
        }));
      }, i)),
    );
  }
  return found;
}

/** Violations as lines a failing test prints: slide, rule, impact, elements. */
export function describeViolations(violations: SlideViolation[]): string {
  return violations.map((v) => `${v.slide}: ${v.rule} (${v.impact}) on ${v.targets.join(', ')}\n  ${v.summary.replace(/\n/g, '\n  ')}`).join('\n');
}
