import { InternalError } from '../errors.js';
import { parseDurationMs } from './duration.js';

/**
 * Reading a validated scenario: what validation guarantees, asserted. A failure here is a bug (the
 * scenario did not come from `validateScenario`), so it throws InternalError, not InputError.
 */

/** The ms of a duration that validation accepted. */
export function validDurationMs(text: string): number {
  const ms = parseDurationMs(text);
  if (ms === null)
    throw new InternalError(`compileScenario got an unvalidated duration ${JSON.stringify(text)}`);
  return ms;
}

/** The index of a name that validation found among `names`. */
export function validIndex(names: readonly string[], name: string, what: string): number {
  const index = names.indexOf(name);
  if (index < 0) throw new InternalError(`compileScenario got an unknown ${what} ${JSON.stringify(name)}`);
  return index;
}
