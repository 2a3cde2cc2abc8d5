import * as z from 'zod/mini';
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
    completionUplift: z.optional(distribution('completionUplift')),
    churnChange: z.optional(distribution('churnChange')),
    purchasesPerLearnerYear: z._default(positive('purchases per learner per year > 0', 10_000), 12),
    purchaseAmountCv: z._default(nonNegative('a coefficient of variation ≥ 0', 100), 1),
    baselineChurnPerMonth: z._default(rate('a monthly churn rate in [0, 1]'), 0.03),
    baselineCompletionsPerLearnerMonth: z._default(
      nonNegative('completions per learner per month ≥ 0', 10_000),
      0.5,
    ),
    horizonDays: z._default(integer(1, 3650, 'a whole number of days in [1, 3650]'), 365),
    costs: z.prefault(
      strictMapping(
        {
          oneOffUsd: z._default(usd('a one-off cost'), 0),
          monthlyUsd: z._default(usd('a monthly cost'), 0),
        },
        'a mapping { oneOffUsd?, monthlyUsd? }',
      ),
      {},
    ),
    discountRatePerYear: z._default(rate('a yearly discount rate in [0, 1]'), 0),
    followOn: z._default(z.array(followOnSchema, { error: 'a list of follow-on improvements' }), []),
    revenueIncludesChurnAndCompletion: z.optional(z.boolean({ error: 'true or false' })),
    revenuePerCompletion: z.optional(usd('a revenue per extra completion')),
    effectSamples: z.optional(
      strictMapping({ file: text('a CSV file path, relative to the scenario file') }, 'a mapping { file }'),
    ),
  },
  'a mapping { baselineAnnualRevenue, revenueUplift, ... }',
);

export type BusinessInput = z.output<typeof businessSchema>;
