"""Re-run notebooks top to bottom on a fresh kernel and store their outputs in place.

    python tests/tools/execute_notebooks.py                 # every notebook
    python tests/tools/execute_notebooks.py notebooks/04-*.ipynb

An exercise's student version (``notebooks/exercises/exNN-*.ipynb``) is run only while it
still has the cells ``make exercises`` wrote: a student's own work is never overwritten.

Strict nbval compares the stored outputs with a fresh run, so run this after editing a
notebook (``make execute``).  Kernel metadata is normalised to ``python3``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from helpers.grading import untouched

ROOT = Path(__file__).resolve().parents[2]
STUDENT_VERSIONS = ROOT / "notebooks" / "exercises"     # written only while untouched (helpers.grading)
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def execute(path: Path, timeout: int = 600) -> float:
    nb = nbformat.read(path, as_version=4)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    start = time.perf_counter()
    NotebookClient(nb, timeout=timeout, kernel_name="python3", coalesce_streams=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    elapsed = time.perf_counter() - start
    nb.metadata["language_info"] = {"name": "python"}      # no version numbers: they churn
    nb.metadata.pop("widgets", None)                      # widget state is rebuilt on run
    nbformat.validate(nb)
    nbformat.write(nb, path)
    return elapsed


def main(argv: list[str]) -> int:
    paths = [Path(p) for p in argv] or (sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
                                        + sorted((ROOT / "notebooks" / "exercises").rglob("ex[0-9][0-9]-*.ipynb")))
    paths = [p for p in paths if ".ipynb_checkpoints" not in p.parts]
    for p in paths:
        if p.resolve().parent == STUDENT_VERSIONS and not untouched(p):
            print(f"{p}: not run, someone has edited this student version (it may hold their work) · "
                  "কেউ এটা বদলেছে, তাই চালানো হলো না", flush=True)
            continue
        print(f"{p.relative_to(ROOT) if p.is_absolute() else p}: {execute(p.resolve()):.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
