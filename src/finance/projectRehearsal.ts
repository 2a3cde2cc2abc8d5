import type { Plan } from '../scenario/plan.js';
import type { ExposureTimeline } from './exposure.js';
import {
  exposureTimeline,
  plannedTimeline,
  type RehearsedTimeline,
  rollbackTimeline,
} from './exposureTimeline.js';
import { type FinanceInputs, meanEffects } from './financeInputs.js';
import { type FinanceProjection, projectFinance } from './projectFinance.js';
import { type Sensitivity, sensitivity } from './sensitivity.js';
import type { RolloutTimelines } from './simulateFinance.js';

/** A plan whose business section the projection can read. */
export type FinancePlan = Pick<Plan, 'phases' | 'population'> & { business: FinanceInputs | null };

/**
 * `rehearse run`'s finance: the projection of one rehearsal's timeline at the effects' means, and the
 * tornado table around the plan; null when the scenario has no `business` section.
 */
export function projectRehearsal(
  plan: FinancePlan,
  rehearsal: RehearsedTimeline,
): { projection: FinanceProjection; sensitivity: Sensitivity } | null {
  const business = plan.business;
  if (business === null) return null;
  const learners = plan.population.learners;
  const timeline = exposureTimeline(plan, rehearsal);
  return {
    projection: projectFinance(business, timeline, meanEffects(business), { learners }),
    sensitivity: sensitivity(
      business,
      { planned: plannedTimeline(plan), rolledBackAtFirstPhase: rollbackTimeline(plan, 0) },
      learners,
    ),
  };
}

/**
 * `rehearse risk`'s timelines for {@link simulateFinance}: the plan on schedule and one per rehearsal. A
 * rehearsed timeline given several times (one object per distinct timeline of a tally) becomes one
 * exposure timeline repeated, so the simulation computes its integrals once.
 */
export function rolloutTimelines(
  plan: FinancePlan,
  rehearsals: readonly RehearsedTimeline[],
): RolloutTimelines {
  const built = new Map<RehearsedTimeline, ExposureTimeline>();
  return {
    planned: plannedTimeline(plan),
    runs: rehearsals.map((rehearsal) => {
      let timeline = built.get(rehearsal);
      if (timeline === undefined) {
        timeline = exposureTimeline(plan, rehearsal);
        built.set(rehearsal, timeline);
      }
      return timeline;
    }),
  };
}
