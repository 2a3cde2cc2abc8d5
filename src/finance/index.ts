/**
 * Revenue and ROI projection of a rollout: the exposure timeline of a rehearsal, closed-form revenue
 * impact, costs and ROI over a horizon, churn and completion as learner outcomes, Monte Carlo over the
 * effects' uncertainty and many rehearsals, a tornado table, and the numbers behind derived statements.
 * Pure; see docs/finance.md.
 */
export { type ChurnAndCompletion, churnAndCompletion } from './churnAndCompletion.js';
export { drawEffects } from './drawEffects.js';
export { EFFECT_SAMPLE_COLUMNS, type EffectSampleColumn, type EffectSamples } from './effectSamples.js';
export {
  directLaunchTimeline,
  type ExposureSegment,
  type ExposureTimeline,
  exposureYears,
  retainedExposureYears2,
  type TimelineEnding,
} from './exposure.js';
export {
  exposureTimeline,
  plannedTimeline,
  type RehearsedTimeline,
  rollbackTimeline,
  type TimelinePlan,
} from './exposureTimeline.js';
export {
  type FinanceEffects,
  type FinanceInputs,
  type FollowOnEffect,
  type MeasuredEffect,
  meanEffects,
} from './financeInputs.js';
export { type HorizonCosts, horizonCosts, roi } from './horizonCosts.js';
export { type FinanceProjection, type ProjectFinanceOptions, projectFinance } from './projectFinance.js';
export { type FinancePlan, projectRehearsal, rolloutTimelines } from './projectRehearsal.js';
export { headroom, ratioAbove, ratioBelow, shareOf } from './ratios.js';
export { type FollowOnValue, type RevenueImpact, revenueImpact, revenueImpactUsd } from './revenueImpact.js';
export { type Sensitivity, type SensitivityTimelines, sensitivity, type TornadoBar } from './sensitivity.js';
export {
  type FinanceSimulation,
  type RolloutTimelines,
  type SimulateFinanceOptions,
  simulateFinance,
  type ValueDistribution,
} from './simulateFinance.js';
export { type ExposedPhase, timelineFromPhases } from './timelineFromPhases.js';
export { type TimelineIntegrals, timelineIntegrals } from './timelineIntegrals.js';
export {
  discountedRemainingYears,
  discountedYears,
  MONTHS_PER_YEAR,
  MS_PER_DAY,
  MS_PER_YEAR,
} from './timeValue.js';
export { type ValueAtDay, valueOverTime } from './valueOverTime.js';
export { valueSdUsd } from './valueSdUsd.js';
