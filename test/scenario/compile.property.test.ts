import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { METRIC_NAMES, type MetricName } from '../../src/gates/metrics.js';
import { OPERATORS } from '../../src/gates/operators.js';
import { compileScenario } from '../../src/scenario/compile.js';
import { formatDuration } from '../../src/scenario/duration.js';
import { parseScenario } from '../../src/scenario/parseScenario.js';
import { validateScenario } from '../../src/scenario/validateScenario.js';
import { type Data, toYaml } from './fixtures.js';

const INTERVALS_MS = [250, 1_000, 10_000, 30_000, 60_000];
const double = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const fraction = double(0, 1);

/** A threshold in each metric's range (see thresholdRange.ts). */
function thresholdFor(metric: MetricName, op: (typeof OPERATORS)[number]): fc.Arbitrary<number> {
  if (op === 'within')
    return metric.endsWith('Ms') || metric === 'incidents' || metric === 'requests'
      ? double(0, 1e6)
      : fraction;
  if (metric.endsWith('Ms')) return double(1e-3, 1e5);
  if (metric === 'revenueImpact') return double(-1, 10);
  if (metric === 'incidents' || metric === 'requests') return fc.integer({ min: 0, max: 1e6 });
  return fraction;
}

/** A map metric → condition with one operator each (always satisfiable). */
const conditions = fc
  .subarray([...METRIC_NAMES], { maxLength: 4 })
  .chain((metrics) =>
    fc.tuple(
      ...metrics.map((metric) =>
        fc
          .constantFrom(...OPERATORS)
          .chain((op) =>
            fc
              .tuple(
                thresholdFor(metric, op),
                fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }),
              )
              .map(
                ([threshold, minRequests]) =>
                  [
                    metric,
                    minRequests === undefined ? { [op]: threshold } : { [op]: threshold, minRequests },
                  ] as const,
              ),
          ),
      ),
    ),
  )
  .map((entries) => Object.fromEntries(entries));

const latency = double(0.01, 10_000).chain((p50) =>
  double(1.001, 300).map((ratio) => ({ p50, p99: p50 * ratio })),
);

/** Sorted distinct whole multiples of `unit` in [unit, count × unit], as durations. */
const checkpointsOf = (count: number, unitMs: number) =>
  fc
    .uniqueArray(fc.integer({ min: 1, max: count }), { minLength: 1, maxLength: Math.min(count, 8) })
    .map((steps) => steps.sort((a, b) => a - b).map((step) => formatDuration(step * unitMs)));

/** A phase lasting a whole number of intervals, with its length in ms for the faults that refer to it. */
const phase = (index: number, intervalMs: number, learners: number) =>
  fc.integer({ min: 1, max: 5_000 }).chain((steps) =>
    fc
      .record(
        {
          name: fc.constant(`phase-${index}`),
          traffic: double(Math.min(1, 1 / learners), 1),
          learners: fc.integer({ min: 1, max: learners }),
          duration: fc.constant(formatDuration(steps * intervalMs)),
          checkpoints: checkpointsOf(steps, intervalMs),
          gates: conditions,
          require: fc.constantFrom('every-checkpoint', 'final'),
          advance: fc.constantFrom('auto', 'manual'),
          window: fc.constantFrom('cumulative', 'since-last-checkpoint'),
        },
        { requiredKeys: ['name', 'traffic', 'duration'] },
      )
      .map((data) => ({ data, durationMs: steps * intervalMs })),
  );

/** A scheduled or random fault that refers only to phases and segments that exist. */
const fault = (phases: { data: { name: string }; durationMs: number }[], segmentIds: string[]) =>
  fc.oneof(
    fc.constantFrom(...phases).chain((target) =>
      fc.record({
        kind: fc.constant('latency-spike'),
        phase: fc.constant(target.data.name),
        at: fc.integer({ min: 0, max: target.durationMs - 1 }).map(formatDuration),
        factor: double(1.01, 50),
      }),
    ),
    fc.record({
      kind: fc.constant('outage'),
      ratePerDay: double(0.001, 100),
      meanDuration: fc.integer({ min: 1, max: 86_400_000 }).map(formatDuration),
      target: fc.constantFrom('candidate', 'baseline', 'both'),
    }),
    fc.record({
      kind: fc.constant('segment-regression'),
      segment: fc.constantFrom(...segmentIds),
      ratePerDay: double(0.001, 10),
      meanDuration: fc.constantFrom('5m', '1h'),
      latencyFactor: double(0.1, 20),
    }),
    fc.record({
      kind: fc.constant('traffic-surge'),
      ratePerDay: double(0.001, 10),
      meanDuration: fc.constant('10m'),
      factor: double(0.01, 10),
    }),
  );

/** Valid scenarios: every sense check holds by construction. */
const validScenario: fc.Arbitrary<Data> = fc
  .record({
    intervalMs: fc.constantFrom(...INTERVALS_MS),
    learners: fc.integer({ min: 1, max: 1e9 }),
    weights: fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 6 }),
    phaseCount: fc.integer({ min: 1, max: 4 }),
  })
  .chain(({ intervalMs, learners, weights, phaseCount }) => {
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    const segmentIds = weights.map((_, index) => `s${index}`);
    return fc
      .record({
        seed: fc.option(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), { nil: undefined }),
        start: fc
          .date({
            min: new Date('1970-01-01T00:00:00Z'),
            max: new Date('2999-12-31T00:00:00Z'),
            noInvalidDate: true,
          })
          .map((date) => date.toISOString()),
        release: fc.option(fc.string({ minLength: 1, maxLength: 10 }), { nil: undefined }),
        rate: double(1e-6, 10_000),
        segmentRates: fc.array(fc.option(double(1e-6, 10_000), { nil: undefined }), {
          minLength: weights.length,
          maxLength: weights.length,
        }),
        diurnal: fc.option(fc.array(double(0.01, 100), { minLength: 24, maxLength: 24 }), { nil: undefined }),
        baseline: fc.record({ errorRate: fraction, latencyMs: latency, availability: double(1e-6, 1) }),
        candidate: fc.record({
          errorRate: fraction,
          latencyMs: latency,
          availability: double(1e-6, 1),
          meanOutage: fc.constantFrom('1s', '2m', '1h30m'),
        }),
        override: fc.option(
          fc.record({ errorRate: fraction, latencyMs: latency, revenueUplift: double(-1, 5) }),
          { nil: undefined },
        ),
        business: fc.option(
          fc.record({
            baselineAnnualRevenue: double(1, 1e13),
            revenueUplift: fc.record({ mean: double(-1, 5), sd: double(0, 1) }),
            churnChange: fc.record({ mean: double(-1, 5), sd: double(0, 1) }),
            horizonDays: fc.integer({ min: 1, max: 3650 }),
            discountRatePerYear: fraction,
            followOn: fc.array(
              fc.record({
                name: fc.constant('next'),
                revenueUplift: fc.record({ mean: double(-1, 1), sd: double(0, 1) }),
                startsAfter: fc.constantFrom('0s', '2d'),
              }),
              { maxLength: 2 },
            ),
          }),
          { nil: undefined },
        ),
        windowIntervals: fc.integer({ min: 1, max: 20 }),
        buckets: fc.option(fc.array(double(0.001, 100), { minLength: 1, maxLength: 30 }), { nil: undefined }),
        guards: conditions,
        guardMinRequests: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }),
        phases: fc.tuple(
          ...Array.from({ length: phaseCount }, (_, index) => phase(index, intervalMs, learners)),
        ),
      })
      .chain((parts) =>
        fc.array(fault(parts.phases, segmentIds), { maxLength: 3 }).map((faults) => {
          let boundMs = 0;
          return {
            name: 'generated',
            ...optional({ seed: parts.seed, start: parts.start, release: parts.release }),
            population: {
              learners,
              requestsPerLearnerHour: parts.rate,
              segments: weights.map((weight, index) => ({
                id: segmentIds[index],
                share: weight / total,
                ...optional({ requestsPerLearnerHour: parts.segmentRates[index] }),
              })),
              ...optional({ diurnal: parts.diurnal }),
            },
            analyzers: {
              baseline: parts.baseline,
              candidate: {
                ...parts.candidate,
                ...optional({ segments: parts.override && { [segmentIds[0] ?? 's0']: parts.override } }),
              },
            },
            ...optional({ business: parts.business }),
            monitoring: {
              interval: formatDuration(intervalMs),
              window: formatDuration(intervalMs * parts.windowIntervals),
              ...optional({ latencyBucketsMs: parts.buckets?.map((stepMs) => (boundMs += stepMs)) }),
            },
            guards: { rollbackWhen: parts.guards, ...optional({ minRequests: parts.guardMinRequests }) },
            phases: parts.phases.map((item) => item.data),
            faults,
          };
        }),
      );
  });

/** The fields whose value is defined. */
function optional(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

/** Every number in a value, with its path. */
function numbersIn(value: unknown, path = ''): [string, number][] {
  if (typeof value === 'number') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((item, index) => numbersIn(item, `${path}[${index}]`));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([key, item]) => numbersIn(item, `${path}.${key}`));
  return [];
}

describe('every valid scenario compiles to a plan of finite numbers', () => {
  it('from data: no NaN or Infinity anywhere in the Plan', () => {
    fc.assert(
      fc.property(validScenario, (data) => {
        const result = validateScenario(data, 'generated');
        expect(result.ok ? [] : result.problems).toEqual([]);
        if (!result.ok) return;
        const plan = compileScenario(result.scenario);
        expect(numbersIn(plan).filter(([, number]) => !Number.isFinite(number))).toEqual([]);
        expect(
          plan.diurnal === null ||
            Math.abs(plan.diurnal.reduce((sum, factor) => sum + factor, 0) / 24 - 1) < 1e-9,
        ).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('from its YAML text: the same plan', () => {
    fc.assert(
      fc.property(validScenario, (data) => {
        const fromText = parseScenario(toYaml(data), 'generated.yaml');
        const fromData = validateScenario(data, 'generated');
        expect(fromText.ok && fromData.ok).toBe(true);
        if (fromText.ok && fromData.ok)
          expect(compileScenario(fromText.scenario)).toEqual(compileScenario(fromData.scenario));
      }),
      { numRuns: 50 },
    );
  });
});
