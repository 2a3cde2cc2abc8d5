import * as z from 'zod/mini';
import { metricConditionsSchema } from './conditionSchema.js';
import { durationSchema, integer, positive, strictMapping } from './fields.js';

const NAME_EXPECTED = 'a phase name of letters, digits, ., - and _ (like canary)';

/** One step of the rollout: a traffic share held for a duration, judged at checkpoints. */
export const phaseSchema = strictMapping(
  {
    name: z
      .string({ error: NAME_EXPECTED })
      .check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: NAME_EXPECTED })),
    traffic: positive('a traffic share in (0, 1]', 1),
    learners: z.optional(integer(1, 1e9, 'a whole number of learners in [1, 1000000000]')),
    duration: durationSchema,
    checkpoints: z.optional(
      z
        .array(durationSchema, { error: 'a list of durations into the phase, like [15m, 30m, 1h]' })
        .check(
          z.minLength(1, { error: 'at least one checkpoint' }),
          z.maxLength(10_000, { error: 'at most 10000 checkpoints' }),
        ),
    ),
    gates: z._default(metricConditionsSchema, {}),
    require: z._default(
      z.enum(['every-checkpoint', 'final'], { error: 'one of every-checkpoint, final' }),
      'every-checkpoint',
    ),
    advance: z._default(z.enum(['auto', 'manual'], { error: 'one of auto, manual' }), 'auto'),
    window: z._default(
      z.enum(['cumulative', 'since-last-checkpoint'], { error: 'one of cumulative, since-last-checkpoint' }),
      'cumulative',
    ),
  },
  'a phase: a mapping { name, traffic, duration, ... }',
);

export type PhaseInput = z.output<typeof phaseSchema>;
