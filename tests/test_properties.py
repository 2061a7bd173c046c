"""Property tests of helpers.attention with hypothesis: random shapes, dtypes and magnitudes.

For every input the answer is either a finite result that agrees with an independent
float64 reference (einsum), or a clear refusal: a ValueError or TypeError with a Bengali
and an English line.  Never anything else: no NaN, no inf, no raw numpy error.
"""

import re
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import attention as A

BENGALI = re.compile("[\u0980-\u09FF]")
EXAMPLES = 400
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


@st.composite
def arrays(draw, shape):
    """An array of ``shape`` with a random dtype and magnitude (from 1e-3 up to 1e300)."""
    dtype = draw(st.sampled_from([np.float32, np.float64]))
    exponent = draw(st.sampled_from([-3, 0, 1, 2, 10, 30, 100, 300]))
    seed = draw(st.integers(0, 2**32 - 1))
    x = np.random.default_rng(seed).standard_normal(shape) * 10.0 ** exponent
    with np.errstate(over="ignore"):
        return x.astype(dtype)          # a float32 of 1e300 is inf: that must be refused too


@st.composite
def query_and_keys(draw):
    lead = tuple(draw(st.lists(st.integers(1, 3), max_size=2)))
    T, d = draw(st.integers(1, 6)), draw(st.integers(1, 5))
    return draw(arrays(lead + (d,))), draw(arrays(lead + (T, d)))


def outcome(f, *args, **kw):
    """The result, or None after checking that a refusal is clear and bilingual."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", RuntimeWarning)       # no numpy warning leaks out
            return f(*args, **kw)
    except (ValueError, TypeError) as exc:
        lines = str(exc).splitlines()
        assert len(lines) >= 2 and BENGALI.search(lines[0]) and re.search("[A-Za-z]{3}", lines[-1]), str(exc)
        return None


def close(got, ref, scale, dtype):
    got = np.asarray(got, dtype=np.float64)
    assert np.all(np.isfinite(got)), got
    rtol = 2e-5 if np.dtype(dtype) == np.float32 else 1e-11
    assert np.all(np.abs(got - ref) <= rtol * scale + 1e-30), (got, ref)


@SETTINGS
@given(query_and_keys())
def test_scores_are_finite_and_right_or_refused(sh):
    s, H = sh
    dt = np.result_type(s, H)
    s64, H64 = s.astype(np.float64), H.astype(np.float64)
    with np.errstate(all="ignore"):
        ref = np.einsum("...d,...td->...t", s64, H64)
        scale = np.einsum("...d,...td->...t", np.abs(s64), np.abs(H64))
    e = outcome(A.score_dot, s, H)
    if e is not None:
        assert e.dtype == dt
        close(e, ref, scale, dt)
    e = outcome(A.score_scaled_dot, s, H)
    if e is not None:
        close(e, ref / np.sqrt(H.shape[-1]), scale / np.sqrt(H.shape[-1]), dt)
    W = np.eye(s.shape[-1], H.shape[-1], dtype=dt) * 0.5
    e = outcome(A.score_general, s, H, W)
    if e is not None:
        close(e, 0.5 * ref, 0.5 * scale, dt)


@SETTINGS
@given(query_and_keys(), st.integers(1, 4), st.integers(0, 2**32 - 1))
def test_additive_score_is_bounded_or_refused(sh, k, seed):
    s, H = sh
    rng = np.random.default_rng(seed)
    W1, W2 = rng.standard_normal((k, s.shape[-1])), rng.standard_normal((k, H.shape[-1]))
    v = rng.standard_normal(k)
    e = outcome(A.score_additive, s, H, W1, W2, v)
    if e is not None:
        assert np.all(np.isfinite(e)) and np.all(np.abs(e) <= np.abs(v).sum() + 1e-6)   # |tanh| <= 1


@SETTINGS
@given(st.integers(1, 8), st.integers(0, 2**32 - 1), st.sampled_from([-3, 0, 2, 30, 300]),
       st.sampled_from([np.float32, np.float64]))
def test_softmax_is_a_distribution_or_refused(T, seed, exponent, dtype):
    with np.errstate(over="ignore"):
        e = (np.random.default_rng(seed).standard_normal((2, T)) * 10.0 ** exponent).astype(dtype)
    alpha = outcome(A.softmax, e)
    if alpha is not None:
        assert alpha.dtype == dtype and np.all(np.isfinite(alpha)) and np.all(alpha >= 0)
        np.testing.assert_allclose(alpha.sum(axis=-1), 1, rtol=1e-5)
        e64 = e.astype(np.float64)
        ref = np.exp(e64 - e64.max(-1, keepdims=True))
        np.testing.assert_allclose(alpha, ref / ref.sum(-1, keepdims=True), atol=1e-6)


@SETTINGS
@given(query_and_keys(), st.integers(0, 2**32 - 1))
def test_attend_gives_a_point_among_the_h_or_refuses(sh, seed):
    s, H = sh
    mask = np.random.default_rng(seed).random(H.shape[:-1]) < 0.8
    mask[..., 0] = True                                   # at least one position kept in each row
    r = outcome(A.attend, s, H, mask=mask)
    if r is not None:
        c, alpha, e = r
        assert np.all(np.isfinite(c)) and np.all(alpha[~np.broadcast_to(mask, alpha.shape)] == 0)
        H64 = np.broadcast_to(H, alpha.shape + H.shape[-1:]).astype(np.float64)
        lo, hi = np.where(mask[..., None], H64, np.inf).min(-2), np.where(mask[..., None], H64, -np.inf).max(-2)
        span = np.abs(H64).max() * 1e-5 + 1e-30
        assert np.all(c >= lo - span) and np.all(c <= hi + span)    # inside the kept h_i's box


@SETTINGS
@given(st.integers(1, 4), st.integers(1, 5), st.integers(1, 4), arrays((3, 2)), arrays((3, 2)), arrays((2, 4)))
def test_scaled_dot_product_attention_and_output_step(Tq, Tk, V_dim, Q, K, Wc):
    V = np.random.default_rng(Tq * 10 + Tk).standard_normal((Tk, V_dim))
    r = outcome(A.scaled_dot_product_attention, Q[:Tq % 3 + 1], np.resize(K, (Tk, 2)), V)
    if r is not None:
        out, w = r
        assert np.all(np.isfinite(out)) and np.allclose(w.sum(-1), 1, rtol=1e-5)
    r = outcome(A.output_step, Q[0], K[0], Wc, np.ones((5, 2)))
    if r is not None:
        s_tilde, y = r
        assert np.all(np.abs(s_tilde) <= 1) and np.isclose(y.sum(), 1, rtol=1e-5)


def test_property_tests_run_enough_examples():
    assert EXAMPLES >= 100
