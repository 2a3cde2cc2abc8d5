"""The candidate deployment of many runs at once, as the model describes it: an alternating renewal process
with exponential up periods (mean meanOutage · A / (1 − A)) and down periods (mean meanOutage), started
in its stationary state at each phase start. An outage counts as begun when the deployment goes down
after the phase started (one already going on at the start does not count)."""

from __future__ import annotations

import math

import numpy as np


class Deployments:
    """One deployment per run; `advance` walks all of them over the next intervals."""

    def __init__(self, rng: np.random.Generator, runs: int, availability: float, mean_outage_ms: float):
        self.rng = rng
        self.mean_down = 0.0 if availability == 1 else math.inf if availability == 0 else mean_outage_ms
        self.mean_up = math.inf if availability == 1 else mean_outage_ms * availability / (1 - availability)
        self.up = (
            rng.random(runs) < availability if 0 < availability < 1 else np.full(runs, availability == 1)
        )
        self.remaining = np.where(self.up, self._draw(self.mean_up, runs), self._draw(self.mean_down, runs))

    def _draw(self, mean: float, size: int | None = None) -> np.ndarray | float:
        if mean == math.inf:
            return np.full(size, math.inf) if size is not None else math.inf
        return self.rng.exponential(mean, size)

    def keep(self, rows: np.ndarray) -> None:
        """Keeps the runs at `rows` (indices or a mask), dropping the others."""
        self.up = self.up[rows]
        self.remaining = self.remaining[rows]

    def advance(self, lengths_ms: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Advances every run over consecutive intervals of `lengths_ms`. Returns the runs that were down at
        some time or changed state (most runs stay up throughout and cost one comparison), and for each of
        them the time down (ms) and the outages begun per interval, (those runs, intervals)."""
        span = float(lengths_ms.sum())
        quiet = self.up & (self.remaining > span)
        self.remaining[quiet] -= span
        walked = np.flatnonzero(~quiet)
        ends = np.cumsum(lengths_ms).astype(float)
        starts = ends - lengths_ms
        down_ms = np.zeros((walked.size, lengths_ms.size))
        begun = np.zeros((walked.size, lengths_ms.size), dtype=np.int64)
        for i, r in enumerate(walked):
            self._walk(r, span, starts, ends, down_ms[i], begun[i])
        return walked, down_ms, begun

    def _walk(
        self,
        r: int,
        span: float,
        starts: np.ndarray,
        ends: np.ndarray,
        down_ms: np.ndarray,
        begun: np.ndarray,
    ) -> None:
        t, up, remaining = 0.0, bool(self.up[r]), float(self.remaining[r])
        while t < span:
            transition = t + remaining
            end = min(transition, span)
            if not up and end > t:
                down_ms += np.clip(np.minimum(ends, end) - np.maximum(starts, t), 0, None)
            if transition <= span:
                up = not up
                remaining = float(self._draw(self.mean_up if up else self.mean_down))
                if not up and transition < span:
                    begun[np.searchsorted(ends, transition, side="right")] += 1
            else:
                remaining = transition - span
            t = end
        self.up[r], self.remaining[r] = up, remaining
