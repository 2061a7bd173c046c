"""Unit tests of helpers.attention: known values, properties, shapes, dtypes, bad input."""

import re

import numpy as np
import pytest

from helpers import attention as A

BENGALI = re.compile("[\u0980-\u09FF]")


def rng(seed=0):
    return np.random.default_rng(seed)


# --------------------------------------------------------------------------- the notes' mini example


def test_mini_example_exact():
    c, alpha, e = A.attend(4, [2, 5, 1])
    np.testing.assert_array_equal(e, [8.0, 20.0, 4.0])
    z = np.exp(8) + np.exp(20) + np.exp(4)
    exact = np.array([np.exp(8) / z, np.exp(20) / z, np.exp(4) / z])
    np.testing.assert_allclose(alpha, exact, rtol=0, atol=1e-9)
    np.testing.assert_allclose(alpha, [6.144e-06, 0.9999937, 1.125e-07], rtol=1e-3)
    assert abs(c - float(exact @ [2, 5, 1])) < 1e-9
    assert round(float(c), 5) == 4.99998
    assert np.ndim(c) == 0                        # the scalar case gives a number back


def test_notes_rounded_weights_are_off():
    alpha = A.softmax([8.0, 20.0, 4.0])
    assert 0.0003 / alpha[0] > 40                 # the notes' alpha_1 is ~50 times too large


# --------------------------------------------------------------------------- scores


def test_score_functions_match_their_formulas():
    r = rng(1)
    s, H = r.normal(size=3), r.normal(size=(5, 3))
    W = r.normal(size=(3, 3))
    W1, W2, v = r.normal(size=(4, 3)), r.normal(size=(4, 3)), r.normal(size=4)
    loop = lambda f: np.array([f(h) for h in H])
    np.testing.assert_allclose(A.score_dot(s, H), loop(lambda h: s @ h))
    np.testing.assert_allclose(A.score_scaled_dot(s, H), loop(lambda h: s @ h / np.sqrt(3)))
    np.testing.assert_allclose(A.score_general(s, H, W), loop(lambda h: s @ W @ h))
    np.testing.assert_allclose(A.score_additive(s, H, W1, W2, v),
                               loop(lambda h: v @ np.tanh(W1 @ s + W2 @ h)))


def test_general_with_identity_is_dot_and_allows_different_sizes():
    r = rng(2)
    s, H = r.normal(size=4), r.normal(size=(6, 4))
    np.testing.assert_allclose(A.score_general(s, H, np.eye(4)), A.score_dot(s, H))
    e = A.score_general(r.normal(size=2), r.normal(size=(6, 5)), r.normal(size=(2, 5)))
    assert e.shape == (6,)


def test_leading_dimensions_broadcast():
    r = rng(3)
    S, H = r.normal(size=(2, 1, 3)), r.normal(size=(4, 7, 3))  # (2,1) with (4,) -> (2,4)
    e = A.score_dot(S, H)
    assert e.shape == (2, 4, 7)
    np.testing.assert_allclose(e[1, 2], H[2] @ S[1, 0])
    c, alpha, _ = A.attend(S, H)
    assert c.shape == (2, 4, 3) and alpha.shape == (2, 4, 7)
    np.testing.assert_allclose(c[1, 2], alpha[1, 2] @ H[2])


# --------------------------------------------------------------------------- softmax


def test_softmax_sums_to_one_and_is_stable():
    e = rng(4).normal(size=(3, 5)) * 50
    alpha = A.softmax(e)
    np.testing.assert_allclose(alpha.sum(-1), 1.0)
    assert (alpha >= 0).all()
    big = A.softmax([1000.0, 1001.0])           # the naive formula overflows here
    np.testing.assert_allclose(big, [1 / (1 + np.e), np.e / (1 + np.e)])
    np.testing.assert_allclose(A.softmax(e, axis=0).sum(0), 1.0)


def test_softmax_shift_invariance():
    e = rng(5).normal(size=6)
    np.testing.assert_allclose(A.softmax(e), A.softmax(e + 123.0))


def test_masked_entries_are_exactly_zero():
    e = rng(6).normal(size=(2, 4))
    mask = np.array([[True, False, True, True], [False, False, True, False]])
    alpha = A.softmax(e, mask=mask)
    assert (alpha[~mask] == 0.0).all()
    np.testing.assert_allclose(alpha.sum(-1), 1.0)
    assert alpha[1, 2] == 1.0
    # a mask that broadcasts: one mask row for every query row
    alpha2 = A.softmax(e, mask=mask[0])
    assert (alpha2[:, 1] == 0.0).all()


def test_attend_equals_its_parts():
    r = rng(7)
    s, H = r.normal(size=(2, 3)), r.normal(size=(2, 5, 3))
    params = {"W1": r.normal(size=(4, 3)), "W2": r.normal(size=(4, 3)), "v": r.normal(size=4)}
    mask = np.array([True, True, True, False, True])
    for score, func, p in [("dot", A.score_dot, {}), ("scaled_dot", A.score_scaled_dot, {}),
                           ("general", A.score_general, {"W": r.normal(size=(3, 3))}),
                           ("additive", A.score_additive, params)]:
        c, alpha, e = A.attend(s, H, score=score, mask=mask, **p)
        e_ref = func(s, H, **p)
        a_ref = A.softmax(e_ref, mask=mask)
        np.testing.assert_allclose(e, e_ref)
        np.testing.assert_allclose(alpha, a_ref)
        np.testing.assert_allclose(c, A.context(a_ref, H))
        assert (alpha[..., 3] == 0).all()


# --------------------------------------------------------------------------- context and output


def test_context_is_a_weighted_average():
    r = rng(8)
    H = r.normal(size=(4, 2))
    alpha = A.softmax(r.normal(size=4))
    np.testing.assert_allclose(A.context(alpha, H), sum(a * h for a, h in zip(alpha, H)))
    np.testing.assert_allclose(A.context(np.eye(4)[2], H), H[2])    # one-hot picks h_3


def test_output_step_concatenates_s_then_c():
    r = rng(9)
    s, c = r.normal(size=3), r.normal(size=2)
    W_c, W_o = r.normal(size=(4, 5)), r.normal(size=(6, 4))
    s_tilde, y = A.output_step(s, c, W_c, W_o)
    np.testing.assert_allclose(s_tilde, np.tanh(W_c[:, :3] @ s + W_c[:, 3:] @ c))
    np.testing.assert_allclose(y, A.softmax(W_o @ s_tilde))
    assert y.shape == (6,) and abs(y.sum() - 1) < 1e-12
    S, C = r.normal(size=(7, 3)), r.normal(size=(7, 2))      # batched
    st, yb = A.output_step(S, C, W_c, W_o)
    assert st.shape == (7, 4) and yb.shape == (7, 6)
    np.testing.assert_allclose(st[5], A.output_step(S[5], C[5], W_c, W_o)[0])


# --------------------------------------------------------------------------- scaled dot-product attention


def naive_sdpa(Q, K, V, mask=None):
    out = np.zeros((Q.shape[0], V.shape[1]))
    weights = np.zeros((Q.shape[0], K.shape[0]))
    for i, q in enumerate(Q):
        scores = np.array([q @ k / np.sqrt(len(q)) for k in K])
        keep = np.ones(len(K), bool) if mask is None else mask[i]
        ex = np.where(keep, np.exp(scores - scores[keep].max()), 0.0)
        weights[i] = ex / ex.sum()
        out[i] = sum(w * v for w, v in zip(weights[i], V))
    return out, weights


def test_scaled_dot_product_against_naive_loop():
    r = rng(10)
    Q, K, V = r.normal(size=(2, 3, 4)), r.normal(size=(2, 5, 4)), r.normal(size=(2, 5, 6))
    causal = np.tril(np.ones((3, 5), bool))
    out, w = A.scaled_dot_product_attention(Q, K, V, mask=causal)
    assert out.shape == (2, 3, 6) and w.shape == (2, 3, 5)
    for b in range(2):
        o_ref, w_ref = naive_sdpa(Q[b], K[b], V[b], causal)
        np.testing.assert_allclose(out[b], o_ref)
        np.testing.assert_allclose(w[b], w_ref)
    assert (w[:, ~causal] == 0).all()


def test_sdpa_is_attend_with_scaled_dot_for_one_query():
    r = rng(11)
    q, K = r.normal(size=4), r.normal(size=(5, 4))
    out, w = A.scaled_dot_product_attention(q[None], K, K)
    c, alpha, _ = A.attend(q, K, score="scaled_dot")
    np.testing.assert_allclose(out[0], c)
    np.testing.assert_allclose(w[0], alpha)


# --------------------------------------------------------------------------- dtypes


def test_float32_in_float32_out():
    r = rng(12)
    s, H = r.normal(size=3).astype(np.float32), r.normal(size=(5, 3)).astype(np.float32)
    c, alpha, e = A.attend(s, H)
    assert c.dtype == alpha.dtype == e.dtype == np.float32
    for score, p in [("general", {"W": np.eye(3, dtype=np.float32)}),
                     ("additive", {"W1": np.ones((2, 3), np.float32), "W2": np.ones((2, 3), np.float32),
                                   "v": np.ones(2, np.float32)}),
                     ("scaled_dot", {})]:
        assert A.attend(s, H, score=score, **p)[0].dtype == np.float32
    assert A.softmax(np.ones(3, np.float32)).dtype == np.float32
    assert A.score_dot(4, np.array([2, 5, 1], np.float32)).dtype == np.float32
    out, w = A.scaled_dot_product_attention(H[None], H[None], H[None])
    assert out.dtype == w.dtype == np.float32
    st, y = A.output_step(s, s, np.ones((2, 6), np.float32), np.ones((4, 2), np.float32))
    assert st.dtype == y.dtype == np.float32
    # integers compute in float64
    assert A.softmax([1, 2, 3]).dtype == np.float64


# --------------------------------------------------------------------------- bad input: every class refused, in both languages


def bad(exc, call, *words):
    """``call`` raises ``exc`` whose message is in Bengali and English and names ``words``."""
    with pytest.raises(exc) as info:
        call()
    msg = str(info.value)
    assert BENGALI.search(msg), f"no Bengali in: {msg}"
    assert re.search(r"\b(the|must|should|got|is|has|needs|does|one)\b", msg), f"no English in: {msg}"
    for w in words:
        assert w in msg, f"{w!r} not named in: {msg}"
    return msg


H3 = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])


@pytest.mark.parametrize("value", [np.nan, np.inf, -np.inf])
def test_nan_and_inf_refused(value):
    Hbad = H3.copy()
    Hbad[1, 0] = value
    bad(ValueError, lambda: A.score_dot([1.0, 1.0], Hbad), "`H`")
    bad(ValueError, lambda: A.softmax([1.0, value]), "`e`")
    bad(ValueError, lambda: A.attend([value, 1.0], H3), "`s`")


def test_empty_sequence_refused():
    bad(ValueError, lambda: A.score_dot([1.0, 2.0], np.zeros((0, 2))), "`H`", "(0, 2)")
    bad(ValueError, lambda: A.attend(4, []), "`H`")
    bad(ValueError, lambda: A.softmax([]), "`e`")
    bad(ValueError, lambda: A.scaled_dot_product_attention(np.zeros((0, 2)), H3, H3), "`Q`")


def test_mismatched_sizes_refused():
    msg = bad(ValueError, lambda: A.score_dot([1.0, 2.0, 3.0], H3), "`s`", "`H`", "(3,)", "(3, 2)")
    assert "3" in msg and "2" in msg
    bad(ValueError, lambda: A.context([0.5, 0.5], H3), "`alpha`", "(2,)")
    bad(ValueError, lambda: A.score_dot(np.ones((2, 2)), np.ones((3, 4, 2))), "batch")
    bad(ValueError, lambda: A.scaled_dot_product_attention(np.ones((2, 3)), np.ones((4, 2)), np.ones((4, 2))), "`Q`", "`K`")
    bad(ValueError, lambda: A.scaled_dot_product_attention(np.ones((2, 3)), np.ones((4, 3)), np.ones((5, 2))), "`K`", "`V`")
    bad(ValueError, lambda: A.softmax([1.0, 2.0], mask=np.ones(3, bool)), "`mask`")
    bad(ValueError, lambda: A.scaled_dot_product_attention(np.ones((2, 3)), np.ones((4, 3)), np.ones((4, 2)),
                                                           mask=np.ones((3, 4), bool)), "`mask`")


def test_wrong_parameter_shapes_refused():
    s = np.ones(2)
    bad(ValueError, lambda: A.score_general(s, H3, np.ones((3, 3))), "`W`", "(2, 2)", "(3, 3)")
    bad(ValueError, lambda: A.score_additive(s, H3, np.ones((4, 3)), np.ones((4, 2)), np.ones(4)), "`W1`")
    bad(ValueError, lambda: A.score_additive(s, H3, np.ones((4, 2)), np.ones((5, 2)), np.ones(4)), "`W2`")
    bad(ValueError, lambda: A.score_additive(s, H3, np.ones((4, 2)), np.ones((4, 2)), np.ones(3)), "`v`")
    bad(ValueError, lambda: A.output_step(s, s, np.ones((3, 5)), np.ones((2, 3))), "`W_c`", "(3, 5)")
    bad(ValueError, lambda: A.output_step(s, s, np.ones((3, 4)), np.ones((2, 5))), "`W_o`")


def test_unknown_score_missing_and_extra_parameters_refused():
    msg = bad(ValueError, lambda: A.attend([1.0, 1.0], H3, score="cosine"), "'cosine'")
    for name in ("dot", "general", "additive", "scaled_dot"):
        assert repr(name) in msg
    bad(ValueError, lambda: A.attend([1.0, 1.0], H3, score="general"), "W")
    bad(ValueError, lambda: A.attend([1.0, 1.0], H3, score="additive", W1=np.ones((2, 2))), "W2", "v")
    bad(ValueError, lambda: A.attend([1.0, 1.0], H3, score="dot", W=np.eye(2)), "W")


def test_all_masked_row_refused():
    bad(ValueError, lambda: A.softmax([[1.0, 2.0], [3.0, 4.0]], mask=[[True, False], [False, False]]),
        "`mask`", "row 1")
    bad(ValueError, lambda: A.attend([1.0, 1.0], H3, mask=np.zeros(3, bool)), "`mask`")
    bad(ValueError, lambda: A.scaled_dot_product_attention(H3, H3, H3, mask=np.zeros((3, 3), bool)), "`mask`")


def test_non_numbers_refused_with_type_error():
    bad(TypeError, lambda: A.score_dot("four", H3), "`s`")
    bad(TypeError, lambda: A.score_dot([1.0, 1.0], [["a", "b"]]), "`H`")
    bad(TypeError, lambda: A.softmax([1.0, 2.0], mask=[1, 0]), "`mask`")
    bad(TypeError, lambda: A.softmax([True, False]), "`e`")
    bad(TypeError, lambda: A.context(None, H3), "`alpha`")
    bad(ValueError, lambda: A.score_dot([1.0, 1.0], [[1.0, 2.0], [3.0]]), "`H`")   # ragged


def test_context_refuses_weights_that_are_not_a_distribution():
    bad(ValueError, lambda: A.context([0.2, 0.2, 0.2], H3), "`alpha`", "0.6", "softmax")
    bad(ValueError, lambda: A.context([1.5, -0.5, 0.0], H3), "`alpha`")


def test_softmax_jacobian_matches_finite_differences():
    e = np.array([0.3, -1.2, 2.0, 0.5])
    J = A.softmax_jacobian(A.softmax(e))
    step = 1e-6
    numeric = np.stack([(A.softmax(e + step * np.eye(4)[j]) - A.softmax(e - step * np.eye(4)[j])) / (2 * step)
                        for j in range(4)], axis=1)          # column j: d alpha / d e_j
    np.testing.assert_allclose(J, numeric, atol=1e-8)
    np.testing.assert_allclose(J.sum(axis=0), 0, atol=1e-12)   # the weights keep summing to 1
    with pytest.raises(ValueError, match="shape"):
        A.softmax_jacobian(np.full((2, 2), 0.5))


# --------------------------------------------------------------------------- steps 1-2 and the heads


def test_rnn_states_is_rnn_step_repeated_and_reproduces_the_running_example():
    import helpers.example as E
    X, h0 = E.embed(E.SOURCE), np.zeros(E.D)
    H = A.rnn_states(X, h0, E.W_X, E.W_H, E.B)
    h = h0
    for i, x in enumerate(X):
        h = A.rnn_step(x, h, E.W_X, E.W_H, E.B)
        np.testing.assert_allclose(H[i], h)
    np.testing.assert_allclose(H, E.H)
    # the decoder is the same RNN without a shift, started from h_T
    np.testing.assert_allclose(A.rnn_states(E.embed([E.START] + E.TARGET[:-1], "en"), E.H[-1], E.W_Y, E.W_S), E.S)


@pytest.mark.parametrize("call, needle", [
    (lambda: A.rnn_step(np.ones(3), np.zeros(2), np.ones((2, 4)), np.eye(2)), "`x`"),
    (lambda: A.rnn_step(np.ones(4), np.zeros(2), np.ones((3, 4)), np.eye(2)), "`W_x`"),
    (lambda: A.rnn_step(np.ones(4), np.zeros(2), np.ones((2, 4)), np.eye(3)), "`W_h`"),
    (lambda: A.rnn_step(np.ones(4), np.zeros(2), np.ones((2, 4)), np.eye(2), b=np.ones(3)), "`b`"),
    (lambda: A.rnn_states(np.ones((3, 5)), np.zeros(2), np.ones((2, 4)), np.eye(2)), "`X`"),
    (lambda: A.rnn_states(np.ones((3, 4)), None, np.ones((2, 4)), np.eye(2)), "`h0`"),
    (lambda: A.split_heads(np.ones((3, 6)), 4), "n_heads"),
    (lambda: A.split_heads(np.ones(6), 2), "`X`"),
    (lambda: A.merge_heads(np.ones((3, 6))), "`X`"),
])
def test_rnn_and_heads_refuse_bad_shapes_in_both_languages(call, needle):
    with pytest.raises((ValueError, TypeError)) as err:
        call()
    bn, en = str(err.value).split("\n")
    assert needle in bn and needle in en


def test_split_heads_gives_head_k_the_kth_slice_and_merge_undoes_it():
    X = np.arange(2 * 3 * 8.0).reshape(2, 3, 8)
    S = A.split_heads(X, 4)
    assert S.shape == (2, 4, 3, 2)
    np.testing.assert_array_equal(S[1, 2, 0], X[1, 0, 4:6])        # batch 1, head 2, row 0
    np.testing.assert_array_equal(A.merge_heads(S), X)
