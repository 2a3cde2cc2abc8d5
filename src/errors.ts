import type { Problem } from './scenario/problems.js';
import { formatProblem } from './scenario/problems.js';

/**
 * Bad input (a scenario, a CSV file, a flag): the user can fix it. Carries every problem found,
 * each with file, line, field path, expected and found. The CLI prints each problem once and exits 2.
 */
export class InputError extends Error {
  readonly problems: Problem[];

  constructor(problems: readonly Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'InputError';
    this.problems = [...problems];
  }
}

/** A bug: an invariant of our own code does not hold. The CLI maps it to exit code 1. */
export class InternalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InternalError';
  }
}
