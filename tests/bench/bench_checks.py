"""What the argument checks cost on the hot paths (not a test: it prints figures).

    python tests/bench/bench_checks.py [REF]

Times one explorer slider move and one training step with the helpers of this working
tree and with those of ``REF`` (default: the commit before ``helpers/validate.py`` came
in), in the same run: the two versions take turns, each in a fresh process, and the
medians over the rounds are compared.  Target: the ratio within 5 %.
"""

import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import io

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ROUNDS = 9

PROBE = r"""
import json, time, numpy as np
from helpers import train, widgets, data
from helpers.models import Seq2Seq, Adam, clip_gradients
from helpers.style import use_course_style
use_course_style()

ex = widgets.AttentionExplorer()
values = [round(3.0 + 0.05 * (i % 20), 2) for i in range(60)]   # a drag back and forth, as bench_explorer
ex.s_slider.value = 2.9
times = []
for v in values:
    t0 = time.perf_counter()
    ex.s_slider.value = v
    times.append(time.perf_counter() - t0)
move = float(np.median(times))

vin, vout = data.date_vocabs()
model = Seq2Seq(len(vin), len(vout), **train.DATE_CONFIG)
opt = Adam(model.params, lr=train.DATE_LR)
batches = [train._batch(data.make_dates(train.DATE_BATCH, seed=s), vin, vout) for s in range(60)]
with train.single_blas_thread():
    for b in batches[:3]:                                      # warm up
        loss, g = model.loss_and_grads(*b); clip_gradients(g, 5.0); opt.step(g)
    times = []
    for b in batches:
        t0 = time.perf_counter()
        loss, g = model.loss_and_grads(*b); clip_gradients(g, 5.0); opt.step(g)
        times.append(time.perf_counter() - t0)
step = float(np.median(times))
print(json.dumps({"move": move, "step": step}))
"""


def default_ref() -> str:
    added = subprocess.run(["git", "log", "--diff-filter=A", "--format=%H", "--", "helpers/validate.py"],
                           cwd=ROOT, capture_output=True, text=True).stdout.split()
    return f"{added[-1]}^" if added else "HEAD"


def export(ref: str, into: str) -> None:
    archive = subprocess.run(["git", "archive", ref, "helpers"], cwd=ROOT, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")


def measure(path: str) -> dict:
    env = dict(os.environ, PYTHONPATH=path, MPLBACKEND="Agg")
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=path, env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ref = sys.argv[1] if len(sys.argv) > 1 else default_ref()
    with tempfile.TemporaryDirectory() as old:
        export(ref, old)
        runs = {"before": [], "after": []}
        for r in range(ROUNDS):
            for name, path in (("before", old), ("after", ROOT)) if r % 2 == 0 else (("after", ROOT), ("before", old)):
                runs[name].append(measure(path))
    print(f"before = helpers at {ref}; after = this working tree; {ROUNDS} rounds, alternating")
    for key, what in (("move", "explorer slider move"), ("step", "training step (dates, batch 64)")):
        b = statistics.median(x[key] for x in runs["before"]) * 1000
        a = statistics.median(x[key] for x in runs["after"]) * 1000
        print(f"{what:34s} before {b:7.2f} ms   after {a:7.2f} ms   ratio {a / b:.3f}   "
              f"{'within 5 %' if a / b <= 1.05 else 'MORE THAN 5 % SLOWER'}")


if __name__ == "__main__":
    main()
