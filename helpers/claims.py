"""Checking, in code, what a lesson claims, and what a student predicts.

``claim``: a lesson's claim about numbers that differ from computer to computer.
``check_guess``: a predict-then-check question that reveals nothing until the student
has written a guess.

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

__all__ = ["claim", "ClaimFailed", "check_guess"]


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


def check_guess(guess, answer, why_bn: str = "", why_en: str = "") -> bool | None:
    """A predict-then-check question.  ``guess`` None: ask for a guess and reveal nothing
    (so a stored notebook does not give the answer away).  Otherwise say, in both
    languages, whether the guess is right (numbers: to 2 decimal places), then why.
    Returns True/False, or None while there is no guess yet."""
    if guess is None:
        print("আগে অনুমান করো: ওপরের `guess`-এ তোমার উত্তর লিখে cell-টা আবার চালাও। · "
              "Predict first: write your answer in `guess` above and run the cell again.")
        return None
    if isinstance(answer, (int, float, np.integer, np.floating)) and not isinstance(answer, bool):
        try:
            right = bool(np.isclose(float(guess), float(answer), atol=0.005))
        except (TypeError, ValueError):
            right = False
    else:
        right = guess == answer
    if right:
        print(f"✓ ঠিক! · Right! ({answer})")
    else:
        print(f"✗ হয়নি: উত্তর {answer}, তুমি লিখেছ {guess!r}। · Not quite: the answer is {answer}, you wrote {guess!r}.")
    if why_bn or why_en:
        print(bilingual(why_bn, why_en))
    return right
