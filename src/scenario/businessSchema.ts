import * as z from 'zod';
import {
  distribution,
  integer,
  nonNegative,
  offsetSchema,
  positive,
  rate,
  strictMapping,
  text,
} from './fields.js';

/** Money amounts above 10 trillion USD are a typo. */
const MAX_USD = 1e13;

const usd = (what: string) => nonNegative(`${what} in USD ≥ 0`, MAX_USD);

/** A later improvement expected on top of this release, from a given time after the full rollout. */
const followOnSchema = strictMapping(
  {
    name: text('a non-empty name'),
    revenueUplift: distribution('revenueUplift'),
    startsAfter: offsetSchema,
  },
  'a mapping { name, revenueUplift, startsAfter }',
);

/** The business effect measured in the A/B test and what is needed to turn it into money. */
export const businessSchema = strictMapping(
  {
    baselineAnnualRevenue: positive('an annual revenue in USD > 0', MAX_USD),
    revenueUplift: distribution('revenueUplift'),
    completionUplift: distribution('completionUplift').optional(),
    churnChange: distribution('churnChange').optional(),
    purchasesPerLearnerYear: positive('purchases per learner per year > 0', 10_000).default(12),
    purchaseAmountCv: nonNegative('a coefficient of variation ≥ 0', 100).default(1),
    baselineChurnPerMonth: rate('a monthly churn rate in [0, 1]').default(0.03),
    baselineCompletionsPerLearnerMonth: nonNegative('completions per learner per month ≥ 0', 10_000).default(
      0.5,
    ),
    horizonDays: integer(1, 3650, 'a whole number of days in [1, 3650]').default(365),
    costs: strictMapping(
      { oneOffUsd: usd('a one-off cost').default(0), monthlyUsd: usd('a monthly cost').default(0) },
      'a mapping { oneOffUsd?, monthlyUsd? }',
    ).prefault({}),
    discountRatePerYear: rate('a yearly discount rate in [0, 1]').default(0),
    followOn: z.array(followOnSchema, { error: 'a list of follow-on improvements' }).default([]),
    revenueIncludesChurnAndCompletion: z.boolean({ error: 'true or false' }).optional(),
    revenuePerCompletion: usd('a revenue per extra completion').optional(),
    effectSamples: strictMapping(
      { file: text('a CSV file path, relative to the scenario file') },
      'a mapping { file }',
    ).optional(),
  },
  'a mapping { baselineAnnualRevenue, revenueUplift, ... }',
);

export type BusinessInput = z.output<typeof businessSchema>;
