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
  renderRunReport,
} from '../../report/index.js';
import type { Plan } from '../../scenario/plan.js';
import type { Problem } from '../../scenario/problems.js';
import { flagProblem, inFolder, outFlag, quoted, resolveScenario, throwIfProblems } from '../flags.js';
import type { TextSink } from '../reportError.js';
import { writeOutputs } from '../writeOutputs.js';

/** The flags as commander hands them over. */
export interface ReplayFlags {
  scenario?: string;
  out?: string;
  lenient?: boolean;
  /** `--phase-start <phase>=<ISO time>`, repeated: one per phase. */
  phaseStart?: string[];
  json?: boolean;
  quiet?: boolean;
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
  stderr: TextSink;
  color: boolean;
  cwd?: string;
}

/**
 * `rehearse replay <observed.csv>` as a function, for the CLI and for tests: reads the plan, replays the
 * CSV through its gates and guards, writes the same files as `rehearse run` (with a `replay` section in
 * `results.json`) atomically, and prints the summary and the data checks. Bad input throws `InputError`
 * before anything is written.
 */
export async function replayCommand(
  observed: string,
  flags: ReplayFlags,
  context: ReplayContext,
): Promise<number> {
  const problems: Problem[] = [];
  const out = outFlag(flags.out, problems);
  throwIfProblems(problems);
  const scenario = resolveScenario(flags.scenario, context.cwd);
  const plan = await readScenario(scenario.path);
  const phaseStarts = phaseStartFlags(flags.phaseStart ?? [], plan, problems);
  throwIfProblems(problems);
  const { rehearsal, replay } = await replayObservationsFile(inFolder(context.cwd, observed), plan, {
    lenient: flags.lenient ?? false,
    file: observed,
    phaseStarts,
  });
  const { root, version } = packageInfo();
  const meta = { tool: { name: 'rollout-rehearsal', version }, scenarioFile: scenario.file };
  const results = { ...buildResults(plan, rehearsal, meta), replay };
  const outputs = await renderRunReport(results, await readRunTemplates(join(root, 'templates')));
  const outDir = out ?? join('reports', `${basename(observed, extname(observed))}-replay`);
  const written = await writeOutputs(context.cwd, outDir, outputs);

  for (const warning of replay.warnings) context.stderr.write(`warning: ${warning.message}\n`);
  const total = Object.values(replay.warningCounts).reduce((sum, count) => sum + count, 0);
  if (total > replay.warnings.length) {
    context.stderr.write(`warning: … and ${total - replay.warnings.length} more (counted in results.json)\n`);
  }
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
  return 0;
}
