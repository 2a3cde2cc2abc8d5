import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readScenario } from '../../src/io/readScenario.js';
import {
  type GuardNoise,
  guardNoise,
  MIN_JUDGED_SHARE,
  NOISE_TARGET,
  planGuardFix,
} from '../../src/risk/index.js';
import { nominalOutageTrip } from '../../src/risk/planGuardFix.js';
import { reachWarnings } from '../../src/scenario/index.js';
import type { Plan } from '../../src/scenario/plan.js';
import { makePlan } from '../engine/makePlan.js';

let plan: Plan;
let findings: GuardNoise[];

beforeAll(async () => {
  plan = await readScenario(join(import.meta.dirname, '../../scenarios/sprint2-rollout.yaml'));
  findings = guardNoise(plan);
});

describe('the default plan’s 1.5% error guard on 30 s windows', () => {
  it('is analysed in every phase', () => {
    expect(findings.map((finding) => finding.phase)).toEqual(['canary', 'ramp', 'rollout']);
  });

  it('trips a canary window whenever it holds an error: q = 1 − e^(−λe), and 1 − (1 − q)^240 over the phase', () => {
    // 5,000 learners × 0.038 requests/learner-hour × 30 s = 1.5833 requests; one error in fewer than 67
    // requests is above 1.5%, and 67 requests in a window has probability ~1e-80.
    const canary = findings[0]!;
    const lambda = (5000 * 0.038) / 120;
    expect(canary.expectedRequestsPerWindow).toBeCloseTo(lambda, 12);
    expect(canary.errorRate).toBeCloseTo(0.00079, 15);
    const q = -Math.expm1(-lambda * 0.00079);
    expect(canary.tripPerWindow).toBeCloseTo(q, 14);
    expect(canary.checks).toBe(240);
    expect(canary.current.falseTrip.lower).toBeCloseTo(1 - (1 - q) ** 240, 12);
    expect(canary.current.falseTrip.upper).toBe(canary.current.falseTrip.lower);
    expect(canary.firesOnNoise).toBe(true);
    // A 2 h outage chance at 99.97% with 2-minute outages: 1 − A·exp(−T/mean up), mean up = 2 min · A/(1 − A).
    expect(canary.outageChance).toBeCloseTo(1 - 0.9997 * Math.exp(-120 / ((2 * 0.9997) / 0.0003)), 12);
  });

  it.each([0, 1, 2])(
    'phase %i: the fixes meet the target, judge enough windows, and minRequests is the smallest',
    (i) => {
      const finding = findings[i]!;
      const window = finding.windowFix;
      expect(window).not.toBeNull();
      expect(window!.falseTrip.upper).toBeLessThanOrEqual(NOISE_TARGET);
      expect(window!.judgedShare).toBeGreaterThanOrEqual(MIN_JUDGED_SHARE);
      expect(window!.windowMs).toBeGreaterThan(finding.current.windowMs);
      const minRequests = finding.minRequestsFix!;
      expect(minRequests.windowMs).toBe(finding.current.windowMs);
      expect(minRequests.falseTrip.upper).toBeLessThanOrEqual(NOISE_TARGET);
      // One request fewer would miss the target (the exact 1 − (1 − q)^M with the window of one interval).
      const fewer = guardNoise({
        ...plan,
        guards: plan.guards.map((guard) =>
          guard.metric === 'errorRate' ? { ...guard, minRequests: minRequests.minRequests - 1 } : guard,
        ),
      })[i]!;
      expect(fewer.current.falseTrip.upper).toBeGreaterThan(NOISE_TARGET);
    },
  );

  it('the canary needs a 2 h window: at 1% traffic the guard cannot be quick and quiet', () => {
    expect(findings[0]!.windowFix!.windowMs).toBe(7_200_000);
    expect(findings[0]!.minRequestsFix!.judgedShare).toBeLessThan(0.01);
  });
});

describe('the fix the scenario can state (one guard window for the whole plan)', () => {
  it('is a 1-minute window and 26 checks in a row: under both targets everywhere, with the shortest outage delay', () => {
    const guardIndex = plan.guards.findIndex((guard) => guard.metric === 'errorRate');
    const fix = planGuardFix(plan, guardIndex)!;
    expect(fix).toMatchObject({ windowMs: 60_000, minRequests: 0, consecutive: 26 });
    expect(fix.phases.map((phase) => phase.phase)).toEqual(['canary', 'ramp', 'rollout']);
    for (const phase of fix.phases) {
      expect(phase).toMatchObject({ minRequests: 0, consecutive: 26, windowMs: 60_000 });
      expect(phase.falseTrip.upper).toBeLessThanOrEqual(NOISE_TARGET);
      expect(phase.nominalOutageTrip).toBeLessThanOrEqual(NOISE_TARGET);
      expect(phase.judgedShare).toBeGreaterThanOrEqual(MIN_JUDGED_SHARE);
    }
    // The nominal-outage chance from its closed form: 2-minute mean outages at 99.97% (mean up 2·A/(1 − A)
    // minutes), (1 − A) + T/(up + down) outages in the 13-day phase, each holding 26 checks of 30 s on a 1 m
    // window at 1.5% (at the best alignment) when it lasts (26 − 1)·30 − 60 + 2·0.015·60 = 691.8 s.
    const minutes = 13 * 24 * 60;
    const outages = 0.0003 + minutes / ((2 * 0.9997) / 0.0003 + 2);
    expect(fix.phases[2]!.nominalOutageTrip).toBeCloseTo(-Math.expm1(-outages * Math.exp(-691.8 / 120)), 12);
    // The delay: 1.5% of a minute for the failed share to pass the limit, then 26 checks; whole seconds up.
    expect(fix.outageDetectionMs).toBe(781_000);
    // One check fewer lets the candidate's own outages trip it in more than 1% of 13-day phases.
    expect(nominalOutageTrip(plan, 2, 0.015, 60_000, 25)).toBeGreaterThan(NOISE_TARGET);
    // The canary's and ramp's windows cannot hold 26 trips in a row at twice the limit within the phase.
    expect(fix.phases[0]!.twiceThresholdDetectionMs).toBeNull();
    expect(fix.phases[2]!.twiceThresholdDetectionMs).toBeGreaterThan(26 * 30_000);
  });
});

describe('a guard with enough requests per window', () => {
  it('is not flagged and gets no fix', () => {
    const busy = makePlan({
      learners: 100_000,
      requestsPerLearnerHour: 2,
      candidate: { errorRate: 0.001, availability: 1 },
      guards: [{ metric: 'errorRate', op: 'above', threshold: 0.05 }],
      phases: [{ name: 'canary', traffic: 0.1, durationMs: 3_600_000 }],
    });
    const [finding] = guardNoise(busy);
    expect(finding!.firesOnNoise).toBe(false);
    expect(finding!.current.falseTrip.upper).toBeLessThan(1e-6);
    expect(finding!.windowFix).toBeNull();
    expect(finding!.minRequestsFix).toBeNull();
    expect(planGuardFix(busy, 0)).toBeNull();
  });
});

describe('scenarios/sprint2-tuned.yaml', () => {
  it("states the default plan's recommended guard, so nothing is left to recommend, and validates without warnings", async () => {
    const tuned = await readScenario(join(import.meta.dirname, '../../scenarios/sprint2-tuned.yaml'));
    const fix = planGuardFix(
      plan,
      plan.guards.findIndex((guard) => guard.metric === 'errorRate'),
    )!;
    const guard = tuned.guards.find((each) => each.metric === 'errorRate')!;
    expect(tuned.guardWindowMs).toBe(fix.windowMs);
    expect(guard.consecutive).toBe(fix.consecutive);
    expect(guard.minRequests ?? 0).toBe(fix.minRequests);
    expect(planGuardFix(tuned, tuned.guards.indexOf(guard))).toBeNull();
    expect(reachWarnings(tuned)).toEqual([]);
  });
});
