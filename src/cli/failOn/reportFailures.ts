import type { TextSink } from '../reportError.js';
import { EXIT_FAIL_ON } from './failOnTerm.js';

/**
 * Prints each `--fail-on` condition that matched on stderr (`fail-on: false-rollback>5%: 100.00% > 5.00% …`,
 * even with --quiet: it explains the exit code) and returns the exit code: {@link EXIT_FAIL_ON} when any
 * matched, else 0.
 */
export function reportFailures(failures: readonly string[], stderr: TextSink): number {
  for (const failure of failures) stderr.write(`fail-on: ${failure}\n`);
  return failures.length > 0 ? EXIT_FAIL_ON : 0;
}
