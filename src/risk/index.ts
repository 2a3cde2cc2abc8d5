/**
 * Risk: a Monte Carlo over many rehearsals of a plan. Run i is rehearsed at `runSeed(seed, i)`; runs
 * are tallied into exact whole-number counts (`tallyRuns`) that merge in any order and grouping
 * (`mergeTallies`), across worker threads and across machines (`riskPartial`, `mergeRiskPartials`);
 * `buildRisk` turns a complete tally into risk.json, with the exact operating characteristic of
 * error-rate gates and guards beside the Monte Carlo (`gateOperatingCharacteristic`, `guardNoise`).
 * Pure: writing risk.json and its view, charts and files are in `report/`; workers and files in `io/`.
 * See docs/risk.md and docs/sharding.md.
 */
export {
  analyzePlan,
  buildRisk,
  type PlanAnalysis,
  type RiskInputs,
  type RiskMeta,
  RUN_SEED_SCHEME,
} from './buildRisk.js';
export { type CandidateTraffic, candidateTraffic } from './candidateTraffic.js';
export {
  addCount,
  type CountHistogram,
  countTotal,
  histogramMean,
  histogramQuantiles,
  mergeCountsInto,
  sortedEntries,
} from './countHistogram.js';
export { exactGate } from './exactGate.js';
export { type GuardNoise, guardNoise, type WindowAtHour } from './guardNoise.js';
export { type GuardSetting, GuardWindows, type QuietestWindow } from './guardWindows.js';
export { MIN_JUDGED_SHARE, NOISE_TARGET } from './noiseTarget.js';
export {
  binomialCdf,
  DEFAULT_TAIL_MASS,
  type ErrorRateWindow,
  gateOperatingCharacteristic,
  type OperatingCharacteristic,
  tripAtLeastOnce,
  tripUnionBound,
} from './operatingCharacteristic.js';
export {
  FIX_WINDOWS_MS,
  GuardModels,
  judgesEnough,
  PhaseGuard,
  phaseGuard,
  setting,
  smallestMinRequests,
  twiceThreshold,
} from './phaseGuard.js';
export { type PlanGuardFix, planGuardFix } from './planGuardFix.js';
export {
  candidateFaults,
  faultStruck,
  type RegressionFacts,
  regressionByPhase,
  regressionFacts,
  regressionInPhase,
  regressionPresent,
} from './regressionFacts.js';
export {
  type ExactCheckpoint,
  type ExactGate,
  type NoiseFinding,
  RISK_SCHEMA_VERSION,
  type Risk,
  type RiskCondition,
  type RiskDistribution,
  type RiskExample,
  type RiskFault,
  type RiskGate,
  type RiskGuard,
  type RiskPhase,
} from './risk.js';
export {
  mergeRiskPartials,
  parseRiskPartial,
  RISK_PARTIAL_KIND,
  RISK_PARTIAL_VERSION,
  type RiskPartial,
  riskPartial,
  type StoredTally,
  stringifyRiskPartial,
} from './riskPartial.js';
export {
  emptyTally,
  type FaultTally,
  type GateTally,
  type GuardTally,
  keepExamples,
  LEADING_EXAMPLES,
  mergeRanges,
  mergeTallies,
  type PhaseTally,
  type RiskTally,
  type RunExample,
  type TallyShape,
} from './riskTally.js';
export { runSeed } from './runSeed.js';
export { parseShard, type Shard, shardRange } from './shard.js';
export { tallyRehearsal } from './tallyRehearsal.js';
export { type StudySettings, tallyRuns, tallyShape } from './tallyRuns.js';
