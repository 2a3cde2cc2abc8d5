import * as z from 'zod/mini';
import { integer, positive, slug, strictMapping, text } from './fields.js';

/** Requests per learner-hour: more than 10,000 (one every 0.36 s, all day) is a typo. */
export const MAX_REQUESTS_PER_LEARNER_HOUR = 10_000;

const requestRate = (what: string) =>
  positive(
    `${what} in (0, ${MAX_REQUESTS_PER_LEARNER_HOUR}] requests per learner-hour`,
    MAX_REQUESTS_PER_LEARNER_HOUR,
  );

/** A slice of the learners with its own share and, optionally, its own request rate. */
export const segmentSchema = strictMapping(
  {
    id: slug('a segment id'),
    share: positive('a share of learners in (0, 1]', 1),
    requestsPerLearnerHour: z.optional(requestRate('a request rate')),
    label: z.optional(text('a non-empty label')),
  },
  'a segment: a mapping { id, share }',
);

/** The time-of-day profile: 24 factors (one per UTC hour, from 00:00) or a CSV file `hour,factor`. */
export const diurnalSchema = z.union(
  [
    z
      .array(positive('a positive factor'), { error: 'a list of 24 positive factors' })
      .check(z.length(24, { error: '24 factors, one per UTC hour (00:00 to 23:00)' })),
    strictMapping({ file: text('a path to a CSV file with columns hour,factor') }, 'a mapping { file }'),
  ],
  { error: 'a list of 24 positive factors (one per UTC hour) or { file: path-to.csv }' },
);

/** Who sends traffic, and how much. */
export const populationSchema = strictMapping(
  {
    learners: integer(1, 1e9, 'a whole number of learners in [1, 1000000000]'),
    requestsPerLearnerHour: requestRate('a request rate'),
    segments: z._default(
      z
        .array(segmentSchema, { error: 'a list of segments' })
        .check(
          z.minLength(1, { error: 'at least one segment' }),
          z.maxLength(1000, { error: 'at most 1000 segments' }),
        ),
      [{ id: 'all', share: 1 }],
    ),
    diurnal: z.optional(diurnalSchema),
  },
  'a mapping { learners, requestsPerLearnerHour, segments? }',
);

export type PopulationInput = z.output<typeof populationSchema>;
