"""Latency buckets: the bucket probabilities of a lognormal mixture and Prometheus' histogram_quantile,
vectorized over many windows at once."""

from __future__ import annotations

import math

import numpy as np


def _normal_cdf(z: float, upper: bool) -> float:
    return 0.5 * math.erfc((z if upper else -z) / math.sqrt(2))


def bucket_probabilities(
    components: list[tuple[float, float, float]], bounds_ms: tuple[float, ...]
) -> np.ndarray:
    """P(latency in bucket k) for a mixture of (weight, mu, sigma) lognormals, len(bounds) + 1 buckets (the
    last is +Inf). Each bucket's mass is taken from the side of the median where it has no cancellation."""
    edges = [0.0, *bounds_ms, math.inf]
    masses = np.zeros(len(bounds_ms) + 1)
    for weight, mu, sigma in components:
        for k in range(len(masses)):
            lower, upper = edges[k], edges[k + 1]
            z_lower = -math.inf if lower <= 0 else (math.log(lower) - mu) / sigma
            z_upper = math.inf if upper == math.inf else (math.log(upper) - mu) / sigma
            if z_lower >= 0:
                mass = _normal_cdf(z_lower, True) - _normal_cdf(z_upper, True)
            else:
                mass = _normal_cdf(z_upper, False) - _normal_cdf(z_lower, False)
            masses[k] += weight * max(mass, 0.0)
    return masses / masses.sum()


def tail_start(bounds_ms: tuple[float, ...], thresholds: list[float]) -> int:
    """The first bucket whose upper bound reaches the smallest latency threshold: a quantile whose rank falls
    below it is below every threshold, so gates and guards need only the counts from this bucket up."""
    if not thresholds:
        return len(bounds_ms) + 1
    smallest = min(thresholds)
    return next((k for k, bound in enumerate(bounds_ms) if bound >= smallest), len(bounds_ms))


def histogram_quantile(
    q: float, bounds_ms: np.ndarray, counts: np.ndarray, below: np.ndarray, first: int
) -> np.ndarray:
    """Prometheus' histogram_quantile of many histograms at once, from their buckets `first`.. only.

    counts: (..., m) counts of buckets first .. len(bounds) (the last one +Inf); below: (...) the count in
    the buckets under `first`. NaN where a histogram is empty (no value). Where the rank falls under
    `first` the value is bounds[first - 1], a stand-in for a value no larger: every latency threshold
    lies above it (see tail_start), so every gate and guard decides the same. With first = 0 and below = 0
    this is histogram_quantile over the whole histogram.
    """
    counts = np.asarray(counts)
    total = below + counts.sum(axis=-1)
    rank = q * total
    cumulative = below[..., None] + np.cumsum(counts[..., :-1], axis=-1)
    j = (cumulative < rank[..., None]).sum(axis=-1)
    finite = j < counts.shape[-1] - 1
    jj = np.minimum(j, counts.shape[-1] - 2)
    bucket = first + jj
    upper = bounds_ms[bucket]
    lower = np.where(bucket > 0, bounds_ms[np.maximum(bucket - 1, 0)], 0.0)
    in_bucket = np.take_along_axis(counts, jj[..., None], axis=-1)[..., 0]
    before = np.take_along_axis(cumulative, jj[..., None], axis=-1)[..., 0] - in_bucket
    with np.errstate(invalid="ignore", divide="ignore"):
        value = lower + (upper - lower) * ((rank - before) / in_bucket)
    value = np.where(finite, value, bounds_ms[-1])
    if first > 0:
        value = np.where(below >= rank, bounds_ms[first - 1], value)
    return np.where(total > 0, value, np.nan)


class AliasTable:
    """Walker's alias method over bucket probabilities: one uniform draws one bucket."""

    def __init__(self, probabilities: np.ndarray):
        n = probabilities.size
        scaled = probabilities * n
        self.threshold = np.ones(n)
        self.other = np.arange(n)
        small = [k for k in range(n) if scaled[k] < 1]
        large = [k for k in range(n) if scaled[k] >= 1]
        while small and large:
            less, more = small.pop(), large.pop()
            self.threshold[less] = scaled[less]
            self.other[less] = more
            scaled[more] -= 1 - scaled[less]
            (small if scaled[more] < 1 else large).append(more)

    def draw(self, rng: np.random.Generator, size: int) -> np.ndarray:
        u = rng.random(size) * self.threshold.size
        k = u.astype(np.int64)
        return np.where(u - k < self.threshold[k], k, self.other[k])


def grouped_quantile(
    q: float, bounds_ms: np.ndarray, buckets: np.ndarray, starts: np.ndarray, sizes: np.ndarray
) -> np.ndarray:
    """histogram_quantile of many histograms given as lists of bucket indices, one contiguous group per
    histogram (`starts`, `sizes` > 0). The rank q·n falls in the bucket of the ⌈q·n⌉-th smallest
    observation, found as the (n − ⌈q·n⌉ + 1)-th largest: for p99 over fewer than 100 observations that is
    the largest, so the cost is a few passes over the observations, not over every bucket."""
    rank = q * sizes
    above = sizes - np.ceil(rank).astype(np.int64)
    if above.max() > 8:
        return _dense_quantile(q, bounds_ms, buckets, starts, sizes)
    values = buckets.copy()
    bucket = np.empty(sizes.size, dtype=buckets.dtype)
    for step in range(int(above.max()) + 1):
        largest = np.maximum.reduceat(values, starts)
        bucket[above == step] = largest[above == step]
        if step < above.max():
            group_of = np.repeat(np.arange(sizes.size), sizes)
            at = np.flatnonzero(values == largest[group_of])
            _, first = np.unique(group_of[at], return_index=True)
            values[at[first]] = -1
    chosen = np.repeat(bucket, sizes)
    in_bucket = np.add.reduceat((buckets == chosen).view(np.int8), starts, dtype=np.int64)
    before = np.add.reduceat((buckets < chosen).view(np.int8), starts, dtype=np.int64)
    finite = bucket < bounds_ms.size
    clipped = np.minimum(bucket, bounds_ms.size - 1)
    upper = bounds_ms[clipped]
    lower = np.where(clipped > 0, bounds_ms[np.maximum(clipped - 1, 0)], 0.0)
    value = lower + (upper - lower) * ((rank - before) / in_bucket)
    return np.where(finite, value, bounds_ms[-1])


def _dense_quantile(
    q: float, bounds_ms: np.ndarray, buckets: np.ndarray, starts: np.ndarray, sizes: np.ndarray
) -> np.ndarray:
    columns = bounds_ms.size + 1
    group_of = np.repeat(np.arange(sizes.size), sizes)
    counts = np.bincount(group_of * columns + buckets, minlength=sizes.size * columns)
    counts = counts.reshape(sizes.size, columns)
    return histogram_quantile(q, bounds_ms, counts, np.zeros(sizes.size, dtype=np.int64), 0)
