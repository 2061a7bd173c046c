"""Benchmark: one slider move of the attention explorer, until the new figure's image is ready.

Target (issues 3 and 7): median <= 30 ms on a 2-core machine, in the main environment and in
Colab's packages (make colab runs this there; make bench also runs it in .venv-compat).  Printed beside a naive baseline
measured in the same run: drawing the same four-panel figure from scratch and encoding it
as PNG on every move.  Nothing is asserted: this prints figures.

    python tests/bench/bench_explorer.py [--moves N] [--rounds R]
"""

from __future__ import annotations

import argparse
import io
import statistics
import time

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402

from helpers.plots import LiveAttentionFigure  # noqa: E402
from helpers.widgets import AttentionExplorer  # noqa: E402


def timed(fn, values):
    out = []
    for v in values:
        start = time.perf_counter()
        fn(v)
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--moves", type=int, default=40)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    ex = AttentionExplorer()
    import ipywidgets
    print(f"matplotlib {matplotlib.__version__}, ipywidgets {ipywidgets.__version__}, numpy {np.__version__}; "
          f"explorer figure: {ex._live.fmt}", flush=True)
    values = [round(3.0 + 0.05 * (i % 20), 2) for i in range(args.moves)]   # a drag back and forth

    def move(v):                                   # what the browser triggers: set the slider
        ex.s_slider.value = v                      # -> recompute, redraw, encode (synchronous)
        assert ex.image.value

    def naive(v):                                  # the same figure, drawn from scratch each time
        H, S, e, W, C = ex.compute()
        live = LiveAttentionFigure(fmt="svg")      # "svg" here only means: no blitting set-up
        live.draw(H, S, e, W, C, ex.step)
        buf = io.BytesIO()
        live.figure.savefig(buf, format="png")
        assert buf.tell()

    for name, fn in [("explorer update (blitting)", move), ("naive full re-plot", naive),
                     ("h_2 slider update", lambda v: setattr(ex.h_sliders[1], "value", v)),
                     ("vector mode update", None)]:
        if fn is None:
            ex.mode_select.value = "vector"
            fn = lambda v: setattr(ex.s_angle_slider, "value", 10 * v)
        rounds = [statistics.median(timed(fn, values)) for _ in range(args.rounds)]
        print(f"{name:30s} median {statistics.median(rounds):6.1f} ms  (rounds: {', '.join(f'{r:.1f}' for r in rounds)})",
              flush=True)
        if name.startswith("explorer"):
            fast = statistics.median(rounds)
        if name.startswith("naive"):
            print(f"{'':30s} ratio naive / explorer = {statistics.median(rounds) / fast:.1f}x;"
                  f" target explorer <= 30 ms {'ok' if fast <= 30 else 'OVER'}")


if __name__ == "__main__":
    main()
