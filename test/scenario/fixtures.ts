import { stringify } from 'yaml';

/** A plain object, as read from a scenario file. */
export type Data = Record<string, unknown>;

/** A deep partial override: mappings merge key by key, lists merge index by index, `undefined` deletes. */
export type Overrides = { [key: string]: unknown };

/**
 * A small valid scenario (two segments, a canary and a full phase), with `overrides` merged in.
 *
 * @example makeScenario({ phases: [{ traffic: 2 }] }) // the canary's traffic becomes 2
 */
export function makeScenario(overrides: Overrides = {}): Data {
  const base: Data = {
    name: 'fixture',
    seed: 7,
    population: {
      learners: 10_000,
      requestsPerLearnerHour: 1,
      segments: [
        { id: 'web', share: 0.6 },
        { id: 'mobile', share: 0.4 },
      ],
    },
    analyzers: {
      baseline: { errorRate: 0.001, latencyMs: { p50: 60, p99: 180 }, availability: 0.9995 },
      candidate: { errorRate: 0.0008, latencyMs: { p50: 25, p99: 46 }, availability: 0.9997 },
    },
    guards: { rollbackWhen: { errorRate: { above: 0.05 } } },
    phases: [
      {
        name: 'canary',
        traffic: 0.01,
        duration: '2h',
        checkpoints: ['30m', '1h', '2h'],
        gates: { errorRate: { below: 0.01 } },
      },
      { name: 'full', traffic: 1, duration: '1d' },
    ],
  };
  return merge(base, overrides) as Data;
}

function merge(base: unknown, override: unknown): unknown {
  if (Array.isArray(base) && Array.isArray(override)) {
    const length = Math.max(base.length, override.length);
    return Array.from({ length }, (_, index) =>
      index < override.length ? merge(base[index], override[index]) : base[index],
    );
  }
  if (isMapping(base) && isMapping(override)) {
    const result: Data = { ...base };
    for (const [key, value] of Object.entries(override)) {
      if (value === undefined) delete result[key];
      else result[key] = merge(base[key], value);
    }
    return result;
  }
  return override;
}

function isMapping(value: unknown): value is Data {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The data as a YAML file: block style, one field per line. */
export function toYaml(data: unknown): string {
  return stringify(data, { lineWidth: 0 });
}

/**
 * The 1-based line of the `occurrence`-th line containing `needle` (or matching it, for a RegExp);
 * throws when there is none (a broken test).
 */
export function lineOf(text: string, needle: string | RegExp, occurrence = 1): number {
  let seen = 0;
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const matches = typeof needle === 'string' ? line.includes(needle) : needle.test(line);
    if (matches && ++seen === occurrence) return index + 1;
  }
  throw new Error(`no line ${occurrence} containing ${JSON.stringify(needle)} in:\n${text}`);
}
