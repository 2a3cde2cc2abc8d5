/** A text's weight as the charts draw it. */
export type TextWeight = 'normal' | 'bold';

/**
 * Advance widths of the printable ASCII characters (space to `~`), thousandths of an em: for each, the
 * wider of Helvetica's (the metrics of Arial and Liberation Sans) and DejaVu Sans' (the usual `system-ui`
 * on Linux, about 13% wider). A label laid out with these fits in whichever of the common sans-serif
 * fonts the reader's browser picks; macOS' and Windows' system fonts are narrower still.
 */
const ASCII_WIDTHS: Record<TextWeight, readonly number[]> = {
  normal: [
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636,
    636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 556, 1015, 684, 686, 722, 770, 667, 611, 778, 752, 295,
    500, 667, 557, 863, 748, 787, 667, 787, 722, 667, 611, 732, 684, 989, 685, 667, 685, 390, 337, 390, 838,
    556, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521,
    392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
  ],
  bold: [
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696, 696,
    696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 611, 1000, 774, 762, 734, 830, 683, 683, 821, 837, 372,
    556, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838,
    556, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595,
    478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
  ],
};

/** Characters beyond ASCII that labels use (multiplication and minus signs, dashes, ellipsis), same source. */
const OTHER_WIDTHS: ReadonlyMap<string, number> = new Map([
  ['×', 838],
  ['−', 838],
  ['±', 838],
  ['≤', 838],
  ['≥', 838],
  ['–', 556],
  ['—', 1000],
  ['…', 1000],
  ['→', 1000],
  ['µ', 736],
  ['·', 380],
  ['’', 380],
  ['‘', 380],
  ['“', 657],
  ['”', 657],
]);

/** Anything else: accented Latin and the like at the width of a wide lowercase letter; CJK, emoji and the rest at 1 em. */
function fallbackWidth(codePoint: number): number {
  return codePoint < 0x2e80 ? 700 : 1000;
}

/**
 * How wide `text` is drawn at `fontSizePx`, px, estimated from fixed per-character widths (see
 * {@link ASCII_WIDTHS}) rather than measured with the machine's fonts, so a chart's layout is the same on
 * every machine. Errs on the wide side.
 *
 * @example estimateTextWidth('100%', 11) // 31.438
 */
export function estimateTextWidth(text: string, fontSizePx: number, weight: TextWeight = 'normal'): number {
  const table = ASCII_WIDTHS[weight];
  let thousandths = 0;
  for (const character of text) {
    const code = character.codePointAt(0)!;
    thousandths +=
      code >= 32 && code <= 126 ? table[code - 32]! : (OTHER_WIDTHS.get(character) ?? fallbackWidth(code));
  }
  return (thousandths * fontSizePx) / 1000;
}

/**
 * `text` cut to fit `maxWidthPx`, ending in `…` when it had to be cut (a category label of 200
 * characters must not push the plot off the page).
 *
 * @example truncateText('rolled back: regression or fault (true)', 60, 11) // 'rolled ba…'
 */
export function truncateText(
  text: string,
  maxWidthPx: number,
  fontSizePx: number,
  weight?: TextWeight,
): string {
  if (estimateTextWidth(text, fontSizePx, weight) <= maxWidthPx) return text;
  const characters = [...text];
  while (
    characters.length > 0 &&
    estimateTextWidth(`${characters.join('')}…`, fontSizePx, weight) > maxWidthPx
  )
    characters.pop();
  return `${characters.join('').trimEnd()}…`;
}
