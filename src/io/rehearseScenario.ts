import { join } from 'node:path';
import type { Fidelity } from '../engine/rehearsal.js';
import { rehearse } from '../engine/rehearse.js';
import { buildResults } from '../report/buildResults.js';
import {
  type ReportTemplates,
  RUN_REPORT,
  type RunOutputs,
  renderDataFiles,
  renderReport,
} from '../report/index.js';
import { packageInfo } from './packageRoot.js';
import { readScenario } from './readScenario.js';
import { readTemplates } from './readTemplate.js';

/** What `rehearse run` asks for, flags already validated. */
export interface RehearseScenarioOptions {
  /** Where to read the scenario file. */
  scenarioPath: string;
  /** The scenario file as `results.json` records it (the user's spelling; defaults to `scenarioPath`). */
  scenarioFile?: string;
  /** Overrides the scenario's seed. */
  seed?: number;
  fidelity: Fidelity;
  /** Whether phases with `advance: manual` are approved. */
  approve: boolean;
  /** Folder with `summary.md.hbs`, `summary.html.hbs` and `partials/`; default: the package's `templates/`. */
  templateDir?: string;
  /** Whether to render `summary.md` and `summary.html` (default true); false: the data files alone (`--no-report`). */
  report?: boolean;
}

/** The run's templates from `dir`: `summary.md.hbs` and `summary.html.hbs` with their partials. */
export function readRunTemplates(dir: string): Promise<ReportTemplates> {
  return readTemplates(dir, 'summary');
}

/**
 * One rehearsal of a scenario file, start to finish, short of writing: reads and compiles the scenario,
 * rehearses it at the chosen seed, and builds the results and the files that present them (charts
 * included; only `results.json` and `checkpoints.csv` with `report: false`). Bad input throws
 * `InputError` before anything is produced.
 *
 * @example const { results, files } = await rehearseScenario({ scenarioPath: 'plan.yaml', fidelity: 'aggregate', approve: true })
 */
export async function rehearseScenario(options: RehearseScenarioOptions): Promise<RunOutputs> {
  const plan = await readScenario(options.scenarioPath);
  const rehearsal = rehearse(plan, {
    seed: options.seed ?? plan.seed,
    fidelity: options.fidelity,
    approve: options.approve,
  });
  const { root, version } = packageInfo();
  const templates =
    options.report === false ? null : await readRunTemplates(options.templateDir ?? join(root, 'templates'));
  const meta = {
    tool: { name: 'rollout-rehearsal', version },
    scenarioFile: options.scenarioFile ?? options.scenarioPath,
  };
  const results = buildResults(plan, rehearsal, meta);
  if (templates === null) return { results, files: renderDataFiles(RUN_REPORT, results) };
  return { results, files: await renderReport(RUN_REPORT, results, templates) };
}
