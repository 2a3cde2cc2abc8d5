import * as z from 'zod/mini';
import { durationSchema, positive, rate, refined, strictMapping } from './fields.js';

/** The longest latency a scenario may model, ms (one hour). */
const MAX_LATENCY_MS = 3_600_000;

/** Latency as p50 and p99, ms; the simulator fits a lognormal through them, so p99 must exceed p50. */
export const latencySchema = refined(
  strictMapping(
    {
      p50: positive('a latency in ms > 0', MAX_LATENCY_MS),
      p99: positive('a latency in ms > 0', MAX_LATENCY_MS),
    },
    'a mapping { p50, p99 } in ms',
  ),
  (latency, context) => {
    if (!(latency.p99 > latency.p50)) {
      context.addIssue({ code: 'custom', path: ['p99'], message: `a p99 above p50 (${latency.p50} ms)` });
    }
  },
);

/** How one segment differs from the analyzer as a whole. */
const segmentOverrideSchema = strictMapping(
  {
    errorRate: z.optional(rate('an error rate in [0, 1]')),
    latencyMs: z.optional(latencySchema),
    revenueUplift: z.optional(
      z
        .number({ error: 'a relative revenue change ≥ -1 (0.05 is +5%)' })
        .check(z.gte(-1, { error: 'a relative revenue change ≥ -1 (0.05 is +5%)' })),
    ),
  },
  'a mapping { errorRate?, latencyMs?, revenueUplift? }',
);

/** The modeled behaviour of one version of the service (the baseline or the candidate). */
export const analyzerSchema = strictMapping(
  {
    errorRate: rate('an error rate in [0, 1]'),
    latencyMs: latencySchema,
    availability: positive('an availability in (0, 1]', 1),
    meanOutage: z._default(durationSchema, '2m'),
    segments: z.optional(
      z.record(z.string(), segmentOverrideSchema, { error: 'a mapping of segment ids to overrides' }),
    ),
  },
  'a mapping { errorRate, latencyMs, availability }',
);

export type AnalyzerInput = z.output<typeof analyzerSchema>;
