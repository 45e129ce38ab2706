/** Telling a CSS colour from an image path, the way reveal.js's `data-background` shorthand needs. */

/** True for `#123`, `rgb(...)`/`hsl(...)` and named colours; anything else is taken as an image path. */
export function isCssColour(value: string): boolean {
  return /^(#[0-9a-f]{3,8}|(rgb|hsl)a?\([^)]*\)|[a-z]+)$/i.test(value.trim());
}
