import * as z from 'zod/mini';
import { analyzerSchema } from './analyzerSchema.js';
import { businessSchema } from './businessSchema.js';
import { conditionSchema, metricConditionsSchema } from './conditionSchema.js';
import { controllerSchema } from './controllerSchema.js';
import { faultSchema } from './faultSchema.js';
import {
  durationSchema,
  integer,
  isoDateTime,
  offsetSchema,
  positive,
  strictMapping,
  text,
} from './fields.js';
import { phaseSchema } from './phaseSchema.js';
import { populationSchema } from './populationSchema.js';

/** How often metrics are sampled and what the guards look at. */
const monitoringSchema = strictMapping(
  {
    interval: z._default(durationSchema, '30s'),
    window: z.optional(durationSchema),
    latencyBucketsMs: z.optional(
      z
        .array(positive('a bucket upper bound in ms > 0'), { error: 'a list of bucket upper bounds in ms' })
        .check(
          z.minLength(1, { error: 'at least one bucket bound' }),
          z.maxLength(10_000, { error: 'at most 10000 bucket bounds' }),
        ),
    ),
  },
  'a mapping { interval?, window?, latencyBucketsMs? }',
);

/** Conditions that roll the candidate back as soon as they hold in the trailing window. */
const guardsSchema = strictMapping(
  {
    rollbackWhen: z._default(metricConditionsSchema, {}),
    minRequests: z.optional(integer(0, Number.MAX_SAFE_INTEGER, 'a whole number of requests ≥ 0')),
    consecutive: z.optional(integer(1, 100_000, 'a whole number of checks in [1, 100000]')),
  },
  'a mapping { rollbackWhen, minRequests?, consecutive? }',
);

/**
 * A scenario file's content, field by field, with types, ranges and defaults; the cross-field sense
 * checks are added by `scenarioSchema` in `validateScenario.ts`.
 */
export const scenarioFieldsSchema = strictMapping(
  {
    name: text('a non-empty name'),
    seed: z._default(integer(0, Number.MAX_SAFE_INTEGER, 'a whole number in [0, 2^53 - 1]'), 1),
    start: z._default(isoDateTime(), '2025-01-01T00:00:00Z'),
    release: z.optional(text('a non-empty release name')),
    population: populationSchema,
    analyzers: strictMapping(
      { baseline: analyzerSchema, candidate: analyzerSchema },
      'a mapping { baseline, candidate }',
    ),
    business: z.optional(businessSchema),
    monitoring: z.prefault(monitoringSchema, {}),
    guards: z.prefault(guardsSchema, {}),
    phases: z.optional(
      z
        .array(phaseSchema, { error: 'a list of phases' })
        .check(
          z.minLength(1, { error: 'at least one phase' }),
          z.maxLength(100, { error: 'at most 100 phases' }),
        ),
    ),
    controller: z.optional(controllerSchema),
    faults: z._default(
      z
        .array(faultSchema, { error: 'a list of faults' })
        .check(z.maxLength(1000, { error: 'at most 1000 faults' })),
      [],
    ),
  },
  'a scenario: a mapping with name, population, analyzers and phases (or controller)',
);

/** A validated scenario: the file's fields with defaults filled in; durations are still strings. */
export type Scenario = z.output<typeof scenarioFieldsSchema>;

/** What a scenario file may contain (optional fields may be left out). */
export type ScenarioInput = z.input<typeof scenarioFieldsSchema>;

/** Shared definitions that the JSON Schema names instead of repeating them. */
export const schemaDefinitions = z.registry<{ id: string; description: string }>();
schemaDefinitions.add(analyzerSchema, {
  id: 'Analyzer',
  description: 'The modeled behaviour of one version of the service: error rate, latency (ms), availability.',
});
schemaDefinitions.add(conditionSchema, {
  id: 'Condition',
  description:
    "Operators with thresholds in the metric's unit: below (<), above (>), max (≤), min (≥), within (|x| ≤).",
});
schemaDefinitions.add(durationSchema, {
  id: 'Duration',
  description:
    'A length of time > 0: 250ms, 30s, 15m, 1.5h, 1h30m, 13d (units largest first, each at most once).',
});
schemaDefinitions.add(offsetSchema, {
  id: 'Offset',
  description: 'A time from a start, written like a Duration; may be 0s.',
});
