/**
 * The briefing `briefing new` writes: small, complete, and passing `check --strict`, with one section in each
 * of the main layouts so a new author sees how each is written. Pure: text in, files out.
 */

/** One file of the starter briefing, relative to its folder. */
export interface StarterFile {
  path: string;
  text: string;
}

/** YAML double-quoted string: the title may contain anything. */
function quoted(text: string): string {
  return JSON.stringify(text);
}

/** The starter briefing's files, titled `title`, dated `today` (YYYY-MM-DD). */
export function starterBriefing(title: string, today: string): StarterFile[] {
  return [
    {
      path: 'index.md',
      text: `---
title: ${quoted(title)}
subtitle: "Written with briefing: edit these files, then run \`npx briefing serve\`"
organization: "Your organization"
presenter: "Your name"
date: ${today}
asOf: ${today}
classification: UNCLASSIFIED
sources:
  reveal-markdown:
    title: "Markdown"
    publisher: "reveal.js"
    date: ${today}
    url: https://revealjs.com/markdown/
  reveal-speaker:
    title: "Speaker View"
    publisher: "reveal.js"
    date: ${today}
    url: https://revealjs.com/speaker-view/
notes: >-
  The title slide. Everything on it comes from the front matter of index.md:
  title, subtitle, organization, presenter, the date and the as-of date.
---
Prepared with briefing
`,
    },
    {
      path: '010-bluf.md',
      text: `---
title: Bottom line up front
layout: bluf
notes: >-
  Start with the answer. The BLUF slide is a short list of take-aways; the rest of
  the briefing backs each of them up.
---
- One folder per briefing, **one Markdown file per section**
- Front matter picks the layout: timeline, comparison, figures, map, quote
- \`briefing check --strict\` finds what a reviewer would
`,
    },
    {
      path: '020-agenda.md',
      text: `---
title: Agenda
layout: agenda
notes: The agenda is generated from the section dividers, in order, each linked to its slide.
---
`,
    },
    {
      path: '030-writing.md',
      text: `---
title: Writing slides
layout: section
---
Sections, slides and notes
`,
    },
    {
      path: '040-slides.md',
      text: `---
title: One file, several slides
sources: [reveal-markdown]
---
A line \`---\` starts a new slide, a line \`--\` a slide below it.

- Headings, lists, tables and images are Markdown
- Images sit next to the section file

Note: Speaker notes start with a line \`Note:\`. Press S in the deck to see them
in the speaker view.

---

## Notes stay with their slide

Each slide of a section can have its own notes.

Note: These notes belong to the second slide of this section.
`,
    },
    {
      path: '050-plan.md',
      text: `---
title: From draft to room
layout: timeline
sources: [reveal-speaker]
events:
  - date: ${today}
    title: "\`briefing new\`"
    text: "The starter briefing"
  - date: "Day 2"
    title: "Write the sections"
    text: "One file each, with notes"
  - date: "Day 3"
    title: "\`briefing check --strict\`"
    text: "Links, sources, notes, word budget"
  - date: "Day 4"
    title: "Rehearse"
    text: "\`briefing serve\`, then S for the speaker view"
notes: >-
  A timeline takes its events from the front matter. ISO dates are shown like the
  deck's other dates; any other text is shown as written.
---
`,
    },
    {
      path: '060-outputs.md',
      text: `---
title: One source, deck and PDF
layout: comparison
sources: [reveal-speaker]
columns: ["", "Deck", "PDF"]
rows:
  - ["Command", "\`briefing build\`", "\`briefing pdf\`"]
  - ["Needs", "A browser to show it", "Chromium to print it"]
  - ["Notes", "Speaker view (S)", "\`--handout\` or \`--notes separate-page\`"]
notes: >-
  A comparison table comes from columns and rows in the front matter; the first
  cell of each row labels it. Every row has as many cells as there are columns.
---
`,
    },
    {
      path: '090-sources.md',
      text: `---
title: Sources
layout: sources
notes: Every source a section cites, numbered in the order the deck first cites it..
---
`,
    },
  ];
}
