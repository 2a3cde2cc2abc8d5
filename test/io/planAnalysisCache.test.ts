import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  cachedPlanAnalysis,
  PLAN_ANALYSIS_KIND,
  planAnalysisFile,
  planAnalysisKey,
} from '../../src/io/planAnalysisCache.js';
import { readScenario } from '../../src/io/readScenario.js';
import type { PlanAnalysis } from '../../src/risk/buildRisk.js';
import type { Plan } from '../../src/scenario/plan.js';
import { tempDir } from '../support/tempDir.js';

let plan: Plan;

beforeAll(async () => {
  plan = await readScenario('scenarios/sprint2-rollout.yaml');
});

/** A stand-in analysis with a value of each kind JSON keeps exactly, and a counter of computations. */
function counted(analysis: PlanAnalysis = { exactGates: [[null]], noise: [], planFixes: [] }) {
  const counter = { computed: 0 };
  const compute = () => {
    counter.computed++;
    return analysis;
  };
  return { counter, compute };
}

/** Runs `cachedPlanAnalysis` on the default plan, collecting warnings. */
async function cached(dir: string, compute: () => PlanAnalysis, version = '1.0.0') {
  const warnings: string[] = [];
  const analysis = await cachedPlanAnalysis(plan, version, dir, compute, (message) => warnings.push(message));
  return { analysis, warnings };
}

describe('the plan analysis cache', () => {
  it('computes once, then reads the same analysis back', async () => {
    const dir = tempDir();
    const analysis = { exactGates: [[null]], noise: [], planFixes: [] } as unknown as PlanAnalysis;
    (analysis as unknown as { extra: unknown }).extra = { p: 0.1 + 0.2, tiny: 5e-324, n: -12 };
    const { counter, compute } = counted(analysis);
    const first = await cached(dir, compute);
    const second = await cached(dir, compute);
    expect(counter.computed).toBe(1);
    expect(first.warnings).toEqual([]);
    expect(second.warnings).toEqual([]);
    expect(second.analysis).toEqual(analysis);
    expect(await readdir(dir)).toEqual([`plan-analysis-${planAnalysisKey(plan, '1.0.0').slice(0, 16)}.json`]);
  });

  it('keys by the compiled plan and the tool version', () => {
    const key = planAnalysisKey(plan, '1.0.0');
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(planAnalysisKey(structuredClone(plan), '1.0.0')).toBe(key);
    expect(planAnalysisKey(plan, '1.0.1')).not.toBe(key);
    expect(planAnalysisKey({ ...plan, intervalMs: plan.intervalMs * 2 }, '1.0.0')).not.toBe(key);
  });

  it('ignores, with a warning, a file that is not JSON, of another kind or of another plan, and replaces it', async () => {
    const dir = tempDir();
    const file = planAnalysisFile(dir, planAnalysisKey(plan, '1.0.0'));
    const foreign = JSON.stringify({ kind: PLAN_ANALYSIS_KIND, version: '0.9.0', key: 'x', analysis: {} });
    const cases: Array<[string, RegExp]> = [
      ['{"kind": "rehearse-plan-anal', /not valid JSON/],
      ['{"kind": "risk"}', /not a plan analysis \(kind "risk"\)/],
      [foreign, /computed for another plan or version/],
    ];
    for (const [text, reason] of cases) {
      await writeFile(file, text);
      const { counter, compute } = counted();
      const { analysis, warnings } = await cached(dir, compute);
      expect(counter.computed).toBe(1);
      expect(analysis).toEqual({ exactGates: [[null]], noise: [], planFixes: [] });
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(file);
      expect(warnings[0]).toMatch(reason);
      const stored = JSON.parse(await readFile(file, 'utf8'));
      expect(stored.kind).toBe(PLAN_ANALYSIS_KIND);
      expect(stored.key).toBe(planAnalysisKey(plan, '1.0.0'));
    }
  });

  it('does not store an analysis JSON would not give back exactly', async () => {
    const dir = tempDir();
    const analysis = { exactGates: [], noise: [{ p: Number.POSITIVE_INFINITY }], planFixes: [] };
    const { counter, compute } = counted(analysis as unknown as PlanAnalysis);
    expect((await cached(dir, compute)).analysis).toBe(analysis);
    expect(await readdir(dir)).toEqual([]);
    await cached(dir, compute);
    expect(counter.computed).toBe(2);
  });

  it('warns and goes on when the folder cannot be written', async () => {
    const dir = tempDir();
    const blocked = join(dir, 'a-file');
    await writeFile(blocked, '');
    const { counter, compute } = counted();
    const { analysis, warnings } = await cached(blocked, compute);
    expect(counter.computed).toBe(1);
    expect(analysis).toEqual({ exactGates: [[null]], noise: [], planFixes: [] });
    // Reading a file below a file is a missing file (ENOTDIR), so the one warning is the write's.
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^cannot write the plan analysis cache /);
  });
});
