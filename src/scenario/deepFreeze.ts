/**
 * Freezes `value` and every object and array it holds, in place, and returns it: after compile a Plan is
 * shared by every run, worker job and report, so nothing may change it. Plain data only (no typed arrays).
 *
 * @example deepFreeze({ phases: [{ gates: [] }] }).phases[0].gates.push(x) // TypeError
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}
