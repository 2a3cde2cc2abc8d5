import { basename, extname, join } from 'node:path';
import { mergeRiskStudy } from '../../io/mergeRiskStudy.js';
import { formatRiskSummary } from '../../report/index.js';
import type { Problem } from '../../scenario/problems.js';
import type { CommonFlagValues } from '../commonFlags.js';
import { parseFailOn, RISK_FAIL_ON, reportFailures, riskFailures } from '../failOn/index.js';
import { inFolder, outFlag, throwIfProblems } from '../flags.js';
import type { TextSink } from '../reportError.js';
import { writeOutputs } from '../writeOutputs.js';
import { riskJsonSummary } from './risk.js';

export interface MergeFlags extends Pick<CommonFlagValues, 'out' | 'json' | 'quiet'> {
  /** `--fail-on`, repeatable: one value, or every value given. */
  failOn?: string | string[];
}

export interface MergeContext {
  stdout: TextSink;
  /** Where `--fail-on` says which threshold was crossed. */
  stderr: TextSink;
  cwd?: string;
}

/**
 * `rehearse merge <partials...>` as a function: merges the shards' partial files into the risk.json,
 * risk.md and risk.html one machine would have written (byte-identical), writes them atomically into
 * `--out` (default reports/<scenario file name>/), and returns 0 (3 when a `--fail-on` threshold is
 * crossed). Partials of different studies,
 * duplicate or missing shards are bad input (`InputError`), and nothing is written.
 */
export async function mergeCommand(
  partials: readonly string[],
  flags: MergeFlags,
  context: MergeContext,
): Promise<number> {
  const problems: Problem[] = [];
  const out = outFlag(flags.out, problems);
  const failOn = parseFailOn(flags.failOn, RISK_FAIL_ON, problems);
  throwIfProblems(problems);
  const { risk, files } = await mergeRiskStudy(partials.map((path) => inFolder(context.cwd, path)));
  const file = risk.scenario.file;
  const outDir = out ?? join('reports', basename(file, extname(file)));
  const written = await writeOutputs(context.cwd, outDir, files);
  if (flags.json) context.stdout.write(`${JSON.stringify(riskJsonSummary(risk, written), null, 2)}\n`);
  else if (!flags.quiet) {
    context.stdout.write(
      `${formatRiskSummary(risk)}\n\nmerged ${partials.length} partial${partials.length === 1 ? '' : 's'}\n`,
    );
    context.stdout.write(`wrote ${written.join('\n      ')}\n`);
  }
  return reportFailures(riskFailures(failOn, risk), context.stderr);
}
