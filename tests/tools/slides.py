"""Slide metadata for every lesson, from its headings (make slides writes it, a test checks it).

    python tests/tools/slides.py            # write the metadata into the lessons
    python tests/tools/slides.py --check    # only report what disagrees (the tests use this)
    python tests/tools/slides.py --deck     # and build a static reveal.js deck per lesson in slides/

Every "## " heading starts a slide, every "### " a sub-slide, and the rest of the cells
follow on the slide they belong to; the Colab badges and set-up cell are skipped.  A
teacher presents from JupyterLab (see guide/README.md, "presenting"), where the sliders
stay live; the static deck, with reveal.js kept beside it, is for a room without Python.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
REVEAL = ROOT / "tests" / "tools" / "reveal.js"          # reveal.js 4.6.1 (MIT), only the files a deck loads
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


def deck(out: Path = ROOT / "slides") -> list[Path]:
    """A reveal.js deck per lesson in ``out``, with reveal.js copied beside it: opens from file://."""
    from nbconvert import SlidesExporter
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(REVEAL, out / "reveal.js")
    written = []
    for path in lessons():
        nb = nbformat.read(path, as_version=4)
        nb.cells = [c for c in nb.cells if slide_type(c) != "skip"]
        exporter = SlidesExporter(reveal_url_prefix="reveal.js", reveal_theme="white", reveal_scroll=True,
                                  exclude_input_prompt=True, exclude_output_prompt=True)
        body, _ = exporter.from_notebook_node(nb)
        target = out / f"{path.stem}.slides.html"
        target.write_text(body, encoding="utf-8")
        written.append(target)
    return written


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="change nothing; exit 1 if any cell lacks its slide type")
    ap.add_argument("--deck", action="store_true", help="also build the static decks in slides/")
    args = ap.parse_args(argv)
    problems = sync(write=not args.check)
    for line in problems:
        print(("differs: " if args.check else "wrote: ") + line)
    if args.deck:
        for p in deck():
            print(p.relative_to(ROOT))
    return 1 if (args.check and problems) else 0


if __name__ == "__main__":
    sys.exit(main())
