"""The exercise notebooks and the teacher's grading steps.

Strict nbval runs every student version (each check says "not done yet") and every teacher
version (each check passes) from the stored outputs; these tests check what nbval cannot:
the student versions are what nbgrader makes from the sources today, they give nothing
away, a student's edited copy is never overwritten, and a pretend class of hand-ins goes
through collect → autograde → feedback → grades with the right numbers.
"""

import contextlib
import csv
import io
import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from helpers import grading
from helpers.checks import EXERCISES

pytest.importorskip("nbgrader", reason="nbgrader is the teacher's tool: pip install -r requirements-teacher.txt")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "tools"))
import fake_class  # noqa: E402

NAMES = grading.assignments()
LESSONS = {p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")}


def _nb(path):
    return nbformat.read(path, as_version=4)


def _meta(cell):
    return cell.metadata.get("nbgrader", {})


def _out(cell):
    return "".join(o.get("text", "") for o in cell.get("outputs", []))


def test_one_exercise_notebook_per_step_the_whole_flow_types_and_limits():
    assert [n[:4] for n in NAMES] == ["ex02", "ex03", "ex04", "ex05", "ex06", "ex07", "ex08", "ex12", "ex13"]
    for name in NAMES:
        lesson = next(stem for stem in LESSONS if stem[:2] == name[2:4])
        assert name == f"ex{lesson}", f"{name} should be named after its lesson {lesson}"


@pytest.mark.parametrize("name", NAMES)
def test_each_exercise_notebook_has_code_a_prediction_and_a_question_for_the_teacher(name):
    nb = _nb(grading.SOURCE_DIR / name / f"{name}.ipynb")
    tests = [c for c in nb.cells if _meta(c).get("grade") and not _meta(c).get("solution")]
    by_hand = [c for c in nb.cells if _meta(c).get("grade") and _meta(c).get("solution")]
    checked = [re.search(r'check\("(\w+)"', c.source).group(1) for c in tests]
    assert all(x in EXERCISES for x in checked)
    assert len(tests) + len(by_hand) >= 3
    assert any(x.startswith("predict_") for x in checked), "a predict-then-check question"
    assert len(by_hand) == 1 and by_hand[0].cell_type == "markdown", "one question the teacher grades by hand"
    for cell in tests:                  # hidden tests re-check with the real checker, whatever the student redefined
        assert "### BEGIN HIDDEN TESTS" in cell.source and "from helpers.checks import check as _check" in cell.source


def test_every_exercise_of_the_checker_is_used_by_some_notebook():
    used = set()
    for name in NAMES:
        for cell in _nb(grading.SOURCE_DIR / name / f"{name}.ipynb").cells:
            used |= set(re.findall(r'check\("(\w+)"', cell.source))
    assert used == set(EXERCISES)


def test_the_student_versions_are_what_nbgrader_makes_from_the_sources_today():
    """Fails when a source changed and `make exercises` was not run (or a student version was edited)."""
    problems = grading.student_versions(write=False)
    assert not problems, "run `make exercises`:\n" + "\n".join(problems)


@pytest.mark.parametrize("name", NAMES)
def test_a_student_version_gives_nothing_away_and_its_checks_say_not_done_yet(name):
    nb = _nb(grading.EXERCISES_DIR / f"{name}.ipynb")
    text = json.dumps(nb.cells, ensure_ascii=False)
    assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text and "নমুনা উত্তর" not in text
    for cell in nb.cells:
        m = _meta(cell)
        if m.get("solution") and cell.cell_type == "code":
            assert 'raise NotImplementedError("এখনো লেখা হয়নি · not written yet")' in cell.source
        if m.get("grade") and not m.get("solution"):
            out = _out(cell)
            assert "… not done yet." in out and "এখনো করা হয়নি" in out, cell.id
            assert "✓" not in out and "Traceback" not in out
        assert not any(o.get("output_type") == "error" for o in cell.get("outputs", []))


@pytest.mark.parametrize("name", NAMES)
def test_a_teacher_version_passes_every_one_of_its_checks(name):
    nb = _nb(grading.SOURCE_DIR / name / f"{name}.ipynb")
    for cell in nb.cells:
        m = _meta(cell)
        if m.get("grade") and not m.get("solution"):
            out = _out(cell)
            assert ("cases passed!" in out or "Right!" in out) and "✗" not in out, (cell.id, out)


def test_an_edited_student_version_is_never_overwritten(tmp_path, monkeypatch):
    name = NAMES[0]
    folder = tmp_path / "exercises"
    shutil.copytree(grading.EXERCISES_DIR, folder, ignore=shutil.ignore_patterns("source"))
    monkeypatch.setattr(grading, "EXERCISES_DIR", folder)
    monkeypatch.setattr(grading, "MANIFEST", folder / "generated.json")
    target = folder / f"{name}.ipynb"
    assert grading.untouched(target)
    nb = json.loads(target.read_text(encoding="utf-8"))
    answer = next(c for c in nb["cells"] if c.get("metadata", {}).get("nbgrader", {}).get("solution"))
    answer["source"] = "def my_work():\n    return 'three hours of it'"
    target.write_text(json.dumps(nb), encoding="utf-8")
    before = target.read_bytes()
    assert not grading.untouched(target)
    # a stale manifest entry makes it look out of date, the case in which a write is tempting
    manifest = json.loads((folder / "generated.json").read_text())
    manifest[name] = "stale"
    (folder / "generated.json").write_text(json.dumps(manifest))
    grading.student_versions(write=True)
    assert target.read_bytes() == before
    run = subprocess.run([sys.executable, str(ROOT / "tests" / "tools" / "execute_notebooks.py"), str(target)],
                         capture_output=True, text=True, cwd=ROOT,
                         env={**__import__("os").environ, "PYTHONPATH": str(ROOT)})
    assert target.read_bytes() == before or "not run" in run.stdout


# --------------------------------------------------------------------------- the teacher's whole pipeline


def _grading(*args, course):
    run = subprocess.run([sys.executable, "-m", "helpers.grading", *args, "--class-dir", str(course), "--timeout", "3",
                          "--submission-timeout", "60"], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    return run.stdout


@pytest.fixture(scope="module")
def graded_class(tmp_path_factory):
    """A pretend class of seven hand-ins for ex05-softmax, through every step."""
    exercise = "ex05-softmax"
    inbox = tmp_path_factory.mktemp("inbox")
    course = tmp_path_factory.mktemp("class")
    files = fake_class.make(inbox, exercise)
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in files}
    logs = {}
    grading.init_class(course, timeout=3)           # seconds a cell may run: the endless loops stop soon
    for step, call in (("release", lambda: grading.release(course, [exercise])),
                       ("collect", lambda: grading.collect(course, exercise, inbox)),
                       ("autograde", lambda: grading.autograde(course, exercise, timeout=60)),
                       ("feedback", lambda: grading.feedback(course, exercise))):
        with contextlib.redirect_stdout(io.StringIO()) as log:
            call()
        logs[step] = log.getvalue()
    logs["grades"] = _grading("grades", exercise, course=course)       # and one step through the command line
    with open(course / f"grades-{exercise}.csv", encoding="utf-8") as f:
        table = {row["student"]: row for row in csv.DictReader(f)}
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in files}
    return dict(exercise=exercise, course=course, table=table, logs=logs, before=before, after=after)


def test_the_grade_table_has_the_right_numbers_for_every_kind_of_hand_in(graded_class):
    t = graded_class["table"]
    assert sorted(t) == sorted(fake_class.STUDENTS)
    points = {k: (t[k]["score"], t[k]["max_score"], t[k]["by_hand_pending"]) for k in t}
    assert points == {
        "perfect": ("6", "8", "2"),          # all 6 auto-graded points; the written answer waits for the teacher
        "wrong-answers": ("0", "8", "2"),    # softmax overflows, both predictions wrong
        "tampered": ("0", "8", "2"),         # the rewritten test was put back and failed the wrong softmax
        "endless-loop": ("6", "8", "2"),     # the looping cell was stopped; everything else ran
        "stuck": ("0", "8", "0"),            # ignored the interrupt: the kernel was shut down, no grade
        "import-error": ("6", "8", "2"),     # its own extra cell failed; the rest ran
        "broken": ("0", "8", "0"),           # not a notebook
    }
    assert (t["perfect"]["softmax-check"], t["perfect"]["most-weight-check"], t["perfect"]["shift-check"]) == ("4", "1", "1")
    assert t["perfect"]["problems"] == "" and t["wrong-answers"]["problems"] == ""
    assert "softmax-check` was changed" in t["tampered"]["problems"]
    assert "most-weight-check` was deleted" in t["tampered"]["problems"]
    assert "shift-check` appears 2 times" in t["tampered"]["problems"]
    assert "did not finish within the time limit" in t["endless-loop"]["problems"]
    assert "would not stop" in t["stuck"]["problems"]
    assert "ModuleNotFoundError" in t["import-error"]["problems"]
    assert "not a valid notebook" in t["broken"]["problems"] and "বৈধ নোটবুক (JSON) নয়" in t["broken"]["সমস্যা"]


def test_every_student_gets_feedback_in_both_languages(graded_class):
    course, exercise = graded_class["course"], graded_class["exercise"]
    for sid in fake_class.STUDENTS:
        folder = course / "feedback" / sid / exercise
        bn, en = (folder / "feedback.bn.md").read_text(encoding="utf-8"), (folder / "feedback.en.md").read_text(encoding="utf-8")
        assert "নম্বর:" in bn and "Score:" in en
        if sid not in ("broken", "stuck"):
            assert (folder / f"{exercise}.html").exists()           # nbgrader's page: the notebook with its marks
    wrong_bn = (course / "feedback" / "wrong-answers" / exercise / "feedback.bn.md").read_text(encoding="utf-8")
    wrong_en = (course / "feedback" / "wrong-answers" / exercise / "feedback.en.md").read_text(encoding="utf-8")
    assert "exp নেওয়ার আগে সবচেয়ে বড় score-টা বিয়োগ করো" in wrong_bn       # the checker's hint, in Bengali
    assert "Subtract the largest score before exp" in wrong_en
    assert "**নম্বর: ০ / ৮**" in wrong_bn


def test_no_hand_in_is_ever_changed_and_a_broken_one_does_not_stop_the_class(graded_class):
    assert graded_class["before"] == graded_class["after"]
    log = graded_class["logs"]["autograde"]
    assert log.index("broken") < log.index("wrong-answers")            # graded on past it, in order
    for sid in fake_class.STUDENTS:
        submitted = graded_class["course"] / "submitted" / sid / graded_class["exercise"] / f"{graded_class['exercise']}.ipynb"
        assert hashlib.sha256(submitted.read_bytes()).hexdigest() == graded_class["before"][f"{sid}.ipynb"]


def test_a_submission_over_its_time_limit_is_stopped_with_its_kernel(graded_class):
    results = grading._autograde_all(graded_class["course"], graded_class["exercise"], ["perfect"], timeout=0.5)
    assert results["perfect"]["success"] is False and results["perfect"]["error"] == "time limit"
    assert results["perfect"]["seconds"] < 10


def test_student_ids_come_from_the_file_names_teachers_get():
    sid = grading.student_id
    assert sid("Rahim Uddin.ipynb", "ex05-softmax") == "rahim-uddin"
    assert sid("ex05-softmax - Rahim Uddin.ipynb", "ex05-softmax") == "rahim-uddin"       # Google Form upload
    assert sid("Copy of ex05-softmax (1) roll-017.ipynb", "ex05-softmax") == "roll-017"
    assert sid("রহিম.ipynb", "ex05-softmax") == "রহিম"
    assert sid("ex05-softmax.ipynb", "ex05-softmax") == ""                               # says nothing about who


def test_every_step_has_a_make_target():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target, step in (("release", "release"), ("collect", "collect"), ("autograde", "autograde"),
                         ("feedback", "feedback"), ("grades", "grades"), ("exercises", "student-versions")):
        assert re.search(rf"^{target}:.*\n(\t.*\n)*\t\$\(GRADING\) {step}", makefile, flags=re.M), target
    assert "GRADING = $(BIN)/python -m helpers.grading" in makefile


def test_each_lesson_with_an_exercise_links_to_it():
    for name in NAMES:
        lesson = ROOT / "notebooks" / f"{name[2:]}.ipynb"
        cell = next(c for c in _nb(lesson).cells if c.get("id") == "exercise-link")
        assert f"(exercises/{name}.ipynb)" in cell.source and "> **EN**" in cell.source
