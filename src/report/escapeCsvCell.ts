/** Characters that make a spreadsheet read a text cell as a formula (OWASP "CSV injection"). */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/**
 * A CSV cell that a spreadsheet shows as data, never runs as a formula: text starting with `=`, `+`,
 * `-`, `@`, a tab or a carriage return gets a leading `'`. Numbers are not text and stay numbers, so
 * `-0.004` remains a negative number a spreadsheet can sum. `null` is an empty cell.
 *
 * @example escapeCsvCell('=HYPERLINK("x")') // "'=HYPERLINK(\"x\")"
 * @example escapeCsvCell(-0.004) // -0.004
 */
export function escapeCsvCell(value: string | number | null): string | number | null {
  if (typeof value !== 'string') return value;
  return FORMULA_TRIGGERS.has(value.charAt(0)) ? `'${value}` : value;
}
