import { MIN_JUDGED_SHARE, NOISE_TARGET } from './noiseTarget.js';
import type { PhaseGuard } from './phaseGuard.js';
import { mixtureDensity, RequestMixture } from './requestMixture.js';
import {
  firstHourOf,
  hoursOf,
  type TrailingWindows,
  trailingWindows,
  type WindowGroup,
} from './trailingWindows.js';

/**
 * The partial windows' trip chances are computed exactly while that costs at most this many Poisson
 * terms (about (16/3)·√λ·k^1.5 for a window of k intervals: seconds at most); beyond, a cruder bound.
 */
const EXACT_PARTIAL_BUDGET = 1_000_000;

/** The quietest full window of a phase under a diurnal profile, and what a setting does there. */
export interface QuietestWindow {
  /** The UTC hour of the checks that see it (the first such hour). */
  hourUtc: number;
  expectedRequests: number;
  /** The chance the guard judges it (at least `minRequests` requests, and one). */
  judgedShare: number;
  /** The chance it trips when the candidate's error rate is twice the threshold. */
  detectsTwiceThreshold: number;
}

/** A guard setting and what it does on the nominal candidate over one phase. */
export interface GuardSetting {
  windowMs: number;
  minRequests: number;
  /** The chance that noise alone trips the guard at least once in the phase: `lower` = `upper` when exact. */
  falseTrip: { lower: number; upper: number };
  /** The share of the phase's full windows with at least `minRequests` requests (and one): the guard judges them. */
  judgedShare: number;
  /** The chance that a full window (on average over the phase's) trips it when the candidate's error rate is twice the threshold. */
  detectsTwiceThreshold: number;
  /** Under a diurnal profile, when the phase holds a full window: its quietest one. */
  quietest?: QuietestWindow;
  /** Under a diurnal profile: the UTC hours with full windows the guard judges with a chance under {@link MIN_JUDGED_SHARE}. */
  blindHoursUtc?: number[];
}

/**
 * What a guard window of `intervals` intervals does over one phase, for any `minRequests`. Check j sees
 * the last `intervals` intervals, each with its own expected requests (the diurnal factor of the hour it
 * starts in), so a window's requests are Poisson with the sum of its intervals' means and its errors
 * binomial given them. The trip chance of every window is exact; over the phase:
 *
 * - one interval: the windows are disjoint, hence independent: 1 − Πⱼ (1 − qⱼ), exact;
 * - longer windows overlap and are dependent: bounded below by the disjoint full windows (checks k, 2k, …)
 *   and above by Boole's inequality Σⱼ qⱼ over every check, partial windows at the phase start included.
 *
 * Windows of equal expected requests are grouped; sums over all checks and averages over full windows are
 * taken on one mixture of their Poisson laws ({@link RequestMixture}), so hundreds of window sizes cost one
 * pass over the request counts.
 */
export class GuardWindows {
  readonly intervals: number;
  readonly census: TrailingWindows;
  /** The busiest full window (at the phase's mean traffic when the phase is shorter than the window). */
  readonly busiest: WindowGroup;
  /** Expected requests in a full window, on average over the phase's full windows. */
  readonly expectedRequests: number;
  private readonly model: PhaseGuard;
  private readonly groups: readonly WindowGroup[];
  /** The full windows' request counts, each weighted by its share of the full windows. */
  private readonly meanWindow: RequestMixture;
  /** The partial windows' request counts, each of weight 1; null when they are bounded crudely (or none). */
  private readonly partials: RequestMixture | null;

  constructor(model: PhaseGuard, intervals: number) {
    this.model = model;
    this.intervals = intervals;
    this.census = trailingWindows(model.traffic, model.intervalMs, intervals);
    const { full, fullChecks, partial } = this.census;
    this.groups =
      full.length > 0 ? full : [{ expectedRequests: model.lambda * intervals, checks: 0, hours: 0 }];
    this.busiest = this.groups.at(-1)!;
    const weighted = this.groups.map((group) => ({
      expectedRequests: group.expectedRequests,
      weight: fullChecks > 0 ? group.checks / fullChecks : 1,
    }));
    this.expectedRequests = weighted.reduce((sum, each) => sum + each.weight * each.expectedRequests, 0);
    this.meanWindow = new RequestMixture(mixtureDensity(weighted, model.factorials));
    const exactPartials =
      partial.length > 0 && (16 / 3) * Math.sqrt(model.lambda) * intervals ** 1.5 <= EXACT_PARTIAL_BUDGET;
    this.partials = exactPartials ? model.startWindows.mixture(partial) : null;
  }

  /** The chance that one full window trips the guard, on average over the phase's full windows. */
  tripPerWindow(minRequests: number): number {
    return this.meanWindow.trip(this.model.nominal, minRequests);
  }

  /** Whether noise trips the guard in at most {@link NOISE_TARGET} of phases (exactly, or by the upper bound). */
  meetsTarget(minRequests: number): boolean {
    const chance =
      this.intervals === 1 ? this.independent(this.groups, minRequests) : this.upper(minRequests);
    return chance <= NOISE_TARGET;
  }

  /**
   * The setting with this window and `minRequests`, and what it does over the phase. A guard that needs
   * `streak` consecutive checks (`consecutive`) trips only where its last `streak` windows all hold: its
   * false-trip chance is bounded above by {@link upperWithStreak} and below by 0 (the disjoint-window bound
   * holds only for a one-check guard).
   */
  setting(minRequests: number, streak = 1): GuardSetting {
    const model = this.model;
    const upper = this.falseTripUpper(minRequests, streak);
    const falseTrip =
      streak > 1
        ? { lower: 0, upper }
        : this.intervals === 1 && streak === 1
          ? { lower: upper, upper }
          : { lower: this.independent(this.census.disjoint, minRequests), upper };
    const setting: GuardSetting = {
      windowMs: this.intervals * model.intervalMs,
      minRequests,
      falseTrip,
      judgedShare: this.judgedShare(minRequests),
      detectsTwiceThreshold: this.meanWindow.trip(model.twice, minRequests),
    };
    if (!model.diurnal) return setting;
    const quiet = this.census.full[0];
    if (quiet !== undefined) {
      const window = model.window(quiet.expectedRequests);
      setting.quietest = {
        hourUtc: firstHourOf(quiet.hours),
        expectedRequests: quiet.expectedRequests,
        judgedShare: window.atLeast(minRequests),
        detectsTwiceThreshold: window.trip(model.twice, minRequests),
      };
    }
    setting.blindHoursUtc = this.blindHours(minRequests);
    return setting;
  }

  /** The share of the phase's full windows with at least `minRequests` requests (and one): {@link setting}'s `judgedShare`. */
  judgedShare(minRequests: number): number {
    return this.meanWindow.atLeast(minRequests);
  }

  /**
   * The upper end of {@link setting}'s `falseTrip` alone, for searches that need only that: exact for a
   * one-interval window checked once, else the bounds described there.
   */
  falseTripUpper(minRequests: number, streak = 1): number {
    if (streak > 1) return this.upperWithStreak(minRequests, streak);
    if (this.intervals === 1 && streak === 1) return this.independent(this.groups, minRequests);
    return this.upper(minRequests);
  }

  /**
   * 1 − Πᵍ (1 − q_g)^(checks_g) over window groups: the chance that at least one of independent windows
   * trips, −expm1(Σ checks·log1p(−q)) so that tiny q keeps its digits.
   */
  private independent(groups: readonly WindowGroup[], minRequests: number): number {
    let logNone = 0;
    for (const group of groups) {
      if (group.checks === 0) continue;
      const q = this.model.window(group.expectedRequests).trip(this.model.nominal, minRequests);
      if (q === 1) return 1;
      logNone += group.checks * Math.log1p(-q);
    }
    return -Math.expm1(logNone);
  }

  /**
   * Boole's inequality over every check: the partial windows' exact trip chances (within
   * {@link EXACT_PARTIAL_BUDGET}), else (k − 1) times the largest partial window's chance to be judged
   * at all or to hold enough errors (both grow with the window: N ≥ max(1, m), and errors E ~ Poisson(Λe)
   * reaching ⌈t·max(1, m)⌉, at least 1 for `above`), plus every full window's trip chance.
   */
  private upper(minRequests: number): number {
    return Math.min(1, this.partialTrips(minRequests) + this.fullTrips(minRequests));
  }

  /** Σ of the full windows' trip chances: every full check at the mean full window's chance. */
  private fullTrips(minRequests: number): number {
    return this.census.fullChecks * this.tripPerWindow(minRequests);
  }

  /**
   * Boole's inequality for a guard that needs `streak` checks in a row: a trip at a full check needs that
   * window and the ⌊(streak − 1)/k⌋ disjoint windows before it, k intervals apart, all to hold; disjoint
   * windows are independent, so each such event has a chance at most q̄ · q_max^⌊(streak − 1)/k⌋ (q_max the
   * largest full window's trip chance). A streak of `streak` checks cannot end before the phase's
   * streak-th check, so partial windows (the first k − 1 checks) count only when streak < k, with their
   * one-check chances, which bound them.
   */
  private upperWithStreak(minRequests: number, streak: number): number {
    const earlier = Math.floor((streak - 1) / this.intervals);
    let largest = 0;
    for (const group of this.groups) {
      largest = Math.max(
        largest,
        this.model.window(group.expectedRequests).trip(this.model.nominal, minRequests),
      );
    }
    // The one-check bound's terms, formed once: it caps the streak bound.
    const partialTrips = this.partialTrips(minRequests);
    const fullTrips = this.fullTrips(minRequests);
    const full = fullTrips * largest ** earlier;
    const partial = streak < this.intervals ? partialTrips : 0;
    return Math.min(1, partial + full, partialTrips + fullTrips);
  }

  /** Σ of the partial windows' trip chances at the phase start (exact within budget, else the cruder bound). */
  private partialTrips(minRequests: number): number {
    const model = this.model;
    const { partial } = this.census;
    let partialSum = 0;
    if (this.partials !== null) partialSum = this.partials.trip(model.nominal, minRequests);
    else if (partial.length > 0) {
      const largest = partial.at(-1)!;
      const fewestErrors = Math.max(
        model.op === 'above' ? 1 : 0,
        Math.ceil(model.threshold * Math.max(1, minRequests)),
      );
      const judged = model.window(largest).atLeast(Math.max(1, minRequests));
      const errors = fewestErrors <= 0 ? 1 : model.window(largest * model.errorRate).atLeast(fewestErrors);
      partialSum = partial.length * Math.min(judged, errors);
    }
    return partialSum;
  }

  /** The UTC hours with a full window judged with a chance under {@link MIN_JUDGED_SHARE} (it grows with Λ). */
  private blindHours(minRequests: number): number[] {
    const full = this.census.full;
    let lo = 0;
    let hi = full.length;
    while (lo < hi) {
      const middle = Math.floor((lo + hi) / 2);
      const judged = this.model.window(full[middle]!.expectedRequests).atLeast(minRequests);
      if (judged >= MIN_JUDGED_SHARE) hi = middle;
      else lo = middle + 1;
    }
    let mask = 0;
    for (let g = 0; g < lo; g++) mask |= full[g]!.hours;
    return hoursOf(mask);
  }
}
