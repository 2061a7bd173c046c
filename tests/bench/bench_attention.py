"""Attention's cost against sequence length T (not a test: it prints figures).

    python tests/bench/bench_attention.py            # T = 256 ... 16384, d = 64, float32
    python tests/bench/bench_attention.py --max-T 4096

For every T it prints the time (median of a few runs) and the peak extra memory
(tracemalloc: what numpy allocates beyond Q, K and V) of
    naive      Python loops over query and key (small T only),
    vectorized helpers.attention.scaled_dot_product_attention (stores the T x T weights),
    chunked    helpers.attention.chunked_attention (online softmax, keys in chunks),
    matmuls    the two bare matrix products Q K^T and A V: the lower bound,
    torch      torch.nn.functional.scaled_dot_product_attention on the CPU, if torch is
               installed (it is only a yardstick, not a requirement).
Targets: at T = 16384 chunked's peak extra memory <= 64 MB; at T = 4096 vectorized within
3x of the matmuls and no slower than torch, chunked within 1.5x of vectorized.
"""

import argparse
import os
import statistics
import sys
import time
import tracemalloc

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", ".."))
from helpers import attention as A  # noqa: E402

try:
    import torch
except ImportError:
    torch = None


def naive(Q, K, V):
    T, d = Q.shape
    out = np.zeros_like(V)
    for i in range(T):
        e = [float(Q[i] @ K[j]) / d ** 0.5 for j in range(K.shape[0])]
        m = max(e)
        w = [np.exp(x - m) for x in e]
        s = sum(w)
        out[i] = sum(wj / s * V[j] for j, wj in enumerate(w))
    return out


def matmuls(Q, K, V):
    return (Q @ K.T) @ V


def measure(fn, *args, repeats=3):
    times = []
    tracemalloc.start()
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - t0)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(times), peak / 2**20


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--max-T", type=int, default=16384)
    args = ap.parse_args()
    rng = np.random.default_rng(0)
    if torch is not None:
        torch.set_num_threads(os.cpu_count())
    print(f"d = 64, float32, numpy {np.__version__}" + (f", torch {torch.__version__}" if torch else ", torch not installed")
          + f", {os.cpu_count()} cores")
    print(f"{'T':>6}  {'method':10}  {'time':>10}  {'peak extra':>11}")
    rows = {}
    T = 256
    while T <= args.max_T:
        Q, K, V = (rng.standard_normal((T, 64)).astype(np.float32) for _ in range(3))
        repeats = 3 if T <= 4096 else 1
        methods = [("vectorized", lambda: A.scaled_dot_product_attention(Q, K, V)),
                   ("chunked", lambda: A.chunked_attention(Q, K, V)),
                   ("matmuls", lambda: matmuls(Q, K, V))]
        if T <= 512:
            methods.insert(0, ("naive", lambda: naive(Q, K, V)))
        if torch is not None:
            tq, tk, tv = (torch.from_numpy(x) for x in (Q, K, V))
            methods.append(("torch", lambda: torch.nn.functional.scaled_dot_product_attention(tq, tk, tv)))
        for name, fn in methods:
            t, mem = measure(fn, repeats=1 if name == "naive" else repeats)
            rows[T, name] = t
            note = "" if name != "torch" else "  (torch's memory is not seen by tracemalloc)"
            print(f"{T:6d}  {name:10}  {t * 1000:8.1f} ms  {mem:8.1f} MB{note}", flush=True)
        T *= 2
    if (4096, "vectorized") in rows:
        v, m, c = rows[4096, "vectorized"], rows[4096, "matmuls"], rows[4096, "chunked"]
        print(f"T = 4096: vectorized / matmuls = {v / m:.2f} (target <= 3); chunked / vectorized = {c / v:.2f} "
              f"(target <= 1.5)" + (f"; vectorized / torch = {v / rows[4096, 'torch']:.2f} (target <= 1)"
                                    if (4096, "torch") in rows else ""))
    Ts = sorted({T for T, _ in rows})
    for name in ("vectorized", "chunked"):
        big = [T for T in Ts if T >= 1024 and (T, name) in rows]
        if len(big) >= 2:
            slope = np.polyfit(np.log(big), np.log([rows[T, name] for T in big]), 1)[0]
            print(f"{name}: time grows like T^{slope:.2f} for T >= 1024")


if __name__ == "__main__":
    main()
