import { existsSync } from 'node:fs';
import { basename, extname, isAbsolute, join } from 'node:path';
import { formatCount, formatPercent } from '../../gates/index.js';
import { packageInfo } from '../../io/packageRoot.js';
import { whatifRunnerOn } from '../../io/runWhatifInWorkers.js';
import { whatifScenario } from '../../io/whatifScenario.js';
import { formatDuration } from '../../scenario/duration.js';
import type { Problem } from '../../scenario/problems.js';
import type { WhatifFault, WhatifResults } from '../../whatif/whatifResults.js';
import type { CommonFlagValues } from '../commonFlags.js';
import { parseFailOn, reportFailures, WHATIF_FAIL_ON, whatifFailures } from '../failOn/index.js';
import {
  fidelityFlag,
  inFolder,
  outFlag,
  printFlags,
  resolveScenario,
  seedFlag,
  throwIfProblems,
  wholeNumberFlag,
  workersFlag,
} from '../flags.js';
import { createProgress, type ProgressStream } from '../progressBar.js';
import { DEFAULT_WHATIF_RUNS, FAULT_LIBRARY } from '../register/whatif.js';
import type { TextSink } from '../reportError.js';
import { writeOutputs } from '../writeOutputs.js';

const MAX_RUNS = 1_000_000;
const MAX_WORKERS = 1024;

/** The flags as commander hands them over. */
export interface WhatifFlags
  extends Pick<CommonFlagValues, 'workers' | 'seed' | 'out' | 'report' | 'fidelity' | 'json' | 'quiet'> {
  faults?: string[];
  fault?: string[];
  runs?: string;
  /** `--fail-on`, repeatable: one value, or every value given. */
  failOn?: string | string[];
}

/** Where the command prints (progress: a bar on a TTY, heartbeat lines otherwise), and the folder paths start from. */
export interface WhatifContext {
  stdout: TextSink;
  stderr: ProgressStream;
  cwd?: string;
  /** The clock of the progress, ms (default `performance.now`). */
  now?: () => number;
}

/** The named fault file, else the package's copy in its fault library. */
function resolveFile(named: string, cwd: string | undefined, packaged: readonly string[]): string {
  const local = inFolder(cwd, named);
  if (existsSync(local) || isAbsolute(named)) return local;
  const root = packageInfo().root;
  return packaged.map((candidate) => join(root, candidate)).find((path) => existsSync(path)) ?? local;
}

/** Validates every flag and reports all bad ones at once. */
function parseWhatifFlags(flags: WhatifFlags) {
  const problems: Problem[] = [];
  const seed = seedFlag(flags.seed, problems);
  const fidelity = fidelityFlag(flags.fidelity, problems);
  const out = outFlag(flags.out, problems);
  const runs = wholeNumberFlag(flags.runs, '--runs', DEFAULT_WHATIF_RUNS, problems, {
    min: 1,
    max: MAX_RUNS,
  });
  const workers = workersFlag(flags.workers, problems, MAX_WORKERS);
  const failOn = parseFailOn(flags.failOn, WHATIF_FAIL_ON, problems);
  throwIfProblems(problems);
  return { seed, out, fidelity, runs, workers, failOn, report: flags.report ?? true, ...printFlags(flags) };
}

/**
 * What `--json` prints, in the shape of `rehearse risk --json`: the study, then per fault in whatif.json's
 * order the runs in which it began, its probabilities as whatif.json states them (`{ p, ci95, runs }`,
 * 95% Wilson; detection and the claim among the runs in which it began), the first detector and the
 * median time to detect, and the paths written as `files` (and, as before `files`, `written`).
 */
export function whatifJsonSummary(results: WhatifResults, written: readonly string[]) {
  return {
    scenario: results.scenario.name,
    runs: results.runs,
    seed: results.seed,
    faults: results.faults.map((row) => ({
      rank: row.rank,
      name: row.name,
      runsBegan: row.pDetected.runs,
      pOccurred: row.pOccurred,
      pDetected: row.pDetected,
      pUndetected: row.pUndetected,
      detectedBy: row.detectedBy[0]?.condition ?? null,
      timeToDetectMsP50: row.timeToDetectMs?.p50 ?? null,
      pClaimHolds: row.claim?.pHolds ?? null,
    })),
    files: [...written],
    written: [...written],
  };
}

/**
 * A fault's line of the summary: in how many of the runs it began, and detection among those with its
 * 95% interval, then the first detector and the median time to detect.
 *
 * @example formatWhatifLine(row, 500) // '3. Latency spike: began in 312 of 500 runs; detected in 100.00% of those (95% CI 98.78%–100.00%), first by guard p99LatencyMs > 250 ms, p50 30s to detect'
 */
export function formatWhatifLine(row: WhatifFault, runs: number): string {
  const began = row.pDetected.runs;
  const head = `${row.rank}. ${row.name}: `;
  if (row.pDetected.p === null) {
    return `${head}began in none of ${formatCount(runs)} runs: every rehearsal ended before it, so nothing shows whether it is caught`;
  }
  const [lower, upper] = row.pDetected.ci95;
  const detected = `began in ${formatCount(began)} of ${formatCount(runs)} runs; detected in ${formatPercent(row.pDetected.p)} of those (95% CI ${formatPercent(lower)}–${formatPercent(upper)})`;
  const first = row.detectedBy[0];
  if (first === undefined || row.timeToDetectMs === null) return `${head}${detected}`;
  return `${head}${detected}, first by ${first.condition}, p50 ${formatDuration(row.timeToDetectMs.p50)} to detect`;
}

/**
 * `rehearse whatif [scenario]` as a function, for the CLI and for tests: validates the flags, rehearses
 * each fault against the plan without it, writes `whatif.json`, `whatif.md` and `whatif.html` atomically,
 * prints a summary, and returns the exit code (0, or 3 when a `--fail-on` condition matched, the reason
 * on stderr). Bad input throws `InputError` before anything is written.
 */
export async function whatifCommand(
  scenario: string | undefined,
  flags: WhatifFlags,
  context: WhatifContext,
): Promise<number> {
  const options = parseWhatifFlags(flags);
  const { path, file } = resolveScenario(scenario, context.cwd);
  const faultFiles = (flags.faults ?? []).map((named) => ({
    file: named,
    path: resolveFile(named, context.cwd, [join(FAULT_LIBRARY, named), join(FAULT_LIBRARY, `${named}.yaml`)]),
  }));
  const bar = createProgress(context.stderr, options.runs, {
    label: 'whatif',
    unit: 'runs',
    quiet: options.quiet,
    bar: !options.json,
    ...(context.now === undefined ? {} : { now: context.now }),
  });
  let reported = 0;
  const { results, files } = await whatifScenario({
    scenarioPath: path,
    scenarioFile: file,
    faultFiles,
    faultSpecs: flags.fault ?? [],
    runs: options.runs,
    seed: options.seed,
    fidelity: options.fidelity,
    runner: whatifRunnerOn(options.workers),
    report: options.report,
    onProgress: (done) => {
      bar.add(done - reported);
      reported = done;
    },
  });
  bar.end();
  const outDir = options.out ?? join('reports', basename(file, extname(file)));
  const written = await writeOutputs(context.cwd, outDir, files);
  if (options.json) {
    context.stdout.write(`${JSON.stringify(whatifJsonSummary(results, written), null, 2)}\n`);
  } else if (!options.quiet) {
    for (const row of results.faults) context.stdout.write(`${formatWhatifLine(row, results.runs)}\n`);
    context.stdout.write(`\nwrote ${written.join('\n      ')}\n`);
  }
  return reportFailures(whatifFailures(options.failOn, results), context.stderr);
}
