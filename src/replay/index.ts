/**
 * Replay: metrics recorded during a real rollout (`ObservationRow`s, one per CSV row) through the same
 * gate and guard code and the same phase judge a rehearsal runs (`ReplayBuilder`), into a `Rehearsal`
 * with the warnings the recording deserves. Pure: reading the CSV lives in `src/io/`. See docs/replay.md.
 */
export type { ObservationRow, ObservedAt, RecordedMetrics, StatedRate } from './observation.js';
export {
  MAX_LISTED,
  type Replay,
  ReplayBuilder,
  type ReplayInfo,
  type ReplayOptions,
  type ReplayResult,
  unknownPhase,
} from './replay.js';
export {
  type ObservedRate,
  observedRate,
  type ReplayWarning,
  type ReplayWarningKind,
} from './replayChecks.js';
