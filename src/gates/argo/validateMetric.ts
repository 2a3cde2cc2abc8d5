import { parseGoDurationMs } from '../goDuration.js';
import type { SpecProblem } from '../specProblem.js';
import {
  type ArgoMetric,
  consecutiveSuccessLimitOf,
  failureLimitOf,
  inconclusiveLimitOf,
} from './argoMetric.js';
import { compileMeasurement } from './compileMeasurement.js';

function atLeast(problems: SpecProblem[], path: string, value: number | undefined, min: number): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min) {
    problems.push({ path, expected: `a whole number ≥ ${min}`, found: String(value) });
  }
}

/**
 * Every problem with one metric, collected, with the checks of the controller's `ValidateMetric`
 * (utils/analysis/helpers.go) and of v1.8's limits: `count` ≥ `failureLimit`, ≥ `inconclusiveLimit` and
 * ≥ `consecutiveSuccessLimit` when a count is set; an `interval` when `count` > 1; Go durations for
 * `interval` and `initialDelay`; `failureLimit` ≥ -1, the other limits ≥ 0; at least one of
 * `failureLimit` (not -1) and `consecutiveSuccessLimit` (above 0) in force; and conditions inside the
 * supported expression subset. `path` locates the metric (`spec.metrics[0]`).
 *
 * @example validateMetric({ name: 'sr', count: 1, failureLimit: 2 }, 'spec.metrics[0]')[0]?.expected // 'count ≥ failureLimit (2)'
 */
export function validateMetric(metric: ArgoMetric, path: string): SpecProblem[] {
  const problems: SpecProblem[] = [];
  atLeast(problems, `${path}.count`, metric.count, 0);
  atLeast(problems, `${path}.failureLimit`, metric.failureLimit, -1);
  atLeast(problems, `${path}.inconclusiveLimit`, metric.inconclusiveLimit, 0);
  atLeast(problems, `${path}.consecutiveErrorLimit`, metric.consecutiveErrorLimit, 0);
  atLeast(problems, `${path}.consecutiveSuccessLimit`, metric.consecutiveSuccessLimit, 0);
  const count = metric.count ?? 0;
  if (count > 0) {
    for (const [field, limit] of [
      ['failureLimit', failureLimitOf(metric)],
      ['inconclusiveLimit', inconclusiveLimitOf(metric)],
      ['consecutiveSuccessLimit', consecutiveSuccessLimitOf(metric)],
    ] as const) {
      if (count < limit)
        problems.push({
          path: `${path}.count`,
          expected: `count ≥ ${field} (${limit})`,
          found: String(count),
        });
    }
  }
  if (count > 1 && !metric.interval) {
    problems.push({ path: `${path}.interval`, expected: 'an interval when count > 1', found: 'nothing' });
  }
  for (const field of ['interval', 'initialDelay'] as const) {
    const text = metric[field];
    if (text === undefined || text === '') continue;
    const parsed = parseGoDurationMs(text, `${path}.${field}`);
    if ('problem' in parsed) problems.push(parsed.problem);
  }
  if (failureLimitOf(metric) < 0 && consecutiveSuccessLimitOf(metric) <= 0) {
    problems.push({
      path: `${path}.failureLimit`,
      expected: 'failureLimit ≥ 0 or consecutiveSuccessLimit > 0 (one of them must apply)',
      found: `failureLimit ${failureLimitOf(metric)} and consecutiveSuccessLimit ${consecutiveSuccessLimitOf(metric)}`,
    });
  }
  problems.push(...compileMeasurement(metric, path).problems);
  return problems;
}
