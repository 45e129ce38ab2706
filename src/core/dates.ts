/** Calendar dates as briefings write them: "7 April 2022". Locale-free, so output is deterministic. */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Format `2022-04-07` as `7 April 2022` (or `7 Apr 2022` when short). Other text is returned as is. */
export function formatDate(value: string | undefined, style: 'long' | 'short' = 'long'): string {
  if (!value) return '';
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(value.trim());
  if (!m) return value;
  const month = MONTHS[Number(m[2]) - 1];
  if (!month) return value;
  // Short months are three letters throughout ("Jun", "Jul"), so a deck's dates all look alike.
  const name = style === 'short' ? month.slice(0, 3) : month;
  return m[3] ? `${Number(m[3])} ${name} ${m[1]}` : `${name} ${m[1]}`;
}
