import type { SpecProblem } from '../specProblem.js';

/**
 * The metric names that run in dry-run mode, as `GetDryRunMetrics` picks them: each rule's `metricName`
 * is a regular expression searched in each metric name (Go's `regexp.MatchString`, not anchored, so
 * `.*` matches every metric and `error` matches `error-rate`). A rule matching no metric, a repeated
 * rule or a rule that is not a valid expression is a problem, as it is for the controller.
 *
 * @example dryRunMetrics([{ metricName: 'total-5xx.*' }], ['total-5xx-errors', 'latency']).names // Set { 'total-5xx-errors' }
 */
export function dryRunMetrics(
  rules: readonly { metricName: string }[],
  metricNames: readonly string[],
  path = 'dryRun',
): { names: Set<string>; problems: SpecProblem[] } {
  const names = new Set<string>();
  const problems: SpecProblem[] = [];
  const seen = new Set<string>();
  rules.forEach((rule, i) => {
    const at = `${path}[${i}].metricName`;
    if (seen.has(rule.metricName)) {
      problems.push({ path: at, expected: 'a rule named once', found: `"${rule.metricName}" again` });
      return;
    }
    seen.add(rule.metricName);
    let pattern: RegExp;
    try {
      pattern = new RegExp(rule.metricName);
    } catch {
      problems.push({ path: at, expected: 'a regular expression', found: JSON.stringify(rule.metricName) });
      return;
    }
    const matched = metricNames.filter((name) => pattern.test(name));
    if (matched.length === 0) {
      const found = `"${rule.metricName}", which matches none of ${metricNames.join(', ')}`;
      problems.push({ path: at, expected: 'a rule matching at least one metric name', found });
    }
    for (const name of matched) names.add(name);
  });
  return { names, problems };
}
