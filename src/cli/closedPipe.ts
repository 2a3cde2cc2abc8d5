/** A stream the CLI prints on: stdout or stderr. */
interface OutputStream {
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/**
 * Lets `rehearse … | head -1` end quietly: when the reader of stdout or stderr goes away, writing to it
 * fails with EPIPE, which Node raises as an 'error' event that would crash the process with a stack
 * trace and exit code 1. A closed pipe is how a reader says it has read enough, so the command finishes
 * as usual (its files are written, its exit code stands) and what it still prints goes nowhere: the
 * stream is destroyed, and writes to a destroyed stream are dropped. Any other error stays fatal.
 */
export function endQuietlyOnClosedPipe(stream: OutputStream): void {
  stream.on('error', (error) => {
    if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
  });
}
