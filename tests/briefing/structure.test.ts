/**
 * The default briefing says what it must: every section in order, the treaty wording of Articles 4 and 5,
 * the eight Allies of 24 February 2022, sources that match the citations, notes, citation lines, the
 * as-of date, the banners, a map with alt text, no network, and short slides. Built by the real CLI and
 * read in real headless Chromium.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ROOT } from '../helpers/cli.js';
import { openBrowser, openDeck } from '../helpers/browser.js';
import { BRIEFING, buildDefaultBriefing, countWords, readSlides, type BuiltBriefing, type SlideView } from './deck.js';

// The treaty text as quoted in the project's fact sheet (FACTS.md f1 and g1: North Atlantic Treaty, Washington, 4 April 1949).
const ARTICLE_4 = 'The Parties will consult together whenever, in the opinion of any of them, the territorial integrity, political independence or security of any of the Parties is threatened.';
const ARTICLE_5 =
  'The Parties agree that an armed attack against one or more of them in Europe or North America shall be considered an attack against them all and consequently they agree that, if such an armed attack occurs, each of them, in exercise of the right of individual or collective self-defence recognised by Article 51 of the Charter of the United Nations, will assist the Party or Parties so attacked by taking forthwith, individually and in concert with the other Parties, such action as it deems necessary, including the use of armed force, to restore and maintain the security of the North Atlantic area.';
const EIGHT_ALLIES = ['Bulgaria', /Czech Republic|Czechia/, 'Estonia', 'Latvia', 'Lithuania', 'Poland', 'Romania', 'Slovakia'];

/** Body words a slide may show; see the README ("The default briefing"). */
const WORD_BUDGET = 60;
/** Slides that quote treaty text verbatim may exceed the budget by this much: the exact words are the point. */
const TREATY_QUOTE_TOLERANCE = 15;
const TREATY_QUOTE_SLIDES = new Set(['article-4-text', 'article-5-text']);
/** Layouts without speaker notes of their own: generated lists and section dividers. */
const NOTES_OPTIONAL = new Set(['agenda', 'sources', 'section']);
/** Layouts that state no facts of their own, hence carry no citation line. */
const UNCITED = new Set(['title', 'agenda', 'sources', 'section']);

/**
 * Sites that repost, aggregate or summarise other outlets' work, and encyclopedias: never a source on a
 * slide (PRIMARY-SOURCES.md, "Drop from slides"). A source must be the original publisher.
 */
const NOT_A_SOURCE = [
  'wikipedia.org', 'wikisource.org', 'freepressjournal.in', 'dailypakistan.com.pk', 'news.am', 'polspy.org', 'byteseu.com',
  'already-happened.com', 'list-nation.com', 'magazineofficial.com', 'move2turkey.com', 'uaposition.com', 'delhinews7.com',
  'lexannmedia.com', 'zw.lt', 'voi.id', 'globenewsbulletin.com', 'centralrecorder.com', 'albawaba.me', 'asianetnews.com',
  'eurasiantimes.com', 'americanmilitarynews.com', 'datapacrat.com', 'aus-city.com', 'salesground.org', 'lemkininstitute.com',
  'urdupoint.com', 'windowstorussia.com', 'listeningto.org', 'asdnews.com', 'mediaite.com', 'tag24.it',
];
/** Seed articles that are garbled or spun (FACTS.md, section 1): never cited, since a reference supports every fact they hold. */
const FORBIDDEN_SEEDS = ['S1', 'S4', 'S5'];

interface SourceEntry {
  title?: string;
  description?: string;
  publisher?: string;
  date?: string | Date;
  url?: string;
  note?: string;
}

/** The deck's front matter: its as-of date and the sources it defines. */
function deckFrontMatter(): { asOf: string; sources: Record<string, SourceEntry> } {
  const data = matter(readFileSync(join(ROOT, BRIEFING, 'index.md'), 'utf8')).data as { asOf: string | Date; sources: Record<string, SourceEntry> };
  const day = (d: string | Date) => (d instanceof Date ? d.toISOString().slice(0, 10) : d);
  return { asOf: day(data.asOf), sources: Object.fromEntries(Object.entries(data.sources).map(([id, e]) => [id, { ...e, date: e.date === undefined ? undefined : day(e.date) }])) };
}

interface SectionFile {
  file: string;
  id: string;
  title: string;
  order: number;
  layout: string;
  sources: string[];
  /** False for dividers kept out of the agenda: the closing slide and the appendix. */
  agenda: boolean;
}

/** The briefing's section files, read straight from the folder, in deck order. */
function sectionFiles(): SectionFile[] {
  const dir = join(ROOT, BRIEFING);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md') && f !== 'index.md')
    .map((file) => {
      const data = matter(readFileSync(join(dir, file), 'utf8')).data as Record<string, unknown>;
      return {
        file,
        id: String(data.id ?? file.replace(/^\d+-/, '').replace(/\.md$/, '')),
        title: String(data.title),
        order: Number(data.order),
        layout: String(data.layout ?? 'content'),
        sources: (data.sources as string[] | undefined) ?? [],
        agenda: data.agenda !== false,
      };
    })
    .sort((a, b) => a.order - b.order || a.file.localeCompare(b.file));
}

/** Normalise typographic quotes and spaces so treaty text compares as words. */
function plain(text: string): string {
  return text.replace(/[“”]/g, '"').replace(/[‘’]/g, "'").replace(/\s+/g, ' ').trim();
}

describe('the default briefing: NATO’s response to Russia’s invasion of Ukraine', () => {
  let built: BuiltBriefing;
  let browser: Browser;
  let page: Page;
  let slides: SlideView[];
  const requests: string[] = [];
  const sections = sectionFiles();
  const byId = (id: string) => slides.find((s) => s.id === id)!;

  beforeAll(async () => {
    built = buildDefaultBriefing();
    browser = await openBrowser();
    page = await openDeck(browser, built.url);
    requests.push(...((page as Page & { requests?: string[] }).requests ?? []));
    page.on('request', (r) => requests.push(r.url()));
    slides = await readSlides(page);
  });

  afterAll(async () => {
    await browser?.close();
    built?.cleanup();
  });

  it('has every section, in order, after the title slide', () => {
    expect(slides[0]!.id).toBe('title');
    const inOrder = [...new Set(slides.slice(1).map((s) => s.section))];
    expect(inOrder).toEqual(sections.map((s) => s.id));
    for (const section of sections) expect(slides.find((s) => s.section === section.id)!.id).toBe(section.id);
    // The three subjects of the briefing each have a divider, and the agenda lists every divider of the talk.
    const dividers = sections.filter((s) => s.layout === 'section' && s.agenda).map((s) => s.title);
    expect(dividers).toEqual(expect.arrayContaining(['The crisis', 'NATO’s response', 'Article 4 and Article 5']));
    for (const title of dividers) expect(byId('agenda').body).toContain(title);
  });

  it('links every agenda entry to a slide of the deck', async () => {
    const hrefs = await page.$$eval('#agenda ol.agenda a', (as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.length).toBe(sections.filter((s) => s.layout === 'section' && s.agenda).length);
    for (const href of hrefs) expect(slides.map((s) => `#/${s.id}`)).toContain(href);
  });

  it('quotes Article 4 in full and Article 5 faithfully, with speaker and date', () => {
    const article4 = byId('article-4-text');
    expect(plain(article4.body)).toContain(plain(ARTICLE_4));
    expect(article4.body).toContain('North Atlantic Treaty, Article 4, 4 Apr 1949');
    const article5 = byId('article-5-text');
    const quoted = plain(article5.body.split('North Atlantic Treaty')[0]!).replace(/^"|"$/g, '');
    // An excerpt: every piece between the ellipses is verbatim treaty text, in the treaty's order.
    const pieces = quoted.split('…').map((p) => p.trim().replace(/^,\s*|,$/g, '')).filter(Boolean);
    expect(pieces.length).toBeGreaterThanOrEqual(3);
    let from = 0;
    for (const piece of pieces) {
      const at = ARTICLE_5.indexOf(piece, from);
      expect(at, `"${piece}" is not Article 5 wording (or is out of order)`).toBeGreaterThanOrEqual(from);
      from = at + piece.length;
    }
    expect(article5.body).toContain('North Atlantic Treaty, Article 5 (excerpt), 4 Apr 1949');
  });

  it('compares Article 4 and Article 5 side by side in a table with a header row', async () => {
    const table = await page.$$eval('#article-4-vs-5 table.comparison', (ts) =>
      ts.map((t) => ({ head: [...t.querySelectorAll('thead tr > *')].map((th) => th.textContent?.trim()), rows: [...t.querySelectorAll('tbody th')].map((th) => th.textContent?.trim()) })),
    );
    expect(table).toHaveLength(1);
    expect(table[0]!.head).toEqual(['', 'Article 4: consultation', 'Article 5: collective defence']);
    // The four comparisons the briefing promises: trigger, obligation, who decides, prior uses.
    expect(table[0]!.rows).toEqual(expect.arrayContaining(['Trigger', 'Obligation', 'Who decides', 'Before 2022']));
  });

  it('names the eight Allies that requested Article 4 consultations on 24 February 2022', () => {
    // One slide, a map: the eight named in the legend's caption and highlighted on the map (the alt text says which).
    const slide = byId('eight-allies');
    expect(slide.layout).toBe('map');
    expect(slide.title).toContain('24 Feb 2022');
    for (const ally of EIGHT_ALLIES) expect(slide.body).toMatch(ally);
    expect(slide.body).toContain('Requested Article 4 consultations, 24 Feb 2022');
    // Named as the Article 4 group on no other slide: the repeats were merged. (The enlargement slide lists them as new members.)
    const others = slides.filter((s) => s.id !== 'eight-allies' && /Article 4/.test(s.body) && EIGHT_ALLIES.every((a) => new RegExp(a).test(s.body)));
    expect(others.map((s) => s.id)).toEqual([]);
  });

  it('cites only original, dated sources: no reposts, aggregators or encyclopedias, no garbled seeds', () => {
    const { asOf, sources } = deckFrontMatter();
    const cited = new Set(sections.flatMap((s) => s.sources));
    const problems: string[] = [];
    for (const id of cited) {
      const entry = sources[id];
      if (!entry) continue; // an unknown id is a build error, tested elsewhere
      const host = entry.url ? new URL(entry.url).hostname.replace(/^www\./, '') : '';
      const bad = NOT_A_SOURCE.find((d) => host === d || host.endsWith(`.${d}`) || `${entry.publisher ?? ''} ${entry.title ?? ''}`.toLowerCase().includes(d));
      if (bad) problems.push(`${id}: ${bad} reposts or aggregates; cite the original publisher`);
      if (!entry.date) problems.push(`${id}: no date`);
      else if (entry.date > asOf && !/version|updated/i.test(entry.note ?? '')) problems.push(`${id}: dated ${entry.date}, after the as-of date ${asOf}, with no note saying why`);
      if (!entry.title && !entry.description) problems.push(`${id}: neither a title nor a description`);
      // A title is the page's own words; ours go in `description` (unquoted), not in brackets inside the title.
      if (entry.title && /\((report|reproduced|copy|AP|AFP|Reuters)\)|\bvia\b/i.test(entry.title)) problems.push(`${id}: the title "${entry.title}" carries our description`);
    }
    for (const section of sections) {
      for (const seed of FORBIDDEN_SEEDS) if (section.sources.includes(seed)) problems.push(`${section.file}: cites the seed ${seed}`);
    }
    expect(problems).toEqual([]);
    // And the citation lines on screen name no such site.
    const onScreen = slides.filter((s) => NOT_A_SOURCE.some((d) => s.citation.toLowerCase().includes(d) || /wikipedia/i.test(s.citation))).map((s) => `${s.id}: ${s.citation}`);
    expect(onScreen).toEqual([]);
  });

  it('keeps the sources out of the talk: an appendix after the closing slide', () => {
    const closing = slides.findIndex((s) => s.id === 'closing');
    const first = slides.findIndex((s) => s.layout === 'sources');
    expect(closing).toBeGreaterThan(0);
    expect(first).toBeGreaterThan(closing);
    expect(slides.slice(first).every((s) => s.layout === 'sources')).toBe(true);
  });

  it('lists on the sources slides exactly the sources the sections cite, numbered as the citation lines number them', async () => {
    const cited = new Set(sections.flatMap((s) => s.sources));
    const listed = await page.$$eval('section.layout-sources ol.sources li', (lis) => lis.map((li) => ({ id: li.id.replace(/^source-/, ''), number: Number(li.getAttribute('value')) })));
    expect(new Set(listed.map((l) => l.id))).toEqual(cited);
    expect(listed.map((l) => l.number)).toEqual(listed.map((_, i) => i + 1));
    // "[3] NATO, 24 Mar 2022" and, on a shortened line, "+2 more [7, 9]".
    const numbersInCitations = new Set(slides.flatMap((s) => [...s.citation.matchAll(/\[([\d, ]+)\]/g)].flatMap((m) => m[1]!.split(', ').map(Number))));
    expect(numbersInCitations).toEqual(new Set(listed.map((l) => l.number)));
  });

  it('spreads the sources over a few dense pages titled "Sources (k/n)"', () => {
    const pages = slides.filter((s) => s.layout === 'sources');
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages.length).toBeLessThanOrEqual(6);
    pages.forEach((p, i) => expect(p.title).toBe(`Sources (${i + 1}/${pages.length})`));
  });

  it('gives every content slide speaker notes of two to five sentences', () => {
    const missing: string[] = [];
    for (const slide of slides) {
      if (NOTES_OPTIONAL.has(slide.layout)) continue;
      const sentences = slide.notes.split(/(?<=[.!?])\s+(?=[A-Z“"‘(0-9])/).filter((s) => countWords(s) > 0).length;
      if (sentences < 2 || sentences > 5) missing.push(`${slide.id} (${slide.layout}): ${sentences} sentence(s)`);
    }
    expect(missing, `slides without proper notes:\n${missing.join('\n')}`).toEqual([]);
  });

  it('writes dates one way, as "24 Feb 2022", on slides, footers and the sources appendix', () => {
    const long = /\b\d{1,2} (January|February|March|April|June|July|August|September|October|November|December) \d{4}\b/;
    // Titles quoted as on their page (“…”) keep their own wording.
    const ours = (text: string) => text.replace(/“[^”]*”/g, '');
    const offending = slides.filter((s) => long.test(ours(s.text))).map((s) => `${s.id}: ${long.exec(ours(s.text))![0]}`);
    expect(offending).toEqual([]);
  });

  it('fits every citation line on one line', async () => {
    const tall = await page.$$eval('section.slide .citation', (ps) =>
      // Taller than a line, or (the theme keeps it to one) wider than the slide and cut off.
      ps.filter((p) => p.scrollHeight > parseFloat(getComputedStyle(p).lineHeight) * 1.5 || p.scrollWidth > p.clientWidth + 1).map((p) => `${p.closest('section')!.id}: ${p.textContent}`),
    );
    expect(tall).toEqual([]);
  });

  it('puts a citation line on every factual slide', () => {
    const uncited = slides.filter((s) => !UNCITED.has(s.layout) && !/^Sources?: \[\d+\]/.test(s.citation)).map((s) => `${s.id} (${s.layout})`);
    expect(uncited, `factual slides without a citation line:\n${uncited.join('\n')}`).toEqual([]);
  });

  it('says on the title slide who presents it, for whom, that it is unclassified, from open sources and as of 7 Apr 2022', () => {
    const title = byId('title');
    expect(title.title).toBe('NATO’s response to Russia’s invasion of Ukraine');
    expect(title.text).toMatch(/as of 7 Apr 2022/i);
    expect(title.body).toMatch(/Presented by/i);
    // One date: the date and the as-of date are the same day, so the slide's own text states it once.
    expect(title.body.match(/7 Apr(il)? 2022/g)).toHaveLength(1);
    expect(title.text).toMatch(/prepared from open sources/i);
    expect(title.banners).toEqual({ top: 'UNCLASSIFIED', bottom: 'UNCLASSIFIED' });
  });

  it('shows the classification banners, the as-of date and the slide number on every slide', () => {
    const wrong = slides
      .map((s, i) => ({ s, expected: `As of 7 Apr 2022${i + 1} / ${slides.length}` }))
      .filter(({ s, expected }) => s.banners.top !== 'UNCLASSIFIED' || s.banners.bottom !== 'UNCLASSIFIED' || s.footer.replace(/\s/g, '') !== expected.replace(/\s/g, ''))
      .map(({ s }) => `${s.id}: banners ${JSON.stringify(s.banners)}, footer "${s.footer}"`);
    expect(wrong).toEqual([]);
  });

  it('places the banners at the top and bottom edge of the slide, as seen', async () => {
    const edges = await page.$eval('#bluf', (slide) => {
      const reveal = (window as unknown as { Reveal: { getIndices(s: Element): { h: number; v?: number }; slide(h: number, v?: number): void } }).Reveal;
      const { h, v } = reveal.getIndices(slide);
      reveal.slide(h, v);
      const box = slide.getBoundingClientRect();
      const top = slide.querySelector('.classification-top')!.getBoundingClientRect();
      const bottom = slide.querySelector('.classification-bottom')!.getBoundingClientRect();
      return { top: top.top - box.top, bottom: box.bottom - bottom.bottom, width: top.width / box.width };
    });
    expect(edges).toEqual({ top: 0, bottom: 0, width: 1 });
  });

  it('writes light text on the dark title and divider slides, bold text included', async () => {
    const dark = await page.$$eval('section.layout-title .slide-content *, section.layout-section .slide-content *', (els) =>
      els
        .filter((e) => [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim()))
        .map((e) => {
          const [r, g, b] = getComputedStyle(e).color.match(/\d+(\.\d+)?/g)!.map(Number) as [number, number, number];
          const lin = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
          return { text: e.textContent!.trim().slice(0, 30), luminance: 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b) };
        }),
    );
    expect(dark.length).toBeGreaterThan(5);
    // Contrast of at least 4.5:1 against the navy (#14325c, luminance 0.03) of those slides.
    const tooDark = dark.filter((d) => (d.luminance + 0.05) / (0.0316 + 0.05) < 4.5).map((d) => d.text);
    expect(tooDark).toEqual([]);
  });

  it('ships the maps as SVG figures with alt text', async () => {
    const battlegroups = await page.$eval('#battlegroups img.map', (i) => ({ src: i.getAttribute('src') ?? '', alt: i.getAttribute('alt') ?? '' }));
    expect(readFileSync(join(built.deckDir, battlegroups.src), 'utf8')).toMatch(/<title>Map of central and eastern Europe/);
    for (const lead of ['United Kingdom', 'Canada', 'Germany', 'United States']) expect(battlegroups.alt).toContain(lead);
    const img = await page.$eval('#eight-allies img.map', (i) => ({ src: i.getAttribute('src') ?? '', alt: i.getAttribute('alt') ?? '', loaded: (i as HTMLImageElement).naturalWidth > 0 }));
    expect(img.src).toMatch(/^figures\/[\w-]+\.svg$/);
    expect(existsSync(join(built.deckDir, img.src))).toBe(true);
    expect(img.loaded).toBe(true);
    expect(countWords(img.alt)).toBeGreaterThan(20);
    for (const ally of EIGHT_ALLIES) expect(img.alt).toMatch(ally);
    expect(readFileSync(join(built.deckDir, img.src), 'utf8')).toMatch(/<title>Map of Europe/);
  });

  it('makes no network request when opened from the disk', async () => {
    // Every slide has been visited (readSlides), so lazily loaded media has been asked for too.
    expect(requests.length).toBeGreaterThan(3);
    expect(requests.filter((u) => !u.startsWith('file://') && !u.startsWith('data:'))).toEqual([]);
  });

  it('keeps body text within about 60 words a slide (treaty quotes excepted, within a tolerance)', () => {
    // Labels (dates, figure values, a quote's speaker) are not counted, as `briefing check` does not count them.
    const counted = slides.filter((s) => s.layout !== 'sources').map((s) => ({ id: s.id, layout: s.layout, words: countWords(s.reading) }));
    // Reported so the budget can be watched as the briefing changes.
    console.info(`words of body text per slide (budget ${WORD_BUDGET}):\n${counted.map((c) => `  ${String(c.words).padStart(3)}  ${c.id} (${c.layout})`).join('\n')}`);
    const over = counted.filter((c) => c.words > WORD_BUDGET + (TREATY_QUOTE_SLIDES.has(c.id) ? TREATY_QUOTE_TOLERANCE : 0)).map((c) => `${c.id}: ${c.words} words`);
    expect(over).toEqual([]);
  });
});
