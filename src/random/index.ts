/**
 * Seeded random streams and exact samplers. Every sampler takes the stream first; streams come from
 * {@link deriveStream}, one per (seed, run, purpose).
 */
export { deriveStream } from './deriveStream.js';
export { normalCdf } from './normalCdf.js';
export { normalQuantile } from './normalQuantile.js';
export { RandomStream, type StreamKeyPrefix } from './randomStream.js';
export { sampleBeta } from './sampleBeta.js';
export { sampleBinomial } from './sampleBinomial.js';
export { sampleExponential } from './sampleExponential.js';
export { sampleGamma } from './sampleGamma.js';
export { sampleLognormal } from './sampleLognormal.js';
export { type CountsOut, sampleMultinomialInto } from './sampleMultinomialInto.js';
export { sampleNormal, sampleStandardNormal } from './sampleNormal.js';
export { samplePoisson } from './samplePoisson.js';
export { sampleZeroTruncatedPoisson } from './sampleZeroTruncatedPoisson.js';
export { stirlingTail } from './stirlingTail.js';
export { type StreamKeyPart, streamKey, streamKeyHead, streamKeyTail } from './streamKey.js';
