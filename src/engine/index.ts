/**
 * The engine: one rehearsal of a plan (`rehearse`), in aggregate or request fidelity, and the synthetic
 * request log of a phase (`phaseRequestLog`). See docs/model.md for what is simulated.
 */

export { EngineContext } from './engineContext.js';
export type { EngineSetup, GuardNeeds, PhaseSetup } from './engineSetup.js';
export { formatRequestLogInterval, REQUEST_LOG_COLUMNS, type RequestLogFormat } from './formatRequestLog.js';
export { phaseRequestLog, type RequestLogInterval } from './phaseRequestLog.js';
export { planSetup } from './planSetup.js';
export type {
  CheckpointResult,
  CohortTotals,
  Fidelity,
  GuardTrip,
  MetricValues,
  Outcome,
  OutcomeStatus,
  PhaseDecision,
  PhaseResult,
  PhaseStatus,
  Rehearsal,
  SegmentTotals,
  StopCause,
} from './rehearsal.js';
export type { RehearsalDetail } from './rehearsalWorkspace.js';
export { type RehearseOptions, rehearse, rehearseSetup } from './rehearse.js';
export { type RequestBatch, STATUS_DOWN, STATUS_ERROR, STATUS_OK } from './requestLog.js';
