import { dirname, join } from 'node:path';
import type { Fidelity } from '../engine/rehearsal.js';
import type { EffectSamples } from '../finance/index.js';
import type { OutputFile } from '../report/outputFile.js';
import type { ReportTemplates } from '../report/renderReport.js';
import type { RiskInputs, RiskMeta } from '../risk/buildRisk.js';
import type { Risk } from '../risk/risk.js';
import type { RiskPartial } from '../risk/riskPartial.js';
import { type Shard, shardRange } from '../risk/shard.js';
import { packageInfo } from './packageRoot.js';
import { cachedPlanAnalysis } from './planAnalysisCache.js';
import { readEffectSamples } from './readEffectSamples.js';
import { readScenario } from './readScenario.js';
import { readTemplates } from './readTemplate.js';
import { prestartRiskWorkers } from './riskPool.js';
import { tallyInWorkers } from './tallyInWorkers.js';

/** What `rehearse risk` asks for, flags already validated. */
export interface RiskStudyOptions {
  scenarioPath: string;
  /** The scenario as risk.json records it (the user's spelling). */
  scenarioFile: string;
  /** Overrides the scenario's seed. */
  seed?: number;
  runs: number;
  workers: number;
  fidelity: Fidelity;
  approve: boolean;
  /** Only this slice of the runs, written as a partial file for `rehearse merge`. */
  shard?: Shard;
  /** Folder with `risk.md.hbs`, `risk.html.hbs` and `partials/`; default: the package's `templates/`. */
  templateDir?: string;
  /** Called with the number of runs finished since the previous call. */
  onProgress?: (done: number) => void;
  /** Whether to render `risk.md` and `risk.html` (default true); false: `risk.json` alone (`--no-report`). */
  report?: boolean;
  /** A folder keeping the plan's exact analysis between studies (`--cache DIR`, see `cachedPlanAnalysis`). */
  cacheDir?: string;
  /** Called with each warning (a cache file ignored or not written); default: none is reported. */
  onWarning?: (message: string) => void;
}

/** A whole study's risk.json and the files presenting it, or one shard's partial file. */
export type RiskStudyOutputs =
  | { kind: 'risk'; risk: Risk; files: OutputFile[] }
  | { kind: 'partial'; partial: RiskPartial; runs: [number, number]; files: OutputFile[] };

/** The risk report's templates from `dir`. */
export function readRiskTemplates(dir: string): Promise<ReportTemplates> {
  return readTemplates(dir, 'risk');
}

/** The name of shard i of n's partial file: `risk-partial-2-of-4.json`. */
export function partialFileName(shard: Shard): string {
  return `risk-partial-${shard.index}-of-${shard.count}.json`;
}

/**
 * `rehearse risk` short of writing: reads the scenario (and its effect samples), tallies the runs (all,
 * or the shard's) on worker threads, and builds risk.json with risk.md and risk.html (unless `report` is
 * false), or the shard's partial. Bad input throws `InputError` before any run.
 *
 * Ordered for the time a user waits: the workers start first; the templates are read while the scenario
 * is parsed; the workers are handed the runs as soon as the plan is read; only then does this thread load
 * what the finished study alone needs (the exact analysis, finance, the renderer) and compute the plan's
 * exact analysis (or read it from `cacheDir`), before it takes runs of its own.
 */
export async function runRiskStudy(options: RiskStudyOptions): Promise<RiskStudyOutputs> {
  prestartRiskWorkers(options.workers);
  const templateDir = options.templateDir ?? join(packageInfo().root, 'templates');
  // The templates are read while the scenario is parsed; a bad scenario is reported first.
  const [read, templates] = await Promise.allSettled([
    readScenario(options.scenarioPath),
    options.shard !== undefined || options.report === false ? null : readRiskTemplates(templateDir),
  ]);
  if (read.status === 'rejected') throw read.reason;
  if (templates.status === 'rejected') throw templates.reason;
  const plan = read.value;
  const samplesFile = plan.business?.effectSamples?.file;
  const effectSamples: EffectSamples | null =
    samplesFile === undefined
      ? null
      : await readEffectSamples(join(dirname(options.scenarioPath), samplesFile));
  const inputs: RiskInputs = {
    plan,
    settings: { seed: options.seed ?? plan.seed, fidelity: options.fidelity, approve: options.approve },
    runs: options.runs,
    effectSamples,
  };
  const meta: RiskMeta = {
    tool: { name: 'rollout-rehearsal', version: packageInfo().version },
    scenarioFile: options.scenarioFile,
  };
  if (options.shard !== undefined) {
    const range = shardRange(options.runs, options.shard);
    const tally = await tallyInWorkers(plan, inputs.settings, range, options.workers, options.onProgress);
    const { riskPartial, stringifyRiskPartial } = await import('../risk/riskPartial.js');
    const partial = riskPartial(inputs, meta, options.shard, tally);
    const files = [{ name: partialFileName(options.shard), content: stringifyRiskPartial(partial) }];
    return { kind: 'partial', partial, runs: range, files };
  }
  // What only the finished study needs loads now, and the plan's exact analysis (it needs no runs) is
  // this thread's first work while the workers start on the runs; with --workers 1 the runs are tallied
  // first, by the time tallyInWorkers returns.
  const presenting = Promise.all([import('../risk/buildRisk.js'), import('../report/index.js')]);
  const { cacheDir, onWarning = () => undefined } = options;
  const analysing = presenting.then(([{ analyzePlan }]) =>
    cacheDir === undefined
      ? analyzePlan(plan)
      : cachedPlanAnalysis(plan, meta.tool.version, cacheDir, () => analyzePlan(plan), onWarning),
  );
  const tallying = tallyInWorkers(
    plan,
    inputs.settings,
    [0, options.runs],
    options.workers,
    options.onProgress,
    analysing,
  );
  // Each is awaited below; a failure of one meanwhile is not an unhandled rejection.
  for (const pending of [tallying, analysing]) pending.catch(() => undefined);
  const [[{ buildRisk }, { RISK_REPORT, renderDataFiles, renderReport }], analysis, tally] =
    await Promise.all([presenting, analysing, tallying]);
  const risk: Risk = buildRisk(inputs, tally, meta, analysis);
  const files =
    templates.value === null
      ? renderDataFiles(RISK_REPORT, risk)
      : await renderReport(RISK_REPORT, risk, templates.value);
  return { kind: 'risk', risk, files };
}
