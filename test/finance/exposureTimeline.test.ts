import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PhaseResult } from '../../src/engine/rehearsal.js';
import {
  exposureTimeline,
  meanEffects,
  plannedTimeline,
  projectFinance,
  projectRehearsal,
  type RehearsedTimeline,
  rollbackTimeline,
} from '../../src/finance/index.js';
import { compileScenario, type Plan, parseScenario } from '../../src/scenario/index.js';
import { DAY_MS, HOUR_MS, YEAR_MS } from './fixtures.js';

function defaultPlan(): Plan {
  const file = new URL('../../scenarios/sprint2-rollout.yaml', import.meta.url);
  const parsed = parseScenario(readFileSync(file, 'utf8'), 'sprint2-rollout.yaml');
  if (!parsed.ok) throw new Error('the default scenario does not parse');
  return compileScenario(parsed.scenario);
}

/** The parts of a rehearsal of the default plan a timeline reads: each phase `[status, startMs, ranMs]`, unlisted ones not reached. */
function makeRehearsal(
  plan: Plan,
  ran: ReadonlyArray<readonly [PhaseResult['status'], number, number]>,
): RehearsedTimeline {
  const phases = plan.phases.map((phase, index) => {
    const [status, startMs, ranMs] = ran[index] ?? ['not-reached', 0, 0];
    return {
      traffic: phase.traffic,
      ranMs,
      startOffsetMs: status === 'not-reached' ? null : startMs,
      status,
    };
  });
  const lastStatus = ran[ran.length - 1]![0];
  const status =
    lastStatus === 'passed' ? 'completed' : lastStatus === 'rolled-back' ? 'rolled-back' : 'halted';
  return { outcome: { status }, phases };
}

describe('the default scenario', () => {
  const plan = defaultPlan();
  const business = plan.business!;

  it('projects +5.8% of $50M = $2.9M a year at full exposure', () => {
    const projection = projectFinance(business, plannedTimeline(plan), meanEffects(business));
    expect(projection.fullExposureAnnualUsd).toBeCloseTo(2_900_000, 6);
    expect(projection.fullExposureAnnualUsd).not.toBeCloseTo(72_600_000, -5);
  });

  it('plans 1% for 2 h, 10% for 4 h, then 100% to day 365', () => {
    const planned = plannedTimeline(plan);
    expect(planned.segments).toEqual([
      { fromMs: 0, toMs: 2 * HOUR_MS, share: 0.01 },
      { fromMs: 2 * HOUR_MS, toMs: 6 * HOUR_MS, share: 0.1 },
      { fromMs: 6 * HOUR_MS, toMs: 6 * HOUR_MS + 13 * DAY_MS, share: 1 },
      { fromMs: 6 * HOUR_MS + 13 * DAY_MS, toMs: YEAR_MS, share: 1 },
    ]);
    expect(planned.fullRolloutAtMs).toBe(6 * HOUR_MS);
    // Sprint 3 (+9%) starts 2 days into the full rollout.
    const projection = projectFinance(business, planned, meanEffects(business));
    const mainUsd = 50_000_000 * 0.058 * ((0.01 * 2 + 0.1 * 4 + 8754) / 8760);
    const sprint3Usd = 50_000_000 * 0.09 * ((8760 - 6 - 48) / 8760);
    expect(projection.revenue.mainUsd).toBeCloseTo(mainUsd, 4);
    expect(projection.revenue.followOn[0]).toMatchObject({ name: 'Sprint 3', startsAtMs: 54 * HOUR_MS });
    expect(projection.valueUsd).toBeCloseTo(mainUsd + sprint3Usd, 4);
  });

  it('a rollback at the canary keeps 2 hours at 1%', () => {
    const timeline = rollbackTimeline(plan, 0);
    const projection = projectFinance(business, timeline, meanEffects(business));
    expect(projection.valueUsd).toBeCloseTo((2_900_000 * 0.02) / 8760, 9);
    expect(projection.revenue.followOn[0]?.valueUsd).toBe(0);
  });

  it('follows a rehearsal that waited for approval and then completed', () => {
    const approvalWaitMs = 22 * HOUR_MS;
    const rehearsal = makeRehearsal(plan, [
      ['passed', 0, 2 * HOUR_MS],
      ['passed', 2 * HOUR_MS, 4 * HOUR_MS],
      ['passed', 6 * HOUR_MS + approvalWaitMs, 13 * DAY_MS],
    ]);
    const timeline = exposureTimeline(plan, rehearsal);
    expect(timeline.segments[2]).toEqual({ fromMs: 6 * HOUR_MS, toMs: 28 * HOUR_MS, share: 0.1 });
    expect(timeline.fullRolloutAtMs).toBe(28 * HOUR_MS);
    expect(timeline.segments.at(-1)).toMatchObject({ toMs: YEAR_MS, share: 1 });
  });

  it('follows a rehearsal rolled back an hour into the ramp, and values what it lost', () => {
    const rehearsal = makeRehearsal(plan, [
      ['passed', 0, 2 * HOUR_MS],
      ['rolled-back', 2 * HOUR_MS, HOUR_MS],
    ]);
    const result = projectRehearsal(plan, rehearsal)!;
    expect(result.projection.exposure.segments).toEqual([
      { fromMs: 0, toMs: 2 * HOUR_MS, share: 0.01 },
      { fromMs: 2 * HOUR_MS, toMs: 3 * HOUR_MS, share: 0.1 },
      { fromMs: 3 * HOUR_MS, toMs: YEAR_MS, share: 0 },
    ]);
    expect(result.projection.valueUsd).toBeCloseTo((2_900_000 * 0.12) / 8760, 9);
    expect(result.projection.revenue.churnAndCompletion.learnersRetainedPerYear).toBeCloseTo(
      500_000 * 12 * business.baselineChurnPerMonth * 0.03,
      6,
    );
    expect(result.sensitivity.bars[0]?.input).toBe('timeline');
  });

  it('has no projection without a business section', () => {
    expect(
      projectRehearsal({ ...plan, business: null }, makeRehearsal(plan, [['passed', 0, 2 * HOUR_MS]])),
    ).toBeNull();
  });
});
