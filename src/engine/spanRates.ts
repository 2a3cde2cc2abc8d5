import { HOURS_PER_MONTH } from '../model/index.js';
import type { CohortPhase } from './cohortPhase.js';

/** A cohort's purchases, churn and completions per hour in a phase no fault can touch (fixed for the phase). */
export interface SpanRates {
  purchasesPerHour: number;
  churnPerHour: number;
  completionsPerHour: number;
}

/**
 * Sets `rates` for the phase `phase` has just started: each segment's learners at the revenue model's
 * purchase rate times the segment's uplift, and the cohort's churn and completions per learner-month. The
 * one place these sums are formed, so that every sampler on the pooled path accumulates the very same means.
 */
export function setSpanRates(rates: SpanRates, phase: CohortPhase): void {
  const { setup, params, learners, segmentCount, learnersTotal } = phase;
  const purchasesPerLearnerHour = setup.revenue?.purchasesPerLearnerHour ?? 0;
  let purchases = 0;
  for (let s = 0; s < segmentCount; s++) {
    purchases += learners[s]! * purchasesPerLearnerHour * (1 + params.revenueUplift[s]!);
  }
  rates.purchasesPerHour = purchases;
  rates.churnPerHour = (learnersTotal * params.churnPerLearnerMonth) / HOURS_PER_MONTH;
  rates.completionsPerHour = (learnersTotal * params.completionsPerLearnerMonth) / HOURS_PER_MONTH;
}

/** Adds `hours` of `rates` to the span's Poisson means. */
export function addSpanMeans(phase: CohortPhase, rates: SpanRates, hours: number): void {
  phase.meanPurchases += rates.purchasesPerHour * hours;
  phase.meanChurn += rates.churnPerHour * hours;
  phase.meanCompletions += rates.completionsPerHour * hours;
}
