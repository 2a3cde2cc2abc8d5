"""A vectorized NumPy Monte Carlo of a rollout plan: the model of docs/model.md, written independently of the
engine, as a reference for `rehearse risk` (its probabilities, and how fast the same study can run).

Arrays hold every run still going; the runs advance together over the intervals up to the next
checkpoint (a chunk: runs × intervals), and the runs that ended are dropped. Per interval and run:
Poisson requests, the deployment's up time (an alternating renewal process), requests refused while it
was down (binomial), errors among the rest (binomial), the latency histogram, the guards on the trailing
window (one interval). At each checkpoint: the candidate's per-segment split and revenue over the span
(and the baseline's revenue), the gates on the cumulative window, and the phase rules.

Two ways to draw the latency histogram, the same distribution for every gate and guard:
- `full`: every request is binned (its bucket drawn from the bucket probabilities), every window's
  histogram is kept and its quantiles computed with Prometheus' histogram_quantile;
- `tail`: only the requests at or above the first bucket that reaches a latency threshold are drawn
  (a binomial share of the requests, then their buckets); the rest are one count, since a quantile that
  falls among them is below every threshold.

Only what a gate or guard reads is drawn: no exposure, churn or finance. Binomials over many cells with
one success probability (errors, the latency tail) are drawn as one binomial of the total trials and a
uniformly chosen subset of the trials for the successes, which is the same joint distribution.

    python3 bench/reference/montecarlo.py [scenario] --runs 10000 --variant tail --seed 1
prints the study's counts and its in-process time (s) as JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from availability import Deployments  # noqa: E402
from histogram import (  # noqa: E402
    AliasTable,
    bucket_probabilities,
    grouped_quantile,
    histogram_quantile,
    tail_start,
)
from scenario import HOUR_MS, QUANTILES, Condition, Phase, Plan, read_plan  # noqa: E402

PASS, INCONCLUSIVE, FAIL = 0, 1, 2
PASSED, ROLLED_BACK, HALTED = 0, 1, 2
EXACT_PURCHASE_SUM_MAX = 32
# Cells (runs × intervals) per chunk: large enough that NumPy's per-call cost is spread thin, small enough
# that few intervals are drawn after a run has already ended.
CHUNK_CELLS = {"tail": 1 << 18, "full": 1 << 16}


def holds(op: str, value: np.ndarray, threshold: float) -> np.ndarray:
    if op == "below":
        return value < threshold
    if op == "above":
        return value > threshold
    if op == "max":
        return value <= threshold
    if op == "min":
        return value >= threshold
    return np.abs(value) <= threshold


def scatter_binomial(rng: np.random.Generator, trials: np.ndarray, p: float) -> np.ndarray:
    """Binomial(trials, p) for every cell at once: the successes' total is Binomial(Σ trials, p), and which
    trials succeeded is a uniform subset of that size, mapped back to the cells."""
    flat = trials.ravel()
    total = int(flat.sum())
    hits = int(rng.binomial(total, p)) if total > 0 and p > 0 else 0
    if hits == 0:
        return np.zeros(trials.shape, dtype=np.int64)
    chosen = rng.choice(total, hits, replace=False, shuffle=False)
    cells = np.searchsorted(np.cumsum(flat), chosen, side="right")
    return np.bincount(cells, minlength=flat.size).reshape(trials.shape)


def purchase_sums_usd(rng: np.random.Generator, purchases: np.ndarray, plan: Plan) -> np.ndarray:
    """Revenue of `purchases` lognormal amounts each: exact sums up to 32, the moment-matched gamma above."""
    revenue = plan.revenue
    out = np.zeros(purchases.shape)
    if revenue.cv == 0:
        return purchases * revenue.mean_purchase_usd
    cv2 = revenue.cv * revenue.cv
    many = purchases > EXACT_PURCHASE_SUM_MAX
    if many.any():
        out[many] = rng.gamma(purchases[many] / cv2, revenue.mean_purchase_usd * cv2)
    few = (purchases > 0) & ~many
    if few.any():
        counts = purchases[few]
        amounts = rng.lognormal(revenue.amount_mu, revenue.amount_sigma, (counts.size, int(counts.max())))
        out[few] = np.where(np.arange(amounts.shape[1]) < counts[:, None], amounts, 0).sum(axis=1)
    return out


def interval_ends_ms(plan: Plan, phase: Phase) -> np.ndarray:
    """Ends of the phase's monitoring intervals: one interval each, cut short at a checkpoint and the end
    (after a cut the next interval starts at the checkpoint)."""
    cuts = sorted({*phase.checkpoints_ms, phase.duration_ms})
    pieces, start = [], 0
    for cut in cuts:
        pieces.append(np.arange(start + plan.interval_ms, cut, plan.interval_ms, dtype=np.int64))
        pieces.append(np.array([cut], dtype=np.int64))
        start = cut
    return np.concatenate(pieces)


@dataclass
class PhaseOutcome:
    """Per run of a phase: how it ended and what its gates and guards did."""

    status: np.ndarray
    ran_ms: np.ndarray
    gate_failed: np.ndarray
    gate_inconclusive: np.ndarray
    caused_gate: np.ndarray
    halted_by_gate: np.ndarray
    guard_tripped: np.ndarray
    caused_guard: np.ndarray


@dataclass
class PhaseSetup:
    """A phase's constants, the same in every run."""

    ends_ms: np.ndarray
    lengths_ms: np.ndarray
    checkpoint_interval: list[int]
    requests_per_ms: float
    error_rate: float
    ok_share: np.ndarray
    error_share: np.ndarray
    down_share: np.ndarray
    purchases_per_hour: float
    baseline_purchases_per_hour: float
    candidate_learners: int
    needs_segments: bool
    needs_revenue: bool
    latency_first: int
    alias: AliasTable
    tail_probability: float
    tail_cdf: np.ndarray


def phase_setup(plan: Plan, phase: Phase, variant: str) -> PhaseSetup:
    ends = interval_ends_ms(plan, phase)
    learners = np.array(phase.candidate_by_segment, dtype=float)
    weight = learners * np.array(plan.rate_per_learner_hour)
    errors = np.array(plan.error_rate)
    total = weight.sum()
    share = weight / total if total > 0 else weight
    probabilities = bucket_probabilities(
        [(s, mu, sigma) for s, (mu, sigma) in zip(share, plan.latency, strict=True) if s > 0], plan.bounds_ms
    )
    thresholds = [c.threshold for c in (*plan.guards, *phase.gates) if c.metric in QUANTILES]
    first = 0 if variant == "full" and thresholds else tail_start(plan.bounds_ms, thresholds)
    tail = probabilities[first:]
    tail_probability = float(tail.sum())
    revenue = plan.revenue
    per_hour = revenue.purchases_per_learner_hour if revenue else 0.0
    metrics = {gate.metric for gate in phase.gates}
    return PhaseSetup(
        ends_ms=ends,
        lengths_ms=np.diff(ends, prepend=0),
        checkpoint_interval=[int(np.searchsorted(ends, c)) for c in phase.checkpoints_ms],
        requests_per_ms=total / HOUR_MS,
        error_rate=float((weight * errors).sum() / total) if total > 0 else 0.0,
        ok_share=_normalised(weight * (1 - errors)),
        error_share=_normalised(weight * errors),
        down_share=_normalised(weight),
        purchases_per_hour=float((learners * per_hour * (1 + np.array(plan.revenue_uplift))).sum()),
        baseline_purchases_per_hour=phase.baseline_learners * per_hour,
        candidate_learners=int(learners.sum()),
        needs_segments="segmentVariance" in metrics,
        needs_revenue="revenueImpact" in metrics and revenue is not None,
        latency_first=first,
        alias=AliasTable(probabilities),
        tail_probability=tail_probability,
        tail_cdf=np.cumsum(tail / tail_probability) if tail_probability > 0 else tail,
    )


def _normalised(values: np.ndarray) -> np.ndarray:
    total = values.sum()
    return values / total if total > 0 else values


@dataclass
class Window:
    """A window's sums for each of many runs (or cells), as the gates and guards read them."""

    requests: np.ndarray
    errors: np.ndarray
    up_ms: np.ndarray | None
    observed_ms: np.ndarray | float
    incidents: np.ndarray | None
    latency: dict[str, np.ndarray] = field(default_factory=dict)
    revenue_impact: np.ndarray | None = None
    segment_variance: np.ndarray | None = None


def metric_value(metric: str, window: Window) -> np.ndarray:
    """The metric over each window, NaN where it has no value."""
    with np.errstate(invalid="ignore", divide="ignore"):
        if metric == "errorRate":
            return window.errors / window.requests
        if metric in QUANTILES:
            return window.latency[metric]
        if metric == "availability":
            return window.up_ms / window.observed_ms
        if metric == "incidents":
            return window.incidents.astype(float)
        if metric == "requests":
            return window.requests.astype(float)
        if metric == "revenueImpact":
            return window.revenue_impact
        return window.segment_variance


def verdicts(conditions: tuple[Condition, ...], window: Window) -> list[np.ndarray]:
    """Per condition, over the windows: PASS (holds), INCONCLUSIVE (no value, or fewer requests than asked),
    FAIL."""
    out = []
    for condition in conditions:
        value = metric_value(condition.metric, window)
        judged = ~np.isnan(value) & (window.requests >= condition.min_requests)
        with np.errstate(invalid="ignore"):
            verdict = np.where(holds(condition.op, value, condition.threshold), PASS, FAIL)
        out.append(np.where(judged, verdict, INCONCLUSIVE))
    return out


class PhaseSimulation:
    """One phase for many runs at once; `run` returns each run's {@link PhaseOutcome}."""

    def __init__(self, plan: Plan, phase: Phase, runs: int, rng: np.random.Generator, variant: str):
        self.plan, self.phase, self.rng, self.variant = plan, phase, rng, variant
        self.setup = phase_setup(plan, phase, variant)
        self.bounds = np.array(plan.bounds_ms)
        self.latency_metrics = sorted(
            {c.metric for c in (*plan.guards, *phase.gates) if c.metric in QUANTILES}
        )
        gates, guards, segments = len(phase.gates), len(plan.guards), len(plan.segment_shares)
        self.out = PhaseOutcome(
            status=np.full(runs, PASSED, dtype=np.int8),
            ran_ms=np.full(runs, phase.duration_ms, dtype=np.int64),
            gate_failed=np.zeros((runs, gates), dtype=bool),
            gate_inconclusive=np.zeros((runs, gates), dtype=bool),
            caused_gate=np.full(runs, -1),
            halted_by_gate=np.full(runs, -1),
            guard_tripped=np.zeros((runs, guards), dtype=bool),
            caused_guard=np.full(runs, -1),
        )
        self.ids = np.arange(runs)
        self.deployments = Deployments(rng, runs, plan.availability, plan.mean_outage_ms)
        # Running sums of each run still going: the cumulative window and the open checkpoint span, only
        # those some gate reads. The tail variant's latency counts are made when a tail request first comes.
        columns = self.bounds.size + 1 - self.setup.latency_first
        self.state: dict[str, np.ndarray] = {
            "requests": np.zeros(runs, dtype=np.int64),
            "errors": np.zeros(runs, dtype=np.int64),
            "up_ms": np.zeros(runs),
            "incidents": np.zeros(runs, dtype=np.int64),
            "worst": np.zeros(runs, dtype=np.int64),
            "first_inconclusive": np.full(runs, -1),
        }
        if self.latency_metrics and variant == "full":
            self.state["latency"] = np.zeros((runs, columns), dtype=np.int32)
        if self.setup.needs_segments:
            for key in ("span_ok", "span_error", "span_down"):
                self.state[key] = np.zeros(runs, dtype=np.int64)
            self.state["segment_requests"] = np.zeros((runs, segments), dtype=np.int64)
            self.state["segment_errors"] = np.zeros((runs, segments), dtype=np.int64)
        if self.setup.needs_revenue:
            self.state["revenue_usd"] = np.zeros(runs)
            self.state["baseline_revenue_usd"] = np.zeros(runs)
        self.latency_columns = columns
        self.time_guards = any(guard.metric in ("availability", "incidents") for guard in plan.guards)
        self.gate_failed = np.zeros((runs, gates), dtype=bool)
        self.gate_inconclusive = np.zeros((runs, gates), dtype=bool)

    def _keep(self, rows: np.ndarray) -> None:
        self.ids = self.ids[rows]
        self.deployments.keep(rows)
        self.gate_failed = self.gate_failed[rows]
        self.gate_inconclusive = self.gate_inconclusive[rows]
        for key, value in self.state.items():
            self.state[key] = value[rows]

    def _end(self, rows: np.ndarray, status: int, ran_ms: np.ndarray | int) -> None:
        ids = self.ids[rows]
        out = self.out
        out.status[ids] = status
        out.ran_ms[ids] = ran_ms
        out.gate_failed[ids] = self.gate_failed[rows]
        out.gate_inconclusive[ids] = self.gate_inconclusive[rows]

    def run(self) -> PhaseOutcome:
        setup = self.setup
        intervals = setup.ends_ms.size
        start = 0
        for c, last_interval in enumerate(setup.checkpoint_interval):
            start = self._advance(start, last_interval + 1)
            if self.ids.size == 0:
                return self.out
            if self._checkpoint(c):
                break
        self._advance(start, intervals)
        return self.out

    def _advance(self, start: int, stop: int) -> int:
        """Simulates intervals [start, stop) of the runs still going, chunk by chunk, ending those a guard
        rolls back."""
        while start < stop and self.ids.size > 0:
            count = min(stop - start, max(1, CHUNK_CELLS[self.variant] // self.ids.size))
            self._chunk(start, count)
            start += count
        return stop

    def _chunk(self, start: int, count: int) -> None:
        rng, setup, state = self.rng, self.setup, self.state
        lengths = setup.lengths_ms[start : start + count]
        runs = self.ids.size
        walked, down_ms, begun = self.deployments.advance(lengths)
        requests = rng.poisson(lengths * setup.requests_per_ms, size=(runs, count))
        # Requests that met the deployment down, for the few runs that were down at all.
        down = np.zeros((walked.size, count), dtype=np.int64)
        down_share = down_ms / lengths
        partly = down_share > 0
        if partly.any():
            down[partly] = rng.binomial(requests[walked][partly], down_share[partly])
        up_requests = requests.copy()
        up_requests[walked] -= down
        errors = scatter_binomial(rng, up_requests, setup.error_rate)
        if setup.needs_segments:
            state["span_error"] += errors.sum(axis=1)
        errors[walked] += down
        window = Window(requests, errors, None, lengths, None)
        if self.time_guards:
            window.up_ms = np.broadcast_to(lengths.astype(float), (runs, count)).copy()
            window.up_ms[walked] -= down_ms
            window.incidents = np.zeros((runs, count), dtype=np.int64)
            window.incidents[walked] = begun
        latency_sums = self._latency(requests, window)

        # A guard names the condition that rolls back: it trips where its condition holds (never where the
        # window has no value: every comparison with NaN is false).
        tripped = [
            holds(guard.op, metric_value(guard.metric, window), guard.threshold)
            & (requests >= guard.min_requests)
            for guard in self.plan.guards
        ]
        any_trip = np.logical_or.reduce(tripped) if tripped else np.zeros((runs, count), dtype=bool)
        ends_here = any_trip.any(axis=1)
        if ends_here.any():
            rows = np.flatnonzero(ends_here)
            at = any_trip[rows].argmax(axis=1)
            trips = np.stack([trip[rows, at] for trip in tripped], axis=1)
            self._end(rows, ROLLED_BACK, setup.ends_ms[start + at])
            self.out.guard_tripped[self.ids[rows]] = trips
            self.out.caused_guard[self.ids[rows]] = trips.argmax(axis=1)
        request_sums = requests.sum(axis=1)
        error_sums = errors.sum(axis=1)
        state["requests"] += request_sums
        state["errors"] += error_sums
        state["up_ms"] += float(lengths.sum())
        state["up_ms"][walked] -= down_ms.sum(axis=1)
        state["incidents"][walked] += begun.sum(axis=1)
        if latency_sums is not None:
            if "latency" not in state:
                state["latency"] = np.zeros((runs, self.latency_columns), dtype=np.int32)
            state["latency"] += latency_sums
        if setup.needs_segments:
            state["span_down"][walked] += down.sum(axis=1)
            state["span_ok"] += request_sums - error_sums
        if ends_here.any():
            self._keep(np.flatnonzero(~ends_here))

    def _latency(self, requests: np.ndarray, window: Window) -> np.ndarray | None:
        """Draws the chunk's latency histograms; sets each window's quantiles and returns each run's sums
        over the chunk (of the buckets from the tail's first on), None when they are all zero."""
        if not self.latency_metrics:
            return None
        if self.variant == "full":
            return self._full_latency(requests, window)
        return self._tail_latency(requests, window)

    def _full_latency(self, requests: np.ndarray, window: Window) -> np.ndarray:
        """Bins every request (its bucket drawn by Walker's alias method, one uniform each). Each window's
        histogram is the list of its requests' buckets, contiguous per window."""
        runs, count = requests.shape
        flat = requests.ravel()
        buckets = self.setup.alias.draw(self.rng, int(flat.sum()))
        occupied = np.flatnonzero(flat)
        sizes = flat[occupied]
        starts = np.cumsum(sizes) - sizes
        for metric in self.latency_metrics:
            values = np.full(flat.size, np.nan)
            values[occupied] = grouped_quantile(QUANTILES[metric], self.bounds, buckets, starts, sizes)
            window.latency[metric] = values.reshape(runs, count)
        columns = self.bounds.size + 1
        run_of = np.repeat(np.arange(runs) * columns, requests.sum(axis=1))
        return np.bincount(run_of + buckets, minlength=runs * columns).reshape(runs, columns)

    def _tail_latency(self, requests: np.ndarray, window: Window) -> np.ndarray | None:
        rng, setup = self.rng, self.setup
        runs, count = requests.shape
        first = setup.latency_first
        columns = self.bounds.size + 1 - first
        standin = self.bounds[first - 1] if first > 0 else 0.0
        for metric in self.latency_metrics:
            window.latency[metric] = np.where(requests > 0, standin, np.nan)
        tail = scatter_binomial(rng, requests, setup.tail_probability).ravel()
        cells = np.repeat(np.flatnonzero(tail), tail[tail > 0])
        if cells.size == 0:
            return None
        buckets = np.searchsorted(setup.tail_cdf, rng.random(cells.size), side="right")
        np.minimum(buckets, columns - 1, out=buckets)
        touched, index = np.unique(cells, return_inverse=True)
        histograms = np.zeros((touched.size, columns), dtype=np.int64)
        np.add.at(histograms, (index, buckets), 1)
        rows, intervals = np.divmod(touched, count)
        in_window = requests[rows, intervals]
        below = in_window - histograms.sum(axis=1)
        for metric in self.latency_metrics:
            values = histogram_quantile(QUANTILES[metric], self.bounds, histograms, below, first)
            window.latency[metric][rows, intervals] = values
        sums = np.zeros((runs, columns), dtype=np.int32)
        np.add.at(sums, rows, histograms)
        return sums

    def _checkpoint(self, c: int) -> bool:
        """Closes the span, judges the gates on the cumulative window and applies the phase rules; True when
        the phase's decision is taken (the runs left have passed)."""
        phase, setup, state = self.phase, self.setup, self.state
        offset_ms = phase.checkpoints_ms[c]
        span_h = (offset_ms - (phase.checkpoints_ms[c - 1] if c > 0 else 0)) / HOUR_MS
        window = Window(
            state["requests"], state["errors"], state["up_ms"], float(offset_ms), state["incidents"]
        )
        if setup.needs_segments:
            self._split_segments()
            with np.errstate(invalid="ignore", divide="ignore"):
                overall = state["errors"] / state["requests"]
                rates = state["segment_errors"] / state["segment_requests"]
                spread = np.where(state["segment_requests"] > 0, np.abs(rates - overall[:, None]), -np.inf)
            widest = spread.max(axis=1)
            window.segment_variance = np.where((state["requests"] > 0) & (widest >= 0), widest, np.nan)
        if setup.needs_revenue:
            window.revenue_impact = self._revenue_impact(span_h, offset_ms / HOUR_MS)
        if self.latency_metrics:
            self._checkpoint_latency(window)
        runs = self.ids.size
        judged = np.stack(verdicts(phase.gates, window), axis=1) if phase.gates else np.zeros((runs, 0), int)
        self.gate_failed |= judged == FAIL
        self.gate_inconclusive |= judged == INCONCLUSIVE
        latest = judged.max(axis=1) if phase.gates else np.zeros(runs, dtype=np.int64)
        fresh = (state["first_inconclusive"] < 0) & (latest == INCONCLUSIVE)
        state["first_inconclusive"][fresh] = (judged[fresh] == INCONCLUSIVE).argmax(axis=1)
        np.maximum(state["worst"], latest, out=state["worst"])
        last = c == len(phase.checkpoints_ms) - 1
        if not last and not phase.every_checkpoint:
            return False
        deciding = state["worst"] if phase.every_checkpoint else latest
        failed = (
            np.flatnonzero(latest == FAIL) if phase.every_checkpoint else np.flatnonzero(deciding == FAIL)
        )
        if failed.size:
            self._end(failed, ROLLED_BACK, offset_ms)
            self.out.caused_gate[self.ids[failed]] = (judged[failed] == FAIL).argmax(axis=1)
        if last:
            halted = np.flatnonzero(deciding == INCONCLUSIVE)
            if halted.size:
                self._end(halted, HALTED, offset_ms)
                by = (
                    state["first_inconclusive"][halted]
                    if phase.every_checkpoint
                    else ((judged[halted] == INCONCLUSIVE).argmax(axis=1))
                )
                self.out.halted_by_gate[self.ids[halted]] = by
        ended = (latest == FAIL) | (deciding == FAIL) | (last & (deciding == INCONCLUSIVE))
        self._keep(np.flatnonzero(~ended))
        if last:
            self._end(np.arange(self.ids.size), PASSED, phase.duration_ms)
        return last

    def _checkpoint_latency(self, window: Window) -> None:
        state, first = self.state, self.setup.latency_first
        if "latency" not in state:
            standin = np.where(state["requests"] > 0, self.bounds[first - 1], np.nan)
            window.latency = {metric: standin for metric in self.latency_metrics}
            return
        below = state["requests"] - state["latency"].sum(axis=1)
        for metric in self.latency_metrics:
            window.latency[metric] = histogram_quantile(
                QUANTILES[metric], self.bounds, state["latency"], below, first
            )

    def _split_segments(self) -> None:
        """Spreads the span's served, failed and refused requests over the segments (multinomials)."""
        state, setup, rng = self.state, self.setup, self.rng
        for key, share, failed in (
            ("span_ok", setup.ok_share, False),
            ("span_error", setup.error_share, True),
            ("span_down", setup.down_share, True),
        ):
            parts = rng.multinomial(state[key], share)
            state["segment_requests"] += parts
            if failed:
                state["segment_errors"] += parts
            state[key][:] = 0

    def _revenue_impact(self, span_h: float, elapsed_h: float) -> np.ndarray:
        """traffic · ((Rev_c / LH_c) / (Rev_b / LH_b) − 1) over the cumulative window, the forecast standing
        in for the baseline's rate when it has no learners; NaN where the baseline rate is 0."""
        state, setup, rng, plan = self.state, self.setup, self.rng, self.plan
        runs = self.ids.size
        purchases = rng.poisson(setup.purchases_per_hour * span_h, runs)
        state["revenue_usd"] += purchase_sums_usd(rng, purchases, plan)
        baseline_hours = self.phase.baseline_learners * elapsed_h
        if baseline_hours > 0:
            baseline = rng.poisson(setup.baseline_purchases_per_hour * span_h, runs)
            state["baseline_revenue_usd"] += purchase_sums_usd(rng, baseline, plan)
            baseline_rate = state["baseline_revenue_usd"] / baseline_hours
        else:
            forecast = plan.revenue.purchases_per_learner_hour * plan.revenue.mean_purchase_usd
            baseline_rate = np.full(runs, forecast)
        candidate_rate = state["revenue_usd"] / (setup.candidate_learners * elapsed_h)
        with np.errstate(invalid="ignore", divide="ignore"):
            impact = self.phase.traffic * (candidate_rate / baseline_rate - 1)
        return np.where(baseline_rate > 0, impact, np.nan)


@dataclass
class PhaseTally:
    name: str
    reached: int = 0
    passed: int = 0
    rolled_back: int = 0
    halted: int = 0
    gates: list[dict] = field(default_factory=list)
    guards: list[dict] = field(default_factory=list)


def _counted(condition: Condition, **counts: np.integer) -> dict:
    """A gate's or guard's counts, named by its condition."""
    named = {"metric": condition.metric, "op": condition.op, "threshold": condition.threshold}
    return {**named, **{key: int(value) for key, value in counts.items()}}


def tally_phase(plan: Plan, phase: Phase, outcome: PhaseOutcome) -> PhaseTally:
    status = outcome.status
    tally = PhaseTally(
        phase.name,
        reached=int(status.size),
        passed=int((status == PASSED).sum()),
        rolled_back=int((status == ROLLED_BACK).sum()),
        halted=int((status == HALTED).sum()),
    )
    for g, gate in enumerate(phase.gates):
        tally.gates.append(
            _counted(
                gate,
                failed=outcome.gate_failed[:, g].sum(),
                inconclusive=outcome.gate_inconclusive[:, g].sum(),
                causedRollback=(outcome.caused_gate == g).sum(),
                causedHalt=(outcome.halted_by_gate == g).sum(),
            )
        )
    for g, guard in enumerate(plan.guards):
        tally.guards.append(
            _counted(
                guard,
                tripped=outcome.guard_tripped[:, g].sum(),
                causedRollback=(outcome.caused_guard == g).sum(),
            )
        )
    return tally


def simulate(plan: Plan, runs: int, seed: int, variant: str) -> dict:
    """A study of `runs` rehearsals of the plan: counts per outcome, phase, gate and guard, and the elapsed
    time of every rolled-back and completed run (ms from the rollout's start)."""
    if variant not in CHUNK_CELLS:
        raise ValueError(f"variant must be one of {sorted(CHUNK_CELLS)}, got {variant!r}")
    rng = np.random.default_rng(seed)
    elapsed = np.zeros(runs, dtype=np.int64)
    going = np.arange(runs)
    rollback_ms, halted = [], 0
    phases = []
    for phase in plan.phases:
        outcome = PhaseSimulation(plan, phase, going.size, rng, variant).run()
        phases.append(tally_phase(plan, phase, outcome))
        elapsed[going] += outcome.ran_ms
        rollback_ms.append(elapsed[going[outcome.status == ROLLED_BACK]])
        halted += int((outcome.status == HALTED).sum())
        going = going[outcome.status == PASSED]
    rolled_back = np.concatenate(rollback_ms)
    return {
        "runs": runs,
        "completed": int(going.size),
        "rolledBack": int(rolled_back.size),
        "halted": halted,
        "phases": [vars(tally) for tally in phases],
        "rollbackMs": np.sort(rolled_back).tolist(),
        "completionMs": np.sort(elapsed[going]).tolist(),
    }


def main(argv: list[str]) -> None:
    root = Path(__file__).resolve().parents[2]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", default=str(root / "scenarios" / "sprint2-rollout.yaml"))
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--variant", choices=sorted(CHUNK_CELLS), default="tail")
    parser.add_argument("--summary", action="store_true", help="leave out the per-run elapsed times")
    args = parser.parse_args(argv)
    plan = read_plan(args.scenario)
    started = time.perf_counter()
    study = simulate(plan, args.runs, args.seed, args.variant)
    seconds = time.perf_counter() - started
    if args.summary:
        del study["rollbackMs"], study["completionMs"]
    json.dump({"variant": args.variant, "seed": args.seed, "seconds": seconds, **study}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
