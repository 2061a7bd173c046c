"""Homework with nbgrader: student versions of the exercises, and grading a class offline.

For course authors (``make exercises``):

    python -m helpers.grading student-versions          # write notebooks/exercises/exNN-*.ipynb
    python -m helpers.grading student-versions --check  # only say which are out of date (a test)

For a teacher with a class (``make release``, ``collect``, ``autograde``, ``feedback``, ``grades``),
all in a class folder (default ``class/``) that nbgrader owns:

    python -m helpers.grading release   [EXERCISE ...]
    python -m helpers.grading collect   EXERCISE FOLDER
    python -m helpers.grading autograde EXERCISE
    python -m helpers.grading feedback  EXERCISE
    python -m helpers.grading grades    EXERCISE

The exercises' one source each is the teacher version, ``notebooks/exercises/source/<name>/<name>.ipynb``,
written with nbgrader's markers.  nbgrader makes the student version from it; this module
runs nbgrader with the course's settings and adds what a class of a hundred needs: files
named by student, a report line for every broken submission, a time limit per
submission, feedback in both languages, and one grade table.

Nothing here writes over a student's work: ``student-versions`` refuses to replace a
student version whose cells differ from what it generated last (``generated.json``), and
``collect`` copies the handed-in files without ever changing them.

Needs nbgrader (``requirements-teacher.txt``); importing this module does not.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unicodedata
from datetime import datetime, timezone
from pathlib import Path

from nbconvert.preprocessors import Preprocessor

from .validate import bilingual

ROOT = Path(__file__).resolve().parents[1]
EXERCISES_DIR = ROOT / "notebooks" / "exercises"
SOURCE_DIR = EXERCISES_DIR / "source"
MANIFEST = EXERCISES_DIR / "generated.json"
COURSE_ID = "attention"
CELL_TIMEOUT = 60           # seconds one cell of a submission may run
SUBMISSION_TIMEOUT = 600    # seconds one whole submission may take

CODE_STUB = '# তোমার code এখানে · YOUR CODE HERE\nraise NotImplementedError("এখনো লেখা হয়নি · not written yet")'
TEXT_STUB = "তোমার উত্তর এখানে লেখো (বাংলায় বা ইংরেজিতে) · YOUR ANSWER HERE (in Bengali or English)"

_CONFIG = f'''# nbgrader's settings for this course (written by helpers/grading.py; changes are overwritten)
c = get_config()
c.CourseDirectory.course_id = "{COURSE_ID}"
c.ClearSolutions.code_stub = {{"python": {CODE_STUB!r}}}
c.ClearSolutions.text_stub = {TEXT_STUB!r}
c.Execute.timeout = {{timeout}}            # seconds a cell may run; then it is stopped and marked
c.Execute.interrupt_on_timeout = True
c.OverwriteCells.add_missing_cells = True  # a deleted test cell is put back from the source and run
# nbgrader 0.9.6 leaves an empty "nbgrader" entry on a copied test cell, which then stops
# add_missing_cells with a KeyError (jupyter/nbgrader#1083, PR #1753): drop that entry too.
from nbgrader.preprocessors import ClearOutput, DeduplicateIds, OverwriteKernelspec, OverwriteCells, CheckCellMetadata
from helpers.grading import ForgetCopiedCells
c.Autograde.sanitize_preprocessors = [ClearOutput, DeduplicateIds, ForgetCopiedCells, OverwriteKernelspec,
                                      OverwriteCells, CheckCellMetadata]
c.ExecutePreprocessor.kernel_name = "python3"
'''


class ForgetCopiedCells(Preprocessor):
    """After nbgrader's DeduplicateIds: a copied cell keeps no nbgrader entry at all (it is then
    an ordinary cell of the student's), so the rest of autograding does not trip over it."""

    def __call__(self, nb, resources):              # nbconvert runs a preprocessor only when enabled
        return self.preprocess(nb, resources)

    def preprocess(self, nb, resources):
        for cell in nb.cells:
            if cell.metadata.get("nbgrader", None) == {}:
                del cell.metadata["nbgrader"]
        return nb, resources


def assignments() -> list[str]:
    """The exercises, by name (``ex05-softmax``, ...), in order."""
    return sorted(p.name for p in SOURCE_DIR.iterdir() if (p / f"{p.name}.ipynb").is_file())


def _say(bn: str, en: str) -> None:
    print(bilingual(bn, en), flush=True)


def _shown(path: Path) -> str:
    """A path as a reader finds it: relative to the course's folder when inside it."""
    try:
        return str(Path(path).relative_to(ROOT))
    except ValueError:
        return str(path)


def _line(head: str, problems: list) -> None:
    """One student's line in a step's report, then each problem in both languages."""
    print(f"{'✗' if problems else '✓'} {head}", flush=True)
    for _, bn, en in problems:
        print(f"    {bn}\n    {en}", flush=True)


def _bn(n) -> str:
    """A number in Bengali digits."""
    from .data import to_bengali_digits
    return to_bengali_digits(f"{n:g}" if isinstance(n, float) else str(n))


# --------------------------------------------------------------------------- never overwrite a student's work


def cells_digest(path: Path) -> str:
    """A fingerprint of a notebook's cells (type, source, nbgrader metadata), outputs ignored."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = [(c["cell_type"], "".join(c["source"]) if isinstance(c["source"], list) else c["source"],
              c.get("metadata", {}).get("nbgrader", {}).get("grade_id"))
             for c in nb["cells"]]
    return hashlib.sha256(json.dumps(cells, ensure_ascii=False).encode()).hexdigest()


def _manifest() -> dict:
    return json.loads(MANIFEST.read_text()) if MANIFEST.exists() else {}


def untouched(path: Path) -> bool:
    """True if ``path`` does not exist yet or still has exactly the cells it was generated with."""
    path = Path(path)
    if not path.exists():
        return True
    try:
        return _manifest().get(path.stem) == cells_digest(path)
    except (ValueError, KeyError, OSError):
        return False


# --------------------------------------------------------------------------- nbgrader, run the course's way


def _environment() -> dict:
    """nbgrader runs `alembic` from the same environment: put its bin folder on PATH."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


def init_class(course: Path, timeout: int | None = None) -> Path:
    """Make ``course`` an nbgrader course folder with the course's settings and the exercises' sources.

    ``timeout``: seconds a cell may run; None keeps the folder's setting (at first CELL_TIMEOUT).
    """
    course = Path(course).resolve()
    course.mkdir(parents=True, exist_ok=True)
    config = course / "nbgrader_config.py"
    if timeout is None:
        found = re.search(r"c\.Execute\.timeout = (\d+)", config.read_text(encoding="utf-8")) if config.exists() else None
        timeout = int(found.group(1)) if found else CELL_TIMEOUT
    config.write_text(_CONFIG.replace("{timeout}", str(int(timeout))), encoding="utf-8")
    for name in assignments():
        dest = course / "source" / name
        dest.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SOURCE_DIR / name / f"{name}.ipynb", dest / f"{name}.ipynb")
    return course


def _api(course: Path):
    """nbgrader's Python API on the class folder ``course``, with its nbgrader_config.py."""
    os.environ["PATH"] = _environment()["PATH"]             # nbgrader runs `alembic` for a new gradebook
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader
    config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    config.CourseDirectory.root = str(course)
    return NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)


def _cause(result: dict) -> str:
    """The line of nbgrader's log that says why a step failed."""
    text = f"{result.get('log') or ''}\n{result.get('error') or ''}"
    causes = re.findall(r"^\s*([\w.]*(?:Error|Exception): .*)$", text, flags=re.M)
    causes = [c for c in causes if "NbGraderException" not in c] or causes or [""]
    return causes[0].strip()[-300:]


def generate(course: Path, names: list[str]) -> None:
    """nbgrader generate_assignment for each name; raises with nbgrader's reason if one fails."""
    api = _api(course)
    for name in names:
        result = api.generate_assignment(name, force=True, create=True)
        if not result.get("success"):
            raise RuntimeError(bilingual(f"nbgrader {name}-এর শিক্ষার্থীর কপি বানাতে পারেনি:",
                                         f"nbgrader could not make the student version of {name}:") + "\n" + _cause(result))


# --------------------------------------------------------------------------- the student versions in the repository


def student_versions(write: bool = True) -> list[str]:
    """Bring ``notebooks/exercises/<name>.ipynb`` in line with the sources; returns what differed.

    A student version is written only if it does not exist or still has the cells it was
    generated with (``generated.json``); one that a student has edited is left alone.  The
    written files have no outputs yet: ``make exercises`` runs them next (``make execute``).
    """
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        course = init_class(Path(tmp))
        generate(course, assignments())
        manifest = _manifest()
        for name in assignments():
            made = course / "release" / name / f"{name}.ipynb"
            target = EXERCISES_DIR / f"{name}.ipynb"
            if target.exists() and cells_digest(target) == cells_digest(made) and manifest.get(name) == cells_digest(made):
                continue
            problems.append(f"{_shown(target)}: out of date with {_shown(SOURCE_DIR / name)}")
            if not write:
                continue
            if not untouched(target):
                _say(f"{target.name} লেখা হয়নি: কেউ এটা বদলেছে (এতে তার কাজ থাকতে পারে)। ফাইলটা সরিয়ে রাখুন, তারপর আবার চালান।",
                     f"{target.name} not written: someone has edited it (it may hold their work). Move the file away, then run again.")
                continue
            shutil.copyfile(made, target)
            manifest[name] = cells_digest(target)
            _say(f"লেখা হলো: {_shown(target)}", f"written: {_shown(target)}")
        if write:
            MANIFEST.write_text(json.dumps(dict(sorted(manifest.items())), indent=1) + "\n", encoding="utf-8")
    return problems


# --------------------------------------------------------------------------- a class: release and collect


def release(course: Path, names: list[str]) -> None:
    """The student versions of ``names`` in ``course/release/<name>/``, for handing out."""
    course = init_class(course)                           # keeps the folder's time limit
    generate(course, names)
    for name in names:
        _say(f"বিতরণের জন্য তৈরি: {course / 'release' / name / (name + '.ipynb')}",
             f"ready to hand out: {course / 'release' / name / (name + '.ipynb')}")


def student_id(filename: str, exercise: str) -> str:
    """A student's id from a handed-in file's name: ``Rahim Uddin.ipynb`` → ``rahim-uddin``.

    The exercise's own name, "(1)"-style copy numbers and "Copy of" are dropped, so
    ``ex05-softmax - Rahim Uddin.ipynb`` (a Google Form upload) gives ``rahim-uddin`` too.
    Bengali names stay Bengali.  An empty result means the name does not say who it is.
    """
    stem = unicodedata.normalize("NFC", Path(filename).name)
    stem = re.sub(r"\.ipynb$", "", stem, flags=re.I)
    stem = re.sub(r"\(\d+\)|\bcopy of\b", " ", stem, flags=re.I)
    stem = re.sub(re.escape(exercise), " ", stem, flags=re.I)
    kept = "".join(ch if unicodedata.category(ch)[0] in "LMN" else "-" for ch in stem.casefold())
    return re.sub(r"-+", "-", kept).strip("-")                      # letters, their vowel signs, digits


def _load(path: Path):
    """The notebook at ``path`` as a dict, or None if it is not a readable notebook."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError, OSError):
        return None
    return nb if isinstance(nb, dict) and isinstance(nb.get("cells"), list) else None


def _text(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def _graded_cells(nb) -> dict:
    """grade_id → the cells carrying it (a list: a cell may have been deleted or copied)."""
    found = {}
    for cell in nb["cells"]:
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if gid:
            found.setdefault(gid, []).append(cell)
    return found


def inspect_submission(path: Path, handed_out: dict) -> list[list[str]]:
    """What is wrong with a handed-in notebook before it runs: [code, Bengali, English] lines."""
    nb = _load(path)
    if nb is None:
        return [["invalid", "ফাইলটা পড়া গেল না: এটা বৈধ নোটবুক (JSON) নয়। শিক্ষার্থীকে আবার জমা দিতে বলুন।",
                 "The file could not be read: it is not a valid notebook (JSON). Ask the student to hand it in again."]]
    problems = []
    theirs = _graded_cells(nb)
    for gid, cells in _graded_cells(handed_out).items():
        meta = cells[0]["metadata"]["nbgrader"]
        test = meta.get("grade") and not meta.get("solution")
        kind_bn, kind_en = ("যাচাই-cell", "test cell") if test else ("উত্তরের cell", "answer cell")
        mine = theirs.get(gid, [])
        if not mine and (test or meta.get("grade")):          # nbgrader puts graded cells back (add_missing_cells)
            problems.append(["deleted", f"{kind_bn} `{gid}` মুছে ফেলা হয়েছে; নম্বর দেওয়ার সময় মূল কপি থেকে আবার বসানো হয়েছে।",
                             f"The {kind_en} `{gid}` was deleted; for grading it was put back from the original."])
        elif not mine:
            problems.append(["deleted", f"{kind_bn} `{gid}` মুছে ফেলা হয়েছে, তাই তার যাচাই পাস করতে পারে না।",
                             f"The {kind_en} `{gid}` was deleted, so its test cannot pass."])
        elif len(mine) > 1:
            problems.append(["duplicated", f"{kind_bn} `{gid}` {_bn(len(mine))} বার আছে; নম্বর দেওয়া হয়েছে শেষেরটা ধরে।",
                             f"The {kind_en} `{gid}` appears {len(mine)} times; the last copy was graded."])
        elif test and _text(mine[0]) != _text(cells[0]):
            problems.append(["changed", f"যাচাই-cell `{gid}` বদলানো হয়েছে; নম্বর দেওয়া হয়েছে মূল যাচাই দিয়ে।",
                             f"The test cell `{gid}` was changed; it was graded with the original test."])
    return problems


def _report_path(course: Path, exercise: str) -> Path:
    return course / "reports" / exercise / "report.json"


def _read_report(course: Path, exercise: str) -> dict:
    path = _report_path(course, exercise)
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _write_report(course: Path, exercise: str, report: dict) -> None:
    path = _report_path(course, exercise)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _handed_in(folder: Path) -> list[tuple[str, Path]]:
    """(name to take the id from, file) for every notebook in ``folder``: files directly in it
    (named by student), or one folder per student (named by student) with the notebook inside."""
    found = []
    for item in sorted(folder.iterdir()):
        if item.is_file() and item.suffix.lower() == ".ipynb":
            found.append((item.name, item))
        elif item.is_dir() and not item.name.startswith("."):
            inside = sorted((p for p in item.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts),
                            key=lambda p: p.stat().st_mtime)
            if inside:
                found.append((item.name, inside[-1]))        # the newest, if a student handed in twice
    return found


def collect(course: Path, exercise: str, folder: Path) -> dict:
    """Copy the handed-in notebooks in ``folder`` into nbgrader's ``submitted/<student>/<exercise>/``.

    The files in ``folder`` are only read.  Returns the report: student → file, checksum, problems.
    """
    course = Path(course).resolve()
    folder = Path(folder).resolve()
    if not folder.is_dir():
        raise SystemExit(bilingual(f"ফোল্ডার পাওয়া যায়নি: {folder}", f"folder not found: {folder}"))
    if not (course / "release" / exercise / f"{exercise}.ipynb").exists():
        release(course, [exercise])
    handed_out = json.loads((course / "release" / exercise / f"{exercise}.ipynb").read_text(encoding="utf-8"))
    report = _read_report(course, exercise)
    for name, path in _handed_in(folder):
        sid = student_id(name, exercise)
        if not sid:
            _say(f"✗ {path.name}: নাম থেকে বোঝা যায় না এটা কার; ফাইলটার নাম শিক্ষার্থীর নাম বা roll দিয়ে দিন, তারপর আবার চালান।",
                 f"✗ {path.name}: the name does not say whose it is; rename it with the student's name or roll, then run again.")
            continue
        if sid in report and report[sid].get("file") != str(path):
            base, n = sid, 2
            while f"{base}-{n}" in report:
                n += 1
            sid = f"{base}-{n}"
            _say(f"! {path.name}: একই নামে আরেকটি জমা আছে; এটা রাখা হলো {sid} নামে।",
                 f"! {path.name}: another submission has the same name; this one is kept as {sid}.")
        dest = course / "submitted" / sid / exercise
        dest.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, dest / f"{exercise}.ipynb")
        stamp = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
        (dest / "timestamp.txt").write_text(stamp.strftime("%Y-%m-%d %H:%M:%S.%f %Z"), encoding="utf-8")
        problems = inspect_submission(path, handed_out)
        report[sid] = {"file": str(path), "sha256": _digest(path), "problems": problems}
        _line(f"{sid} ← {path.name}", problems)
    _write_report(course, exercise, report)
    return report


# --------------------------------------------------------------------------- autograde, feedback, grades


def _errors(notebook: Path) -> list[list[str]]:
    """The cells of an autograded notebook that stopped with an error or a timeout."""
    nb = _load(notebook)
    problems = []
    if nb is None:
        return problems
    for number, cell in enumerate(nb["cells"], 1):
        for out in cell.get("outputs", []):
            if out.get("output_type") != "error":
                continue
            gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") or f"cell {number}"
            ename = out.get("ename", "")
            if ename in ("CellTimeoutError", "KeyboardInterrupt", "DeadKernelError") or "timeout" in out.get("evalue", "").lower():
                problems.append(["timeout", f"`{gid}` সময়সীমার মধ্যে শেষ হয়নি (অসীম লুপ?); থামিয়ে বাকি cell-গুলো চালানো হয়েছে।",
                                 f"`{gid}` did not finish within the time limit (an endless loop?); it was stopped and the rest ran."])
            elif cell.get("metadata", {}).get("nbgrader", {}).get("grade") and ename == "AssertionError":
                continue                                  # a failed test: that is the grade, not a problem
            else:
                problems.append(["error", f"`{gid}`-এ error: {ename}: {out.get('evalue', '')[:120]}",
                                 f"`{gid}` raised {ename}: {out.get('evalue', '')[:120]}"])
            break
    return problems


def _autograde_worker(course: Path, exercise: str, students: list[str]) -> None:
    """Autograde ``students`` one after another in this process (nbgrader's import is slow:
    about 4 s).  Each notebook still runs in a kernel of its own.  Reports START/DONE lines."""
    api = _api(course)
    for sid in students:
        print(f"START {sid}", flush=True)
        result = api.autograde(exercise, sid, force=True, create=True)
        print("DONE " + json.dumps({"sid": sid, "success": bool(result.get("success")), "error": _cause(result)}),
              flush=True)


def _autograde_all(course: Path, exercise: str, students: list[str], timeout: float) -> dict:
    """student → {"success", "error", "seconds"}.  A submission that takes longer than
    ``timeout`` seconds is stopped (its kernel too) and the rest go on in a new process."""
    import selectors
    results, todo = {}, list(students)
    while todo:
        proc = subprocess.Popen([sys.executable, "-m", "helpers.grading", "_autograde-worker", str(course), exercise, *todo],
                                cwd=course, env=_environment(), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        watch = selectors.DefaultSelector()
        watch.register(proc.stdout, selectors.EVENT_READ)
        current, started, pending, ended = None, time.monotonic(), b"", False
        while not ended:
            if current and time.monotonic() - started > timeout:
                os.killpg(proc.pid, signal.SIGKILL)        # the worker, the kernel, anything they started
                results[current] = {"success": False, "error": "time limit", "seconds": time.monotonic() - started}
                break
            if not watch.select(timeout=0.5):
                continue
            chunk = os.read(proc.stdout.fileno(), 65536)  # unbuffered: a line is seen the moment it is written
            ended = not chunk
            pending += chunk
            *lines, pending = pending.split(b"\n")
            for line in (x.decode("utf-8", "replace") for x in lines):
                if line.startswith("START "):
                    current, started = line[6:].strip(), time.monotonic()
                elif line.startswith("DONE "):
                    done = json.loads(line[5:])
                    results[done["sid"]] = {**done, "seconds": time.monotonic() - started}
                    current = None
        proc.wait()
        proc.stdout.close()
        if current and current not in results:            # the worker died with this one
            results[current] = {"success": False, "error": "the grader stopped", "seconds": time.monotonic() - started}
        left = [s for s in todo if s not in results]
        if len(left) == len(todo):                        # no progress at all: do not loop for ever
            for sid in left:
                results[sid] = {"success": False, "error": "the grader did not start", "seconds": 0.0}
            left = []
        todo = left
    return results


def autograde(course: Path, exercise: str, timeout: float = SUBMISSION_TIMEOUT) -> dict:
    """Run every collected submission in its own kernel, with a time limit for each submission."""
    course = Path(course).resolve()
    report = _read_report(course, exercise)
    for entry in report.values():
        entry["problems"] = [p for p in entry["problems"] if p[0] not in ("timeout", "error", "not_graded")]
    valid = [sid for sid in sorted(report) if not any(p[0] == "invalid" for p in report[sid]["problems"])]
    results = _autograde_all(course, exercise, valid, timeout)
    for sid in sorted(report):
        entry = report[sid]
        if sid not in results:
            _line(f"{sid}: নম্বর দেওয়া যায়নি · not graded", entry["problems"])
            continue
        done = results[sid]
        graded = course / "autograded" / sid / exercise / f"{exercise}.ipynb"
        if not done["success"] or not graded.exists():
            if done["error"] == "time limit":
                why = ("পুরো জমার সময়সীমা পেরিয়েছে", "the whole submission's time limit ran out")
            elif "CellTimeoutError" in done["error"] or "DeadKernel" in done["error"]:
                why = ("একটা cell সময়সীমা পেরিয়েও থামেনি, তাই kernel বন্ধ করতে হয়েছে",
                       "a cell ran past the time limit and would not stop, so its kernel was shut down")
            else:
                why = (done["error"], done["error"])
            entry["problems"].append(["not_graded", f"nbgrader এই জমাটায় নম্বর দিতে পারেনি ({why[0]})।",
                                      f"nbgrader could not grade this submission ({why[1]})."])
        else:
            entry["problems"].extend(_errors(graded))
        submitted = course / "submitted" / sid / exercise / f"{exercise}.ipynb"
        if _digest(submitted) != entry["sha256"]:
            raise RuntimeError(f"{submitted} changed while grading; this must never happen")
        _line(f"{sid}: {done['seconds']:.1f} s", entry["problems"])
    _write_report(course, exercise, report)
    return report


def _scores(course: Path, exercise: str) -> dict:
    """student → {"cells": [(grade_id, score, max_score, needs_manual)], "score", "max_score"} from the gradebook."""
    from nbgrader.api import Gradebook, MissingEntry
    found = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        max_score = gb.find_assignment(exercise).max_score
        for sid, entry in _read_report(course, exercise).items():
            ungraded = any(p[0] in ("invalid", "not_graded") for p in entry["problems"])
            try:
                if ungraded:                        # a half-made record of a failed run counts for nothing
                    raise MissingEntry()
                nb = gb.find_submission_notebook(exercise, exercise, sid)
            except MissingEntry:
                found[sid] = {"cells": [], "score": 0.0, "max_score": max_score}
                continue
            cells = [(g.cell.name, g.score, g.max_score, g.needs_manual_grade)
                     for g in sorted(nb.grades, key=lambda g: g.cell.id)]
            found[sid] = {"cells": cells, "score": nb.score, "max_score": max_score}
    return found


def _hints(notebook: Path) -> dict:
    """grade_id → (Bengali hint, English hint) printed by ``check`` in an autograded notebook."""
    nb = _load(notebook)
    hints = {}
    for cell in (nb or {}).get("cells", []):
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        text = "".join(_text(o) if "text" not in o else "".join(o["text"]) for o in cell.get("outputs", [])
                       if o.get("output_type") == "stream")
        bn = re.search(r"💡 ইঙ্গিত: (.*)", text)
        en = re.search(r"^ +Hint: (.*)", text, flags=re.M)
        if gid and bn and en:
            hints[gid] = (bn.group(1).strip(), en.group(1).strip())
    return hints


def feedback(course: Path, exercise: str) -> None:
    """nbgrader's feedback page for each graded student, and a short letter in each language."""
    course = Path(course).resolve()
    done = _api(course).generate_feedback(exercise, force=True)
    if not done.get("success"):
        _say(f"nbgrader-এর feedback পাতা সবার জন্য তৈরি হয়নি: {_cause(done)}",
             f"nbgrader did not make every feedback page: {_cause(done)}")
    report, scores = _read_report(course, exercise), _scores(course, exercise)
    for sid, entry in sorted(report.items()):
        s = scores[sid]
        hints = _hints(course / "autograded" / sid / exercise / f"{exercise}.ipynb")
        folder = course / "feedback" / sid / exercise
        folder.mkdir(parents=True, exist_ok=True)
        for lang in ("bn", "en"):
            (folder / f"feedback.{lang}.md").write_text(_letter(sid, exercise, s, entry["problems"], hints, lang),
                                                         encoding="utf-8")
    _say(f"feedback লেখা হলো: {course / 'feedback'}/<শিক্ষার্থী>/{exercise}/ (feedback.bn.md, feedback.en.md, {exercise}.html)",
         f"feedback written: {course / 'feedback'}/<student>/{exercise}/ (feedback.bn.md, feedback.en.md, {exercise}.html)")


def _points(x) -> str:
    return f"{x:g}"


STUDENT_INVALID = ("তোমার জমা দেওয়া ফাইলটা পড়া যায়নি: এটা বৈধ নোটবুক নয় (হয়তো download মাঝপথে থেমেছিল)। নোটবুকটা আবার "
                   "Download .ipynb করে জমা দাও।",
                   "Your handed-in file could not be read: it is not a valid notebook (perhaps the download stopped "
                   "half-way). Download the notebook as .ipynb again and hand it in.")


def _letter(sid: str, exercise: str, s: dict, problems: list, hints: dict, lang: str) -> str:
    bn = lang == "bn"
    num = (lambda x: _bn(_points(x))) if bn else _points
    lines = [f"# {exercise}: {sid}", ""]
    lines.append(f"**নম্বর: {num(s['score'])} / {num(s['max_score'])}**" if bn else
                 f"**Score: {num(s['score'])} / {num(s['max_score'])}**")
    pending = sum(m for _, _, m, manual in s["cells"] if manual)
    if pending:
        lines.append(f"(লেখার প্রশ্নের {num(pending)} নম্বর শিক্ষক হাতে দেবেন।)" if bn else
                     f"(The written question's {num(pending)} points are marked by hand by your teacher.)")
    lines.append("")
    if s["cells"]:
        lines += ["| cell | নম্বর |" if bn else "| cell | points |", "|---|---|"]
        for gid, score, max_score, manual in s["cells"]:
            got = ("শিক্ষক দেবেন" if bn else "marked by hand") if manual else num(score)
            lines.append(f"| `{gid}` | {got} / {num(max_score)} |")
            if gid in hints and not manual and score < max_score:
                lines.append(f"| | 💡 {hints[gid][0 if bn else 1]} |")
        lines.append("")
    if problems:
        lines.append("**জমায় যা পাওয়া গেছে:**" if bn else "**What was found in the submission:**")
        for code, text_bn, text_en in problems:
            if code == "invalid":                              # the report's line is for the teacher
                text_bn, text_en = STUDENT_INVALID
            lines.append(f"- {text_bn if bn else text_en}")
        lines.append("")
    return "\n".join(lines)


def grades(course: Path, exercise: str) -> Path:
    """The class's grade table, ``course/grades-<exercise>.csv``: one row per student."""
    course = Path(course).resolve()
    report, scores = _read_report(course, exercise), _scores(course, exercise)
    handed_out = _load(course / "release" / exercise / f"{exercise}.ipynb")
    order = list(_graded_cells(handed_out)) if handed_out else []
    cells = sorted({gid for s in scores.values() for gid, *_ in s["cells"]},
                   key=lambda g: order.index(g) if g in order else len(order))
    path = course / f"grades-{exercise}.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["student", "score", "max_score", "by_hand_pending", *cells, "problems", "সমস্যা"])
        for sid in sorted(report):
            s = scores[sid]
            by_cell = {gid: (score, manual) for gid, score, _, manual in s["cells"]}
            pending = sum(m for _, _, m, manual in s["cells"] if manual)
            w.writerow([sid, _points(s["score"]), _points(s["max_score"]), _points(pending),
                        *[("" if by_cell[g][1] else _points(by_cell[g][0])) if g in by_cell else "" for g in cells],
                        " | ".join(p[2] for p in report[sid]["problems"]),
                        " | ".join(p[1] for p in report[sid]["problems"])])
    _say(f"নম্বরের তালিকা: {path}", f"grade table: {path}")
    return path


# --------------------------------------------------------------------------- command line


def main(argv=None) -> int:
    from .validate import BilingualParser
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["_autograde-worker"]:                 # used by autograde() only
        _autograde_worker(Path(argv[1]), argv[2], argv[3:])
        return 0
    names = ", ".join(assignments())
    ap = BilingualParser(
        prog="python -m helpers.grading", description=__doc__.splitlines()[0],
        choose_bn="কাজের নাম দিন: student-versions, release, collect, autograde, feedback বা grades।",
        choose_en="name the step: student-versions, release, collect, autograde, feedback or grades.",
        example="collect ex05-softmax ~/Downloads/ex05")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--class-dir", default=str(ROOT / "class"), help="the class folder nbgrader owns (default: class/)")
    common.add_argument("--timeout", type=int, default=None,
                        help=f"seconds one cell of a submission may run (kept in the class folder; first {CELL_TIMEOUT})")
    common.add_argument("--submission-timeout", type=int, default=SUBMISSION_TIMEOUT,
                        help="seconds one whole submission may take")
    sub = ap.add_subparsers(dest="step", required=True, parser_class=BilingualParser)
    p = sub.add_parser("student-versions", parents=[common], help="write notebooks/exercises/<name>.ipynb from the sources")
    p.add_argument("--check", action="store_true", help="change nothing; exit 1 if any is out of date")
    p = sub.add_parser("release", parents=[common], help="the student versions for handing out, in CLASS/release/")
    p.add_argument("exercise", nargs="*", help=f"default: all ({names})")
    p = sub.add_parser("collect", parents=[common], help="copy a folder of handed-in notebooks, named by student")
    p.add_argument("exercise")
    p.add_argument("folder")
    for step in ("autograde", "feedback", "grades"):
        sub.add_parser(step, parents=[common], help=f"{step} one exercise").add_argument("exercise")
    args = ap.parse_args(argv)
    for name in (args.exercise if isinstance(getattr(args, "exercise", None), list) else [getattr(args, "exercise", None)]):
        if name is not None and name not in assignments():
            ap.error(bilingual(f"অনুশীলন {name!r} নেই; আছে: {names}।", f"there is no exercise {name!r}; there are: {names}."))
    course = Path(args.class_dir)
    if args.step == "student-versions":
        problems = student_versions(write=not args.check)
        if args.check:
            print("\n".join(problems) or "all student versions are up to date")
        return 1 if (problems and args.check) else 0
    init_class(course, args.timeout)
    if args.step == "release":
        release(course, args.exercise or assignments())
    elif args.step == "collect":
        collect(course, args.exercise, Path(args.folder).expanduser())
    elif args.step == "autograde":
        autograde(course, args.exercise, args.submission_timeout)
    elif args.step == "feedback":
        feedback(course, args.exercise)
    else:
        grades(course, args.exercise)
    return 0


if __name__ == "__main__":
    sys.exit(main())
