#!/usr/bin/env node
/**
 * The floor: the least work any Markdown-to-deck build must do. Read the files, parse front matter
 * (gray-matter), render Markdown (marked), merge through one Handlebars template, write one file.
 * The benchmark divides briefing's time by this script's, run the same way (as a whole process).
 *
 * Usage: node bench/floor.mjs <briefing-folder> <out-file>
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';
import { marked } from 'marked';
import Handlebars from 'handlebars';

const [dir, out] = process.argv.slice(2);
if (!dir || !out) {
  process.stderr.write('Usage: node bench/floor.mjs <briefing-folder> <out-file>\n');
  process.exit(2);
}

const template = Handlebars.compile(`<!doctype html>
<html><head><meta charset="utf-8"><title>{{title}}</title></head>
<body><div class="reveal"><div class="slides">
{{#each sections}}<section id="s{{@index}}"><h2>{{title}}</h2>
{{{html}}}
</section>
{{/each}}</div></div></body></html>
`);

const files = readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
const sections = [];
let title = '';
for (const name of files) {
  const { data, content } = matter(readFileSync(join(dir, name), 'utf8'), {});
  if (name === 'index.md') title = data.title;
  else sections.push({ title: data.title, html: marked.parse(content, { gfm: true, async: false }) });
}
writeFileSync(out, template({ title, sections }));
