/**
 * Text from a scenario (names, releases) or a reason, made inert inside Markdown, including table cells:
 * `|` cannot end a cell, a line break cannot end a row, `<tag` cannot open HTML, `&name;` cannot form an
 * entity, and emphasis, code, link and strike-through characters are shown as typed. Comparison signs in
 * reasons (`0.62% < 1.00%`) stay readable: `<` is escaped only where it could start a tag, and `>` is left
 * alone (it quotes only at the start of a line, and templates never start a line with a field).
 *
 * @example escapeMarkdown('<script>alert(1)</script> | x') // '&lt;script>alert(1)&lt;/script> \\| x'
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/&(?=#?\w+;)/g, '&amp;')
    .replace(/<(?=[A-Za-z/!?])/g, '&lt;')
    .replace(/[\\`*_[\]|~]/g, (character) => `\\${character}`);
}

/**
 * A copy of a plain-data value with every string passed through `transform`: the Markdown view of a report,
 * so that a template cannot forget to escape a field. Numbers, booleans and null are kept.
 */
export function mapStrings<T>(value: T, transform: (text: string) => string): T {
  if (typeof value === 'string') return transform(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => mapStrings(item, transform)) as T;
  if (value !== null && typeof value === 'object') {
    const mapped: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) mapped[key] = mapStrings(item, transform);
    return mapped as T;
  }
  return value;
}
