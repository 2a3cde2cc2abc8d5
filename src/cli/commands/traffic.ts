import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import {
  formatRequestLogInterval,
  phaseRequestLog,
  REQUEST_LOG_COLUMNS,
  type RequestLogFormat,
} from '../../engine/index.js';
import { readScenario } from '../../io/readScenario.js';
import type { Plan } from '../../scenario/plan.js';
import type { Problem } from '../../scenario/problems.js';
import type { CommonFlagValues } from '../commonFlags.js';
import {
  flagProblem,
  inFolder,
  outFlag,
  quoted,
  resolveScenario,
  seedFlag,
  throwIfProblems,
  wholeNumberFlag,
} from '../flags.js';
import { createProgress, type ProgressBar, type ProgressStream } from '../progressBar.js';

const FORMATS: readonly RequestLogFormat[] = ['csv', 'ndjson'];

/** The flags as commander hands them over: strings, not yet validated. */
export interface TrafficFlags extends Pick<CommonFlagValues, 'seed' | 'quiet'> {
  phase?: string;
  format?: string;
  out?: string;
  limit?: string;
}

/** Where the log goes when there is no `--out`, where progress goes, and the folder relative paths start from. */
export interface TrafficContext {
  stdout: Writable;
  /** Heartbeat lines when it is not a terminal; a bar when it is and the log goes to `--out`. */
  stderr: ProgressStream;
  cwd?: string;
  /** The clock of the progress, ms (default `performance.now`). */
  now?: () => number;
}

const MINUTE_MS = 60_000;

/** A problem with a flag that may be missing (`nothing`). */
function problem(flag: string, expected: string, found: string | undefined): Problem {
  return flagProblem(flag, expected, found === undefined ? 'nothing' : quoted(found));
}

/** Validated flags; every bad flag is reported at once. */
function parseFlags(
  flags: TrafficFlags,
  plan: Plan,
): { phaseIndex: number; format: RequestLogFormat; seed: number; limit: number } {
  const problems: Problem[] = [];
  const names = plan.phases.map((phase) => phase.name);
  const phaseIndex = flags.phase === undefined ? -1 : names.indexOf(flags.phase);
  if (phaseIndex < 0)
    problems.push(problem('--phase', `one of the scenario's phases: ${names.join(', ')}`, flags.phase));
  const format = (flags.format ?? 'csv') as RequestLogFormat;
  if (!FORMATS.includes(format)) problems.push(problem('--format', 'csv or ndjson', flags.format));
  const seed = seedFlag(flags.seed, problems) ?? plan.seed;
  const limit = wholeNumberFlag(flags.limit, '--limit', Number.POSITIVE_INFINITY, problems, {
    min: 1,
    expected: 'a whole number of rows ≥ 1',
  });
  outFlag(flags.out, problems, 'a file path');
  throwIfProblems(problems);
  return { phaseIndex, format, seed, limit };
}

function isBrokenPipe(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'EPIPE';
}

/**
 * Streams the log to `stream` interval by interval, holding one interval at a time and waiting for
 * 'drain' whenever the stream's buffer is full, and counts the phase's simulated minutes into `progress`.
 * A reader that goes away (`| head`: EPIPE) ends the log quietly. Returns the rows written.
 */
async function streamLog(
  plan: Plan,
  options: ReturnType<typeof parseFlags>,
  stream: Writable,
  progress: ProgressBar,
): Promise<number> {
  const segmentIds = plan.segments.map((segment) => segment.id);
  let failure: unknown = null;
  let closed = false;
  const onError = (error: unknown) => {
    if (isBrokenPipe(error)) closed = true;
    else failure ??= error;
  };
  stream.on('error', onError);
  const write = async (text: string) => {
    if (stream.write(text)) return;
    try {
      await once(stream, 'drain');
    } catch (error) {
      onError(error);
    }
  };
  let rows = 0;
  let reachedMs: number | null = null;
  try {
    if (options.format === 'csv') await write(`${REQUEST_LOG_COLUMNS.join(',')}\n`);
    for (const interval of phaseRequestLog(plan, options.phaseIndex, options.seed)) {
      if (closed || failure !== null) break;
      progress.add((interval.startMs - (reachedMs ?? interval.startMs)) / MINUTE_MS);
      reachedMs = interval.startMs;
      const chunk = formatRequestLogInterval(interval, segmentIds, options.format, options.limit - rows);
      rows += chunk.rows;
      if (chunk.text !== '') await write(chunk.text);
      if (rows >= options.limit) break;
    }
  } finally {
    stream.off('error', onError);
    progress.end();
  }
  if (failure !== null) throw failure;
  return rows;
}

/**
 * `rehearse traffic [scenario] --phase NAME` as a function, for the CLI and for tests: the synthetic
 * request log of one phase (CSV or NDJSON, sorted by time), to `--out` (written under a temporary name and
 * renamed when complete) or to stdout, with progress on stderr (heartbeat lines in a log; a bar on a
 * terminal only with `--out`; nothing with `--quiet`). Bad input throws `InputError` before anything is
 * written.
 */
export async function trafficCommand(
  scenario: string | undefined,
  flags: TrafficFlags,
  context: TrafficContext,
): Promise<number> {
  const plan = await readScenario(resolveScenario(scenario, context.cwd).path);
  const options = parseFlags(flags, plan);
  const progress = createProgress(context.stderr, plan.phases[options.phaseIndex]!.durationMs / MINUTE_MS, {
    label: 'traffic',
    unit: 'simulated minutes',
    quiet: flags.quiet ?? false,
    bar: flags.out !== undefined,
    ...(context.now === undefined ? {} : { now: context.now }),
  });
  if (flags.out === undefined) return streamLog(plan, options, context.stdout, progress);

  const finalPath = inFolder(context.cwd, flags.out);
  const tmpPath = `${finalPath}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const file = createWriteStream(tmpPath);
  try {
    const rows = await streamLog(plan, options, file, progress);
    file.end();
    await once(file, 'close');
    await rename(tmpPath, finalPath);
    return rows;
  } catch (error) {
    file.destroy();
    await rm(tmpPath, { force: true });
    throw error;
  }
}
