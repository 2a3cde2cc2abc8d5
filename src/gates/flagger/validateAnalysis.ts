import { parseGoDurationMs } from '../goDuration.js';
import type { SpecProblem } from '../specProblem.js';
import type { FlaggerAnalysis } from './flaggerAnalysis.js';

const BUILTIN = ['request-success-rate', 'request-duration'];

/**
 * The parts of a Canary's `analysis` that Flagger accepts but would not run as written, each returned as
 * a problem: an `interval` that is not a Go duration (Flagger silently uses 60s), an analysis with no
 * `stepWeight`, `stepWeights` or `iterations` (the canary never advances), `stepWeights` that are not
 * increasing weights in 1–100, and a metric that is neither builtin nor has a `templateRef` or `query`
 * (Flagger skips it without a word). `path` locates the analysis (`spec.analysis`).
 *
 * @example validateAnalysis({ interval: '1m' }, 'spec.analysis')[0]?.expected // 'stepWeight, stepWeights or iterations'
 */
export function validateAnalysis(analysis: FlaggerAnalysis, path: string): SpecProblem[] {
  const problems: SpecProblem[] = [];
  if (analysis.interval) {
    const parsed = parseGoDurationMs(analysis.interval, `${path}.interval`);
    if ('problem' in parsed) problems.push(parsed.problem);
  }
  const steps = analysis.stepWeights ?? [];
  if (
    !(analysis.stepWeight && analysis.stepWeight > 0) &&
    steps.length === 0 &&
    !(analysis.iterations && analysis.iterations > 0)
  ) {
    problems.push({
      path,
      expected: 'stepWeight, stepWeights or iterations',
      found: 'none of them: the canary never advances',
    });
  }
  steps.forEach((weight, i) => {
    const previous = i === 0 ? 0 : steps[i - 1]!;
    if (!Number.isInteger(weight) || weight <= previous || weight > 100) {
      problems.push({
        path: `${path}.stepWeights[${i}]`,
        expected: `a whole weight above ${previous} and at most 100`,
        found: String(weight),
      });
    }
  });
  (analysis.metrics ?? []).forEach((metric, i) => {
    const at = `${path}.metrics[${i}]`;
    if (!BUILTIN.includes(metric.name) && !metric.templateRef && !metric.query) {
      const found = `"${metric.name}" with neither, which Flagger skips`;
      problems.push({ path: at, expected: `${BUILTIN.join(' or ')}, or a templateRef or query`, found });
    }
    if (metric.interval) {
      const parsed = parseGoDurationMs(metric.interval, `${at}.interval`);
      if ('problem' in parsed) problems.push(parsed.problem);
    }
  });
  return problems;
}
