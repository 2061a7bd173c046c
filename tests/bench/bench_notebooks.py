"""Benchmark: each notebook top to bottom on a fresh kernel, and `import helpers`.

Targets: <= 20 s per lesson (issue 2), <= 90 s for the two lessons that train models (issue 4),
<= 1 s for `import helpers`, on a 2-core machine.
Prints medians over several runs; nothing is asserted (this is a measurement, not a test).

    python tests/bench/bench_notebooks.py [--runs N] [notebooks ...]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
TARGET_SECONDS = {"10-why-attention-works": 90, "11-heatmaps": 90}     # they train models
DEFAULT_TARGET = 20


def time_notebook(path: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return time.perf_counter() - start


def time_import(module: str) -> float:
    """Seconds for a fresh interpreter to import ``module``, minus a bare interpreter's start."""
    def run(code):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - start
    return run(f"import {module}") - run("pass")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("notebooks", nargs="*")
    args = ap.parse_args()
    paths = [Path(p).resolve() for p in args.notebooks] or sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))

    print(f"{'what':40s} {'median':>8s} {'min':>8s} {'max':>8s}  target")
    for module in ("helpers", "helpers.attention", "helpers.plots"):
        times = [time_import(module) for _ in range(max(args.runs, 5))]
        print(f"{'import ' + module:40s} {statistics.median(times):7.3f}s {min(times):7.3f}s {max(times):7.3f}s"
              f"  {'<= 1 s' if module == 'helpers' else ''}")
    for p in paths:
        times = [time_notebook(p) for _ in range(args.runs)]
        med, target = statistics.median(times), TARGET_SECONDS.get(p.stem, DEFAULT_TARGET)
        print(f"{p.name:40s} {med:7.2f}s {min(times):7.2f}s {max(times):7.2f}s  <= {target} s "
              f"{'ok' if med <= target else 'OVER'}", flush=True)


if __name__ == "__main__":
    main()
