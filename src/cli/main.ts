import { CommanderError } from 'commander';
import { endQuietlyOnClosedPipe } from './closedPipe.js';
import { buildProgram } from './program.js';
import { reportError } from './reportError.js';

const TOP_LEVEL_FLAGS = new Set(['-h', '--help', '-V', '--version']);

/**
 * With no command, `rehearse` rehearses: `rehearse` alone (and `npm start`) runs the default
 * scenario, and `rehearse --seed 7` is `rehearse run --seed 7`. Anything else is left as typed.
 */
export function withDefaultCommand(args: readonly string[]): string[] {
  const first = args[0];
  if (first === undefined || (first.startsWith('-') && !TOP_LEVEL_FLAGS.has(first))) return ['run', ...args];
  return [...args];
}

/**
 * The `rehearse` entry point: parses argv, runs the command, and maps every outcome to an exit
 * code in this one place: 0 done (whatever the rehearsal's outcome), 2 bad input, 1 internal error. A
 * reader that closes the pipe early (`| head -1`) changes none of that.
 * (A command's `--fail-on` sets exit code 3 itself when one of its conditions matches.)
 */
export async function main(argv: readonly string[]): Promise<void> {
  endQuietlyOnClosedPipe(process.stdout);
  endQuietlyOnClosedPipe(process.stderr);
  const program = buildProgram();
  try {
    await program.parseAsync([...argv.slice(0, 2), ...withDefaultCommand(argv.slice(2))]);
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
