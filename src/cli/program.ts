import { Command } from 'commander';
import { packageInfo } from '../io/packageRoot.js';
import { registerValidate } from './commands/validate.js';

const EXAMPLES = `
Examples:
  $ rehearse validate scenarios/sprint2-rollout.yaml

Exit codes: 0 done, 2 bad input, 1 internal error.`;

/** Builds the `rehearse` command tree; each command lives in its own file under commands/. */
export function buildProgram(): Command {
  const program = new Command('rehearse')
    .description('Rehearse a progressive rollout offline: traffic, gates, risk, revenue and reports.')
    .version(packageInfo().version, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', EXAMPLES)
    .exitOverride();
  registerValidate(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}
