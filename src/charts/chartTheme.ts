import type { Config } from 'vega-lite';

/** Colours of the charts, shared with the report's CSS so that a verdict looks the same everywhere. */
export const CHART_COLORS = {
  pass: '#1a7f37',
  inconclusive: '#9a6700',
  fail: '#cf222e',
  limit: '#cf222e',
  candidate: '#0969da',
  planned: '#8c959f',
  band: '#54aeff',
  plannedBand: '#d0d7de',
  text: '#1f2328',
  muted: '#59636e',
  grid: '#eaeef2',
} as const;

/**
 * A generic font stack: charts name no particular font, and their layout never depends on one (text
 * widths are estimated), so they look the same wherever they are opened.
 */
export const CHART_FONT = 'system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif';

/** The look every chart shares: transparent background, quiet axes, no interaction. */
export const CHART_CONFIG: Config = {
  background: 'transparent',
  font: CHART_FONT,
  padding: 8,
  view: { stroke: null },
  axis: {
    labelColor: CHART_COLORS.muted,
    titleColor: CHART_COLORS.muted,
    labelFontSize: 11,
    titleFontSize: 11,
    titleFontWeight: 'normal',
    gridColor: CHART_COLORS.grid,
    domainColor: '#afb8c1',
    tickColor: '#afb8c1',
  },
  legend: { labelFontSize: 11, titleFontSize: 11, labelColor: CHART_COLORS.text, orient: 'bottom' },
  title: {
    fontSize: 13,
    fontWeight: 600,
    color: CHART_COLORS.text,
    anchor: 'start',
    subtitleColor: CHART_COLORS.muted,
  },
  header: { labelFontSize: 12, titleFontSize: 12 },
};

/** d3-format patterns the charts use for each kind of number. */
export const CHART_FORMATS = {
  fraction: '.2~%',
  ms: ',.0f',
  count: ',.0f',
  usd: '$.3~s',
} as const;
