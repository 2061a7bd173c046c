"""A pretend class's hand-ins for one exercise, to try the grading steps on (and to test them).

    python tests/tools/fake_class.py FOLDER [EXERCISE]     # default exercise: ex05-softmax

Writes into FOLDER one notebook per pretend student, each showing one thing a real class
hands in:

    perfect.ipynb          every answer right (the teacher's solutions, markers removed)
    wrong-answers.ipynb    a softmax without the max trick, and wrong predictions
    tampered.ipynb         a wrong softmax, its test cell rewritten to pass, one test cell
                           deleted and another copied
    endless-loop.ipynb     right answers, but a cell that never ends
    stuck.ipynb            a cell that never ends and ignores the interrupt meant to stop it
    import-error.ipynb     right answers, plus a first cell importing a module that does not exist
    broken.ipynb           not a notebook at all (a download cut short)

Each pretend student's own answers come from the teacher's version, so the files stay
right when the exercise changes; only the mistakes are written here.
"""

from __future__ import annotations

import copy
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STUDENTS = ("perfect", "wrong-answers", "tampered", "endless-loop", "stuck", "import-error", "broken")

WRONG_SOFTMAX = '''def softmax(e, mask=None, axis=-1):
    """Attention weights from scores e, along `axis`; positions where mask is False get 0."""
    z = np.exp(e)                       # no max trick: overflows on large scores
    return z / z.sum(axis=axis, keepdims=True)'''


def _strip_markers(source: str) -> str:
    source = re.sub(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*\n", "", source, flags=re.M)
    return re.sub(r"^[ \t]*### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS[ \t]*\n?", "", source, flags=re.M | re.S)


def _by_id(nb, grade_id):
    return next(c for c in nb["cells"] if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id)


def solved(student_version: dict, teacher_version: dict) -> dict:
    """The student version with every answer cell filled in from the teacher's version."""
    nb = copy.deepcopy(student_version)
    for cell in nb["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("solution"):
            source = "".join(_by_id(teacher_version, meta["grade_id"])["source"])
            cell["source"] = _strip_markers(source)
    return nb


def make(folder: Path, exercise: str = "ex05-softmax") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    student = json.loads((ROOT / "notebooks" / "exercises" / f"{exercise}.ipynb").read_text(encoding="utf-8"))
    teacher = json.loads((ROOT / "notebooks" / "exercises" / "source" / exercise / f"{exercise}.ipynb")
                         .read_text(encoding="utf-8"))
    perfect = solved(student, teacher)
    answers = [c for c in perfect["cells"] if c.get("metadata", {}).get("nbgrader", {}).get("solution")
               and c["cell_type"] == "code"]
    tests = [c for c in perfect["cells"] if c.get("metadata", {}).get("nbgrader", {}).get("grade")
             and not c["metadata"]["nbgrader"].get("solution")]
    made = {}
    made["perfect"] = perfect

    wrong = copy.deepcopy(perfect)
    for cell in wrong["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("solution") and cell["cell_type"] == "code":
            if cell["source"].startswith("def softmax"):
                cell["source"] = WRONG_SOFTMAX
            else:                                          # every prediction: a wrong answer
                cell["source"] = re.sub(r"return .*", 'return "no idea"', cell["source"])
    made["wrong-answers"] = wrong

    tampered = copy.deepcopy(wrong)
    first, second, third = (_by_id(tampered, t["metadata"]["nbgrader"]["grade_id"]) for t in tests[:3])
    first["source"] = "result = 'passed'   # I changed the test"
    tampered["cells"].remove(second)
    tampered["cells"].insert(tampered["cells"].index(third), copy.deepcopy(third))
    made["tampered"] = tampered

    loop = copy.deepcopy(perfect)
    loop_cell = _by_id(loop, answers[-1]["metadata"]["nbgrader"]["grade_id"])
    loop_cell["source"] += "\n\nwhile True:          # waiting for something that never comes\n    pass"
    made["endless-loop"] = loop

    stuck = copy.deepcopy(perfect)
    stuck_cell = _by_id(stuck, answers[0]["metadata"]["nbgrader"]["grade_id"])
    stuck_cell["source"] += ("\n\nimport signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)   # no stopping me\n"
                             "while True:\n    pass")
    made["stuck"] = stuck

    bad_import = copy.deepcopy(perfect)
    first_code = next(i for i, c in enumerate(bad_import["cells"]) if c["cell_type"] == "code")
    bad_import["cells"].insert(first_code, {"cell_type": "code", "execution_count": None, "id": "my-import",
                                            "metadata": {}, "outputs": [], "source": "import numpy_extra_tools"})
    made["import-error"] = bad_import

    paths = []
    for name in STUDENTS:
        path = folder / f"{name}.ipynb"
        if name == "broken":
            text = json.dumps(perfect, ensure_ascii=False)
            path.write_text(text[: len(text) // 3], encoding="utf-8")
        else:
            path.write_text(json.dumps(made[name], ensure_ascii=False, indent=1), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for p in make(Path(sys.argv[1]), *sys.argv[2:3]):
        print(p)
