"""helpers.checks: the homework checker.  Right answers pass; a battery of wrong answers each
gets a failing verdict and the hint aimed at its mistake; nothing a student hands it crashes it."""

import threading
import time

import numpy as np
import pytest

from helpers import attention as A
from helpers.checks import EXERCISES, HINTS, Result, check
from helpers.validate import bilingual

REQUIRED = ["score_dot", "score_general", "score_additive", "softmax", "context", "output_step",
            "scaled_dot_product_attention", "causal_mask"]


def test_the_exercises_the_issue_names_are_there_with_the_attention_signatures():
    import inspect
    for name in REQUIRED + ["rnn_step", "rnn_states", "split_heads", "merge_heads"]:
        ex = EXERCISES[name]
        assert ex.reference is getattr(A, name)
        params = ", ".join(str(p) for p in inspect.signature(getattr(A, name)).parameters.values())
        assert ex.signature == f"{name}({params})"
        assert str(ex).count("\n") == 1 and name in str(ex)           # a description in both languages


@pytest.mark.parametrize("name", [n for n in EXERCISES if not n.startswith("predict_")])
def test_the_right_answer_passes(name, capsys):
    result = check(name, EXERCISES[name].reference)
    out = capsys.readouterr().out
    assert result.passed and result.status == "passed" and result.hint == ""
    assert len(result.passed_cases) == len(EXERCISES[name].cases) >= 2
    assert f"All {len(EXERCISES[name].cases)} cases passed" in out and "সব" in out


@pytest.mark.parametrize("name", [n for n in EXERCISES if n.startswith("predict_")])
def test_the_right_prediction_passes_and_a_wrong_one_gets_its_hint(name, capsys):
    ex = EXERCISES[name]
    assert check(name, lambda: ex.answer).passed
    assert "Right!" in capsys.readouterr().out
    wrong = {str: "z", tuple: (9, 9, 9)}.get(type(ex.answer), 99)
    result = check(name, wrong)
    assert not result.passed and result.hint == bilingual(*ex.hint)
    assert ex.why[0] not in result.report and ex.why[1] not in result.report      # the answer is not given away


def test_predictions_are_read_the_way_students_write_them():
    assert check("predict_top_score", "৩", quiet=True).passed           # Bengali digit
    assert check("predict_top_score", "h3", quiet=True).passed
    assert check("predict_top_score", 3.0, quiet=True).passed
    assert check("predict_shift", " B ", quiet=True).passed
    assert check("predict_heads_shape", "(2, 5, 4)", quiet=True).passed
    assert check("predict_heads_shape", [2, 5, 4], quiet=True).passed
    assert check("predict_notes_context", 4.79, quiet=True).passed
    assert not check("predict_notes_context", 4.7, quiet=True).passed
    unreadable = check("predict_top_score", "the third", quiet=True)
    assert unreadable.status == "failed" and "Could not read" in unreadable.report


def test_a_stub_is_not_done_yet_not_an_error(capsys):
    def softmax(e, mask=None, axis=-1):
        raise NotImplementedError("এখনো লেখা হয়নি · not written yet")
    result = check("softmax", softmax)
    assert (result.passed, result.status) == (False, "not_done")
    out = capsys.readouterr().out
    assert "not done yet" in out and "এখনো করা হয়নি" in out and "Traceback" not in out

    def guess():
        raise NotImplementedError
    assert check("predict_shift", guess, quiet=True).status == "not_done"


# --------------------------------------------------------------------------- the wrong-answer battery

def _softmax_rows(e, mask=None, axis=-1):
    x = np.exp(e - e.max(axis=axis, keepdims=True))
    return x / x.sum(axis=axis, keepdims=True)


def _loop_forever(*args, **kwargs):
    while True:
        pass


def _swallow_everything(*args, **kwargs):
    while True:                      # a student's own try/except cannot hide the time limit
        try:
            time.sleep(0.01)
        except Exception:
            pass


def _states(X, h0, W_x, W_h, b=None, carry=True, keep_all=True, start=None):
    h, out = (h0 if start is None else start), []
    for x in X:
        new = np.tanh(W_x @ x + W_h @ h + (0 if b is None else b))
        out.append(new)
        if carry:
            h = new
    return np.array(out) if keep_all else out[-1]


def _sdpa(Q, K, V, mask=None, scale=None, axis=-1, T=False, keep=True, stable=True):
    w = Q @ (K.T if T else np.swapaxes(K, -1, -2)) / (np.sqrt(Q.shape[-1]) if scale is None else scale)
    if mask is not None:
        w = np.where(mask if keep else ~mask, w, -np.inf)
    if stable:
        w = w - w.max(axis=axis, keepdims=True)
    w = np.exp(w)
    w = w / w.sum(axis=axis, keepdims=True)
    return w @ V, w


BATTERY = [
    # softmax
    ("softmax", lambda e, mask=None, axis=-1: np.exp(e) / np.exp(e).sum(axis=axis, keepdims=True), "softmax_overflow"),
    ("softmax", lambda e, mask=None, axis=-1: _softmax_rows(e, mask, 0), "softmax_wrong_axis"),
    ("softmax", lambda e, mask=None, axis=-1: np.exp(e - e.max()) / np.exp(e - e.max()).sum(), "softmax_wrong_axis"),
    ("softmax", lambda e, mask=None, axis=-1: np.exp(e - e.max(axis=axis, keepdims=True)), "softmax_not_normalized"),
    ("softmax", lambda e, mask=None, axis=-1: e / e.sum(axis=axis, keepdims=True), "softmax_no_exp"),
    ("softmax", lambda e, mask=None, axis=-1: _softmax_rows(e, None, axis), "mask_ignored"),
    ("softmax", lambda e, mask=None, axis=-1: _softmax_rows(e if mask is None else np.where(mask, -np.inf, e), None, axis),
     "mask_reversed"),
    ("softmax", lambda e, mask=None, axis=-1: _softmax_rows(e, None, axis) * (1 if mask is None else mask),
     "mask_after_softmax"),
    ("softmax", lambda e, mask=None, axis=-1: list(_softmax_rows(e, None, axis)), "list"),
    ("softmax", lambda e, mask=None, axis=-1: None, "none"),
    ("softmax", lambda e, mask=None, axis=-1: "0.09 0.24 0.67", "type"),
    ("softmax", lambda e: _softmax_rows(e), "signature"),
    ("softmax", lambda e, mask=None, axis=-1: e.sub(e.max()), "exception"),       # AttributeError inside
    ("softmax", _loop_forever, "timeout"),
    ("softmax", _swallow_everything, "timeout"),
    # scores
    ("score_dot", lambda s, H: s * H, "dot_no_sum"),
    ("score_dot", lambda s, H: (s * H).sum(axis=0), "dot_wrong_axis"),
    ("score_dot", lambda s, H: H @ s / np.sqrt(s.shape[-1]), "dot_scaled"),
    ("score_dot", lambda s, H: np.full(len(H), np.nan), "nan"),
    ("score_general", lambda s, H, W: H @ W @ s, "general_transposed"),
    ("score_general", lambda s, H, W: H @ s, "general_no_W"),
    ("score_additive", lambda s, H, W1, W2, v: (W1 @ s + H @ W2.T) @ v, "no_tanh"),
    ("score_additive", lambda s, H, W1, W2, v: np.tanh((W1 @ s + H @ W2.T) @ v), "additive_tanh_outside"),
    ("score_additive", lambda s, H, W1, W2, v: np.tanh(W2 @ s + H @ W1.T) @ v, "additive_swapped"),
    # context
    ("context", lambda alpha, H: alpha[..., :, None] * H, "context_no_sum"),
    ("context", lambda alpha, H: (alpha[..., :, None] * H).sum(axis=-1), "context_wrong_axis"),
    ("context", lambda alpha, H: np.broadcast_to(H.mean(axis=0), alpha.shape[:-1] + H.shape[-1:]),
     "context_ignores_weights"),
    ("context", lambda alpha, H: H.T @ alpha.T, "shape"),
    # output step
    ("output_step", lambda s, c, W_c, W_o: A.output_step(c, s, W_c, W_o), "concat_order"),
    ("output_step", lambda s, c, W_c, W_o: A.output_step(s, c, W_c, W_o)[1], "tuple"),
    ("output_step", lambda s, c, W_c, W_o: (np.tanh(W_c @ np.r_[s, c]), W_o @ np.tanh(W_c @ np.r_[s, c])),
     "output_no_softmax"),
    ("output_step", lambda s, c, W_c, W_o: (W_c @ np.r_[s, c], _softmax_rows(W_o @ (W_c @ np.r_[s, c]))), "no_tanh"),
    # the whole step
    ("attend", lambda s, H, score="dot", mask=None, **p: (lambda c, a, e: (e @ H, a, e))(*A.attend(s, H, score, mask, **p)),
     "context_from_scores"),
    ("attend", lambda s, H, score="dot", mask=None, **p: A.attend(s, H, score, None, **p), "mask_ignored"),
    ("attend", lambda s, H, score="dot", mask=None, **p: A.attend(s, H, score, mask, **p)[::-1], "return_order"),
    # scaled dot-product attention and masks
    ("scaled_dot_product_attention", lambda Q, K, V, mask=None: _sdpa(Q, K, V, mask, scale=1.0), "no_scale"),
    ("scaled_dot_product_attention", lambda Q, K, V, mask=None: _sdpa(Q, K, V, mask, scale=Q.shape[-1]), "scale_by_d"),
    ("scaled_dot_product_attention", lambda Q, K, V, mask=None: _sdpa(Q, K, V), "mask_ignored"),
    ("scaled_dot_product_attention", lambda Q, K, V, mask=None: _sdpa(Q, K, V, mask, keep=False), "mask_reversed"),
    ("scaled_dot_product_attention", lambda Q, K, V, mask=None: _sdpa(Q, K, V, mask, axis=-2), "softmax_wrong_axis"),
    ("scaled_dot_product_attention", lambda Q, K, V, mask=None: _sdpa(Q, K, V, mask, T=True), "batch_T"),
    ("scaled_dot_product_attention", lambda Q, K, V, mask=None: _sdpa(Q, K, V, mask, stable=False), "softmax_overflow"),
    ("scaled_dot_product_attention", lambda Q, K, V, mask=None:
        ((Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])) @ V, _sdpa(Q, K, V, mask)[1]), "context_from_scores"),
    ("causal_mask", lambda T: np.triu(np.ones((T, T), dtype=bool)), "causal_wrong_way"),
    ("causal_mask", lambda T: np.tril(np.ones((T, T), dtype=bool), k=-1), "causal_no_diagonal"),
    ("causal_mask", lambda T: np.ones((T, T), dtype=bool), "causal_all_true"),
    ("causal_mask", lambda T: np.tril(np.ones((T, T))), "mask_dtype"),
    ("causal_mask", lambda T: np.where(np.tri(T) > 0, 0.0, -np.inf), "mask_dtype"),     # PyTorch's additive mask
    # the encoder and decoder
    ("rnn_step", lambda x, h, W_x, W_h, b=None: W_x @ x + W_h @ h + (0 if b is None else b), "no_tanh"),
    ("rnn_step", lambda x, h, W_x, W_h, b=None: np.tanh(W_x @ x + (0 if b is None else b)), "rnn_no_memory"),
    ("rnn_step", lambda x, h, W_x, W_h, b=None: np.tanh(W_x @ x + W_h @ h + b), "exception"),   # b None + ...
    ("rnn_states", lambda X, h0, W_x, W_h, b=None: _states(X, h0, W_x, W_h, b, keep_all=False), "only_last_state"),
    ("rnn_states", lambda X, h0, W_x, W_h, b=None: _states(X, h0, W_x, W_h, b, carry=False), "no_carry"),
    ("decoder_queries", lambda H, Y, W_s, W_y: _states(Y, H[-1], W_y, W_s, start=np.zeros(H.shape[1])), "ignores_h0"),
    ("decoder_queries", lambda H, Y, W_s, W_y: _states(Y, H[0], W_y, W_s), "starts_h1"),
    # the heads
    ("split_heads", lambda X, n: X.reshape(*X.shape[:-2], n, X.shape[-2], X.shape[-1] // n), "split_no_swap"),
    ("merge_heads", lambda X: X.reshape(*X.shape[:-3], X.shape[-2], X.shape[-3] * X.shape[-1]), "merge_no_swap"),
    ("split_heads", lambda X, n: np.swapaxes(X.reshape(*X.shape[:-1], n, -1), -3, -2).tolist(), "list"),
]


def test_the_battery_is_large_and_covers_every_hint_the_issue_names():
    assert len(BATTERY) >= 30
    named = {"softmax_overflow", "softmax_wrong_axis", "mask_ignored", "context_from_scores", "no_scale",
             "concat_order", "causal_wrong_way"}
    kinds = {"exception", "type", "shape", "nan", "list", "none", "timeout"}
    assert named | kinds <= {key for _, _, key in BATTERY}


@pytest.mark.parametrize("name, answer, hint", BATTERY, ids=[f"{n}-{h}-{i}" for i, (n, _, h) in enumerate(BATTERY)])
def test_a_wrong_answer_fails_with_its_hint_and_never_crashes_the_checker(name, answer, hint, capsys):
    result = check(name, answer, time_limit=0.3)
    out = capsys.readouterr().out
    assert isinstance(result, Result) and result.passed is False
    assert result.hint == bilingual(*HINTS[hint]), (result.hint, result.report)
    assert HINTS[hint][0] in out and HINTS[hint][1] in out                   # printed in both languages
    assert "✗" in out and result.failed_case and "passed so far" in out


def test_the_first_failing_case_shows_what_was_expected_and_what_came_back(capsys):
    check("softmax", lambda e, mask=None, axis=-1: np.exp(e) / np.exp(e).sum(axis=axis, keepdims=True))
    out = capsys.readouterr().out
    assert out.count("✓") == 3                                        # the three cases before it passed
    assert "expected: [0.09  , 0.2447, 0.6652]" in out and "got:      [nan, nan, nan]" in out
    assert "প্রত্যাশিত" in out and "পাওয়া গেছে" in out


def test_an_exception_names_its_line_in_the_students_code(capsys):
    def context(alpha, H):
        weighted = alpha * H           # (T,) * (T, d) does not broadcast
        return weighted.sum(axis=0)
    result = check("context", context)
    out = capsys.readouterr().out
    assert result.status == "error" and "ValueError: operands could not be broadcast" in out
    assert "weighted = alpha * H" in out


def test_a_function_that_changes_its_input_is_told_so():
    def softmax(e, mask=None, axis=-1):
        e -= e.max(axis=axis, keepdims=True)
        x = np.exp(e if mask is None else np.where(mask, e, -np.inf))
        return x / x.sum(axis=axis, keepdims=True)
    result = check("softmax", softmax, quiet=True)
    assert result.hint == bilingual(*HINTS["input_changed"])


@pytest.mark.parametrize("answer", [None, "softmax", np.array([0.2, 0.8]), 42])
def test_something_that_is_not_a_function_gets_a_clear_line(answer):
    result = check("softmax", answer, quiet=True)
    assert result.status == "not_callable" and result.hint == bilingual(*HINTS["not_callable"])


def test_an_unknown_exercise_is_refused_in_both_languages():
    with pytest.raises(ValueError) as err:
        check("sofmax", A.softmax)
    assert "sofmax" in str(err.value) and "'softmax'" in str(err.value) and "\n" in str(err.value)


def test_the_time_limit_works_outside_the_main_thread_too():
    box = {}
    worker = threading.Thread(target=lambda: box.update(r=check("causal_mask", _loop_forever, time_limit=0.3, quiet=True)))
    start = time.perf_counter()
    worker.start()
    worker.join(10)
    assert box["r"].status == "timeout" and time.perf_counter() - start < 5
