import type { Cohort, EffectsSource } from '../model/index.js';
import { CohortPhase } from './cohortPhase.js';
import type { CohortSampler, CohortStreams } from './cohortSampler.js';
import type { EngineSetup, PhaseSetup } from './engineSetup.js';
import type { EngineWindow } from './engineWindow.js';
import { addSpanMeans, type SpanRates, setSpanRates } from './spanRates.js';

const HOUR_MS = 3_600_000;

/**
 * The baseline of a rehearsal asked for its verdicts alone (`detail: 'verdicts'`), on the pooled path (no
 * fault can touch it): no gate or guard reads the baseline's requests, errors, latency, availability or
 * exposure, only its revenue and learner-hours (for the candidate's revenueImpact) and, where a gate reads
 * them, its churn and completions. So it accumulates exactly the span means the {@link PooledSampler}
 * accumulates, the same sums in the same order, and draws only those at the span's close, from the same
 * streams (each purpose has its own): the revenue the gates see is bit-identical, and the draws nobody
 * reads are not made. The cohort's requests, errors and exposure stay 0.
 */
export class RevenueSampler implements CohortSampler {
  readonly phase: CohortPhase;
  readonly closesEveryInterval = false;
  private readonly rates: SpanRates = { purchasesPerHour: 0, churnPerHour: 0, completionsPerHour: 0 };

  constructor(setup: EngineSetup, cohort: Cohort) {
    this.phase = new CohortPhase(setup, cohort);
  }

  beginRehearsal(effects: EffectsSource): void {
    if (effects.any) throw new RangeError('RevenueSampler: faults may act; use the segment sampler');
    this.phase.begin(effects);
  }

  startPhase(phase: PhaseSetup, phaseStartMs: number, streams: CohortStreams): void {
    this.phase.start(phase, phaseStartMs, streams, false);
    setSpanRates(this.rates, this.phase);
  }

  simulateInterval(_offsetMs: number, durationMs: number, _now: EngineWindow): void {
    const phase = this.phase;
    const hours = durationMs / HOUR_MS;
    phase.hours = hours;
    phase.learnerHours += phase.learnersTotal * hours;
    addSpanMeans(phase, this.rates, hours);
  }

  endPhase(): void {}

  closeSpan(span: EngineWindow): void {
    this.phase.closeSpan(span);
  }
}
