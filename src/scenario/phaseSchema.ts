import * as z from 'zod';
import { metricConditionsSchema } from './conditionSchema.js';
import { durationSchema, integer, positive, strictMapping } from './fields.js';

const NAME_EXPECTED = 'a phase name of letters, digits, ., - and _ (like canary)';

/** One step of the rollout: a traffic share held for a duration, judged at checkpoints. */
export const phaseSchema = strictMapping(
  {
    name: z.string({ error: NAME_EXPECTED }).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: NAME_EXPECTED }),
    traffic: positive('a traffic share in (0, 1]', 1),
    learners: integer(1, 1e9, 'a whole number of learners in [1, 1000000000]').optional(),
    duration: durationSchema,
    checkpoints: z
      .array(durationSchema, { error: 'a list of durations into the phase, like [15m, 30m, 1h]' })
      .min(1, { error: 'at least one checkpoint' })
      .max(10_000, { error: 'at most 10000 checkpoints' })
      .optional(),
    gates: metricConditionsSchema.default({}),
    require: z
      .enum(['every-checkpoint', 'final'], { error: 'one of every-checkpoint, final' })
      .default('every-checkpoint'),
    advance: z.enum(['auto', 'manual'], { error: 'one of auto, manual' }).default('auto'),
    window: z
      .enum(['cumulative', 'since-last-checkpoint'], { error: 'one of cumulative, since-last-checkpoint' })
      .default('cumulative'),
  },
  'a phase: a mapping { name, traffic, duration, ... }',
);

export type PhaseInput = z.output<typeof phaseSchema>;
