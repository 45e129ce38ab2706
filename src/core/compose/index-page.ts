/** The page at the output root that lists the decks built there. Pure. */
import { escapeHtml } from '../escape.js';

/** HTML for `<out>/index.html`. Titles and markings come from the decks' own (already escaped) <title> and <meta name="classification">. */
export function renderIndexPage(decks: readonly { slug: string; title: string; classification?: string }[]): string {
  const items = decks
    .map((d) => `    <li>${d.classification ? `<span class="marking">${d.classification}</span> ` : ''}<a href="${encodeURIComponent(d.slug)}/index.html">${d.title}</a> <code>${escapeHtml(d.slug)}</code></li>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Briefings</title>
<style>
  body { font: 18px/1.5 system-ui, sans-serif; max-width: 44rem; margin: 3rem auto; padding: 0 1rem; color: #1d2a3a; }
  h1 { font-size: 1.6rem; border-bottom: 3px solid #1f3a5f; padding-bottom: .3rem; }
  li { margin: .4rem 0; } .marking { font-size: .75em; font-weight: 700; letter-spacing: .08em; text-transform: uppercase; }
  code { color: #667; font-size: .85em; margin-left: .5rem; } a { color: #1f3a5f; }
</style>
</head>
<body>
  <h1>Briefings</h1>
  <ul>
${items}
  </ul>
</body>
</html>
`;
}
