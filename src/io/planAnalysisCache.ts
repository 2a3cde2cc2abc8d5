import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { PlanAnalysis } from '../risk/buildRisk.js';
import type { Plan } from '../scenario/plan.js';
import { describeReadError } from './describeReadError.js';
import { jsonSha256 } from './jsonSha256.js';
import { writeFilesAtomically } from './writeFilesAtomically.js';

/** What a cache file says it is; a file that says otherwise is not read as an analysis. */
export const PLAN_ANALYSIS_KIND = 'rehearse-plan-analysis';

/** A cache file: the analysis with what it was computed from. */
interface CachedAnalysis {
  kind: typeof PLAN_ANALYSIS_KIND;
  version: string;
  key: string;
  analysis: PlanAnalysis;
}

/**
 * The cache key of `plan`'s analysis: sha256 of the tool's version and the compiled plan (which carries the
 * scenario's sha256 and everything compiled from the files it names), so a changed scenario, manifest,
 * profile or tool never reads an analysis computed for another.
 */
export function planAnalysisKey(plan: Plan, version: string): string {
  return jsonSha256([version, plan]);
}

/** The cache file of the analysis with `key` in `dir`. */
export function planAnalysisFile(dir: string, key: string): string {
  return join(dir, `plan-analysis-${key.slice(0, 16)}.json`);
}

/** Whether `a` and `b` are the same JSON-like value, numbers compared with `Object.is` (−0, NaN). */
function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' || typeof b === 'number') return Object.is(a, b);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const keysB = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The cached analysis with `key` and `version` that `text` holds, or why it holds none. */
function readCached(
  text: string,
  key: string,
  version: string,
): { analysis: PlanAnalysis; problem?: never } | { problem: string } {
  let data: Partial<CachedAnalysis>;
  try {
    data = JSON.parse(text) as Partial<CachedAnalysis>;
  } catch {
    return { problem: 'not valid JSON' };
  }
  if (data === null || typeof data !== 'object' || data.kind !== PLAN_ANALYSIS_KIND)
    return {
      problem: `not a plan analysis (kind ${JSON.stringify((data as { kind?: unknown } | null)?.kind)})`,
    };
  if (data.version !== version || data.key !== key)
    return { problem: 'computed for another plan or version' };
  const { analysis } = data;
  if (
    analysis === null ||
    typeof analysis !== 'object' ||
    !Array.isArray(analysis.exactGates) ||
    !Array.isArray(analysis.noise) ||
    !Array.isArray(analysis.planFixes)
  )
    return { problem: 'its analysis is incomplete' };
  return { analysis };
}

/**
 * `plan`'s exact analysis from the cache folder `dir` when it holds it, or `compute()`'s, then stored there
 * for the next study of the same plan (`rehearse risk --cache DIR`): the analysis depends on the plan
 * alone, and costs a few hundred ms of every study. A file that cannot be read as this plan's analysis (not
 * JSON, another kind, another key or version, incomplete) is reported through `warn`, computed afresh and
 * replaced; a folder that cannot be written is reported and the study goes on. The file is written
 * atomically (a temporary name, then renamed), so a study never reads half of one. An analysis that JSON
 * would not give back exactly (a non-finite number) is not stored, so a cached study's risk.json is
 * byte-identical to an uncached one's.
 */
export async function cachedPlanAnalysis(
  plan: Plan,
  version: string,
  dir: string,
  compute: () => PlanAnalysis,
  warn: (message: string) => void,
): Promise<PlanAnalysis> {
  const key = planAnalysisKey(plan, version);
  const file = planAnalysisFile(dir, key);
  let text: string | null = null;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const found = describeReadError(error, '');
    if (found !== '') warn(`cannot read the plan analysis cache ${file}: ${found}`);
  }
  if (text !== null) {
    const cached = readCached(text, key, version);
    if (cached.problem === undefined) return cached.analysis;
    warn(`ignoring the plan analysis cache ${file}: ${cached.problem}; computing the analysis again`);
  }
  const analysis = compute();
  const content = `${JSON.stringify({ kind: PLAN_ANALYSIS_KIND, version, key, analysis } satisfies CachedAnalysis)}\n`;
  if (!sameValue(analysis, (JSON.parse(content) as CachedAnalysis).analysis)) return analysis;
  try {
    await writeFilesAtomically(dir, [{ name: basename(file), content }]);
  } catch (error) {
    warn(`cannot write the plan analysis cache ${file}: ${(error as Error).message}`);
  }
  return analysis;
}
