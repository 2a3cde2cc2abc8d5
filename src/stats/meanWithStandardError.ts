import { mean, sampleStandardDeviation } from 'simple-statistics';

/** A sample mean and its standard error, in the unit of the values. */
export interface MeanWithStandardError {
  mean: number;
  /** s/√n with s the sample (n − 1) standard deviation; NaN for a single value. */
  standardError: number;
}

/**
 * The sample mean (compensated summation) and its standard error s/√n, e.g. expected revenue over
 * Monte Carlo runs and how precisely the runs pin it down.
 *
 * @param values a non-empty sample, finite numbers.
 * @example meanWithStandardError([2, 4, 4, 4, 5, 5, 7, 9]) // { mean: 5, standardError: 0.7559… }
 */
export function meanWithStandardError(values: readonly number[]): MeanWithStandardError {
  if (values.length === 0) throw new RangeError('meanWithStandardError: values must not be empty');
  if (values.some((v) => !Number.isFinite(v))) {
    throw new RangeError('meanWithStandardError: values must be finite numbers');
  }
  return {
    mean: mean(values),
    standardError:
      values.length < 2 ? Number.NaN : sampleStandardDeviation(values) / Math.sqrt(values.length),
  };
}
