"""Slide metadata for every lesson, from its headings (make slides writes it, a test checks it).

    python tests/tools/slides.py            # write the metadata into the lessons
    python tests/tools/slides.py --check    # only report what disagrees (the tests use this)

Every "## " heading starts a slide, every "### " a sub-slide, and the rest of the cells
follow on the slide they belong to; the Colab badges and set-up cell are skipped.  A
teacher presents from JupyterLab (see guide/README.md, "presenting"), where the sliders
stay live; the static decks of ``make slides`` (tests/tools/build_site.py --slides), with
reveal.js kept beside them, are for a room without Python.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
SKIP = {"course-badges", "course-setup"}


def lessons(root: Path = ROOT) -> list[Path]:
    return sorted((root / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def slide_type(cell) -> str:
    if cell.get("id") in SKIP:
        return "skip"
    if cell.cell_type == "markdown":
        first = cell.source.lstrip().split("\n", 1)[0]
        if first.startswith(("# ", "## ")):
            return "slide"
        if first.startswith("### "):
            return "subslide"
    return "-"


def sync(write: bool = True) -> list[str]:
    problems = []
    for path in lessons():
        nb = nbformat.read(path, as_version=4)
        changed = 0
        for cell in nb.cells:
            want = slide_type(cell)
            if cell.metadata.get("slideshow", {}).get("slide_type") != want:
                cell.metadata["slideshow"] = {"slide_type": want}
                changed += 1
        if changed:
            problems.append(f"{path.relative_to(ROOT)}: {changed} cells without their slide type")
            if write:
                nbformat.write(nb, path)
    return problems


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="change nothing; exit 1 if any cell lacks its slide type")
    args = ap.parse_args(argv)
    problems = sync(write=not args.check)
    for line in problems:
        print(("differs: " if args.check else "wrote: ") + line)
    return 1 if (args.check and problems) else 0


if __name__ == "__main__":
    sys.exit(main())
