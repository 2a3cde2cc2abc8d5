import { join } from 'node:path';
import type { Fidelity } from '../engine/rehearsal.js';
import { InputError } from '../errors.js';
import { type ReportTemplates, renderDataFiles, renderReport, WHATIF_REPORT } from '../report/index.js';
import type { OutputFile } from '../report/outputFile.js';
import type { Problem } from '../scenario/problems.js';
import { FAULT_SPEC_EXAMPLE } from '../whatif/faultSpec.js';
import { faultsFromSpecs, faultsOfPlan, type NamedFault } from '../whatif/namedFault.js';
import { summarizeWhatif } from '../whatif/summarizeWhatif.js';
import { runWhatifInThread, type WhatifJob, type WhatifRunner } from '../whatif/whatif.js';
import type { WhatifResults } from '../whatif/whatifResults.js';
import { packageInfo } from './packageRoot.js';
import { readFaultFile } from './readFaultFile.js';
import { readScenario } from './readScenario.js';
import { readTemplates } from './readTemplate.js';

/** `whatif.md.hbs` and `whatif.html.hbs` from `dir`, with their partials (`partials/whatif-*.hbs`). */
export function readWhatifTemplates(dir: string): Promise<ReportTemplates> {
  return readTemplates(dir, 'whatif');
}

/** What `rehearse whatif` asks for, flags already validated. */
export interface WhatifScenarioOptions {
  /** Where to read the scenario; `scenarioFile` is how results name it (default `scenarioPath`). */
  scenarioPath: string;
  scenarioFile?: string;
  /** Fault files to read (`path`) and how to name them (`file`, the user's spelling). */
  faultFiles: ReadonlyArray<{ path: string; file: string }>;
  /** `--fault` specs. With neither files nor specs, the scenario's own faults are rehearsed. */
  faultSpecs: readonly string[];
  runs: number;
  /** Overrides the scenario's seed. */
  seed?: number;
  fidelity: Fidelity;
  /** Folder with `whatif.md.hbs`, `whatif.html.hbs` and `partials/`; default: the package's `templates/`. */
  templateDir?: string;
  /** How the runs are run (a worker pool); default: in this thread. */
  runner?: WhatifRunner;
  onProgress?: (done: number, total: number) => void;
  /** Whether to render `whatif.md` and `whatif.html` (default true); false: `whatif.json` alone (`--no-report`). */
  report?: boolean;
}

/**
 * A what-if of a scenario file, start to finish short of writing: reads the scenario and the fault files,
 * checks every fault (all problems of all sources at once), rehearses each fault against the plan
 * without it over `runs` seeded runs, and builds `whatif.json`, `whatif.md` and `whatif.html` (only the
 * JSON with `report: false`). The edge of
 * `whatif/` that reads files; bad input throws `InputError` before anything is rehearsed.
 *
 * @example const { results, files } = await whatifScenario({ scenarioPath: 'plan.yaml', faultFiles: [], faultSpecs: ['outage phase=ramp at=1h duration=10m'], runs: 500, fidelity: 'aggregate' })
 */
export async function whatifScenario(
  options: WhatifScenarioOptions,
): Promise<{ results: WhatifResults; files: OutputFile[] }> {
  const plan = await readScenario(options.scenarioPath);
  const scenarioFile = options.scenarioFile ?? options.scenarioPath;
  const problems: Problem[] = [];
  const faults: NamedFault[] = [];
  for (const { path, file } of options.faultFiles) {
    const read = await readFaultFile(path, file, plan);
    if (read.ok) faults.push(...read.faults);
    else problems.push(...read.problems);
  }
  const specs = faultsFromSpecs(options.faultSpecs, plan);
  if (specs.ok) faults.push(...specs.faults);
  else problems.push(...specs.problems);
  if (problems.length > 0) throw new InputError(problems);
  if (options.faultFiles.length === 0 && options.faultSpecs.length === 0) faults.push(...faultsOfPlan(plan));
  if (faults.length === 0) {
    throw new InputError([
      {
        file: scenarioFile,
        line: null,
        column: null,
        path: 'faults',
        expected: `faults to rehearse: the scenario's faults, --faults FILE or --fault ${FAULT_SPEC_EXAMPLE}`,
        found: 'none',
      },
    ]);
  }
  const seed = options.seed ?? plan.seed;
  const job: WhatifJob = {
    plan,
    faults: faults.map((named) => named.fault),
    seed,
    fidelity: options.fidelity,
  };
  const runner = options.runner ?? runWhatifInThread;
  const runs = await runner(job, options.runs, options.onProgress);
  const { root, version } = packageInfo();
  const results = summarizeWhatif(plan, faults, runs, {
    tool: { name: 'rollout-rehearsal', version },
    scenarioFile,
    seed,
    fidelity: options.fidelity,
  });
  if (options.report === false) return { results, files: renderDataFiles(WHATIF_REPORT, results) };
  const templates = await readWhatifTemplates(options.templateDir ?? join(root, 'templates'));
  return { results, files: await renderReport(WHATIF_REPORT, results, templates) };
}
