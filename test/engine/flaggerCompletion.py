"""Flagger canary completion probability, computed independently of the rehearsal engine.

The canary (Flagger's istio tutorial shape: interval 1m, maxWeight 50, stepWeight 10, request-success-rate
min 99 over 1m) steps through weights 10..50. A check at weight w looks at the last minute of canary
traffic: N ~ Poisson(learners_w * rate / 60) requests, errors ~ Binomial(N, e); it fails when
100 * (1 - errors / N) < 99 (N = 0, of probability e^-100 or less here, is counted as failing). A failed check keeps the weight and adds
one failed check; the canary completes when the fifth check passes before failed checks reach the
threshold T, i.e. when the failures before the last pass total at most T - 1. The failures spent at
weight j are geometric: P(K_j = k) = q_j^k (1 - q_j).

Usage: python3 test/engine/flaggerCompletion.py LEARNERS RATE_PER_HOUR ERROR_RATE THRESHOLD...
"""
import math
import sys


def poisson_pmf(n, lam):
    return math.exp(n * math.log(lam) - lam - math.lgamma(n + 1))


def binomial_pmf(k, n, p):
    return math.comb(n, k) * p**k * (1 - p) ** (n - k)


def check_fails(lam, e):
    q = math.exp(-lam)
    n_max = int(lam + 12 * math.sqrt(lam) + 30)
    for n in range(1, n_max):
        fail_given_n = sum(binomial_pmf(k, n, e) for k in range(n + 1) if 100 * (1 - k / n) < 99)
        q += poisson_pmf(n, lam) * fail_given_n
    return q


def completion(qs, threshold):
    total = [1.0]  # distribution of failures so far
    for q in qs:
        geometric = [q**k * (1 - q) for k in range(threshold)]
        new = [0.0] * threshold
        for a, pa in enumerate(total):
            for b, pb in enumerate(geometric):
                if a + b < threshold:
                    new[a + b] += pa * pb
        total = new
    return sum(total)


def main():
    learners, rate, e = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
    weights = [10, 20, 30, 40, 50]
    qs = [check_fails(round(w / 100 * learners) * rate / 60, e) for w in weights]
    print("per-check failure probability:", " ".join(f"{w}%: {q:.6f}" for w, q in zip(weights, qs)))
    for threshold in map(int, sys.argv[4:]):
        print(f"threshold {threshold}: P(complete) = {completion(qs, threshold):.9f}")


main()
