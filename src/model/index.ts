/**
 * The behaviour being rehearsed, as pure functions of parameters and a random stream: learners per
 * cohort and segment, the diurnal profile, request and error counts, the analyzer's latency (lognormal
 * mixtures, bucket probabilities, exact histogram draws), the deployment's availability (a renewal
 * process), revenue (compound Poisson), churn and completions, exposure, when each fault acts in a run
 * (`faultWindows`) and the fault-effect hook. See docs/model.md for the semantics.
 */
export { apportionLearners } from './apportionLearners.js';
export {
  type AvailabilityProcess,
  advanceAvailability,
  createAvailability,
  isDownAt,
  meanUpMs,
  restartAvailability,
} from './availability.js';
export { type BucketTable, BucketTables, bucketTable, tableOf } from './bucketTable.js';
export { diurnalFactor, normaliseDiurnalProfile, utcHourOf } from './diurnal.js';
export { bucketOfLatency, drawHistogramInto } from './drawHistogram.js';
export { drawLatencyMs } from './drawLatency.js';
export {
  type Cohort,
  type CohortEffects,
  compileEffects,
  type EffectsContext,
  type EffectsSource,
  FAULT_EFFECT_BUILDERS,
  type FaultEffect,
  type FaultEffectBuilder,
  type FaultEpisode,
  type FaultSpec,
  NO_EFFECTS,
  neutralCohortEffects,
  neutralSegmentEffects,
  type SegmentEffects,
} from './effects.js';
export { sampleNewlyExposed } from './exposure.js';
export { degradationLatencyFactor, FAULT_KIND_EFFECTS } from './faultEffects.js';
export { addLatency, affectShare, latencyTailShare, scaleLatency, stableTransform } from './faultMixtures.js';
export { type FaultTiming, type FaultWindow, faultWindows, phaseStartsMs, windowAt } from './faultWindows.js';
export { fitLognormal, type LognormalParams, Z99 } from './fitLognormal.js';
export {
  type LatencyComponent,
  type LatencyMixture,
  lognormalMixture,
  sameMixture,
} from './latencyMixture.js';
export { HOURS_PER_MONTH, sampleMonthlyEvents } from './monthlyEvents.js';
export { EXACT_PURCHASE_SUM_MAX, type RevenueModel, revenueModel, sampleRevenueUsd } from './revenue.js';
