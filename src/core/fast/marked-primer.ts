/**
 * Warm marked's regular expressions up before the first slide.
 *
 * V8 runs a regular expression in its bytecode interpreter for a while before compiling it to machine
 * code — except when the string it searches is long (1,000 characters or more), which has it compiled on
 * the spot. marked lexes a deck one slide at a time, and slides are mostly shorter than that, so its large
 * rules (paragraph, setext heading, table, HTML block, inline text) crawl through the first slides in the
 * interpreter: about 15–20 ms of a 30-section build, and as much of larger ones. Lexing one long document that
 * uses every rule first gets them all compiled at once. Measured on whole CLI builds: 6–9 % faster from
 * three sections up (8 KB of Markdown), but ~10 ms slower for a one-slide deck, whose few short lines cost
 * less to interpret than the primer costs to compile: hence PRIME_MIN_MARKDOWN. The tokens are dropped:
 * nothing else changes.
 */
import type { Marked } from 'marked';

/** Every block and inline construct the fast path renders, in a paragraph and a document longer than 1,000 characters. */
export const MARKED_PRIMER = `# Heading

A paragraph with *emphasis*, **strong**, \`code\`, a [link](https://example.org "title"), <https://example.org>, ~~struck~~ text and a line  
break. ${'Words of a long paragraph. '.repeat(40)}

- one
- two

1. first
2. second

| a | b |
|---|--:|
| 1 | 2 |

> quoted

\`\`\`js
code
\`\`\`

![image](a.png)

Setext heading
---

***
${' '.repeat(1000)}`;

/** Below this much Markdown to render, priming costs more than it saves. */
export const PRIME_MIN_MARKDOWN = 2000;

const primed = new WeakSet<Marked>();

/** Lex the primer once per marked instance, if `markdownLength` characters are about to be rendered. */
export function primeMarked(marked: Marked, markdownLength: number): void {
  if (markdownLength < PRIME_MIN_MARKDOWN || primed.has(marked)) return;
  primed.add(marked);
  marked.lexer(MARKED_PRIMER);
}
