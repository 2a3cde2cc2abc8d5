/**
 * Fitting the analyzer model to observations (pure): error rate and availability with Clopper–Pearson
 * intervals, a lognormal latency by maximum likelihood with an Anderson–Darling goodness-of-fit verdict,
 * per-segment error rates, and the `analyzers.candidate` YAML block. Reading files is in `io/`.
 */
export {
  ANDERSON_DARLING_MIN_N,
  type AndersonDarlingResult,
  andersonDarlingNormal,
} from './andersonDarlingNormal.js';
export type { Calibration, RecordedLatency } from './calibration.js';
export {
  AVAILABILITY_BLOCKS,
  type AvailabilityFit,
  fitAvailability,
  type MinuteCounts,
} from './fitAvailability.js';
export { type Estimate, FIT_ALPHA, fitLatency, type GoodnessOfFit, type LatencyFit } from './fitLatency.js';
export { fitProportion, type ProportionFit } from './fitProportion.js';
export { formatCandidateYaml } from './formatCandidateYaml.js';
export { GOODNESS_OF_FIT_SAMPLE, LogLatencySample } from './logLatencySample.js';
export { ObservationCalibration } from './observationCalibration.js';
export { poissonInterval } from './poissonInterval.js';
export { RequestLogCalibration, type RequestRecord, STATUS_UNAVAILABLE } from './requestLogCalibration.js';
export { type SegmentErrorRate, segmentErrorRates, sharedErrorRate } from './segmentErrorRates.js';
