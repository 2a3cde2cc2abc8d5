import { InputError } from '../errors.js';
import type { EffectSamples } from '../finance/index.js';
import type { Plan } from '../scenario/plan.js';
import type { Problem } from '../scenario/problems.js';
import type { RiskInputs, RiskMeta } from './buildRisk.js';
import { sortedEntries } from './countHistogram.js';
import { emptyTally, mergeTallies, type RiskTally } from './riskTally.js';
import type { Shard } from './shard.js';
import { type StudySettings, tallyShape } from './tallyRuns.js';

/** What a partial file says it is. */
export const RISK_PARTIAL_KIND = 'rollout-rehearsal/risk-partial';
export const RISK_PARTIAL_VERSION = 1;

/** A tally as JSON holds it: histograms as [value, count] pairs sorted by value. */
export type StoredTally = Omit<
  RiskTally,
  'completionMs' | 'rollbackMs' | 'exposedBeforeRollback' | 'timelines'
> & {
  completionMs: Array<[number, number]>;
  rollbackMs: Array<[number, number]>;
  exposedBeforeRollback: Array<[number, number]>;
  timelines: Array<[string, number]>;
};

/**
 * One shard's result (`rehearse risk --shard i/n`): its tally, with everything the merge needs to write
 * risk.json without the scenario file (the compiled plan, the effect samples, the settings, the tool).
 */
export interface RiskPartial {
  kind: typeof RISK_PARTIAL_KIND;
  version: typeof RISK_PARTIAL_VERSION;
  tool: RiskMeta['tool'];
  scenarioFile: string;
  settings: StudySettings;
  /** Runs in the whole study. */
  runs: number;
  shard: Shard;
  plan: Plan;
  effectSamples: EffectSamples | null;
  tally: StoredTally;
}

/** A shard's partial result, ready to be written. */
export function riskPartial(inputs: RiskInputs, meta: RiskMeta, shard: Shard, tally: RiskTally): RiskPartial {
  return {
    kind: RISK_PARTIAL_KIND,
    version: RISK_PARTIAL_VERSION,
    tool: meta.tool,
    scenarioFile: meta.scenarioFile,
    settings: inputs.settings,
    runs: inputs.runs,
    shard,
    plan: inputs.plan,
    effectSamples: inputs.effectSamples,
    tally: {
      ...tally,
      completionMs: sortedEntries(tally.completionMs),
      rollbackMs: sortedEntries(tally.rollbackMs),
      exposedBeforeRollback: sortedEntries(tally.exposedBeforeRollback),
      timelines: sortedEntries(tally.timelines),
    },
  };
}

/**
 * A partial as bytes: plain JSON, every number exactly as the double it is (no rounding, unlike reports),
 * so the plan read back is the plan written.
 */
export function stringifyRiskPartial(partial: RiskPartial): string {
  return `${JSON.stringify(partial)}\n`;
}

function problem(file: string, path: string, expected: string, found: string): Problem {
  return { file, line: null, column: null, path, expected, found };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a partial written by `rehearse risk --shard` (pure; the text of one file).
 *
 * @throws InputError when the text is not JSON, not a partial, or from another version of the format.
 */
export function parseRiskPartial(text: string, file: string): RiskPartial {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError([
      problem(file, '', 'a risk partial (JSON) written by rehearse risk --shard', (error as Error).message),
    ]);
  }
  const expected = 'a risk partial written by rehearse risk --shard';
  if (!isObject(value) || value.kind !== RISK_PARTIAL_KIND) {
    throw new InputError([
      problem(file, 'kind', expected, isObject(value) ? JSON.stringify(value.kind ?? null) : 'other JSON'),
    ]);
  }
  if (value.version !== RISK_PARTIAL_VERSION) {
    throw new InputError([
      problem(
        file,
        'version',
        `partial format version ${RISK_PARTIAL_VERSION}`,
        JSON.stringify(value.version ?? null),
      ),
    ]);
  }
  const tally = value.tally;
  const fields = ['plan', 'settings', 'shard', 'tool'] as const;
  const missing = fields.filter((field) => !isObject(value[field]));
  if (!isObject(tally) || missing.length > 0 || typeof value.runs !== 'number') {
    throw new InputError([problem(file, missing[0] ?? 'tally', expected, 'a damaged or hand-edited file')]);
  }
  return value as unknown as RiskPartial;
}

function restoreTally(stored: StoredTally): RiskTally {
  return {
    ...stored,
    ranges: stored.ranges.map(([from, to]) => [from, to]),
    completionMs: new Map(stored.completionMs),
    rollbackMs: new Map(stored.rollbackMs),
    exposedBeforeRollback: new Map(stored.exposedBeforeRollback),
    timelines: new Map(stored.timelines),
  };
}

function describe(partial: RiskPartial): Record<string, string> {
  return {
    tool: `${partial.tool.name} ${partial.tool.version}`,
    scenario: `${partial.plan.name} (sha256 ${partial.plan.scenarioSha256.slice(0, 12)})`,
    plan: JSON.stringify(partial.plan),
    settings: `seed ${partial.settings.seed}, ${partial.settings.fidelity} fidelity, approve ${partial.settings.approve}`,
    runs: `${partial.runs} runs`,
    shards: `${partial.shard.count} shards`,
    effectSamples: JSON.stringify(partial.effectSamples),
    scenarioFile: partial.scenarioFile,
  };
}

/**
 * Merges the partials of one study into its inputs, meta and complete tally, exactly as one machine
 * would have tallied it (integer counts add in any order).
 *
 * @throws InputError listing every problem: partials of different studies (tool version, scenario,
 *   settings, run count, shard count), a shard given twice, or shards missing.
 */
export function mergeRiskPartials(partials: ReadonlyArray<{ file: string; partial: RiskPartial }>): {
  inputs: RiskInputs;
  meta: RiskMeta;
  tally: RiskTally;
} {
  const [first, ...rest] = partials;
  if (first === undefined) throw new InputError([problem('merge', '', 'one partial file or more', 'none')]);
  const problems: Problem[] = [];
  const reference = describe(first.partial);
  for (const { file, partial } of rest) {
    const own = describe(partial);
    for (const [field, value] of Object.entries(own)) {
      if (value === reference[field]) continue;
      const shown = field === 'plan' || field === 'effectSamples' ? 'a different one' : value;
      const wanted =
        field === 'plan' || field === 'effectSamples' ? `the same as ${first.file}'s` : reference[field]!;
      problems.push(problem(file, field, `${wanted} (as in ${first.file})`, shown));
    }
  }
  const byShard = new Map<number, string>();
  for (const { file, partial } of partials) {
    const other = byShard.get(partial.shard.index);
    if (other !== undefined) {
      problems.push(
        problem(
          file,
          'shard',
          `a shard not given yet`,
          `shard ${partial.shard.index}/${partial.shard.count}, also in ${other}`,
        ),
      );
    }
    byShard.set(partial.shard.index, file);
  }
  if (problems.length > 0) throw new InputError(problems);
  const count = first.partial.shard.count;
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((index) => !byShard.has(index));
  if (missing.length > 0) {
    throw new InputError([
      problem(
        'merge',
        '',
        `all ${count} shards`,
        `no shard ${missing.map((index) => `${index}/${count}`).join(', ')}`,
      ),
    ]);
  }
  const { plan, settings, runs, effectSamples, tool, scenarioFile } = first.partial;
  const tally = emptyTally(tallyShape(plan));
  for (const { partial } of partials) mergeTallies(tally, restoreTally(partial.tally));
  return { inputs: { plan, settings, runs, effectSamples }, meta: { tool, scenarioFile }, tally };
}
