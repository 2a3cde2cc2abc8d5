/**
 * One thing wrong with a controller manifest field, found without reading any file: the caller that read
 * the manifest adds the file and line. `position` is the 1-based character in the field's text (an
 * expression or a query) where the problem starts, when there is one.
 *
 * @example { path: 'metrics[0].successCondition', expected: 'an operator or the end', found: '`=` at position 11', position: 11 }
 */
export interface SpecProblem {
  path: string;
  expected: string;
  found: string;
  position?: number;
}
