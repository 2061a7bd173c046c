"""The Colab/Binder badges and the Colab set-up cell all come from one setting (pyproject.toml).

``make badges`` (tests/tools/badges.py) writes them; these tests fail when any badge, set-up
cell or README row disagrees with ``[project.urls] Repository``, and check what the set-up
cell does outside Colab (nothing) and on a Colab where the course is already installed.
The install itself, with the runtime restart, is tested in tests/colab (make colab).
"""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "tools"))
import badges  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def test_every_badge_and_setup_cell_matches_the_setting():
    problems = badges.sync(write=False)
    assert not problems, "run `make badges`:\n" + "\n".join(problems)


def test_every_notebook_starts_with_badges_then_the_setup_cell():
    url = badges.repository()
    for path in badges.notebooks():
        nb = nbformat.read(path, as_version=4)
        rel = badges.opened_as(path)
        assert nb.cells[0].id == badges.BADGES_ID, rel
        colab, binder = badges.badge_links(url, rel)
        assert f"]({colab})" in nb.cells[0].source and f"]({binder})" in nb.cells[0].source, rel
        first_code = next(c for c in nb.cells if c.cell_type == "code")
        assert first_code.id == badges.SETUP_ID, f"{rel}: the Colab set-up cell must be the first code cell"
        assert f'COURSE = "{url}"' in first_code.source


def test_readme_has_both_badges_for_every_lesson():
    url = badges.repository()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path in badges.notebooks():
        if path.parent.name != "notebooks" and "source" not in path.parts:
            continue
        rel = badges.opened_as(path)                     # an exercise's row opens its student version
        row = next((line for line in readme.splitlines() if line.startswith(f"| [`{path.stem}`]")), None)
        assert row, f"README's notebook table has no row for {rel}"
        for link in badges.badge_links(url, rel):
            assert f"]({link})" in row, f"README row of {rel} lacks {link}"


def test_no_stray_colab_or_binder_address_anywhere():
    """An address written by hand (README prose, a lesson) must also use the setting."""
    slug = badges._github(badges.repository())
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout.split()
    pattern = re.compile(r"(?:colab\.research\.google\.com/github|mybinder\.org/v2/gh)/([\w.-]+/[\w.-]+)")
    for name in files:
        if Path(name).suffix in {".md", ".ipynb", ".py", ".toml", ".yml"} and (ROOT / name).is_file():
            for found in pattern.findall((ROOT / name).read_text(encoding="utf-8")):
                assert found == slug, f"{name}: a badge address for {found}, but the setting says {slug}"


def test_a_new_address_is_caught_then_written_everywhere(tmp_path):
    for part in ("notebooks", "README.md", "pyproject.toml"):
        src = ROOT / part
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / part)
    toml = tmp_path / "pyproject.toml"
    toml.write_text(toml.read_text().replace(badges.repository(), "https://github.com/a-teacher/attention-fork"))
    problems = badges.sync(tmp_path, write=False)
    n = len(badges.notebooks(tmp_path))
    assert len(problems) == n + 1, problems                        # every notebook, and the README
    before = nbformat.read(tmp_path / "notebooks" / "05-softmax.ipynb", as_version=4)
    badges.sync(tmp_path, write=True)
    assert badges.sync(tmp_path, write=False) == []
    after = nbformat.read(tmp_path / "notebooks" / "05-softmax.ipynb", as_version=4)
    assert "a-teacher/attention-fork" in after.cells[0].source
    setup = next(c for c in after.cells if c.id == badges.SETUP_ID)
    assert 'COURSE = "https://github.com/a-teacher/attention-fork"' in setup.source
    # only the text changed: stored outputs and execution counts are kept
    strip = lambda nb: [(c.cell_type, c.get("outputs"), c.get("execution_count")) for c in nb.cells]
    assert strip(before) == strip(after)
    assert "a-teacher/attention-fork" in (tmp_path / "README.md").read_text(encoding="utf-8")


def test_a_non_github_address_is_refused_clearly():
    with pytest.raises(ValueError, match="https://github.com/OWNER/REPO"):
        badges.badge_links("https://gitlab.com/x/y", "notebooks/00-index.ipynb")


def _run_setup_cell(tmp_path, fake_colab: bool, installed: bool, url: str | None = None):
    """Run the set-up cell's code in a fresh interpreter, with or without a fake google.colab."""
    path = []
    if fake_colab:
        (tmp_path / "fake" / "google" / "colab").mkdir(parents=True, exist_ok=True)
        (tmp_path / "fake" / "google" / "colab" / "__init__.py").write_text("")
        path.append(str(tmp_path / "fake"))
    code = badges.setup_code(url or badges.repository())
    prelude = ""
    if not installed:                      # as on a fresh Colab: the course is not installed
        prelude = ("import importlib.metadata as m\n_v = m.version\n"
                   "def _version(name):\n    if name == 'attention-course-helpers': raise m.PackageNotFoundError(name)\n"
                   "    return _v(name)\nm.version = _version\n")
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": ":".join(path)}
    return subprocess.run([sys.executable, "-c", prelude + code], capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=60)


def test_setup_cell_does_nothing_outside_colab(tmp_path):
    for installed in (True, False):
        run = _run_setup_cell(tmp_path, fake_colab=False, installed=installed)
        assert run.returncode == 0, run.stderr
        assert run.stdout == "" and run.stderr == ""


def test_setup_cell_on_colab_with_the_course_installed_only_says_so(tmp_path):
    run = _run_setup_cell(tmp_path, fake_colab=True, installed=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "Colab: কোর্স প্রস্তুত · the course is ready."


def test_setup_cell_with_the_placeholder_address_says_the_teacher_must_set_it(tmp_path):
    run = _run_setup_cell(tmp_path, fake_colab=True, installed=False, url=badges.PLACEHOLDER)
    assert run.returncode != 0
    assert "কোর্সের ঠিকানা এখনও বসানো হয়নি" in run.stderr and "has not been set yet" in run.stderr
    assert "pip" not in run.stderr                                   # nothing was tried


def test_setup_cell_installs_from_the_branch_the_badges_open():
    code = badges.setup_code("https://github.com/a-teacher/attention-fork")
    assert f"git+{{COURSE}}@{badges.BRANCH}" in code and "GIT_TERMINAL_PROMPT" in code
    assert f"/blob/{badges.BRANCH}/" in badges.badge_links("https://github.com/a/b", "notebooks/x.ipynb")[0]


def test_setup_cells_are_stored_without_output():
    """Outside Colab the set-up cell prints nothing; the stored notebooks show exactly that."""
    for path in badges.notebooks():
        cell = next(c for c in json.loads(path.read_text(encoding="utf-8"))["cells"] if c.get("id") == badges.SETUP_ID)
        assert cell["outputs"] == [], path.name
