import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readScenario } from '../../src/io/readScenario.js';

const FILE = 'scenarios/sprint2-rollout.yaml';

describe("the default scenario (the seed report's plan)", async () => {
  const plan = await readScenario(FILE);
  const [canary, ramp, rollout] = plan.phases;

  it('names the release and starts at the canary, Oct 31 12:00 UTC', () => {
    expect(plan).toMatchObject({
      name: 'Sprint 2 cohort analyzer',
      release: 'v3.0.0-sprint-2-complete',
      seed: 20251031,
      startIso: '2025-10-31T12:00:00.000Z',
      intervalMs: 30_000,
      guardWindowMs: 30_000,
      scenarioSha256: createHash('sha256').update(readFileSync(FILE)).digest('hex'),
    });
  });

  it('has 500,000 learners in 8 segments, k12-mobile among them, shares summing to 1', () => {
    expect(plan.population.learners).toBe(500_000);
    expect(plan.segments).toHaveLength(8);
    expect(plan.segments.map((segment) => segment.id)).toContain('k12-mobile');
    expect(plan.segments.reduce((sum, segment) => sum + segment.share, 0)).toBeCloseTo(1, 12);
  });

  it('gives the canary ~380 requests, as the report says (5,000 learners × 0.038/h × 2 h)', () => {
    expect(canary?.learners).toBe(5_000);
    const requests =
      (canary?.learners ?? 0) *
      plan.population.requestsPerLearnerHour *
      ((canary?.durationMs ?? 0) / 3_600_000);
    expect(requests).toBeCloseTo(380, 9);
  });

  it('runs canary (1%, 2h), ramp (10%, 4h, manual) and rollout (100%, 13 daily checkpoints)', () => {
    expect(plan.phases.map((phase) => [phase.name, phase.traffic, phase.durationMs, phase.advance])).toEqual([
      ['canary', 0.01, 7_200_000, 'auto'],
      ['ramp', 0.1, 14_400_000, 'manual'],
      ['rollout', 1, 13 * 86_400_000, 'auto'],
    ]);
    expect(canary?.checkpointsMs).toEqual([15, 30, 60, 90, 120].map((minutes) => minutes * 60_000));
    expect(ramp?.checkpointsMs).toEqual([0.25, 0.5, 1, 2, 3, 4].map((hours) => hours * 3_600_000));
    expect(rollout?.checkpointsMs).toEqual(Array.from({ length: 13 }, (_, day) => (day + 1) * 86_400_000));
  });

  it("has the report's gates and guards", () => {
    const gates = (phase: typeof canary) =>
      phase?.gates.map((gate) => `${gate.metric} ${gate.op} ${gate.threshold}`);
    expect(gates(canary)).toEqual([
      'errorRate below 0.01',
      'p99LatencyMs below 200',
      'availability above 0.999',
      'revenueImpact within 0.03',
    ]);
    expect(gates(ramp)).toEqual([
      'errorRate below 0.005',
      'p99LatencyMs below 200',
      'availability above 0.9995',
      'segmentVariance below 0.05',
      'incidents max 0',
    ]);
    expect(gates(rollout)).toEqual([
      'errorRate below 0.001',
      'p99LatencyMs below 200',
      'availability above 0.999',
    ]);
    expect(plan.guards).toEqual([
      { metric: 'errorRate', op: 'above', threshold: 0.015 },
      { metric: 'p99LatencyMs', op: 'above', threshold: 250 },
    ]);
  });

  it('models the candidate from the canary results and the business case from the A/B test', () => {
    expect(plan.analyzers.candidate.bySegment[0]).toEqual({
      errorRate: 0.00079,
      latencyP50Ms: 25,
      latencyP99Ms: 46,
      revenueUplift: null,
    });
    expect(plan.analyzers.candidate.availability).toBe(0.9997);
    expect(plan.business).toMatchObject({
      baselineAnnualRevenueUsd: 50_000_000,
      revenueUplift: { mean: 0.058, sd: 0.012 },
      completionUplift: { mean: 0.07, sd: 0.02 },
      churnChange: { mean: -0.03, sd: 0.01 },
      followOn: [
        { name: 'Sprint 3', revenueUplift: { mean: 0.09, sd: 0.01 }, startsAfterMs: 2 * 86_400_000 },
      ],
    });
  });
});
