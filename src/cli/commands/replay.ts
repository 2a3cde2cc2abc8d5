import { stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { packageInfo } from '../../io/packageRoot.js';
import { parseIsoTime } from '../../io/parseObservationRow.js';
import { replayObservationsFile } from '../../io/readObservations.js';
import { readScenario } from '../../io/readScenario.js';
import { readRunTemplates } from '../../io/rehearseScenario.js';
import { unknownPhase } from '../../replay/index.js';
import {
  buildResults,
  buildRunJsonSummary,
  COLOR_STYLE,
  formatOutcomeLine,
  formatOutcomeTable,
  PLAIN_STYLE,
  RUN_REPORT,
  renderDataFiles,
  renderReport,
} from '../../report/index.js';
import type { Plan } from '../../scenario/plan.js';
import type { Problem } from '../../scenario/problems.js';
import type { CommonFlagValues } from '../commonFlags.js';
import { outcomeFailures, parseFailOn, REPLAY_FAIL_ON, reportFailures } from '../failOn/index.js';
import { flagProblem, inFolder, outFlag, quoted, resolveScenario, throwIfProblems } from '../flags.js';
import { createProgress, type ProgressBar } from '../progressBar.js';
import type { TextSink } from '../reportError.js';
import { writeOutputs } from '../writeOutputs.js';

/** The flags as commander hands them over. */
export interface ReplayFlags extends Pick<CommonFlagValues, 'out' | 'report' | 'json' | 'quiet'> {
  scenario?: string;
  lenient?: boolean;
  /** `--phase-start <phase>=<ISO time>`, repeated: one per phase. */
  phaseStart?: string[];
  /** `--fail-on`, repeatable: one value, or every value given. */
  failOn?: string | string[];
}

const PHASE_START_EXPECTED = '<phase>=<ISO-8601 time with zone>, like canary=2025-10-31T12:00:00Z';

/**
 * `--phase-start` texts as epoch ms by phase name: each `<phase>=<ISO time>`, a phase of the plan, once.
 * Adds a problem for each bad one.
 */
function phaseStartFlags(texts: readonly string[], plan: Plan, problems: Problem[]): Record<string, number> {
  const names = plan.phases.map((phase) => phase.name);
  const starts: Record<string, number> = {};
  for (const text of texts) {
    const equals = text.indexOf('=');
    const name = text.slice(0, Math.max(0, equals));
    const epochMs = equals < 0 ? null : parseIsoTime(text.slice(equals + 1));
    if (epochMs === null) problems.push(flagProblem('--phase-start', PHASE_START_EXPECTED, quoted(text)));
    else if (!names.includes(name)) {
      const { expected, found } = unknownPhase(name, names);
      problems.push(flagProblem('--phase-start', expected, found));
    } else if (name in starts)
      problems.push(flagProblem('--phase-start', 'one start per phase', `${name} given twice`));
    else starts[name] = epochMs;
  }
  return starts;
}

/** Where the command prints, and the folder relative paths start from (as for `rehearse run`). */
export interface ReplayContext {
  stdout: TextSink;
  /** Warnings, what `--fail-on` matched, and progress (a bar on a TTY, heartbeat lines otherwise). */
  stderr: TextSink & { isTTY?: boolean };
  color: boolean;
  cwd?: string;
  /** The clock of the progress, ms (default `performance.now`). */
  now?: () => number;
}

const MB = 1_000_000;

/** Progress in MB of the file read, from the bytes read so far. */
async function readProgress(path: string, flags: ReplayFlags, context: ReplayContext) {
  const sizeBytes = await stat(path).then(
    (stats) => stats.size,
    () => 0,
  );
  const progress: ProgressBar = createProgress(context.stderr, sizeBytes / MB, {
    label: 'replay',
    unit: 'MB read',
    quiet: flags.quiet ?? false,
    bar: true,
    ...(context.now === undefined ? {} : { now: context.now }),
  });
  let reportedBytes = 0;
  return {
    onProgress: (bytesRead: number) => {
      progress.add((bytesRead - reportedBytes) / MB);
      reportedBytes = bytesRead;
    },
    end: () => progress.end(),
  };
}

/**
 * `rehearse replay <observed.csv>` as a function, for the CLI and for tests: reads the plan, replays the
 * CSV through its gates and guards, writes the same files as `rehearse run` (with a `replay` section in
 * `results.json`) atomically, prints the summary and the data checks, and returns 0, or 3 when a
 * `--fail-on` condition matched (the reason on stderr). Bad input throws `InputError` before anything is
 * written.
 */
export async function replayCommand(
  observed: string,
  flags: ReplayFlags,
  context: ReplayContext,
): Promise<number> {
  const problems: Problem[] = [];
  const out = outFlag(flags.out, problems);
  const failOn = parseFailOn(flags.failOn, REPLAY_FAIL_ON, problems);
  throwIfProblems(problems);
  const scenario = resolveScenario(flags.scenario, context.cwd);
  const plan = await readScenario(scenario.path);
  const phaseStarts = phaseStartFlags(flags.phaseStart ?? [], plan, problems);
  throwIfProblems(problems);
  const path = inFolder(context.cwd, observed);
  const progress = await readProgress(path, flags, context);
  const { rehearsal, replay } = await replayObservationsFile(path, plan, {
    lenient: flags.lenient ?? false,
    file: observed,
    phaseStarts,
    onProgress: progress.onProgress,
  }).finally(progress.end);
  const { root, version } = packageInfo();
  const meta = { tool: { name: 'rollout-rehearsal', version }, scenarioFile: scenario.file };
  const results = { ...buildResults(plan, rehearsal, meta), replay };
  const outputs =
    flags.report === false
      ? renderDataFiles(RUN_REPORT, results)
      : await renderReport(RUN_REPORT, results, await readRunTemplates(join(root, 'templates')));
  const outDir = out ?? join('reports', `${basename(observed, extname(observed))}-replay`);
  const written = await writeOutputs(context.cwd, outDir, outputs);

  for (const warning of results.warnings) context.stderr.write(`warning: ${warning}\n`);
  if (flags.json) {
    context.stdout.write(
      `${JSON.stringify({ ...buildRunJsonSummary(results, written), replay }, null, 2)}\n`,
    );
  } else if (!flags.quiet) {
    const style = context.color ? COLOR_STYLE : PLAIN_STYLE;
    const skipped = replay.skippedRows > 0 ? `, ${replay.skippedRows} skipped` : '';
    context.stdout.write(
      `replayed ${observed}: ${replay.rows} rows${skipped}, ${replay.points} recorded points\n`,
    );
    context.stdout.write(`${formatOutcomeTable(results, style)}\n${formatOutcomeLine(results, style)}\n\n`);
    context.stdout.write(`wrote ${written.join('\n      ')}\n`);
  }
  return reportFailures(outcomeFailures(failOn, results), context.stderr);
}
