import { describe, expect, it } from 'vitest';
import { EngineContext } from '../../src/engine/index.js';
import { quietSpans } from '../../src/engine/quietSpans.js';
import { windowTailBound } from '../../src/engine/windowTailBound.js';
import { makePlan } from './makePlan.js';

describe('quiet-span bounds at the edges of their range', () => {
  it.each([
    [0, 10],
    [0, Number.NaN],
    [5, Number.POSITIVE_INFINITY],
    [5, 4],
  ])(
    'windowTailBound over [%s, %s] is 1: an empty, unbounded or zero-traffic range has no bound',
    (low, high) => {
      expect(windowTailBound(low, high, 0.001, 0.015)).toBe(1);
    },
  );

  // A plan built in code may carry a zero diurnal factor (scenario files and CSVs may not): its quietest
  // window expects no request, so no phase may skip, and the analysis ends. The same plan with traffic
  // in every hour skips (its error guard needs 5% errors in windows of thousands of requests).
  it.each([
    ['every hour has traffic', 1, true],
    ['hour 3 has none', 0, false],
  ])('under a diurnal profile where %s, a phase may skip: %s', (_, quietHour, skips) => {
    const diurnal = Array.from({ length: 24 }, (_, hour) => (hour === 3 ? quietHour : 1));
    const plan = makePlan({
      learners: 500_000,
      requestsPerLearnerHour: 10,
      candidate: { errorRate: 0.001 },
      guards: [{ metric: 'errorRate', op: 'above', threshold: 0.05 }],
      diurnal,
    });
    const context = new EngineContext();
    const quiet = quietSpans(context.setup(plan), context.bucketTables);
    expect(quiet.phases.some((phase) => phase !== null)).toBe(skips);
  });
});
