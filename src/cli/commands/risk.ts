import { basename, extname, join } from 'node:path';
import { runRiskStudy } from '../../io/runRiskStudy.js';
import type { Risk } from '../../risk/risk.js';
import { parseShard, type Shard } from '../../risk/shard.js';
import type { Problem } from '../../scenario/problems.js';
import type { CommonFlagValues } from '../commonFlags.js';
import { parseFailOn } from '../failOn/failOnTerm.js';
import { reportFailures } from '../failOn/reportFailures.js';
import { RISK_FAIL_ON, riskFailures } from '../failOn/riskFailOn.js';
import {
  fidelityFlag,
  flagProblem,
  inFolder,
  outFlag,
  printFlags,
  quoted,
  resolveScenario,
  seedFlag,
  throwIfProblems,
  wholeNumberFlag,
  workersFlag,
} from '../flags.js';
import { createProgress, type ProgressStream } from '../progressBar.js';
import { DEFAULT_RUNS } from '../register/risk.js';
import type { TextSink } from '../reportError.js';
import { writeOutputs } from '../writeOutputs.js';

/** The flags as commander hands them over: strings, not yet validated. */
export interface RiskFlags
  extends Pick<
    CommonFlagValues,
    'workers' | 'seed' | 'fidelity' | 'approve' | 'out' | 'report' | 'json' | 'quiet'
  > {
  runs?: string;
  shard?: string;
  cache?: string;
  /** `--fail-on`, repeatable: one value, or every value given. */
  failOn?: string | string[];
}

/** Where the command prints, and the folder relative paths start from. */
export interface RiskContext {
  stdout: TextSink;
  /** Progress goes here (a bar on a TTY, heartbeat lines otherwise), and what `--fail-on` matched. */
  stderr: ProgressStream;
  cwd?: string;
  /** Milliseconds, for the progress bar's time left and the elapsed time (default `performance.now`). */
  now?: () => number;
}

/** Validates every flag and reports all bad ones at once. */
export function parseRiskFlags(flags: RiskFlags) {
  const problems: Problem[] = [];
  const seed = seedFlag(flags.seed, problems);
  const fidelity = fidelityFlag(flags.fidelity, problems);
  const out = outFlag(flags.out, problems);
  const runs = wholeNumberFlag(flags.runs, '--runs', DEFAULT_RUNS, problems, { min: 1 });
  const workers = workersFlag(flags.workers, problems);
  let shard: Shard | undefined;
  if (flags.shard !== undefined) {
    shard = parseShard(flags.shard) ?? undefined;
    if (shard === undefined)
      problems.push(flagProblem('--shard', 'i/n with 1 ≤ i ≤ n, e.g. 2/4', quoted(flags.shard)));
  }
  const failOn = parseFailOn(flags.failOn, RISK_FAIL_ON, problems);
  if (failOn.length > 0 && flags.shard !== undefined) {
    const expected = 'no --shard: a shard has no probabilities yet; give --fail-on to rehearse merge';
    problems.push(flagProblem('--fail-on', expected, `--shard ${quoted(flags.shard)}`));
  }
  throwIfProblems(problems);
  return {
    seed,
    out,
    fidelity,
    approve: flags.approve ?? true,
    runs,
    workers,
    shard,
    failOn,
    report: flags.report ?? true,
    cache: flags.cache,
    ...printFlags(flags),
  };
}

/**
 * What `--json` prints: the headline probabilities, the guards that fire on noise alone (each named by its
 * phase, metric, operator, threshold, minRequests and window, with the exact chance of a false trip in the
 * phase, `{ lower, upper }`), and the files written.
 */
export function riskJsonSummary(risk: Risk, written: readonly string[]) {
  return {
    scenario: risk.scenario.name,
    runs: risk.runs,
    seed: risk.seed,
    pComplete: risk.pComplete,
    pRollback: risk.pRollback,
    pFalseRollback: risk.rollbacks.pFalse,
    phases: risk.phases.map((phase) => ({ name: phase.name, pReach: phase.pReach, pPass: phase.pPass })),
    noisyGuards: risk.noise.guards
      .filter((guard) => guard.firesOnNoise)
      .map((guard) => ({
        phase: guard.phase,
        metric: guard.metric,
        op: guard.op,
        threshold: guard.threshold,
        minRequests: guard.current.minRequests,
        windowMs: guard.current.windowMs,
        pFalseTrip: guard.current.falseTrip,
      })),
    files: written,
  };
}

/**
 * `rehearse risk [scenario]` as a function, for the CLI and for tests: validates the flags, runs the
 * study on worker threads with progress on stderr (a bar on a TTY, heartbeat lines in a log), writes risk.json, risk.md and risk.html
 * (or, with `--shard`, the shard's partial) atomically, prints the summary, and returns 0, or 3 when a
 * `--fail-on` threshold is crossed (the reason on stderr). Bad input throws `InputError` before any run.
 */
export async function riskCommand(
  scenario: string | undefined,
  flags: RiskFlags,
  context: RiskContext,
): Promise<number> {
  const options = parseRiskFlags(flags);
  const { path, file } = resolveScenario(scenario, context.cwd);
  const outDir = options.out ?? join('reports', basename(file, extname(file)));
  const now = context.now ?? (() => performance.now());
  const startMs = now();
  const total = options.shard === undefined ? options.runs : 0;
  const bar = createProgress(context.stderr, total, {
    label: 'risk',
    unit: 'runs',
    quiet: options.quiet,
    bar: true,
    now,
  });
  const outputs = await runRiskStudy({
    scenarioPath: path,
    scenarioFile: file,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    runs: options.runs,
    workers: options.workers,
    fidelity: options.fidelity,
    approve: options.approve,
    ...(options.shard === undefined ? {} : { shard: options.shard }),
    report: options.report,
    ...(options.cache === undefined ? {} : { cacheDir: inFolder(context.cwd, options.cache) }),
    onWarning: (message) => context.stderr.write(`warning: ${message}\n`),
    onProgress: (done) => bar.add(done),
  }).finally(() => bar.end());
  const seconds = ((now() - startMs) / 1000).toFixed(1);
  const written = await writeOutputs(context.cwd, outDir, outputs.files);
  if (outputs.kind === 'partial') {
    const [from, to] = outputs.runs;
    if (options.json)
      context.stdout.write(`${JSON.stringify({ shard: options.shard, runs: [from, to], files: written })}\n`);
    else if (!options.quiet) {
      context.stdout.write(
        `shard ${options.shard!.index}/${options.shard!.count}: runs ${from}..${to - 1} of ${options.runs} in ${seconds} s\n` +
          `wrote ${written.join(', ')}\nmerge all shards with: rehearse merge <partials...> --out DIR\n`,
      );
    }
    return 0;
  }
  if (options.json)
    context.stdout.write(`${JSON.stringify(riskJsonSummary(outputs.risk, written), null, 2)}\n`);
  else if (!options.quiet) {
    const { formatRiskSummary } = await import('../../report/formatRiskSummary.js');
    context.stdout.write(`${formatRiskSummary(outputs.risk)}\n\n`);
    context.stdout.write(
      `${options.runs} runs on ${options.workers} worker${options.workers === 1 ? '' : 's'} in ${seconds} s\n`,
    );
    context.stdout.write(`wrote ${written.join('\n      ')}\n`);
  }
  return reportFailures(riskFailures(options.failOn, outputs.risk), context.stderr);
}
