"""The part of a scenario file that the NumPy reference simulates, read straight from the YAML.

This is an independent reading of the scenario format (docs/scenario.md) and of the model's
constants (docs/model.md), not a call into the TypeScript code: the reference checks the engine,
so it must not share the engine's parsing. It covers what the default scenario uses and refuses
the rest by name (diurnal traffic, faults, churn and completion metrics, since-last-checkpoint
windows, guards on span metrics, trailing windows longer than one interval).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

HOUR_MS = 3_600_000
HOURS_PER_YEAR = 8760
Z99 = 2.3263478740408408  # the standard normal's 0.99-quantile (AS241), as the engine fits p99

# Metric and operator names in the scenario format's order: gates and guards are listed (and the
# first failing one is named the cause) in this order, metric first, then operator.
METRICS = (
    "errorRate",
    "p50LatencyMs",
    "p95LatencyMs",
    "p99LatencyMs",
    "availability",
    "revenueImpact",
    "churnRate",
    "completionRate",
    "segmentVariance",
    "incidents",
    "requests",
    "integrityErrorRate",
)
OPERATORS = ("below", "above", "max", "min", "within")
QUANTILES = {"p50LatencyMs": 0.5, "p95LatencyMs": 0.95, "p99LatencyMs": 0.99}
GATE_METRICS = frozenset(
    ("errorRate", *QUANTILES, "availability", "revenueImpact", "segmentVariance", "incidents", "requests")
)
GUARD_METRICS = frozenset(("errorRate", *QUANTILES, "availability", "incidents", "requests"))

_DURATION = re.compile(
    r"^(?=\d)(?:(\d+(?:\.\d+)?)d)?(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m(?!s))?"
    r"(?:(\d+(?:\.\d+)?)s)?(?:(\d+(?:\.\d+)?)ms)?$"
)
_UNIT_MS = (86_400_000, 3_600_000, 60_000, 1_000, 1)


class Unsupported(ValueError):
    """A scenario feature the reference does not simulate."""


def js_round(value: float) -> int:
    """Math.round for the non-negative values used here (halves go up, not to even)."""
    return math.floor(value + 0.5)


def duration_ms(text: object) -> int:
    """`30s`, `15m`, `1.5h`, `1h30m`, `13d` in ms."""
    match = _DURATION.match(str(text))
    if match is None:
        raise ValueError(f"not a duration: {text!r}")
    total = sum(
        float(amount) * unit
        for amount, unit in zip(match.groups(), _UNIT_MS, strict=True)
        if amount is not None
    )
    return js_round(total)


def default_bounds_ms() -> list[float]:
    """The default latency bucket bounds: 1 ms × 1.05^i to 4 significant digits, then 120,000 ms."""
    bounds: list[float] = []
    i = 0
    while True:
        bound = float(f"{1.05**i:.4g}")
        if bound >= 120_000:
            break
        bounds.append(bound)
        i += 1
    bounds.append(120_000.0)
    return bounds


def apportion(total: int, shares: list[float]) -> list[int]:
    """Largest-remainder split of `total` whole learners over `shares` (ties to the lower index)."""
    share_total = sum(shares)
    exact = [total * share / share_total if share_total > 0 else 0.0 for share in shares]
    parts = [math.floor(value) for value in exact]
    left = total - sum(parts)
    order = sorted(range(len(shares)), key=lambda i: (-(exact[i] - math.floor(exact[i])), i))
    for i in order:
        if left <= 0:
            break
        parts[i] += 1
        left -= 1
    return parts


@dataclass(frozen=True)
class Condition:
    metric: str
    op: str
    threshold: float
    min_requests: int


@dataclass(frozen=True)
class Phase:
    name: str
    traffic: float
    duration_ms: int
    checkpoints_ms: tuple[int, ...]
    gates: tuple[Condition, ...]
    every_checkpoint: bool
    candidate_by_segment: tuple[int, ...]
    baseline_learners: int


@dataclass(frozen=True)
class Revenue:
    purchases_per_learner_hour: float
    mean_purchase_usd: float
    cv: float
    amount_mu: float
    amount_sigma: float


@dataclass(frozen=True)
class Plan:
    name: str
    interval_ms: int
    bounds_ms: tuple[float, ...]
    rate_per_learner_hour: tuple[float, ...]
    segment_shares: tuple[float, ...]
    error_rate: tuple[float, ...]
    # (mu, sigma) of each segment's lognormal latency, ms
    latency: tuple[tuple[float, float], ...]
    revenue_uplift: tuple[float, ...]
    availability: float
    mean_outage_ms: float
    revenue: Revenue | None
    guards: tuple[Condition, ...]
    phases: tuple[Phase, ...]


def _conditions(mapping: dict | None, default_min: int | None, where: str) -> list[Condition]:
    mapping = mapping or {}
    unknown = set(mapping) - set(METRICS)
    if unknown:
        raise ValueError(f"{where}: unknown metrics {sorted(unknown)}")
    out = []
    for metric in METRICS:
        if metric not in mapping:
            continue
        body = mapping[metric]
        min_requests = body.get("minRequests", default_min)
        for op in OPERATORS:
            if op in body:
                out.append(Condition(metric, op, float(body[op]), int(min_requests or 0)))
    return out


def _lognormal(latency: dict) -> tuple[float, float]:
    mu = math.log(latency["p50"])
    return mu, (math.log(latency["p99"]) - mu) / Z99


def read_plan(path: str | Path) -> Plan:
    """The plan of a scenario file with the format's defaults; Unsupported for what is not modelled."""
    doc = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    population = doc["population"]
    if "diurnal" in population:
        raise Unsupported("population.diurnal (the reference has no diurnal profile)")
    if doc.get("faults"):
        raise Unsupported("faults (the reference simulates the plan without faults)")
    learners = int(population["learners"])
    segments = population.get("segments") or [{"id": "all", "share": 1}]
    shares = [float(segment["share"]) for segment in segments]
    rates = [
        float(segment.get("requestsPerLearnerHour", population["requestsPerLearnerHour"]))
        for segment in segments
    ]
    segment_learners = apportion(learners, shares)

    monitoring = doc.get("monitoring") or {}
    interval_ms = duration_ms(monitoring.get("interval", "30s"))
    window_ms = duration_ms(monitoring.get("window", monitoring.get("interval", "30s")))
    if max(1, js_round(window_ms / interval_ms)) != 1:
        raise Unsupported("monitoring.window longer than one interval")
    bounds = (
        [float(b) for b in monitoring["latencyBucketsMs"]]
        if "latencyBucketsMs" in monitoring
        else default_bounds_ms()
    )

    candidate = doc["analyzers"]["candidate"]
    overrides = candidate.get("segments") or {}
    business = doc.get("business")
    default_uplift = float(business["revenueUplift"]["mean"]) if business else 0.0
    error_rate, latency, uplift = [], [], []
    for segment in segments:
        override = overrides.get(segment["id"], {})
        error_rate.append(float(override.get("errorRate", candidate["errorRate"])))
        latency.append(_lognormal(override.get("latencyMs", candidate["latencyMs"])))
        uplift.append(float(override.get("revenueUplift", default_uplift)))

    revenue = None
    if business:
        per_year = float(business.get("purchasesPerLearnerYear", 12))
        cv = float(business.get("purchaseAmountCv", 1))
        mean_usd = float(business["baselineAnnualRevenue"]) / (learners * per_year)
        sigma = math.sqrt(math.log1p(cv * cv))
        revenue = Revenue(
            per_year / HOURS_PER_YEAR, mean_usd, cv, math.log(mean_usd) - sigma * sigma / 2, sigma
        )

    guards_doc = doc.get("guards") or {}
    guards = _conditions(guards_doc.get("rollbackWhen"), guards_doc.get("minRequests"), "guards")
    for guard in guards:
        if guard.metric not in GUARD_METRICS:
            raise Unsupported(f"a guard on {guard.metric}")

    phases = []
    for phase in doc["phases"]:
        duration = duration_ms(phase["duration"])
        points = [duration_ms(c) for c in phase.get("checkpoints", [phase["duration"]])]
        points = [c for c in points if 0 < c <= duration] or [duration]
        if points != sorted(set(points)):
            raise ValueError(f"phase {phase['name']}: checkpoints must increase")
        if phase.get("window", "cumulative") != "cumulative":
            raise Unsupported("window: since-last-checkpoint")
        gates = _conditions(phase.get("gates"), None, f"phase {phase['name']}")
        for gate in gates:
            if gate.metric not in GATE_METRICS:
                raise Unsupported(f"a gate on {gate.metric}")
        wanted = apportion(int(phase.get("learners", js_round(phase["traffic"] * learners))), shares)
        by_segment = tuple(min(w, s) for w, s in zip(wanted, segment_learners, strict=True))
        phases.append(
            Phase(
                name=phase["name"],
                traffic=float(phase["traffic"]),
                duration_ms=duration,
                checkpoints_ms=tuple(points),
                gates=tuple(gates),
                every_checkpoint=phase.get("require", "every-checkpoint") == "every-checkpoint",
                candidate_by_segment=by_segment,
                baseline_learners=learners - sum(by_segment),
            )
        )
    return Plan(
        name=doc["name"],
        interval_ms=interval_ms,
        bounds_ms=tuple(bounds),
        rate_per_learner_hour=tuple(rates),
        segment_shares=tuple(shares),
        error_rate=tuple(error_rate),
        latency=tuple(latency),
        revenue_uplift=tuple(uplift),
        availability=float(candidate["availability"]),
        mean_outage_ms=float(duration_ms(candidate.get("meanOutage", "2m"))),
        revenue=revenue,
        guards=tuple(guards),
        phases=tuple(phases),
    )
