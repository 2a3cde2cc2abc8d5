import { formatCount, formatPercent, formatThreshold, OPERATOR_SYMBOLS } from '../gates/index.js';
import { formatDuration } from '../scenario/duration.js';
import { clopperPearsonInterval } from '../stats/index.js';
import { formatMoney } from './format.js';
import { formatGuardFix } from './formatGuardFix.js';
import type { Results, ResultsGuard, ResultsPhase } from './results.js';

/** A computed recommendation: what to do next and why, every number taken from the results. */
export interface NextActionView {
  /**
   * What the finding rests on: `complete`, `partial` (a replay whose data stops before the last phase),
   * `guard-noise` (one error trips a thin window), `rollback`, `inconclusive`, `approval`, `evidence` (a
   * count too small to show a limit), `delay`, `warning` (not simulated as asked), `data` (a replay's data
   * check), `risk` (what one rehearsal cannot say; not for a replay).
   */
  kind: string;
  /** The finding in a few words, for a reader who reads nothing else. */
  headline: string;
  /** The evidence and what to change, with every number. */
  text: string;
}

/** One-sided 2.5% of a two-sided 95% Clopper–Pearson interval. */
const ALPHA_HALF = 0.025;

function requestsText(count: number): string {
  return `${formatCount(count)} request${count === 1 ? '' : 's'}`;
}

/** The window length, in whole monitoring intervals, that holds `requests` at `requestsPerMs`. */
function windowFor(requests: number, requestsPerMs: number, intervalMs: number): number {
  return Math.ceil(requests / requestsPerMs / intervalMs) * intervalMs;
}

/**
 * The fewest requests a window needs so that one error alone cannot satisfy an error-rate guard
 * (`errorRate > t` holds for 1/n when n < 1/t), or null for guards a single error cannot trip.
 */
function requestsOneErrorCannotTrip(guard: ResultsGuard): number | null {
  if (guard.metric !== 'errorRate' || guard.threshold <= 0 || guard.threshold >= 1) return null;
  const n = 1 / guard.threshold;
  if (guard.op === 'above') return Math.ceil(n);
  if (guard.op === 'min') return Math.floor(n) + 1;
  return null;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** How a diurnal profile spreads one phase's traffic, as far as results can tell it. */
interface PhaseProfile {
  /** The UTC hour of an offset into the phase. */
  hourAt(offsetMs: number): number;
  /** The factor of an offset's hour, relative to the phase's mean over what it ran. */
  relativeFactorAt(offsetMs: number): number;
}

/**
 * A phase's traffic under a diurnal profile, from results alone: each monitoring interval at the factor
 * of the UTC hour it starts in, as the engine draws it, so the phase's average rate (requests over what
 * it ran) can be put back at any hour. Null when traffic is flat.
 */
function phaseProfile(results: Results, phase: ResultsPhase): PhaseProfile | null {
  const factors = results.model.diurnalFactors;
  if (factors === undefined || phase.startedAt === null || phase.ranMs === 0) return null;
  const startMs = Date.parse(phase.startedAt);
  const hourAt = (offsetMs: number) =>
    Math.floor(((((startMs + offsetMs) % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS);
  const intervalMs = results.monitoring.intervalMs;
  let weightedMs = 0;
  for (let offsetMs = 0; offsetMs < phase.ranMs; offsetMs += intervalMs) {
    weightedMs += factors[hourAt(offsetMs)]! * (Math.min(phase.ranMs, offsetMs + intervalMs) - offsetMs);
  }
  const meanFactor = weightedMs / phase.ranMs;
  return {
    hourAt,
    relativeFactorAt: (offsetMs) => factors[hourAt(offsetMs)]! / meanFactor,
  };
}

/** An hour of the day as `07:00 UTC`. */
function utcHour(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00 UTC`;
}

/**
 * A guard that rolled a phase back on windows so thin that one error trips it. Under a diurnal profile
 * the window at the trip holds that hour's share of the phase's traffic, and the window that would stop
 * it must hold enough requests in the phase's quietest hour, not merely on average.
 */
function guardNoise(results: Results, phase: ResultsPhase): NextActionView[] {
  const trip = phase.guardTrips[0];
  const guard = results.guards.find(
    (g) => trip !== undefined && g.metric === trip.metric && g.op === trip.op,
  );
  if (trip === undefined || guard === undefined || phase.ranMs === 0 || phase.candidate.requests === 0)
    return [];
  const needed = requestsOneErrorCannotTrip(guard);
  if (needed === null) return [];
  const { requests, errors } = phase.candidate;
  const requestsPerMs = requests / phase.ranMs;
  const profile = phaseProfile(results, phase);
  const intervalMs = results.monitoring.intervalMs;
  // The trip's newest interval: the hour whose traffic filled the window.
  const tripIntervalMs = Math.max(0, trip.offsetMs - intervalMs);
  const perWindow = requestsPerMs * (profile?.relativeFactorAt(tripIntervalMs) ?? 1) * guard.windowMs;
  if (perWindow >= needed) return [];
  const condition = `${guard.metric} ${OPERATOR_SYMBOLS[guard.op]} ${formatThreshold(guard.metric, guard.op, guard.threshold)}`;
  const [, upper] = clopperPearsonInterval(errors, requests);
  const phaseRate =
    upper < guard.threshold
      ? ` Over the whole phase the candidate served ${formatCount(errors)} error${errors === 1 ? '' : 's'} in ${requestsText(requests)} (${formatPercent(errors / requests)}, 95% interval up to ${formatPercent(upper)}, below ${formatPercent(guard.threshold)}): the trip is what one error does to a thin window, not evidence of a regression.`
      : '';
  const noise = upper < guard.threshold;
  const served = `${requestsText(requests)} in ${formatDuration(phase.ranMs)}`;
  const traffic =
    profile === null
      ? `at this traffic (${served})`
      : `at the traffic of ${utcHour(profile.hourAt(tripIntervalMs))} (${served}, spread over the day by the diurnal profile)`;
  const fix = results.guardFixes?.find((each) => each.guardIndex === results.guards.indexOf(guard));
  return [
    {
      kind: 'guard-noise',
      headline: `${noise ? 'Likely a false alarm: a' : 'A'} single error trips the ${condition} guard at ${phase.name}'s traffic`,
      text:
        `The ${condition} guard rolled ${phase.name} back on a trailing ${formatDuration(guard.windowMs)} window that holds about ` +
        `${formatCount(Math.round(perWindow))} requests ${traffic}; ` +
        `one error in fewer than ${formatCount(needed)} requests is above ${formatPercent(guard.threshold)}.${phaseRate} ` +
        (fix === undefined
          ? 'rehearse risk on this scenario computes the guard setting that keeps it quiet in every phase, or says that none can, and what it costs.'
          : `The recommended setting, the one rehearse risk computes for every phase: ${formatGuardFix(fix)}.`),
    },
  ];
}

/** Passed error-rate limits that the phase's error count cannot actually show at 95% confidence. */
function weakEvidence(results: Results, phase: ResultsPhase): NextActionView[] {
  const last = phase.checkpoints.at(-1);
  const { requests, errorRate } = last?.metrics ?? { requests: null, errorRate: null };
  if (last === undefined || requests === null || errorRate === null || requests === 0) return [];
  const errors = Math.round(errorRate * requests);
  return last.gates.flatMap((gate): NextActionView[] => {
    if (gate.metric !== 'errorRate' || gate.verdict !== 'pass' || (gate.op !== 'below' && gate.op !== 'max'))
      return [];
    const [, upper] = clopperPearsonInterval(errors, requests);
    if (upper < gate.threshold) return [];
    const needed = Math.floor(Math.log(ALPHA_HALF) / Math.log(1 - gate.threshold)) + 1;
    const requestsPerMs = requests / last.offsetMs;
    const limit = formatPercent(gate.threshold);
    return [
      {
        kind: 'evidence',
        headline: `Too few requests in ${phase.name} to show errorRate ${OPERATOR_SYMBOLS[gate.op]} ${limit}`,
        text:
          `In ${phase.name} the errorRate ${OPERATOR_SYMBOLS[gate.op]} ${limit} gate passed, but ${formatCount(errors)} error${errors === 1 ? '' : 's'} in ` +
          `${requestsText(requests)} cannot show a rate below ${limit} at 95% confidence (the interval reaches ${formatPercent(upper)}). ` +
          `Showing it takes at least ${formatCount(needed)} requests without an error: ${formatDuration(windowFor(needed, requestsPerMs, results.monitoring.intervalMs))} ` +
          `at this phase's ${results.model.diurnalFactors === undefined ? '' : 'average '}traffic (${requestsText(requests)} in ${formatDuration(last.offsetMs)}), or a larger traffic share.`,
      },
    ];
  });
}

function decided(results: Results, phase: ResultsPhase): NextActionView[] {
  const { outcome } = results;
  if (outcome.cause?.kind === 'controller' && (phase.status === 'rolled-back' || phase.status === 'halted')) {
    const { controller, name, rule } = outcome.cause;
    const reaction = phase.status === 'rolled-back' ? 'rolled the canary back' : 'paused the rollout';
    return [
      {
        kind: phase.status === 'rolled-back' ? 'rollback' : 'inconclusive',
        headline: `Find the cause of the ${name} failures in ${phase.name}`,
        text: `${controller === 'argo' ? 'Argo Rollouts' : 'Flagger'} ${reaction} on ${name} (${rule}) in ${phase.name}: ${outcome.reason}. Find out why before rehearsing again.`,
      },
    ];
  }
  if (phase.status === 'rolled-back' && outcome.cause !== null) {
    const what = outcome.cause.kind === 'guard' ? 'tripped its rollback guard' : 'broke its gate';
    return [
      {
        kind: 'rollback',
        headline: `Find the cause of the ${outcome.cause.metric} ${outcome.cause.kind === 'guard' ? 'guard trip' : 'gate failure'} in ${phase.name}`,
        text: `Find out why ${outcome.cause.metric} ${what} in ${phase.name} (${outcome.reason}) before rehearsing again.`,
      },
    ];
  }
  if (phase.status === 'halted' && outcome.cause !== null) {
    return [
      {
        kind: 'inconclusive',
        headline: `${phase.name} could not be judged`,
        text: `${phase.name} halted because a gate could not be judged (${outcome.reason}). Give its checkpoints more requests: a longer phase, a larger traffic share, or a lower minRequests.`,
      },
    ];
  }
  if (phase.status === 'halted' || phase.decision?.action === 'await-approval') {
    return [
      {
        kind: 'approval',
        headline: `${phase.name} awaits approval`,
        text: `${phase.name} passed and waits for approval (advance: manual): the rollout continues only when someone approves it.`,
      },
    ];
  }
  return [];
}

function delayCost(results: Results): NextActionView[] {
  const finance = results.finance;
  if (finance === null || results.outcome.status === 'completed') return [];
  return [
    {
      kind: 'delay',
      headline: `Each day of delay costs ${formatMoney(finance.delayCostPerDayUsd)}`,
      text:
        `Until the candidate reaches everyone, each day costs ${formatMoney(finance.delayCostPerDayUsd)} of the measured uplift ` +
        `(${formatMoney(finance.fullExposureAnnualUsd, { compact: true })} a year at full exposure); this ${results.replay === undefined ? 'rehearsal' : 'replay'}'s timeline ` +
        `forgoes ${formatMoney(finance.planned.valueUsd - finance.valueUsd, { compact: true })} of the plan's first ${formatCount(finance.inputs.horizonDays)} days.`,
    },
  ];
}

/** A replay whose recorded phases all passed, but that has no rows for some phase: what it can and cannot say. */
function partial(results: Results): NextActionView[] {
  const recorded = results.replay?.recordedPhases ?? [];
  if (results.outcome.status !== 'partial') return [];
  const missing = results.phases.map((phase) => phase.name).filter((name) => !recorded.includes(name));
  const points = results.replay?.points ?? 0;
  return [
    {
      kind: 'partial',
      headline: `Only ${recorded.join(', ')} recorded: the rollout is not finished in the data`,
      text:
        `The replay observed ${recorded.join(' → ')} (${formatCount(points)} recorded point${points === 1 ? '' : 's'}), and every recorded phase passed; ` +
        `${missing.join(', ')} ${missing.length === 1 ? 'has' : 'have'} no rows, so it cannot say whether the rollout completes. ` +
        'Replay again with their rows once they have run.',
    },
  ];
}

/** The warnings of a rehearsal (what it could not simulate), or a replay's data checks, one action per kind. */
function warningActions(results: Results): NextActionView[] {
  const replay = results.replay;
  if (replay === undefined) {
    return results.warnings.map((warning) => ({
      kind: 'warning',
      headline: 'Part of the scenario was not simulated',
      text: `Not simulated as asked: ${warning}.`,
    }));
  }
  return Object.entries(replay.warningCounts).flatMap(([kind, count]): NextActionView[] => {
    const first = replay.warnings.find((warning) => warning.kind === kind);
    if (first === undefined || kind === 'phase-not-recorded' || count === undefined) return [];
    const more =
      count > 1 ? `; ${formatCount(count - 1)} more like it in results.json (replay.warnings)` : '';
    return [
      {
        kind: 'data',
        headline: `A data check flagged the recorded metrics: ${kind} (${formatCount(count)})`,
        text: `${first.message}${more}.`,
      },
    ];
  });
}

/**
 * What to do next, computed from the outcome: a guard tripped by one error in a thin window (with the
 * `minRequests` or window that would stop it), error-rate limits the counts cannot show, a failing or
 * inconclusive gate, a pending approval, the cost of a day of delay, and what one run cannot say; for a
 * replay, what its data does not cover and what its data checks found instead of what one run cannot
 * say (recorded metrics are not a draw that another seed could change). Every number in the sentences
 * comes from the results.
 *
 * @example nextActions(results)[0].text
 * // 'The errorRate > 1.50% guard rolled ramp back on a trailing 30s window that holds about 16 requests …
 * //  Consider guards.minRequests: 67, or a guard window (monitoring.window) of at least 2m30s.'
 */
export function nextActions(results: Results): NextActionView[] {
  const ended = results.phases.find((phase) => phase.name === results.outcome.phase);
  const reached = results.phases.filter((phase) => phase.status !== 'not-reached');
  const noise =
    ended !== undefined && results.outcome.cause?.kind === 'guard' ? guardNoise(results, ended) : [];
  const actions: NextActionView[] = [
    ...(noise.length > 0 || ended === undefined ? noise : decided(results, ended)),
    ...reached.flatMap((phase) => weakEvidence(results, phase)),
    ...delayCost(results),
    ...warningActions(results),
  ];
  if (results.outcome.status === 'completed') {
    actions.unshift({
      kind: 'complete',
      headline: 'The rollout completed',
      text: `Every phase passed its gates; the candidate ended at ${formatPercent(ended?.traffic ?? 1)} of traffic.`,
    });
  }
  actions.unshift(...partial(results));
  if (results.replay !== undefined) return actions;
  actions.push({
    kind: 'risk',
    headline: 'One run is not a probability',
    text:
      `This is one rehearsal (seed ${results.seed}); another seed can end differently. rehearse risk gives how likely ` +
      'each outcome is with 95% intervals (risk.html), and rehearse whatif how fast the gates and guards catch each fault (whatif.html).',
  });
  return actions;
}
