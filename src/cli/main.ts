import { CommanderError } from 'commander';
import { buildProgram } from './program.js';
import { reportError } from './reportError.js';

/**
 * The `rehearse` entry point: parses argv, runs the command, and maps every outcome to an exit
 * code in this one place: 0 done (whatever the rehearsal's outcome), 2 bad input, 1 internal error.
 */
export async function main(argv: readonly string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      const ok =
        error.exitCode === 0 ||
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version';
      process.exit(ok ? 0 : 2);
    }
    process.exit(reportError(error, process.stderr));
  }
}
