/** Colours of the charts, shared with the report's CSS so that a verdict looks the same everywhere. */
export const CHART_COLORS = {
  pass: '#1a7f37',
  inconclusive: '#9a6700',
  fail: '#cf222e',
  limit: '#cf222e',
  candidate: '#0969da',
  planned: '#8c959f',
  band: '#54aeff',
  divider: '#d0d7de',
  low: '#fb8f44',
  text: '#1f2328',
  muted: '#59636e',
  grid: '#eaeef2',
  axis: '#afb8c1',
} as const;

/**
 * A generic font stack: charts name no particular font, and their layout never depends on one (text
 * widths are estimated, see `estimateTextWidth`), so they look the same wherever they are opened.
 */
export const CHART_FONT = 'system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif';

/** Font sizes, px. */
export const CHART_TEXT_PX = {
  /** Tick labels, axis titles, category labels, legends, notes on marks. */
  label: 11,
  /** A panel's heading. */
  heading: 12,
  /** Small notes on rules (a limit's value). */
  small: 10,
} as const;

/** Distances every chart shares, px. */
export const CHART_SPACING_PX = {
  /** Empty border around the whole chart. */
  padding: 8,
  /** Length of a tick mark. */
  tick: 5,
  /** Between a tick mark (or a bar's end) and its label. */
  gap: 3,
  /** The widest chart: the run summary's section is ~900 px wide at a 1280 px window. */
  maxWidth: 880,
} as const;

/** d3-format patterns the charts use for each kind of number. */
export const CHART_FORMATS = {
  fraction: '.2~%',
  ms: ',.0f',
  count: ',.0f',
  usd: '$.3~s',
} as const;
