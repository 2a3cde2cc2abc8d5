import type { TimeToDetectChartInput } from '../charts/index.js';
import type { WhatifResults } from '../whatif/whatifResults.js';
import { type ChartView, markRendered } from './runCharts.js';

/** The what-if report's charts (HTML only; print one with `{{chart charts.timeToDetect}}`). */
export interface WhatifCharts {
  timeToDetect: ChartView | null;
}

/**
 * The time-to-detect chart's data from whatif.json alone: one row per fault in the report's order (by
 * expected harm), how often it was detected among the runs it occurred in, and p10 / p50 / p90 of the
 * time from its first affected interval to detection. Null when there are no faults.
 */
export function buildWhatifChartInputs(results: WhatifResults): {
  timeToDetect: TimeToDetectChartInput | null;
} {
  if (results.faults.length === 0) return { timeToDetect: null };
  return {
    timeToDetect: {
      title: `Time to detect each fault over ${results.runs} runs (among the runs in which it was detected)`,
      rows: results.faults.map((fault) => ({
        label: `${fault.rank}. ${fault.name}`,
        pDetected: fault.pDetected.p ?? 0,
        p10Ms: fault.timeToDetectMs?.p10 ?? null,
        p50Ms: fault.timeToDetectMs?.p50 ?? null,
        p90Ms: fault.timeToDetectMs?.p90 ?? null,
      })),
    },
  };
}

/**
 * Renders the what-if report's charts to SVG from whatif.json's content alone (pass it as recorded, so a
 * re-render gives the same bytes). Deterministic; the chart library is loaded on first use.
 */
export async function renderWhatifCharts(results: WhatifResults): Promise<WhatifCharts> {
  const { timeToDetect } = buildWhatifChartInputs(results);
  if (timeToDetect === null) return { timeToDetect: null };
  const { timeToDetectChart } = await import('../charts/index.js');
  return {
    timeToDetect: markRendered({
      id: 'time-to-detect',
      title: timeToDetect.title,
      svg: timeToDetectChart(timeToDetect),
    }),
  };
}
