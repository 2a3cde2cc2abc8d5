import { describe, expect, it } from 'vitest';
import { type PhaseResult, rehearse } from '../../src/engine/index.js';
import { InputError } from '../../src/errors.js';
import { stringifyRisk } from '../../src/report/index.js';
import {
  buildRisk,
  emptyTally,
  mergeRiskPartials,
  mergeTallies,
  parseRiskPartial,
  type RiskInputs,
  type RiskTally,
  regressionFacts,
  regressionPresent,
  riskPartial,
  runSeed,
  shardRange,
  stringifyRiskPartial,
  tallyRuns,
  tallyShape,
} from '../../src/risk/index.js';
import type { FaultPlan, Plan } from '../../src/scenario/plan.js';
import { makePlan } from '../engine/makePlan.js';
import { makeFault } from '../support/makeFault.js';

const MINUTE_MS = 60_000;

/** A noisy two-phase plan: an errorRate guard on thin windows, gates at every checkpoint, a business section. */
function noisyPlan() {
  return makePlan({
    learners: 4000,
    requestsPerLearnerHour: 0.5,
    candidate: { errorRate: 0.0015 },
    business: {},
    guards: [{ metric: 'errorRate', op: 'above', threshold: 0.05 }],
    phases: [
      {
        name: 'canary',
        traffic: 0.05,
        durationMs: 60 * MINUTE_MS,
        checkpointsMs: [15 * MINUTE_MS, 30 * MINUTE_MS, 60 * MINUTE_MS],
        gates: [
          { metric: 'errorRate', op: 'below', threshold: 0.02 },
          { metric: 'p99LatencyMs', op: 'below', threshold: 200 },
        ],
      },
      {
        name: 'rollout',
        traffic: 1,
        durationMs: 60 * MINUTE_MS,
        checkpointsMs: [60 * MINUTE_MS],
        gates: [{ metric: 'errorRate', op: 'below', threshold: 0.005 }],
      },
    ],
  });
}

const settings = { seed: 9, fidelity: 'aggregate' as const, approve: true };
const meta = { tool: { name: 'rollout-rehearsal', version: 'test' }, scenarioFile: 'noisy.yaml' };

function inputs(runs: number): RiskInputs {
  return { plan: noisyPlan(), settings, runs, effectSamples: null };
}

/** A tally in a comparable form: maps as sorted entries. */
function comparable(tally: RiskTally) {
  const sorted = <K>(map: Map<K, number>) =>
    [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    ...tally,
    completionMs: sorted(tally.completionMs),
    rollbackMs: sorted(tally.rollbackMs),
    exposedBeforeRollback: sorted(tally.exposedBeforeRollback),
    timelines: sorted(tally.timelines),
  };
}

describe('tallies merge exactly, in any grouping and order', () => {
  const plan = noisyPlan();
  const runs = 240;
  const whole = tallyRuns(plan, settings, 0, runs);

  it('counts every run once and sees rollbacks, passes and both phases', () => {
    expect(whole.runs).toBe(runs);
    expect(whole.ranges).toEqual([[0, runs]]);
    expect(whole.completed + whole.rolledBack + whole.halted).toBe(runs);
    expect(whole.rolledBack).toBeGreaterThan(0);
    expect(whole.phases[1]!.reached).toBeGreaterThan(0);
    expect(whole.examples.slice(0, 3).map((example) => example.run)).toEqual([0, 1, 2]);
  });

  it('chunks merged forwards or backwards give the whole tally', () => {
    const cuts = [0, 17, 100, 101, 240];
    const chunks = cuts.slice(1).map((to, i) => tallyRuns(plan, settings, cuts[i]!, to));
    const forward = chunks.reduce((sum, chunk) => mergeTallies(sum, chunk), emptyTally(tallyShape(plan)));
    const backward = [...chunks]
      .reverse()
      .map((chunk) => structuredClone(chunk))
      .reduce((sum, chunk) => mergeTallies(sum, chunk), emptyTally(tallyShape(plan)));
    expect(comparable(forward)).toEqual(comparable(whole));
    expect(comparable(backward)).toEqual(comparable(whole));
    expect(stringifyRisk(buildRisk(inputs(runs), backward, meta))).toBe(
      stringifyRisk(buildRisk(inputs(runs), whole, meta)),
    );
  });

  it('refuses to merge a run twice', () => {
    const a = tallyRuns(plan, settings, 0, 10);
    expect(() => mergeTallies(a, tallyRuns(plan, settings, 5, 12))).toThrow(/counted twice/);
  });

  it('buildRisk refuses an incomplete tally', () => {
    expect(() => buildRisk(inputs(runs), tallyRuns(plan, settings, 0, 100), meta)).toThrow(
      /not runs 0\.\.239/,
    );
  });
});

describe('shards and partials', () => {
  it.each([
    [10_000, 3],
    [7, 4],
    [3, 5],
  ])('shardRange splits %i runs into %i contiguous, disjoint, covering slices', (runs, count) => {
    const ranges = Array.from({ length: count }, (_, i) => shardRange(runs, { index: i + 1, count }));
    expect(ranges[0]![0]).toBe(0);
    expect(ranges.at(-1)![1]).toBe(runs);
    ranges.slice(1).forEach((range, i) => {
      expect(range[0]).toBe(ranges[i]![1]);
    });
    const sizes = ranges.map(([from, to]) => to - from);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  const runs = 90;
  const partials = [1, 2, 3].map((index) => {
    const shard = { index, count: 3 };
    const [from, to] = shardRange(runs, shard);
    const partial = riskPartial(inputs(runs), meta, shard, tallyRuns(noisyPlan(), settings, from, to));
    return {
      file: `p${index}.json`,
      partial: parseRiskPartial(stringifyRiskPartial(partial), `p${index}.json`),
    };
  });

  it('merged partials give the very risk.json of one machine', () => {
    const merged = mergeRiskPartials([partials[2]!, partials[0]!, partials[1]!]);
    const single = buildRisk(inputs(runs), tallyRuns(noisyPlan(), settings, 0, runs), meta);
    expect(stringifyRisk(buildRisk(merged.inputs, merged.tally, merged.meta))).toBe(stringifyRisk(single));
  });

  it('reports a missing shard, a shard given twice, and partials of another study', () => {
    const problemsOf = (action: () => unknown) => {
      try {
        action();
      } catch (error) {
        if (error instanceof InputError)
          return error.problems.map((problem) => `${problem.path}: ${problem.found}`);
        throw error;
      }
      return [];
    };
    expect(problemsOf(() => mergeRiskPartials(partials.slice(0, 2)))).toEqual([': no shard 3/3']);
    expect(problemsOf(() => mergeRiskPartials([...partials, partials[0]!]))).toEqual([
      'shard: shard 1/3, also in p1.json',
    ]);
    const otherSeed = {
      file: 'other.json',
      partial: { ...partials[1]!.partial, settings: { ...settings, seed: 10 } },
    };
    expect(problemsOf(() => mergeRiskPartials([partials[0]!, otherSeed, partials[2]!]))).toEqual([
      'settings: seed 10, aggregate fidelity, approve true',
    ]);
  });

  it.each([
    ['not json', /risk partial/],
    ['{"kind":"something else"}', /kind/],
    ['{"kind":"rollout-rehearsal/risk-partial","version":99}', /version/],
  ])('parseRiskPartial rejects %s', (text, message) => {
    expect(() => parseRiskPartial(text, 'x.json')).toThrow(message);
  });
});

describe('what decided a run', () => {
  it('of two gates on one metric, the one that decided is credited, not the first of that metric', () => {
    // Under require: final only the last checkpoint decides. An error spike makes the 15m window fail both
    // errorRate gates; over 15m..60m the candidate's 2% (15,000 requests, sd 0.11%) fails only `below 1%`,
    // gate 1. Finding the cause by metric name would credit gate 0, `max 5%`, which failed only at 15m.
    const plan = {
      ...makePlan({
        learners: 20_000,
        requestsPerLearnerHour: 1,
        candidate: { errorRate: 0.02, availability: 1 },
        phases: [
          {
            name: 'canary',
            traffic: 1,
            durationMs: 60 * MINUTE_MS,
            checkpointsMs: [15 * MINUTE_MS, 60 * MINUTE_MS],
            require: 'final',
            window: 'since-last-checkpoint',
            gates: [
              { metric: 'errorRate', op: 'max', threshold: 0.05 },
              { metric: 'errorRate', op: 'below', threshold: 0.01 },
            ],
          },
        ],
      }),
      faults: [makeFault('error-spike', { addedErrorRate: 0.3 }, { durationMs: 15 * MINUTE_MS })],
    };
    const runs = 20;
    for (let run = 0; run < runs; run++) {
      const rehearsal = rehearse(plan, { seed: runSeed(settings.seed, run) });
      expect(rehearsal.outcome.cause).toEqual({ kind: 'gate', index: 1, metric: 'errorRate', op: 'below' });
      const [early, final] = rehearsal.phases[0]!.checkpoints;
      expect(early!.gates.map((gate) => gate.verdict)).toEqual(['fail', 'fail']);
      expect(final!.gates.map((gate) => gate.verdict)).toEqual(['pass', 'fail']);
    }
    const [maxGate, belowGate] = tallyRuns(plan, settings, 0, runs).phases[0]!.gates;
    expect(maxGate).toMatchObject({ failed: runs, causedRollback: 0, causedTrueRollback: 0 });
    expect(belowGate).toMatchObject({ failed: runs, causedRollback: runs, causedTrueRollback: runs });
  });

  it('a guard trip is counted for the guard that tripped, told apart from one with the same condition', () => {
    // Two guards `errorRate above 1%`: the first needs 100,000 requests in a 30 s window of ~170, so it
    // never trips; the second trips on the candidate's 2%. Matching trips by metric, operator and
    // threshold would count (and credit) the first as well.
    const plan = makePlan({
      learners: 20_000,
      requestsPerLearnerHour: 1,
      candidate: { errorRate: 0.02, availability: 1 },
      guards: [
        { metric: 'errorRate', op: 'above', threshold: 0.01, minRequests: 100_000 },
        { metric: 'errorRate', op: 'above', threshold: 0.01 },
      ],
      phases: [{ name: 'canary', traffic: 1, durationMs: 60 * MINUTE_MS, checkpointsMs: [60 * MINUTE_MS] }],
    });
    const runs = 20;
    const tally = tallyRuns(plan, settings, 0, runs);
    const [starved, tripping] = tally.phases[0]!.guards;
    expect(tally.rolledBack).toBe(runs);
    expect(starved).toEqual({ tripped: 0, causedRollback: 0, causedTrueRollback: 0 });
    expect(tripping).toMatchObject({ tripped: runs, causedRollback: runs });
  });
});

describe('true and false rollbacks', () => {
  const ran = (ranMs: number): PhaseResult => ({ status: 'rolled-back', ranMs }) as PhaseResult;
  const fault = (
    target: FaultPlan['target'],
    atMs: number | null,
    ratePerDay: number | null = null,
  ): FaultPlan => ({
    kind: 'error-spike',
    target,
    phaseIndex: 0,
    atMs,
    durationMs: atMs === null ? null : 10 * MINUTE_MS,
    ratePerDay: atMs === null ? ratePerDay : null,
    meanDurationMs: atMs === null ? 5 * MINUTE_MS : null,
    segmentIndex: null,
    params: { addedErrorRate: 0.5 },
  });

  it('a candidate worse than its baseline makes every rollback true, and says how it is worse', () => {
    const facts = regressionFacts(makePlan({ candidate: { errorRate: 0.002 } }));
    expect(facts.candidateWorse).toEqual(['errorRate 0.20% > baseline 0.10%']);
    expect(regressionPresent(facts, [], [ran(60_000)])).toBe(true);
  });

  it('the Sprint 2 candidate beats its baseline: rollbacks are noise unless a fault acted', () => {
    const plan = makePlan();
    const facts = regressionFacts(plan);
    expect(facts.candidateWorse).toEqual([]);
    const { faultEpisodes } = rehearse(plan, { seed: 1 });
    expect(faultEpisodes).toEqual([]);
    expect(regressionPresent(facts, faultEpisodes, [ran(60_000)])).toBe(false);
  });

  it('a scheduled candidate fault counts once its phase ran past its start; a baseline fault never', () => {
    const episodesOf = (plan: Plan) => rehearse(plan, { seed: 1 }).faultEpisodes;
    const candidatePlan = { ...makePlan(), faults: [fault('candidate', 30 * MINUTE_MS)] };
    const candidate = regressionFacts(candidatePlan);
    const episodes = episodesOf(candidatePlan);
    expect(episodes).toEqual([
      { fault: 0, cohort: 'candidate', startMs: 30 * MINUTE_MS, endMs: 40 * MINUTE_MS },
    ]);
    expect(regressionPresent(candidate, episodes, [ran(20 * MINUTE_MS)])).toBe(false);
    expect(regressionPresent(candidate, episodes, [ran(40 * MINUTE_MS)])).toBe(true);
    const baselinePlan = { ...makePlan(), faults: [fault('baseline', 0)] };
    const baselineEpisodes = episodesOf(baselinePlan);
    expect(baselineEpisodes).toEqual([{ fault: 0, cohort: 'baseline', startMs: 0, endMs: 10 * MINUTE_MS }]);
    expect(regressionPresent(regressionFacts(baselinePlan), baselineEpisodes, [ran(40 * MINUTE_MS)])).toBe(
      false,
    );
  });

  it('the episodes a run recorded are those that acted: every rollback they cause is true, and only they cause any', () => {
    // A perfect candidate (no errors, always up) but for a random error spike: 12 episodes a day of 5
    // minutes with half the requests failing, against a 10% error guard. A rollback without a recorded
    // episode would be counted false, and would mean the rehearsal recorded other episodes than it applied.
    const plan = {
      ...makePlan({
        learners: 2000,
        requestsPerLearnerHour: 1,
        candidate: { errorRate: 0, availability: 1 },
        guards: [{ metric: 'errorRate', op: 'above', threshold: 0.1 }],
        phases: [{ name: 'canary', traffic: 1, durationMs: 60 * MINUTE_MS, checkpointsMs: [60 * MINUTE_MS] }],
      }),
      faults: [fault('candidate', null, 12)],
    };
    const runs = 400;
    const tally = tallyRuns(plan, settings, 0, runs);
    expect(tally.rolledBack).toBeGreaterThan(50);
    expect(tally.completed).toBeGreaterThan(50);
    expect(tally.trueRollbacks).toBe(tally.rolledBack);
    expect(tally.phases[0]!.regressionReached).toBeGreaterThanOrEqual(tally.rolledBack);
    // An episode strikes the 1 h phase with probability 1 − e^(−12/24) (a Poisson process of episodes),
    // and almost every strike is caught; within four standard errors over the runs.
    const [counts] = tally.faults;
    const p = -Math.expm1(-12 / 24);
    expect(Math.abs(counts!.struck / runs - p)).toBeLessThanOrEqual(4 * Math.sqrt((p * (1 - p)) / runs));
    expect(counts!.rolledBack + counts!.completed).toBe(counts!.struck);
    expect(counts!.rolledBack).toBe(tally.rolledBack);
    const risk = buildRisk({ plan, settings, runs, effectSamples: null }, tally, meta);
    expect(risk.faults).toEqual([
      expect.objectContaining({ kind: 'error-spike', target: 'candidate', phase: 'canary', ratePerDay: 12 }),
    ]);
    expect(risk.faults[0]!.pStruck.p).toBe(counts!.struck / runs);
  });
});
