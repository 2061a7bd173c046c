"""helpers.claims: how a lesson checks, in code, a claim about numbers that differ between computers."""

import numpy as np
import pytest

from helpers.claims import ClaimFailed, claim


def test_a_claim_that_holds_prints_one_tick_line_in_both_languages(capsys):
    claim(True, "attention এগিয়ে", "attention is ahead")
    claim(np.float32(0.97) >= 0.9, "অন্তত 90%", "at least 90%")        # a numpy bool is fine
    assert capsys.readouterr().out == "✓ attention এগিয়ে · attention is ahead\n✓ অন্তত 90% · at least 90%\n"


def test_a_claim_that_fails_stops_with_both_languages():
    with pytest.raises(ClaimFailed) as info:
        claim(False, "অন্তত 99% নির্ভুল", "at least 99% right")
    msg = str(info.value)
    assert "অন্তত 99% নির্ভুল" in msg and "at least 99% right" in msg and "does not hold" in msg
    assert isinstance(info.value, AssertionError)


@pytest.mark.parametrize("not_a_bool", [0.95, [True], "True", None, np.array([True, True])])
def test_only_true_or_false_is_a_claim(not_a_bool):
    with pytest.raises(TypeError, match="True বা False.*\n.*True or False"):
        claim(not_a_bool, "x", "x")


def test_check_guess_reveals_nothing_before_a_guess(capsys):
    from helpers.claims import check_guess
    assert check_guess(None, "h₃", "কারণ...", "because...") is None
    out = capsys.readouterr().out
    assert "h₃" not in out and "because" not in out and "guess" in out and "অনুমান" in out


def test_check_guess_says_right_or_wrong_in_both_languages(capsys):
    from helpers.claims import check_guess
    assert check_guess("h₃", "h₃", "কারণ তার score সবচেয়ে বড়", "its score is the largest") is True
    out = capsys.readouterr().out
    assert "✓" in out and "Right" in out and "its score is the largest" in out
    assert check_guess(0.3, 0.3333) is False and check_guess(0.333, 0.3333) is True
    assert check_guess("x", 0.5) is False                     # not a number: wrong, not a crash
    out = capsys.readouterr().out
    assert "✗" in out and "Not quite" in out and "0.5" in out
