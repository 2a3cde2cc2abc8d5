import { InputError, InternalError } from '../errors.js';
import { formatProblem } from '../scenario/problems.js';

/** Where error text goes: the process' stderr, or a buffer in tests. */
export interface TextSink {
  write(text: string): unknown;
}

/**
 * Prints an error the way a user should see it and returns the exit code: every problem of an
 * `InputError` once, one per line, with no stack trace (2); anything else as an internal error (1),
 * with its stack only when REHEARSE_DEBUG is set.
 */
export function reportError(error: unknown, sink: TextSink): number {
  if (error instanceof InputError) {
    for (const problem of error.problems) sink.write(`error: ${formatProblem(problem)}\n`);
    const count = error.problems.length;
    sink.write(`${count} problem${count === 1 ? '' : 's'}; nothing was written.\n`);
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  const kind = error instanceof InternalError ? 'internal error' : 'unexpected error';
  sink.write(`rehearse: ${kind}: ${message}\n`);
  if (process.env.REHEARSE_DEBUG && error instanceof Error && error.stack) sink.write(`${error.stack}\n`);
  else sink.write('This is a bug in rehearse; run again with REHEARSE_DEBUG=1 for details.\n');
  return 1;
}
