"""Checks of the notebooks as documents (nbval separately re-runs them and compares outputs).

Every notebook: kernelspec python3; no garbled (double-encoded) text; no merge-conflict
markers; no hot-linked images; every prose cell in Bengali and English, in the course's
pattern; stored outputs; relative links that resolve.  Finding no notebooks is a failure.
"""

import json
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NB_DIR = ROOT / "notebooks"
LESSONS = ["00-index", "01-why-attention", "02-encoder", "03-decoder-query", "04-scores",
           "05-softmax", "06-context-vector", "07-output", "08-whole-flow", "09-playground",
           "10-why-attention-works", "11-heatmaps"]

NOTEBOOKS = sorted(p for p in NB_DIR.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
IDS = [str(p.relative_to(NB_DIR)) for p in NOTEBOOKS]

# The pattern that broke the source notes: UTF-8 Bengali read as Latin-1 / cp1252.
GARBLED = re.compile("\u00e0\u00a6|\u00e0\u00a7|\u00e2\u20ac|\u00c3[\u0080-\u00bf]|\ufffd")
CONFLICT = re.compile(r"^(<<<<<<<|=======|>>>>>>>)( |$)", re.M)
HOTLINK = re.compile(r"!\[[^\]]*\]\(\s*(https?:)?//|<img[^>]+src=[\"']?(https?:)?//", re.I)
BENGALI = re.compile("[\u0980-\u09FF]")
LATIN_WORD = re.compile(r"\b[A-Za-z]{2,}\b")


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def source(cell):
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def test_the_course_has_its_notebooks():
    """A test run that finds no notebooks must fail, not pass."""
    assert NOTEBOOKS, f"no notebooks found under {NB_DIR}"
    names = {p.stem for p in NOTEBOOKS}
    missing = [n for n in LESSONS if n not in names]
    assert not missing, f"missing lessons: {missing}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_kernelspec_is_python3(path):
    assert load(path)["metadata"].get("kernelspec", {}).get("name") == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_garbled_text_conflict_markers_or_hotlinks(path):
    nb = load(path)
    for i, cell in enumerate(nb["cells"]):
        text = source(cell)
        assert not GARBLED.search(text), f"cell {i}: garbled (double-encoded) text"
        assert not CONFLICT.search(text), f"cell {i}: a merge-conflict marker"
        assert unicodedata.is_normalized("NFC", text), f"cell {i}: text is not NFC"
        if cell["cell_type"] == "markdown":
            assert not HOTLINK.search(text), f"cell {i}: a hot-linked image; draw our own figure"


def _strip(text):
    """Remove what is neither Bengali nor English prose: math, code, link targets, HTML."""
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    text = re.sub(r"\$\$.*?\$\$", " ", text, flags=re.S)
    text = re.sub(r"\$[^$\n]+\$", " ", text)
    text = re.sub(r"`[^`\n]+`", " ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return re.sub(r"<[^>]+>", " ", text)


def split_languages(markdown):
    """(Bengali part, English part) of a prose cell, by the course's pattern:
    Bengali first; English in a ``> **EN**`` blockquote; headings and links as "bn · en"."""
    bn, en = [], []
    for line in _strip(markdown).splitlines():
        if line.lstrip().startswith(">"):
            en.append(line)
        elif " · " in line:
            left, right = line.split(" · ", 1)
            bn.append(left)
            en.append(right)
        else:
            bn.append(line)
    return "\n".join(bn), "\n".join(en)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_prose_cell_has_bengali_and_english(path):
    for i, cell in enumerate(load(path)["cells"]):
        if cell["cell_type"] != "markdown" or not source(cell).strip():
            continue
        bn, en = split_languages(source(cell))
        assert len(BENGALI.findall(bn)) >= 3, f"cell {i}: no Bengali before the English part:\n{source(cell)[:300]}"
        assert len(LATIN_WORD.findall(en)) >= 1, f"cell {i}: no English part (> **EN** ... or 'bn · en'):\n{source(cell)[:300]}"


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.parent == NB_DIR], ids=lambda p: p.name)
def test_lessons_store_their_outputs_and_show_a_figure(path):
    """Strict nbval compares nothing in a cell without stored outputs."""
    nb = load(path)
    code = [c for c in nb["cells"] if c["cell_type"] == "code" and source(c).strip()]
    assert code, "a lesson without code"
    unrun = [i for i, c in enumerate(code) if c.get("execution_count") is None
             and "nbval-skip" not in c.get("metadata", {}).get("tags", [])]
    assert not unrun, f"code cells {unrun} have no stored outputs: run `make execute`"
    counts = [c["execution_count"] for c in code if c.get("execution_count") is not None]
    assert counts == list(range(1, len(counts) + 1)), "outputs are not from one top-to-bottom run"
    errors = [o for c in code for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors, f"a stored error: {errors[0].get('ename')}"
    images = [o for c in code for o in c.get("outputs", [])
              if set(o.get("data", {})) & {"image/png", "image/svg+xml"}]
    assert images, "a lesson without a figure"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_relative_links_resolve(path):
    for i, cell in enumerate(load(path)["cells"]):
        if cell["cell_type"] != "markdown":
            continue
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", source(cell)):
            if re.match(r"[a-z]+:", target):
                continue
            assert (path.parent / target).exists(), f"cell {i}: the link {target!r} leads nowhere"


def test_no_file_in_the_repository_is_garbled():
    """The notes reached us double-encoded; no file of ours may ever carry that pattern."""
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout.split()
    text_suffixes = {".py", ".md", ".ipynb", ".txt", ".yml", ".yaml", ".toml", ".cfg", ".json"}
    checked = 0
    for name in files:
        p = ROOT / name
        if p.suffix in text_suffixes and p.is_file():
            text = p.read_text(encoding="utf-8")
            if p.suffix == ".ipynb":
                text = json.dumps(json.loads(text), ensure_ascii=False)
            assert not GARBLED.search(text), f"{name}: garbled (double-encoded) text"
            assert not CONFLICT.search(text), f"{name}: a merge-conflict marker"
            checked += 1
    assert checked > 10
