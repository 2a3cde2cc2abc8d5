import type { Command } from 'commander';
import type { ValidateFlags } from '../commands/validate.js';
import { withCommonFlags } from '../commonFlags.js';

/** `rehearse validate <scenario>`: schema and sense checks only; writes nothing. */
export function registerValidate(program: Command): void {
  const command = program
    .command('validate')
    .description('check a scenario file (schema and sense checks); writes nothing')
    .argument('<scenario>', 'scenario file (YAML or JSON)');
  withCommonFlags(command, ['json', 'quiet'])
    .addHelpText(
      'after',
      '\nExit codes: 0 valid, 2 problems (each on stderr; with --json also on stdout as { valid: false, problems }), 1 internal error.\n',
    )
    .action(async (file: string, flags: ValidateFlags) => {
      const { validateCommand } = await import('../commands/validate.js');
      await validateCommand(file, flags, { stdout: process.stdout, stderr: process.stderr });
    });
}
