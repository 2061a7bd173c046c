"""`make kernels` re-runs the notebooks with OPENBLAS_CORETYPE set: check it really took effect.

Training in float32 comes out a little differently under each OpenBLAS kernel, so this second
pass proves that what strict nbval compares does not depend on the kernel (``make kernels``).
"""

import os
import subprocess
import sys

import numpy  # noqa: F401  (loads OpenBLAS, so threadpoolctl can see it)
import pytest
from threadpoolctl import threadpool_info

pytestmark = pytest.mark.skipif("OPENBLAS_CORETYPE" not in os.environ,
                                reason="only meaningful under `make kernels` (OPENBLAS_CORETYPE set)")


def _architecture(env=None) -> str:
    code = ("import numpy, threadpoolctl; print([p.get('architecture') for p in threadpoolctl.threadpool_info()"
            " if p['internal_api'] == 'openblas'][0])")
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          check=True).stdout.strip()


def test_the_other_kernel_is_in_use(report):
    if not any(p["internal_api"] == "openblas" for p in threadpool_info()):
        pytest.skip("numpy here does not use OpenBLAS")
    forced = _architecture()
    default = _architecture({k: v for k, v in os.environ.items() if k != "OPENBLAS_CORETYPE"})
    report(f"OpenBLAS kernels: this CPU's default {default}; second pass "
           f"(OPENBLAS_CORETYPE={os.environ['OPENBLAS_CORETYPE']}) {forced}")
    if forced == default:
        pytest.skip(f"this CPU's default kernel is already {default}")
    assert forced != default
