"""Checking, in code, what a lesson claims about numbers that differ from computer to computer.

Trained models (and later, timings) come out a little differently on every CPU and BLAS
kernel, so a lesson does not promise exact numbers for them.  It prints this run's numbers,
and then a visible cell checks each claim the prose makes::

    claim(gap >= 0.30, "লম্বা ইনপুটে attention অন্তত ৩০ পয়েন্ট এগিয়ে",
                       "on long inputs attention is at least 30 points ahead")

A claim that holds prints one line with a tick, the same on every computer; a claim that
fails stops the notebook with an error in both languages, so the tests catch it.
"""

from __future__ import annotations

import numpy as np

from .i18n import bilingual

__all__ = ["claim", "ClaimFailed"]


class ClaimFailed(AssertionError):
    """A lesson's claim did not hold in this run."""


def claim(holds: bool, bn: str, en: str) -> None:
    """Print ``✓ bn · en`` if ``holds``; otherwise raise ``ClaimFailed`` naming the claim."""
    if not isinstance(holds, (bool, np.bool_)):
        raise TypeError(bilingual(f"claim: প্রথম argument হতে হবে True বা False; পেয়েছি {type(holds).__name__}",
                                  f"claim: the first argument must be True or False; got {type(holds).__name__}"))
    if not holds:
        raise ClaimFailed(bilingual(f"এই run-এ পাঠের দাবিটা টেকেনি: {bn}",
                                    f"The lesson's claim does not hold in this run: {en}"))
    print(f"✓ {bn} · {en}")
