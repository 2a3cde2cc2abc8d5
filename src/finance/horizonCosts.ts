import type { FinanceInputs } from './financeInputs.js';
import { discountedYears, MONTHS_PER_YEAR, MS_PER_YEAR } from './timeValue.js';

/** Costs over the horizon, USD. */
export interface HorizonCosts {
  /** Paid at the rollout start, USD. */
  oneOffUsd: number;
  /** Monthly costs accrued continuously to the horizon, discounted, USD. */
  recurringUsd: number;
  totalUsd: number;
}

/** One-off costs at the start plus monthly costs accrued continuously to the horizon, discounted, USD. */
export function horizonCosts(business: FinanceInputs, horizonMs: number): HorizonCosts {
  const oneOffUsd = business.costs.oneOffUsd;
  const recurringUsd =
    business.costs.monthlyUsd *
    MONTHS_PER_YEAR *
    discountedYears(0, horizonMs / MS_PER_YEAR, business.discountRatePerYear);
  return { oneOffUsd, recurringUsd, totalUsd: oneOffUsd + recurringUsd };
}

/** (value − costs) / costs, or null when there are no costs to return on. */
export function roi(valueUsd: number, costsUsd: number): number | null {
  return costsUsd === 0 ? null : (valueUsd - costsUsd) / costsUsd;
}
