import { Command } from 'commander';
import { packageInfo } from '../io/packageRoot.js';
import { registerCalibrate } from './register/calibrate.js';
import { registerExport } from './register/export.js';
import { registerImport } from './register/import.js';
import { registerMerge } from './register/merge.js';
import { registerReplay } from './register/replay.js';
import { registerReport } from './register/report.js';
import { registerRisk } from './register/risk.js';
import { registerRun } from './register/run.js';
import { registerTraffic } from './register/traffic.js';
import { registerValidate } from './register/validate.js';
import { registerWhatif } from './register/whatif.js';

const EXAMPLES = `
Examples:
  $ rehearse run                                  rehearse the default plan once (scenarios/sprint2-rollout.yaml)
  $ rehearse validate scenarios/sprint2-rollout.yaml
  $ rehearse run my-plan.yaml --seed 7 --out reports/try-7
  $ rehearse risk --runs 10000 --workers 2        how likely each outcome is, with 95% intervals
  $ rehearse whatif --fault 'latency-spike phase=ramp at=2h duration=20m factor=6'
  $ rehearse replay scenarios/observed/sprint2-canary.csv --scenario scenarios/sprint2-rollout.yaml
  $ rehearse traffic --phase canary --format ndjson | head
  $ rehearse risk --runs 2000 --fail-on 'false-rollback>5%@ci'   fail CI when noise rolls back too often
  $ rehearse import argo rollout.yaml analysis.yaml   a scenario that rehearses an Argo Rollout as it is
  $ rehearse export flagger scenarios/sprint2-rollout.yaml   the plan as a Flagger Canary

Exit codes: 0 done (whatever the rehearsal's outcome), 2 bad input, 1 internal error,
3 a --fail-on condition matched (run, risk, whatif, replay, merge; the reason on stderr).`;

/**
 * Builds the `rehearse` command tree: each command's flags and help are declared in register/, and its
 * implementation in commands/ is loaded only when that command runs, so `--help` and the quick commands
 * do not load the engine, the templates or the chart library.
 */
export function buildProgram(): Command {
  const program = new Command('rehearse')
    .description('Rehearse a progressive rollout offline: traffic, gates, risk, revenue and reports.')
    .version(packageInfo().version, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', EXAMPLES)
    .exitOverride();
  registerRun(program);
  registerValidate(program);
  registerReplay(program);
  registerReport(program);
  registerCalibrate(program);
  registerTraffic(program);
  registerWhatif(program);
  registerRisk(program);
  registerMerge(program);
  registerImport(program);
  registerExport(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}
