import { dirname, join } from 'node:path';
import type { Fidelity } from '../engine/rehearsal.js';
import type { EffectSamples } from '../finance/index.js';
import { type ReportTemplates, RISK_REPORT, renderDataFiles, renderReport } from '../report/index.js';
import type { OutputFile } from '../report/outputFile.js';
import {
  analyzePlan,
  buildRisk,
  type Risk,
  type RiskInputs,
  type RiskMeta,
  type RiskPartial,
  riskPartial,
  type Shard,
  shardRange,
  stringifyRiskPartial,
} from '../risk/index.js';
import { packageInfo } from './packageRoot.js';
import { readEffectSamples } from './readEffectSamples.js';
import { readScenario } from './readScenario.js';
import { readTemplates } from './readTemplate.js';
import { prestartRiskWorkers, tallyInWorkers } from './tallyInWorkers.js';

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
 */
export async function runRiskStudy(options: RiskStudyOptions): Promise<RiskStudyOutputs> {
  prestartRiskWorkers(options.workers);
  const plan = await readScenario(options.scenarioPath);
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
    const partial = riskPartial(inputs, meta, options.shard, tally);
    const files = [{ name: partialFileName(options.shard), content: stringifyRiskPartial(partial) }];
    return { kind: 'partial', partial, runs: range, files };
  }
  const templates =
    options.report === false
      ? null
      : await readRiskTemplates(options.templateDir ?? join(packageInfo().root, 'templates'));
  const tallying = tallyInWorkers(
    plan,
    inputs.settings,
    [0, options.runs],
    options.workers,
    options.onProgress,
  );
  // The plan's exact analysis needs no runs: this thread computes it while the workers start on theirs,
  // then joins them (with --workers 1 the runs are already tallied by now).
  const analysis = analyzePlan(plan);
  const risk = buildRisk(inputs, await tallying, meta, analysis);
  const files =
    templates === null
      ? renderDataFiles(RISK_REPORT, risk)
      : await renderReport(RISK_REPORT, risk, templates);
  return { kind: 'risk', risk, files };
}
