import * as z from 'zod/mini';
import { durationSchema, offsetSchema, positive, rate, refined, slug, strictMapping } from './fields.js';

/** Every kind of fault a scenario can inject. */
export const FAULT_KINDS = [
  'latency-spike',
  'error-spike',
  'outage',
  'degradation',
  'segment-regression',
  'churn-spike',
  'data-inconsistency',
  'traffic-surge',
  'slow-dependency',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * Fields every fault has: which version it hits and when. Timing is either scheduled (`phase` + `at`,
 * optional `duration`) or random (`ratePerDay` + `meanDuration`, optionally limited to a `phase`); the
 * sense checks enforce one or the other.
 */
const commonFields = {
  target: z._default(
    z.enum(['candidate', 'baseline', 'both'], { error: 'one of candidate, baseline, both' }),
    'candidate',
  ),
  phase: z.optional(z.string({ error: 'the name of a phase' })),
  at: z.optional(offsetSchema),
  duration: z.optional(durationSchema),
  ratePerDay: z.optional(positive('a rate of episodes per day > 0', 1_000_000)),
  meanDuration: z.optional(durationSchema),
  segment: z.optional(slug('a segment id')),
};

const share = (expected: string) => positive(expected, 1);
const factorAboveOne = (expected: string) =>
  z.number({ error: expected }).check(z.gt(1, { error: expected }));

function variant<Kind extends FaultKind, Params extends z.core.$ZodLooseShape>(kind: Kind, params: Params) {
  return strictMapping({ kind: z.literal(kind), ...commonFields, ...params }, `a ${kind} fault`);
}

/** A fault: kind-specific parameters on top of the common fields; an unknown parameter is an error. */
export const faultSchema = z.discriminatedUnion(
  'kind',
  [
    variant('latency-spike', {
      factor: factorAboveOne('a latency factor > 1'),
      share: z._default(share('a share of requests in (0, 1]'), 1),
    }),
    variant('error-spike', { addedErrorRate: rate('an added error rate in [0, 1]') }),
    variant('outage', {
      availability: z._default(
        rate('an availability in [0, 1) during the outage').check(
          z.lt(1, { error: 'an availability in [0, 1) during the outage' }),
        ),
        0,
      ),
    }),
    variant('degradation', {
      metric: z.enum(['latency', 'errors'], { error: 'one of latency, errors' }),
      perHour: positive('a growth per hour > 0 (latency factor or added error rate)'),
    }),
    refined(
      variant('segment-regression', {
        segment: slug('a segment id'),
        errorRate: z.optional(rate('an error rate in [0, 1]')),
        latencyFactor: z.optional(positive('a latency factor > 0')),
        revenueUplift: z.optional(
          z
            .number({ error: 'a relative revenue change ≥ -1' })
            .check(z.gte(-1, { error: 'a relative revenue change ≥ -1' })),
        ),
      }),
      (fault, context) => {
        if (
          fault.errorRate === undefined &&
          fault.latencyFactor === undefined &&
          fault.revenueUplift === undefined
        ) {
          context.addIssue({
            code: 'custom',
            message: 'at least one of errorRate, latencyFactor, revenueUplift',
            params: { found: 'none' },
          });
        }
      },
    ),
    variant('churn-spike', { factor: factorAboveOne('a churn factor > 1') }),
    variant('data-inconsistency', { share: share('a share of requests in (0, 1]') }),
    variant('traffic-surge', { factor: positive('a traffic factor > 0') }),
    variant('slow-dependency', {
      addedLatencyMs: positive('an added latency in ms > 0', 3_600_000),
      share: z._default(share('a share of requests in (0, 1]'), 1),
    }),
  ],
  {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? `a fault kind: one of ${FAULT_KINDS.join(', ')}`
        : 'a fault: a mapping { kind, ... }',
  },
);

export type FaultInput = z.output<typeof faultSchema>;

/** The fields every fault has besides `kind`; the others are the kind's parameters. */
export const COMMON_FAULT_FIELDS: readonly string[] = ['kind', ...Object.keys(commonFields)];
