"""Compares the NumPy reference with `rehearse risk`: every probability risk.json states for the plan and
the time to rollback, as z-scores of the difference between two independent Monte Carlo estimates.

    python3 bench/reference/check.py [scenario] [--risk risk.json] [--runs 10000]
                                     [--reference-runs N] [--seed 1]

Without --risk it runs `rehearse risk --runs N` (the built CLI, bin/rehearse.js) into a temporary folder.
Probabilities: z = (p_tool − p_ref) / √(p̄(1 − p̄)(1/n_tool + 1/n_ref)), p̄ pooled. A quantile v that the
tool states for probability q: z = (F_ref(v) − q) / √(q(1 − q)(1/n_tool + 1/n_ref)), F_ref the reference's
distribution function at v (ties counted half). Under the same model each z is about standard normal:
|z| > 2 in roughly one comparison in twenty, |z| > 3 in one in 400.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from montecarlo import simulate  # noqa: E402
from scenario import read_plan  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def proportion_z(x1: int, n1: int, x2: int, n2: int) -> float | None:
    """Pooled two-sample z of x1/n1 against x2/n2; None when it says nothing (both 0 or both all)."""
    if n1 == 0 or n2 == 0:
        return None
    pooled = (x1 + x2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    return None if se == 0 else (x1 / n1 - x2 / n2) / se


def quantile_z(value: float, q: float, n_tool: int, reference: np.ndarray) -> float:
    below = np.count_nonzero(reference < value) + 0.5 * np.count_nonzero(reference == value)
    return (below / reference.size - q) / math.sqrt(q * (1 - q) * (1 / n_tool + 1 / reference.size))


def tool_risk(scenario: str, runs: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="rehearse-check-") as out:
        command = ["node", str(ROOT / "bin" / "rehearse.js"), "risk", scenario, "--runs", str(runs)]
        subprocess.run([*command, "--quiet", "--out", out], check=True, cwd=ROOT)
        return json.loads((Path(out) / "risk.json").read_text(encoding="utf-8"))


def count(probability: dict) -> tuple[int, int]:
    return round(probability["p"] * probability["runs"]), probability["runs"]


def comparisons(risk: dict, study: dict) -> list[tuple[str, float, float, float | None]]:
    """(quantity, tool's value, reference's value, z) for every figure both give."""
    rows = []
    runs = study["runs"]

    def add(label: str, tool: dict, x_ref: int, n_ref: int) -> None:
        x_tool, n_tool = count(tool)
        rows.append(
            (
                label,
                tool["p"],
                x_ref / n_ref if n_ref else math.nan,
                proportion_z(x_tool, n_tool, x_ref, n_ref),
            )
        )

    add("pComplete", risk["pComplete"], study["completed"], runs)
    add("pRollback (all false)", risk["pRollback"], study["rolledBack"], runs)
    add("pHalt", risk["pHalt"], study["halted"], runs)
    for tool_phase, ref in zip(risk["phases"], study["phases"], strict=True):
        name, reached = ref["name"], ref["reached"]
        add(f"{name} pReach", tool_phase["pReach"], reached, runs)
        add(f"{name} pPass", tool_phase["pPass"], ref["passed"], reached)
        add(f"{name} pFalseRollback", tool_phase["pFalseRollback"], ref["rolled_back"], reached)
        add(f"{name} pHalt", tool_phase["pHalt"], ref["halted"], reached)
        for tool_gate, gate in zip(tool_phase["gates"], ref["gates"], strict=True):
            key = (tool_gate["metric"], tool_gate["op"], tool_gate["threshold"])
            assert key == (gate["metric"], gate["op"], gate["threshold"]), f"gates differ: {key}, {gate}"
            label = f"{name} gate {gate['metric']} {gate['op']} {gate['threshold']:g}"
            add(f"{label} pFailed", tool_gate["pFailed"], gate["failed"], reached)
            add(f"{label} pInconclusive", tool_gate["pInconclusive"], gate["inconclusive"], reached)
            add(f"{label} pCausedRollback", tool_gate["pCausedRollback"], gate["causedRollback"], reached)
            add(f"{label} pCausedHalt", tool_gate["pCausedHalt"], gate["causedHalt"], reached)
        for tool_guard, guard in zip(tool_phase["guards"], ref["guards"], strict=True):
            label = f"{name} guard {guard['metric']} {guard['op']} {guard['threshold']:g}"
            add(f"{label} pTripped", tool_guard["pTripped"], guard["tripped"], reached)
            add(f"{label} pCausedRollback", tool_guard["pCausedRollback"], guard["causedRollback"], reached)
    timing = risk.get("timeToRollbackMs")
    rollback = np.array(study["rollbackMs"], dtype=float)
    if timing and rollback.size:
        for key, q in (("p10", 0.1), ("p50", 0.5), ("p90", 0.9)):
            mine = float(np.quantile(rollback, q))
            rows.append(
                (
                    f"time to rollback {key} (min)",
                    timing[key] / 60_000,
                    mine / 60_000,
                    quantile_z(timing[key], q, timing["runs"], rollback),
                )
            )
        sd = rollback.std(ddof=1)
        z = (timing["mean"] - rollback.mean()) / (sd * math.sqrt(1 / timing["runs"] + 1 / rollback.size))
        rows.append(("time to rollback mean (min)", timing["mean"] / 60_000, rollback.mean() / 60_000, z))
    return rows


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", default="scenarios/sprint2-rollout.yaml")
    parser.add_argument("--risk", help="a risk.json of the same scenario (default: run rehearse risk)")
    parser.add_argument("--runs", type=int, default=10_000, help="rehearse risk's runs (without --risk)")
    parser.add_argument("--reference-runs", type=int, help="the reference's runs (default: as many)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    scenario = str((ROOT / args.scenario) if not Path(args.scenario).is_absolute() else args.scenario)
    risk = (
        json.loads(Path(args.risk).read_text(encoding="utf-8"))
        if args.risk
        else tool_risk(scenario, args.runs)
    )
    plan = read_plan(scenario)
    runs = args.reference_runs or risk["runs"]
    studies = {variant: simulate(plan, runs, args.seed, variant) for variant in ("tail", "full")}
    tables = {variant: comparisons(risk, study) for variant, study in studies.items()}
    print(
        f"rehearse risk ({risk['runs']} runs, seed {risk['seed']}) against the NumPy reference "
        f"({runs} runs, seed {args.seed}), variants tail and full:"
    )
    print(f"{'quantity':<58} {'tool':>9} {'tail':>9} {'z':>6} {'full':>9} {'z':>6}")
    for tail, full in zip(tables["tail"], tables["full"], strict=True):
        label, tool, tail_value, tail_z = tail
        _, _, full_value, full_z = full
        if tail_z is None and full_z is None:
            continue

        def z_text(z: float | None) -> str:
            return "     –" if z is None else f"{z:6.2f}"

        print(
            f"{label:<58} {tool:9.4g} {tail_value:9.4g} {z_text(tail_z)} {full_value:9.4g} {z_text(full_z)}"
        )
    for variant, rows in tables.items():
        zs = np.array([z for *_, z in rows if z is not None])
        print(
            f"{variant}: {zs.size} comparisons, max |z| {np.abs(zs).max():.2f}, "
            f"|z| > 2: {(np.abs(zs) > 2).sum()}, |z| > 3: {(np.abs(zs) > 3).sum()}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
