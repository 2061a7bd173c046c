"""Write the "Open in Colab" / "Launch Binder" badges and the Colab set-up cell, from one setting.

    python tests/tools/badges.py            # write them (make badges)
    python tests/tools/badges.py --check    # only report what disagrees (the tests use this)

The setting is the course's address, ``[project.urls] Repository`` in ``pyproject.toml``.
From it come:

* in every notebook, a first Markdown cell with both badges (cell id ``course-badges``);
* in every notebook, a first code cell that sets the course up on Google Colab and does
  nothing anywhere else (cell id ``course-setup``);
* in the README's table of notebooks, both badges for every lesson.

A cell that already exists keeps its stored outputs and execution count: after a change of
address only its text changes.  A newly inserted set-up cell has no stored output yet, and
the notebook tests say so until ``make execute`` has run it.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
BRANCH = "main"                   # the branch the Colab badges open; Binder opens HEAD
PACKAGE = "attention-course-helpers"
BADGES_ID, SETUP_ID = "course-badges", "course-setup"
SEPARATOR = " &nbsp;·&nbsp; "      # between the two links (a line break in the README table)


def repository(root: Path = ROOT) -> str:
    """The course's address from pyproject.toml, e.g. ``https://github.com/OWNER/REPO``."""
    with open(root / "pyproject.toml", "rb") as f:
        url = tomllib.load(f)["project"]["urls"]["Repository"].rstrip("/")
    return url.removesuffix(".git")


def _github(url: str) -> str:
    """``OWNER/REPO`` of a GitHub address (Colab opens notebooks from GitHub only)."""
    m = re.fullmatch(r"https://github\.com/([\w.-]+/[\w.-]+)", url)
    if not m:
        raise ValueError(f"[project.urls] Repository must be https://github.com/OWNER/REPO for the "
                         f"Colab and Binder badges; got {url!r}")
    return m.group(1)


def badge_links(url: str, notebook: str) -> tuple[str, str]:
    """The Colab and Binder addresses that open ``notebook`` (a path like ``notebooks/04-scores.ipynb``)."""
    slug = _github(url)
    return (f"https://colab.research.google.com/github/{slug}/blob/{BRANCH}/{notebook}",
            f"https://mybinder.org/v2/gh/{slug}/HEAD?urlpath=lab/tree/{notebook}")


def badges_markdown(url: str, notebook: str) -> str:
    """Two plain links, no pictures: nothing is fetched from another site when a page is shown."""
    colab, binder = badge_links(url, notebook)
    return (f"**[▶ Colab-এ খোলো · Open in Colab]({colab})**{SEPARATOR}"
            f"**[▶ Binder-এ চালাও · Launch Binder]({binder})**")


PLACEHOLDER = "https://github.com/OWNER/REPO"      # until the course has its public home


def setup_code(url: str) -> str:
    """The first code cell of every notebook.  Outside Colab it does nothing at all.

    On Colab, once per runtime: install the course (helpers and its font) from ``url`` with
    the ``[colab]`` extra (a matplotlib that shapes Bengali; ipywidgets is left alone), and
    restart the runtime if Colab had already loaded its older matplotlib.  With the
    placeholder address it says, in both languages, that the teacher must set the address.
    """
    if url == PLACEHOLDER:
        install = f'''    raise RuntimeError("কোর্সের ঠিকানা এখনও বসানো হয়নি। শিক্ষককে README-র 'নিজের কপি (fork) থেকে পড়াতে' অংশটা দেখতে বলো।\\n"
                       "The course's address has not been set yet. Ask your teacher to see 'Teaching from your own fork' in the README.")'''
    else:
        install = f'''    print("Colab: কোর্সের helpers, বাংলা font আর বাংলা জোড়া দিতে পারে এমন matplotlib install হচ্ছে "
          "(এক-দুই মিনিট, এই runtime-এ একবারই)।\\n"
          "Colab: installing the course's helpers, its Bengali font and a matplotlib that shapes "
          "Bengali (a minute or two, once in this runtime).", flush=True)
    try:
        pip = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet",
                              f"{PACKAGE}[colab] @ git+{{COURSE}}@{BRANCH}"], capture_output=True, text=True,
                             timeout=900, env=dict(os.environ, GIT_TERMINAL_PROMPT="0"))
        failed = pip.returncode and pip.stderr[-2000:]
    except subprocess.TimeoutExpired:
        failed = "timeout (15 min)"
    if failed:
        raise RuntimeError(f"install হয়নি; internet আছে কি না দেখো, তারপর আবার চালাও। · "
                           f"The install failed; check the internet connection and run again.\\n{{COURSE}}: {{failed}}")
    old = sys.modules.get("matplotlib")
    if old is not None and old.__version__ != meta.version("matplotlib"):
        print(f"matplotlib {{old.__version__}} → {{meta.version('matplotlib')}}: নতুন matplotlib চালু করতে runtime "
              "একবার restart হচ্ছে। 'session crashed/restarted' বার্তা আসবে, ভয় পেয়ো না; তারপর Runtime → Run all চালাও।\\n"
              "Restarting the runtime once so the new matplotlib loads. A 'session crashed/restarted' "
              "notice will appear: nothing is wrong; then choose Runtime → Run all.", flush=True)
        time.sleep(1)                                     # let the message reach the page
        os.kill(os.getpid(), 9)
    print("Colab: কোর্স প্রস্তুত · the course is ready.")'''
    return f'''# Google Colab-এ কোর্সের প্রস্তুতি; অন্য কোথাও এই cell কিছুই করে না।
# Set-up on Google Colab; anywhere else this cell does nothing.
COURSE = "{url}"   # make badges লেখে · written by make badges
import importlib.metadata as meta, os, subprocess, sys, time
try:
    import google.colab
    ON_COLAB = True
except ImportError:
    ON_COLAB = False
try:
    meta.version("{PACKAGE}")   # already installed in this runtime?
    INSTALLED = True
except meta.PackageNotFoundError:
    INSTALLED = False
if ON_COLAB and INSTALLED:
    print("Colab: কোর্স প্রস্তুত · the course is ready.")
elif ON_COLAB:
{install}'''


def notebooks(root: Path = ROOT) -> list[Path]:
    """Every notebook that has its own badges: the lessons and the exercises' teacher versions.

    The exercises' student versions are made from the teacher versions by nbgrader
    (``make exercises``), badges included, so they are not written here."""
    exercises = root / "notebooks" / "exercises"
    found = sorted(p for p in (root / "notebooks").rglob("*.ipynb")
                   if ".ipynb_checkpoints" not in p.parts and p.parent != exercises)
    return found


def opened_as(path: Path, root: Path = ROOT) -> str:
    """The notebook a badge opens: the file itself, or for an exercise's teacher version
    (``notebooks/exercises/source/<name>/<name>.ipynb``) the student version students open."""
    rel = path.relative_to(root)
    if rel.parts[:3] == ("notebooks", "exercises", "source"):
        return f"notebooks/exercises/{path.name}"
    return rel.as_posix()


def _cell_index(nb, cell_id: str) -> int | None:
    return next((i for i, c in enumerate(nb.cells) if c.get("id") == cell_id), None)


def update_notebook(nb, url: str, notebook: str) -> list[str]:
    """Put the badge and set-up cells in ``nb`` (in place); returns what had to change."""
    changes = []
    want = badges_markdown(url, notebook)
    i = _cell_index(nb, BADGES_ID)
    if i is None:
        cell = nbformat.v4.new_markdown_cell(want, id=BADGES_ID)
        nb.cells.insert(0, cell)
        changes.append("badge cell added")
    elif nb.cells[i].source != want or i != 0:
        nb.cells[i].source = want
        nb.cells.insert(0, nb.cells.pop(i))
        changes.append("badge cell updated")

    want = setup_code(url)
    i = _cell_index(nb, SETUP_ID)
    first_code = next(k for k, c in enumerate(nb.cells) if c.cell_type == "code")
    if i is None:
        cell = nbformat.v4.new_code_cell(want, id=SETUP_ID)
        cell.metadata["tags"] = ["nbval-ignore-output"]      # it prints only on Colab
        nb.cells.insert(first_code, cell)
        changes.append("set-up cell added")
    else:
        if nb.cells[i].source != want:
            nb.cells[i].source = want
            changes.append("set-up cell updated")
        if i != first_code:
            changes.append("set-up cell is not the first code cell")
            nb.cells.insert(first_code, nb.cells.pop(i))
    return changes


def readme_with_badges(text: str, url: str) -> str:
    """The README with both badges in the third column of every lesson's and exercise's row."""
    def row(m):
        cells = m.group(0).strip().strip("|").split("|")
        path = re.search(r"\((notebooks/[^)]+\.ipynb)\)", cells[0]).group(1)
        badge = badges_markdown(url, path).replace(SEPARATOR, "<br>")
        cells = [cells[0], cells[1], f" {badge} "] + cells[3:]
        return "|" + "|".join(cells) + "|"
    return re.sub(r"^\| \[`(?:ex)?[0-9][0-9]-[^`]+`\]\(notebooks/[^)]+\.ipynb\) \|.*$", row, text, flags=re.M)


def sync(root: Path = ROOT, write: bool = True) -> list[str]:
    """Bring every badge and set-up cell in line with the setting; returns the differences found."""
    url = repository(root)
    problems = []
    for path in notebooks(root):
        nb = nbformat.read(path, as_version=4)
        changes = update_notebook(nb, url, opened_as(path, root))
        if changes:
            problems.append(f"{path.relative_to(root)}: {', '.join(changes)}")
            if write:
                nbformat.write(nb, path)
    readme = root / "README.md"
    text = readme.read_text(encoding="utf-8")
    new = readme_with_badges(text, url)
    if new != text:
        problems.append("README.md: the notebook table's badges")
        if write:
            readme.write_text(new, encoding="utf-8")
    return problems


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="change nothing; exit 1 if anything disagrees")
    args = ap.parse_args(argv)
    problems = sync(write=not args.check)
    for p in problems:
        print(("differs: " if args.check else "wrote: ") + p)
    if not problems:
        print(f"all badges and set-up cells match {repository()}")
    return 1 if (args.check and problems) else 0


if __name__ == "__main__":
    sys.exit(main())
