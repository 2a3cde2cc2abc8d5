/** Intervals for proportions and summaries of Monte Carlo samples. */
export { betaQuantile, betaQuantileUpper } from './betaQuantile.js';
export { clopperPearsonInterval } from './clopperPearsonInterval.js';
export { type MeanWithStandardError, meanWithStandardError } from './meanWithStandardError.js';
export { type Probability, probability } from './probability.js';
export { type QuantileKey, type Quantiles, quantiles } from './quantiles.js';
export {
  regularizedIncompleteBeta,
  regularizedIncompleteBetaComplement,
} from './regularizedIncompleteBeta.js';
export { wilsonInterval } from './wilsonInterval.js';
