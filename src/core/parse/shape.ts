/** Shape rules the schema cannot express: layout data that types check but does not fit together. Pure. */
import type { SectionFrontMatter } from './schema.js';

/** A shape problem at a key path of the front matter. */
export interface ShapeIssue {
  path: (string | number)[];
  message: string;
  hint: string;
}

/** The front-matter key each data layout draws from; without it the slide would be empty. */
const LAYOUT_DATA: Record<string, keyof SectionFrontMatter> = {
  timeline: 'events',
  figures: 'figures',
  comparison: 'rows',
  map: 'map',
};

/** Problems of shape in a section's validated front matter: missing layout data, table rows of the wrong length. */
export function shapeIssues(front: SectionFrontMatter): ShapeIssue[] {
  const issues: ShapeIssue[] = [];
  const layout = front.layout ?? 'content';
  const needed = LAYOUT_DATA[layout];
  if (needed && front[needed] === undefined) {
    issues.push({ path: ['layout'], message: `The \`${layout}\` layout needs \`${needed}:\` in the front matter`, hint: `Add \`${needed}:\` (see the Layouts section of the README), or use \`layout: content\`.` });
  }
  if (front.rows && front.columns) {
    const width = front.columns.length;
    front.rows.forEach((row, i) => {
      if (row.length === width) return;
      const few = row.length < width;
      issues.push({
        path: ['rows', i],
        message: `Row ${i + 1} of the comparison has ${row.length} cell${row.length === 1 ? '' : 's'} but \`columns\` has ${width}`,
        hint: few ? `Add the missing cell${width - row.length === 1 ? '' : 's'} (use "" for an empty one).` : `Remove ${row.length - width} cell${row.length - width === 1 ? '' : 's'}, or add a column.`,
      });
    });
  }
  return issues;
}
