"""Benchmark of helpers.train (not a test: it prints figures for the issue's targets).

    python tests/bench/bench_train.py            # both parts, about 2 minutes
    python tests/bench/bench_train.py dates      # 60 s of date training
    python tests/bench/bench_train.py lengths    # the length experiment at notebook budget

Targets: >= 99 % exact match on 1000 new dates after <= 60 s of training; in the length
experiment, attention >= vanilla + 30 points at length 40, and the whole experiment
(both models, default step budget) in <= 90 s.
"""

import os
import platform
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", ".."))

from helpers import train  # noqa: E402


def bench_dates(seconds=60.0, seed=0):
    print(f"== dates: {seconds:.0f} s of training (seed {seed}) ==")
    t0 = time.perf_counter()
    tr = train.train_date_translator(seconds=seconds, seed=seed, progress=True)
    h = tr.history
    res = train.evaluate_dates(tr, n=1000, seed=seed + 2024)
    wall = time.perf_counter() - t0
    print(f"steps {h['steps']}, training {h['seconds']:.1f} s, {h['steps'] / h['seconds']:.1f} steps/s, "
          f"wall incl. evaluation {wall:.1f} s")
    train.print_date_report(res, errors=10)
    print(f"target >= 99%: {'OK' if res['accuracy'] >= 0.99 else 'MISSED'}")
    # the notebook budget: a fixed number of steps
    t0 = time.perf_counter()
    tr = train.train_date_translator(steps=train.DATE_STEPS, seed=seed, progress=False)
    acc = train.evaluate_dates(tr, n=1000, seed=seed + 2024)["accuracy"]
    print(f"notebook budget DATE_STEPS={train.DATE_STEPS}: {100 * acc:.1f}% "
          f"in {time.perf_counter() - t0:.1f} s")


def bench_lengths(seed=0):
    print(f"== lengths: LENGTH_STEPS={train.LENGTH_STEPS} (seed {seed}) ==")
    t0 = time.perf_counter()
    res = train.length_experiment(seed=seed, progress=True)
    wall = time.perf_counter() - t0
    for name in ("vanilla", "attention"):
        s, n = res["seconds"][name], res["steps"][name]
        print(f"{name:9s} {n} steps in {s:.1f} s ({n / s:.1f} steps/s)")
    print(f"whole experiment incl. evaluation: {wall:.1f} s (lesson 10 target <= 60 s in all: {'OK' if wall <= 50 else 'TIGHT'})")
    print(f"  {'length':>6s}  {'vanilla':>8s}  {'attention':>9s}")
    for L in res["lengths"]:
        print(f"  {L:6d}  {100 * res['vanilla'][L]:7.1f}%  {100 * res['attention'][L]:8.1f}%")
    L = max(res["lengths"])
    gap = 100 * (res["attention"][L] - res["vanilla"][L])
    print(f"gap at length {L}: {gap:.1f} points (target >= 30: {'OK' if gap >= 30 else 'MISSED'})")


if __name__ == "__main__":
    print(f"python {platform.python_version()}, {os.cpu_count()} cores, load {os.getloadavg()}")
    what = sys.argv[1:] or ["dates", "lengths"]
    if "dates" in what:
        bench_dates()
    if "lengths" in what:
        bench_lengths()
