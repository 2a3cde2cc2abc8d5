import { buildRunChartInputs } from './buildRunChartInputs.js';
import type { Results } from './results.js';
import { markRendered, type RunCharts } from './runCharts.js';

/**
 * Renders a run summary's charts to SVG from the results alone (see `buildRunChartInputs`): traffic
 * over time with the decisions, each gated metric by phase, the revenue fan and the tornado.
 * Deterministic: the same results give the same bytes. The chart library is loaded on first use, so
 * commands that draw nothing do not pay for it.
 */
export async function renderRunCharts(results: Results): Promise<RunCharts> {
  const { gateMetricChart, revenueFanChart, sensitivityChart, trafficChart } = await import(
    '../charts/index.js'
  );
  const inputs = buildRunChartInputs(results);
  const traffic = markRendered({
    id: 'traffic',
    title: inputs.traffic.title,
    svg: trafficChart(inputs.traffic),
  });
  const gates = [];
  for (const { metric, input } of inputs.gates) {
    const id = `gate-${metric}`;
    gates.push(markRendered({ id, metric, title: input.title, svg: gateMetricChart(input, id) }));
  }
  const { revenueFan, sensitivity } = inputs;
  return {
    traffic,
    gates,
    revenueFan:
      revenueFan === null
        ? null
        : markRendered({
            id: 'revenue-fan',
            title: revenueFan.title,
            svg: revenueFanChart(revenueFan),
          }),
    sensitivity:
      sensitivity === null
        ? null
        : markRendered({
            id: 'sensitivity',
            title: sensitivity.title,
            svg: sensitivityChart(sensitivity),
          }),
  };
}
