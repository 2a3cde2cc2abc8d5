import type { TopLevelSpec } from 'vega-lite';
import { CHART_COLORS, CHART_CONFIG } from './chartTheme.js';
import { renderChartSvg } from './renderChartSvg.js';

/** One fault of a what-if study: how often it was detected and how long detection took. */
export interface TimeToDetectRow {
  /** The fault, as the caller names it (`latency-spike ×6 in ramp at 2h`). */
  label: string;
  /** Share of runs in which a gate or guard caught it, 0 to 1. */
  pDetected: number;
  /** Time from the fault's start to detection among the runs that detected it, ms; null when none did. */
  p10Ms: number | null;
  p50Ms: number | null;
  p90Ms: number | null;
}

export interface TimeToDetectChartInput {
  title: string;
  /** In the order to draw them, top first. */
  rows: TimeToDetectRow[];
  /** An optional reference line, e.g. the plan's promise (`rollback in under 5 minutes`). */
  reference?: { valueMs: number; label: string } | null;
}

const MINUTE_MS = 60_000;

/**
 * The Vega-Lite spec of a what-if study's time to detect: per fault a bar from p10 to p90 of the minutes
 * from the fault's start to its detection, a tick at the median, and how often it was detected written
 * at the right (`never detected` when no run caught it).
 */
export function timeToDetectSpec(input: TimeToDetectChartInput): TopLevelSpec {
  const labels = input.rows.map((row) => row.label);
  const detected = input.rows.filter((row) => row.p50Ms !== null);
  const maxMinutes = Math.max(
    1,
    ...detected.map((row) => (row.p90Ms ?? 0) / MINUTE_MS),
    (input.reference?.valueMs ?? 0) / MINUTE_MS,
  );
  const values = input.rows.map((row) => ({
    label: row.label,
    p10: row.p10Ms === null ? null : row.p10Ms / MINUTE_MS,
    p50: row.p50Ms === null ? null : row.p50Ms / MINUTE_MS,
    p90: row.p90Ms === null ? null : row.p90Ms / MINUTE_MS,
    note:
      row.pDetected === 0
        ? 'never detected'
        : `detected in ${(row.pDetected * 100).toFixed(row.pDetected >= 0.995 || row.pDetected < 0.1 ? 1 : 0)}% of runs`,
    right: maxMinutes,
  }));
  const y = {
    field: 'label',
    type: 'nominal' as const,
    title: null,
    sort: labels,
    axis: { labelLimit: 420 },
  };
  const x = {
    field: 'p10',
    type: 'quantitative' as const,
    title: 'minutes from the fault to detection (p10–p90, tick: median)',
    scale: { domain: [0, maxMinutes * 1.45], nice: false },
  };
  const layers: object[] = [
    {
      transform: [{ filter: 'datum.p50 != null' }],
      mark: { type: 'bar', height: { band: 0.5 }, color: CHART_COLORS.band, opacity: 0.8 },
      encoding: { y, x, x2: { field: 'p90' } },
    },
    {
      transform: [{ filter: 'datum.p50 != null' }],
      mark: { type: 'tick', color: CHART_COLORS.text, thickness: 2, bandSize: 18 },
      encoding: { y, x: { ...x, field: 'p50' } },
    },
    {
      mark: { type: 'text', align: 'left', dx: 8, fontSize: 11, color: CHART_COLORS.muted },
      encoding: { y, x: { ...x, field: 'right' }, text: { field: 'note' } },
    },
  ];
  if (input.reference) {
    layers.push({
      data: { values: [{ minutes: input.reference.valueMs / MINUTE_MS, label: input.reference.label }] },
      layer: [
        {
          mark: { type: 'rule', color: CHART_COLORS.fail, strokeDash: [5, 3] },
          encoding: { x: { ...x, field: 'minutes' } },
        },
        {
          mark: {
            type: 'text',
            align: 'left',
            baseline: 'top',
            dx: 3,
            y: 0,
            color: CHART_COLORS.fail,
            fontSize: 10,
          },
          encoding: { x: { ...x, field: 'minutes' }, text: { field: 'label' } },
        },
      ],
    });
  }
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    width: 520,
    height: { step: 28 },
    data: { values },
    layer: layers,
  };
  return spec as TopLevelSpec;
}

/** A what-if study's time to detect per fault, as an SVG string (see {@link timeToDetectSpec}). */
export function timeToDetectChart(input: TimeToDetectChartInput, id = 'time-to-detect'): Promise<string> {
  return renderChartSvg(timeToDetectSpec(input), id, input.title);
}
