import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type PhaseResult, type Rehearsal, rehearse } from '../../src/engine/index.js';
import { LATENCY_QUANTILE } from '../../src/gates/index.js';
import { readScenario } from '../../src/io/readScenario.js';
import {
  emptyTally,
  regressionFacts,
  runSeed,
  tallyRehearsal,
  tallyRuns,
  tallyShape,
} from '../../src/risk/index.js';
import type { Plan } from '../../src/scenario/plan.js';
import { makeFault } from '../support/makeFault.js';
import { makePlan } from './makePlan.js';

const MINUTE_MS = 60_000;
const RUNS = 300;

/** Thin canary windows (guards and gates trip often), a revenue gate, churn and latency gates, two segments. */
function busyPlan(faults: Plan['faults'] = []): Plan {
  const plan = makePlan({
    learners: 20_000,
    requestsPerLearnerHour: 0.4,
    business: {},
    segments: [
      { id: 'web', share: 0.6 },
      { id: 'mobile', share: 0.4, candidate: { errorRate: 0.003 } },
    ],
    candidate: { availability: 0.995, meanOutageMs: 300_000 },
    guards: [
      { metric: 'errorRate', op: 'above', threshold: 0.05, minRequests: 5 },
      { metric: 'p99LatencyMs', op: 'above', threshold: 120 },
    ],
    phases: [
      {
        name: 'canary',
        traffic: 0.05,
        durationMs: 60 * MINUTE_MS,
        checkpointsMs: [20 * MINUTE_MS, 40 * MINUTE_MS, 60 * MINUTE_MS],
        gates: [
          { metric: 'errorRate', op: 'below', threshold: 0.01, minRequests: 20 },
          { metric: 'revenueImpact', op: 'within', threshold: 0.5 },
        ],
      },
      {
        name: 'ramp',
        traffic: 0.3,
        durationMs: 60 * MINUTE_MS,
        checkpointsMs: [30 * MINUTE_MS, 60 * MINUTE_MS],
        window: 'since-last-checkpoint',
        gates: [
          { metric: 'churnRate', op: 'below', threshold: 0.5 },
          { metric: 'p95LatencyMs', op: 'below', threshold: 100 },
        ],
      },
    ],
    diurnal: Array.from({ length: 24 }, (_, hour) => 0.5 + hour / 24),
  });
  return { ...plan, faults };
}

/** What `detail: 'verdicts'` promises to keep of a phase, bit for bit. */
function verdictFields(phase: PhaseResult) {
  return {
    status: phase.status,
    ranMs: phase.ranMs,
    startOffsetMs: phase.startOffsetMs,
    checkpoints: phase.checkpoints.map((checkpoint) => ({
      offsetMs: checkpoint.offsetMs,
      at: checkpoint.at,
      verdict: checkpoint.verdict,
      // A latency gate's value is exact only in its threshold's bucket: its verdict is kept, not its value.
      gates: checkpoint.gates.map((gate) => ({
        metric: gate.metric,
        observed: LATENCY_QUANTILE[gate.metric] === undefined ? gate.observed : 'latency',
        verdict: gate.verdict,
      })),
      gateMetrics: checkpoint.gates.map((gate) =>
        LATENCY_QUANTILE[gate.metric] === undefined ? checkpoint.metrics[gate.metric] : 'latency',
      ),
    })),
    guardTrips: phase.guardTrips,
    decision: phase.decision === null ? null : { action: phase.decision.action, atMs: phase.decision.atMs },
    candidate: phase.candidate,
  };
}

function kept(rehearsal: Rehearsal) {
  const { reason: _reason, ...outcome } = rehearsal.outcome;
  return {
    outcome,
    phases: rehearsal.phases.map(verdictFields),
    faultEpisodes: rehearsal.faultEpisodes,
    warnings: rehearsal.warnings,
  };
}

describe("detail: 'verdicts'", () => {
  const plans: Array<[string, Plan]> = [
    ['no faults (the revenue-only baseline)', busyPlan()],
    [
      'a fault on both cohorts (the segment sampler)',
      busyPlan([
        makeFault(
          'error-spike',
          { addedErrorRate: 0.02 },
          { target: 'both', atMs: 10 * MINUTE_MS, durationMs: 20 * MINUTE_MS },
        ),
      ]),
    ],
  ];

  /** Rehearses RUNS runs of `plan` in both details, expects them kept alike, and returns the outcomes seen. */
  function keptAlike(plan: Plan, seed: number): string[] {
    const statuses = new Set<string>();
    for (let run = 0; run < RUNS; run++) {
      const full = rehearse(plan, { seed, run });
      const verdicts = rehearse(plan, { seed, run, detail: 'verdicts' });
      expect(kept(verdicts)).toEqual(kept(full));
      statuses.add(`${full.outcome.status} ${full.outcome.cause?.kind ?? ''}`);
    }
    return [...statuses].sort();
  }

  it.each(plans)('keeps every decision, time, trip and candidate total of full detail: %s', (_, plan) => {
    const statuses = keptAlike(plan, 7);
    // The runs cover rollbacks by gates and by guards, and passes: the comparison is not vacuous.
    expect(statuses).toEqual(expect.arrayContaining(['rolled-back gate', 'rolled-back guard']));
  });

  it('keeps them on the default plan, whose canary and ramp are trip spans (their non-hits binned at the close)', async () => {
    const plan = await readScenario(join(import.meta.dirname, '../../scenarios/sprint2-rollout.yaml'));
    expect(keptAlike(plan, 11)).toEqual(['rolled-back gate', 'rolled-back guard']);
  });

  it('records no reasons, no baseline draws and only the gates metrics, as documented', () => {
    const plan = busyPlan();
    const verdicts = rehearse(plan, { seed: 7, run: 0, detail: 'verdicts' });
    const canary = verdicts.phases[0]!;
    const checkpoint = canary.checkpoints[0]!;
    expect(checkpoint.gates.map((gate) => gate.reason)).toEqual(['', '']);
    expect(checkpoint.baselineMetrics).toBeNull();
    expect(checkpoint.segments).toEqual([]);
    expect(checkpoint.metrics.p99LatencyMs).toBeNull();
    expect(checkpoint.metrics.errorRate).not.toBeNull();
    expect(canary.baseline.requests).toBe(0);
    const full = rehearse(plan, { seed: 7, run: 0 });
    expect(full.phases[0]!.baseline.requests).toBeGreaterThan(0);
  });

  it('the tally of verdicts-only rehearsals is the tally of full ones', () => {
    for (const [, plan] of plans) {
      const settings = { seed: 7, fidelity: 'aggregate' as const, approve: true };
      const fromFull = emptyTally(tallyShape(plan));
      const facts = regressionFacts(plan);
      for (let run = 0; run < RUNS; run++) {
        const seed = runSeed(settings.seed, run);
        tallyRehearsal(fromFull, facts, run, seed, rehearse(plan, { seed, fidelity: 'aggregate' }));
      }
      expect(tallyRuns(plan, settings, 0, RUNS)).toEqual(fromFull);
    }
  });
});
