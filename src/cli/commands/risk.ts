import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, extname, isAbsolute, join } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import { packageInfo } from '../../io/packageRoot.js';
import { runRiskStudy } from '../../io/runRiskStudy.js';
import { writeFilesAtomically } from '../../io/writeFilesAtomically.js';
import { formatRiskSummary, parseShard, type Risk, type Shard } from '../../risk/index.js';
import type { Problem } from '../../scenario/problems.js';
import { createProgressBar, type ProgressStream } from '../progressBar.js';
import type { TextSink } from '../reportError.js';
import { DEFAULT_SCENARIO, parseRunFlags } from './run.js';

/** Runs of a study when `--runs` is not given. */
export const DEFAULT_RUNS = 10_000;

/** The flags as commander hands them over: strings, not yet validated. */
export interface RiskFlags {
  runs?: string;
  workers?: string;
  seed?: string;
  fidelity?: string;
  approve?: boolean;
  shard?: string;
  out?: string;
  json?: boolean;
  quiet?: boolean;
}

/** Where the command prints, and the folder relative paths start from. */
export interface RiskContext {
  stdout: TextSink;
  /** Progress goes here, only when it is a TTY. */
  stderr: ProgressStream;
  cwd?: string;
  /** Milliseconds, for the progress bar's time left and the elapsed time (default `performance.now`). */
  now?: () => number;
}

function flagProblem(flag: string, expected: string, found: string): Problem {
  return { file: flag, line: null, column: null, path: '', expected, found: JSON.stringify(found) };
}

function wholeNumber(
  text: string | undefined,
  fallback: number,
  flag: string,
  min: number,
  problems: Problem[],
): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min) {
    problems.push(flagProblem(flag, `a whole number ≥ ${min}`, text));
    return fallback;
  }
  return value;
}

/** Validates every flag and reports all bad ones at once. */
export function parseRiskFlags(flags: RiskFlags) {
  const problems: Problem[] = [];
  let common: ReturnType<typeof parseRunFlags> | null = null;
  try {
    common = parseRunFlags({
      ...(flags.seed === undefined ? {} : { seed: flags.seed }),
      ...(flags.out === undefined ? {} : { out: flags.out }),
      ...(flags.fidelity === undefined ? {} : { fidelity: flags.fidelity }),
      approve: flags.approve ?? true,
    });
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    problems.push(...error.problems);
  }
  const runs = wholeNumber(flags.runs, DEFAULT_RUNS, '--runs', 1, problems);
  const workers = wholeNumber(flags.workers, availableParallelism(), '--workers', 1, problems);
  let shard: Shard | undefined;
  if (flags.shard !== undefined) {
    shard = parseShard(flags.shard) ?? undefined;
    if (shard === undefined)
      problems.push(flagProblem('--shard', 'i/n with 1 ≤ i ≤ n, e.g. 2/4', flags.shard));
  }
  if (problems.length > 0 || common === null) throw new InputError(problems);
  return {
    seed: common.seed,
    out: common.out,
    fidelity: common.fidelity,
    approve: common.approve,
    runs,
    workers,
    shard,
    json: flags.json ?? false,
    quiet: flags.quiet ?? false,
  };
}

function inFolder(cwd: string | undefined, path: string): string {
  return cwd === undefined || isAbsolute(path) ? path : join(cwd, path);
}

/** The named scenario, or the default from the current folder or else the package (as `rehearse run`). */
function resolveScenario(named: string | undefined, cwd: string | undefined): { path: string; file: string } {
  if (named !== undefined) return { path: inFolder(cwd, named), file: named };
  const local = inFolder(cwd, DEFAULT_SCENARIO);
  const packaged = join(packageInfo().root, DEFAULT_SCENARIO);
  return { path: existsSync(local) || !existsSync(packaged) ? local : packaged, file: DEFAULT_SCENARIO };
}

/** What `--json` prints: the headline probabilities and the files written. */
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
        op: guard.op,
        threshold: guard.threshold,
        pFalseTrip: guard.current.falseTrip,
      })),
    files: written,
  };
}

/**
 * `rehearse risk [scenario]` as a function, for the CLI and for tests: validates the flags, runs the
 * study on worker threads with a progress bar (a TTY only), writes risk.json, risk.md and risk.html
 * (or, with `--shard`, the shard's partial) atomically, prints the summary, and returns 0. Bad input
 * throws `InputError` before any run.
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
  const bar = createProgressBar(context.stderr, total, now);
  const outputs = await runRiskStudy({
    scenarioPath: path,
    scenarioFile: file,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    runs: options.runs,
    workers: options.workers,
    fidelity: options.fidelity,
    approve: options.approve,
    ...(options.shard === undefined ? {} : { shard: options.shard }),
    onProgress: (done) => bar.add(done),
  }).finally(() => bar.end());
  const seconds = ((now() - startMs) / 1000).toFixed(1);
  await writeFilesAtomically(inFolder(context.cwd, outDir), outputs.files);
  const written = outputs.files.map((output) => join(outDir, output.name));
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
    context.stdout.write(`${formatRiskSummary(outputs.risk)}\n\n`);
    context.stdout.write(
      `${options.runs} runs on ${options.workers} worker${options.workers === 1 ? '' : 's'} in ${seconds} s\n`,
    );
    context.stdout.write(`wrote ${written.join('\n      ')}\n`);
  }
  return 0;
}

/** `rehearse risk [scenario]`: a Monte Carlo over many rehearsals; writes risk.json, risk.md and risk.html. */
export function registerRisk(program: Command): void {
  program
    .command('risk')
    .description('rehearse a rollout many times on all cores; write risk.json, risk.md and risk.html')
    .argument('[scenario]', `scenario file (YAML or JSON); default ${DEFAULT_SCENARIO}`)
    .option('--runs <n>', `rehearsals (default ${DEFAULT_RUNS.toLocaleString('en-US')})`)
    .option('--workers <n>', 'worker threads (default: the number of cores; 1 runs on the main thread)')
    .option(
      '--seed <n>',
      "master seed, a non-negative integer (overrides the scenario's); run i uses runSeed(seed, i)",
    )
    .option('--fidelity <mode>', 'aggregate (sampled counts) or request (every request)', 'aggregate')
    .option('--no-approve', 'do not approve manual phases: the rollout halts at the first one')
    .option(
      '--shard <i/n>',
      'rehearse only slice i of n of the runs and write a partial file for `rehearse merge`',
    )
    .option('--out <dir>', 'output folder (default reports/<scenario file name>/)')
    .option('--json', 'print a machine-readable summary on stdout instead of the table')
    .option('--quiet', 'print nothing but errors')
    .action(async (scenario: string | undefined, flags: RiskFlags) => {
      const code = await riskCommand(scenario, flags, { stdout: process.stdout, stderr: process.stderr });
      if (code !== 0) process.exitCode = code;
    });
}
