import type { Command } from 'commander';
import type { ValidateFlags } from '../commands/validate.js';

/** `rehearse validate <scenario>`: schema and sense checks only; writes nothing. */
export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check a scenario file (schema and sense checks); writes nothing')
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option('--json', 'print a machine-readable summary on stdout')
    .option('--quiet', 'print nothing when the scenario is valid')
    .action(async (file: string, flags: ValidateFlags) => {
      const { validateCommand } = await import('../commands/validate.js');
      await validateCommand(file, flags, { stdout: process.stdout });
    });
}
