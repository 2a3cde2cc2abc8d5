import { describe, expect, it } from 'vitest';
import type { FaultEpisode } from '../../src/model/index.js';
import { buildResults, buildRunView, formatOutcomeLine } from '../../src/report/index.js';
import { stringifyResults } from '../../src/report/stringifyResults.js';
import { makeFault } from '../support/makeFault.js';
import { schemaErrors } from '../support/schemaErrors.js';
import { HOUR_MS, META, MINUTE_MS, makePlan, makeRehearsal } from './fixtures.js';

/**
 * The fixture's rehearsal: the canary runs 0–2h and advances; the ramp starts at 2h and its error-rate
 * guard trips 72 min in, at 3h12m from the rollout's start, on its 30 s trailing window
 * (3h11m30s, 3h12m], and rolls the ramp back there.
 */
const TRIP_MS = 2 * HOUR_MS + 72 * MINUTE_MS;
const WINDOW_FROM_MS = TRIP_MS - 30_000;

const plan = makePlan({
  faults: [
    makeFault('latency-spike', { factor: 10 }),
    makeFault('error-spike', { addedErrorRate: 0.05 }, { target: 'both', phaseIndex: 1 }),
  ],
});

function linked(episodes: FaultEpisode[]) {
  const results = buildResults(plan, makeRehearsal({ faultEpisodes: episodes }, plan), META);
  const [canary, ramp] = results.phases;
  return {
    results,
    canaryDecision: canary!.decision!.faultEpisodes!.map((episode) => episode.fault),
    rampTrip: ramp!.guardTrips[0]!.faultEpisodes!.map((episode) => episode.fault),
    rampDecision: ramp!.decision!.faultEpisodes!.map((episode) => episode.fault),
  };
}

describe('the fault episode active at a guard trip or a decision', () => {
  it.each([
    {
      name: 'an episode that ends as the trip window begins',
      episode: { fault: 1, cohort: 'candidate', startMs: WINDOW_FROM_MS - 60_000, endMs: WINDOW_FROM_MS },
      trip: [],
      // The ramp's rollback judged the guard's window, not the whole phase.
      rampDecision: [],
      canaryDecision: [],
    },
    {
      name: 'an episode that begins as the trip window begins',
      episode: { fault: 1, cohort: 'candidate', startMs: WINDOW_FROM_MS, endMs: TRIP_MS },
      trip: [1],
      rampDecision: [1],
      canaryDecision: [],
    },
    {
      name: 'an episode that begins at the trip',
      episode: { fault: 1, cohort: 'candidate', startMs: TRIP_MS, endMs: TRIP_MS + HOUR_MS },
      trip: [],
      rampDecision: [],
      canaryDecision: [],
    },
    {
      name: 'an episode in the canary, which advanced: active in what its decision judged (0–2h)',
      episode: { fault: 0, cohort: 'candidate', startMs: 10 * MINUTE_MS, endMs: 30 * MINUTE_MS },
      trip: [],
      rampDecision: [],
      canaryDecision: [0],
    },
    {
      name: 'an episode that ends as the ramp begins',
      episode: { fault: 0, cohort: 'candidate', startMs: HOUR_MS, endMs: 2 * HOUR_MS },
      trip: [],
      rampDecision: [],
      canaryDecision: [0],
    },
  ] satisfies Array<{
    name: string;
    episode: FaultEpisode;
    trip: number[];
    rampDecision: number[];
    canaryDecision: number[];
  }>)('$name', ({ episode, trip, rampDecision, canaryDecision }) => {
    const found = linked([episode]);
    expect(found.rampTrip).toEqual(trip);
    expect(found.rampDecision).toEqual(rampDecision);
    expect(found.canaryDecision).toEqual(canaryDecision);
  });

  it('names a fault on both versions once, with its kind and times; the reports and the terminal say so', () => {
    const startMs = 2 * HOUR_MS + 70 * MINUTE_MS;
    const endMs = 2 * HOUR_MS + 80 * MINUTE_MS;
    const { results } = linked([
      { fault: 1, cohort: 'candidate', startMs, endMs },
      { fault: 1, cohort: 'baseline', startMs, endMs },
    ]);
    const expected = {
      fault: 1,
      kind: 'error-spike',
      cohort: 'both',
      startedAt: '2025-10-31T15:10:00.000Z',
      endedAt: '2025-10-31T15:20:00.000Z',
      startMs,
      endMs,
    };
    expect(schemaErrors('results', JSON.parse(stringifyResults(results)))).toEqual([]);
    expect(results.phases[1]!.guardTrips[0]!.faultEpisodes).toEqual([expected]);
    expect(results.phases[1]!.decision!.faultEpisodes).toEqual([expected]);
    const note =
      '; while the error-spike fault (faults[1]) was active on both versions, Oct 31 2025 15:10 UTC to Oct 31 2025 15:20 UTC';
    const view = buildRunView(results);
    expect(view.guardTrips[0]!.reason).toBe(`errorRate 6.25% > 1.50% limit (ramp, 72m, 16 requests)${note}`);
    expect(view.decisions[1]!.reason).toBe(
      `guard tripped: errorRate 6.25% > 1.50% limit (ramp, 72m, 16 requests)${note}`,
    );
    expect(formatOutcomeLine(results)).toBe(
      `rolled-back in ramp at 1h12m: guard tripped: errorRate 6.25% > 1.50% limit (ramp, 72m, 16 requests); trailing 30s window${note}`,
    );
  });

  it('leaves the reasons as they are when no fault was active', () => {
    const { results, rampTrip } = linked([]);
    expect(rampTrip).toEqual([]);
    expect(buildRunView(results).guardTrips[0]!.reason).toBe(
      'errorRate 6.25% > 1.50% limit (ramp, 72m, 16 requests)',
    );
  });

  it('a plan without faults gets no faultEpisodes field: its results.json keeps its bytes', () => {
    const results = buildResults(makePlan(), makeRehearsal(), META);
    const ramp = results.phases[1]!;
    expect('faultEpisodes' in ramp.guardTrips[0]!).toBe(false);
    expect('faultEpisodes' in ramp.decision!).toBe(false);
    expect(buildRunView(results).guardTrips[0]!.faultEpisodes).toEqual([]);
  });
});
