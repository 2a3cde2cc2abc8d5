import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { DURATION_EXAMPLES, DURATION_PATTERN, parseDurationMs } from './duration.js';

/**
 * Building blocks of the scenario schema. Every schema carries its own `expected` text as its error,
 * so a problem reads `expected a rate in [0, 1], found "0.5%"` whatever went wrong with the value.
 */

// zod/mini sets no locale; the few issues without an `error` of their own read as in classic zod, in English.
if (z.config().localeError === undefined) z.config(en());

/** The longest duration a scenario may name: ten years, in ms. */
export const MAX_DURATION_MS = 3650 * 86_400_000;

/** A finite number (YAML's `.inf` and `.nan` are not). */
export function finiteNumber(expected = 'a finite number'): z.ZodMiniNumber {
  return z.number({ error: expected });
}

/** A number in [0, 1]: error rates, availability, shares of requests. */
export function rate(expected = 'a rate in [0, 1]'): z.ZodMiniNumber {
  return z.number({ error: expected }).check(z.gte(0, { error: expected }), z.lte(1, { error: expected }));
}

/** A number > 0, optionally with an inclusive upper bound. */
export function positive(expected: string, max = Number.POSITIVE_INFINITY): z.ZodMiniNumber {
  const schema = z.number({ error: expected }).check(z.gt(0, { error: expected }));
  return Number.isFinite(max) ? schema.check(z.lte(max, { error: expected })) : schema;
}

/** A number ≥ 0, optionally with an inclusive upper bound. */
export function nonNegative(expected: string, max = Number.POSITIVE_INFINITY): z.ZodMiniNumber {
  const schema = z.number({ error: expected }).check(z.gte(0, { error: expected }));
  return Number.isFinite(max) ? schema.check(z.lte(max, { error: expected })) : schema;
}

/** A safe integer in [min, max]. */
export function integer(min: number, max: number, expected: string): z.ZodMiniNumber {
  return z
    .number({ error: expected })
    .check(z.int({ error: expected }), z.gte(min, { error: expected }), z.lte(max, { error: expected }));
}

/** A duration string (see `duration.ts`), > 0 unless `allowZero`, at most {@link MAX_DURATION_MS}. */
function durationString(options: { allowZero: boolean }): z.ZodMiniString {
  return z.string({ error: DURATION_EXAMPLES }).check(
    z.regex(DURATION_PATTERN, { error: DURATION_EXAMPLES }),
    z.superRefine((text: string, context) => {
      const ms = parseDurationMs(text);
      if (ms === null)
        context.addIssue({ code: 'custom', message: `${DURATION_EXAMPLES} (whole milliseconds)` });
      else if (ms === 0 && !options.allowZero)
        context.addIssue({ code: 'custom', message: 'a duration longer than 0' });
      else if (ms > MAX_DURATION_MS)
        context.addIssue({ code: 'custom', message: 'a duration of at most 3650d' });
    }),
  );
}

/** A length of time > 0: `30s`, `1h30m` (the JSON Schema's `Duration`). */
export const durationSchema = durationString({ allowZero: false });

/** A time from a start, which may be `0s` (the JSON Schema's `Offset`). */
export const offsetSchema = durationString({ allowZero: true });

/** An id: lowercase letters, digits, `-` and `_`, starting with a letter or digit (`k12-mobile`). */
export function slug(what: string): z.ZodMiniString {
  const expected = `${what} of lowercase letters, digits, - and _ (like k12-mobile)`;
  return z.string({ error: expected }).check(z.regex(/^[a-z0-9][a-z0-9_-]*$/, { error: expected }));
}

/** A non-empty string. */
export function text(expected: string): z.ZodMiniString {
  return z.string({ error: expected }).check(z.minLength(1, { error: expected }));
}

/**
 * `schema` with a further check (zod's `superRefine`): it runs on a value that passed `schema` and adds
 * its issues through `context`.
 */
export function refined<Schema extends z.ZodMiniType>(
  schema: Schema,
  check: (value: z.output<Schema>, context: z.core.$RefinementCtx<z.output<Schema>>) => void,
): Schema {
  return schema.check(z.superRefine(check));
}

/** A mapping with exactly the given fields; any other field is an error. */
export function strictMapping<Shape extends z.core.$ZodLooseShape>(shape: Shape, expected = 'a mapping') {
  return z.strictObject(shape, { error: expected });
}

/** An uncertain effect as measured: `{ mean, sd }`, fractions (0.058 is +5.8%). */
export function distribution(what: string) {
  return strictMapping(
    {
      mean: z
        .number({ error: 'a finite number (a fraction: 0.058 is +5.8%)' })
        .check(z.gte(-1, { error: 'a fraction ≥ -1 (-100%)' })),
      sd: nonNegative('a standard deviation ≥ 0 (a fraction)'),
    },
    `${what}: a mapping { mean, sd }`,
  );
}

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})$/;
const ISO_EXPECTED = 'an ISO 8601 date-time with Z or an offset, like 2025-10-31T12:00:00Z';

/** An ISO 8601 date-time with `Z` or an offset (`2025-10-31T12:00:00Z`, `2025-10-31T13:00+01:00`), a real calendar date. */
export function isoDateTime(): z.ZodMiniString {
  return z.string({ error: ISO_EXPECTED }).check(
    z.regex(ISO_DATE_TIME, { error: ISO_EXPECTED }),
    z.superRefine((value: string, context) => {
      if (!isCalendarDateTime(value))
        context.addIssue({ code: 'custom', message: `${ISO_EXPECTED} (a real date and time)` });
    }),
  );
}

function isCalendarDateTime(value: string): boolean {
  const match = ISO_DATE_TIME.exec(value);
  if (match === null) return false;
  const [year, month, day, hour, minute, second] = match
    .slice(1, 7)
    .map((part) => Number(part ?? 0)) as number[];
  const date = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1));
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === (month ?? 1) - 1 &&
    date.getUTCDate() === day &&
    (hour ?? 0) < 24 &&
    (minute ?? 0) < 60 &&
    (second ?? 0) < 60 &&
    Number.isFinite(Date.parse(value))
  );
}
