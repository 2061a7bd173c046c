"""causal_mask, multi_head_attention and chunked_attention against an independent reference.

The reference is written differently on purpose: Python loops over batch and heads, float64,
softmax by its definition.  Float32 results must agree to 1e-5, masks included.
"""

import re
import tracemalloc

import numpy as np
import pytest

from helpers import attention as A

BENGALI = re.compile("[\u0980-\u09FF]")


def ref_attention(Q, K, V, mask=None):
    """One (Tq, d) x (Tk, d) attention in float64, row by row."""
    Q, K, V = (np.asarray(x, np.float64) for x in (Q, K, V))
    out = np.zeros((Q.shape[0], V.shape[1]))
    W = np.zeros((Q.shape[0], K.shape[0]))
    for i, q in enumerate(Q):
        e = K @ q / np.sqrt(Q.shape[1])
        keep = np.ones(K.shape[0], bool) if mask is None else mask[i]
        w = np.where(keep, np.exp(e - e[keep].max()), 0.0)
        W[i] = w / w.sum()
        out[i] = W[i] @ V
    return out, W


def ref_mha(Xq, Xkv, Wq, Wk, Wv, Wo, h, mask=None):
    Xq, Xkv = np.asarray(Xq, np.float64), np.asarray(Xkv, np.float64)
    d = Xq.shape[-1]
    Q, K, V = Xq @ Wq, Xkv @ Wk, Xkv @ Wv
    outs, weights = [], []
    for k in range(h):
        cols = slice(k * d // h, (k + 1) * d // h)
        o, w = ref_attention(Q[:, cols], K[:, cols], V[:, cols], mask)
        outs.append(o)
        weights.append(w)
    return np.concatenate(outs, axis=1) @ Wo, np.stack(weights)


def make_mask(kind, B, T, seed, density, always):
    """None, a causal (T, T) mask, or a random (B, T, T) one that always keeps column ``always``."""
    if kind is None:
        return None
    if kind == "causal":
        return A.causal_mask(T)
    mask = np.random.default_rng(seed).random((B, T, T)) < density
    mask[..., always] = True
    return mask


def data(seed, B, Tq, Tk, d, dtype=np.float32):
    rng = np.random.default_rng(seed)
    return [rng.standard_normal(shape).astype(dtype) for shape in ((B, Tq, d), (B, Tk, d), (B, Tk, d))]


@pytest.mark.parametrize("masked", [None, "causal", "random"])
def test_scaled_dot_product_attention_matches_the_reference(masked):
    Q, K, V = data(1, 3, 6, 6, 8)
    mask = make_mask(masked, 3, 6, seed=2, density=0.6, always=0)
    out, W = A.scaled_dot_product_attention(Q, K, V, mask=mask)
    assert out.dtype == np.float32
    for b in range(3):
        m = None if mask is None else (mask if mask.ndim == 2 else mask[b])
        r_out, r_W = ref_attention(Q[b], K[b], V[b], m)
        np.testing.assert_allclose(out[b], r_out, atol=1e-5)
        np.testing.assert_allclose(W[b], r_W, atol=1e-5)


@pytest.mark.parametrize("n_heads", [1, 2, 4])
@pytest.mark.parametrize("masked", [False, True])
def test_multi_head_attention_matches_the_reference(n_heads, masked):
    rng = np.random.default_rng(n_heads)
    d, T = 8, 5
    X = rng.standard_normal((2, T, d)).astype(np.float32)
    Ws = [(rng.standard_normal((d, d)) / np.sqrt(d)).astype(np.float32) for _ in range(4)]
    mask = A.causal_mask(T) if masked else None
    out, W = A.multi_head_attention(X, X, *Ws, n_heads=n_heads, mask=mask)
    assert out.shape == (2, T, d) and W.shape == (2, n_heads, T, T) and out.dtype == np.float32
    for b in range(2):
        r_out, r_W = ref_mha(X[b], X[b], *[w.astype(np.float64) for w in Ws], n_heads, mask)
        np.testing.assert_allclose(out[b], r_out, atol=1e-5)
        np.testing.assert_allclose(W[b], r_W, atol=1e-5)
    if masked:
        assert np.all(W[..., ~A.causal_mask(T)] == 0)          # nobody looks ahead


def test_cross_attention_with_other_lengths():
    rng = np.random.default_rng(5)
    Xq, Xkv = rng.standard_normal((3, 4)), rng.standard_normal((7, 4))
    Ws = [np.eye(4)] * 4
    out, W = A.multi_head_attention(Xq, Xkv, *Ws, n_heads=2)
    r_out, r_W = ref_mha(Xq, Xkv, *Ws, 2)
    np.testing.assert_allclose(out, r_out, atol=1e-10)
    assert W.shape == (2, 3, 7)


@pytest.mark.parametrize("chunk", [1, 3, 7, 16, 64, 1000])
@pytest.mark.parametrize("masked", [None, "causal", "random"])
def test_chunked_equals_vectorized(chunk, masked):
    Q, K, V = data(3, 2, 37, 37, 16)
    mask = make_mask(masked, 2, 37, seed=4, density=0.3, always=5)
    full, _ = A.scaled_dot_product_attention(Q, K, V, mask=mask)
    np.testing.assert_allclose(A.chunked_attention(Q, K, V, mask=mask, chunk_size=chunk), full, atol=1e-5)


def test_chunked_survives_large_scores_and_a_first_chunk_fully_masked():
    Q, K, V = data(6, 1, 8, 20, 4)
    Q *= 30                                               # scores in the hundreds: exp would overflow naively
    mask = np.ones((8, 20), bool)
    mask[:, :10] = False                                  # the first chunks keep nothing
    full, _ = A.scaled_dot_product_attention(Q, K, V, mask=mask)
    np.testing.assert_allclose(A.chunked_attention(Q, K, V, mask=mask, chunk_size=4), full, atol=1e-5)


def test_chunked_memory_grows_linearly():
    """Peak extra memory of chunked attention at T = 4096, d = 64: far below the 64 MB of the full T x T matrix."""
    Q, K, V = data(7, 1, 4096, 4096, 64)
    tracemalloc.start()
    A.chunked_attention(Q[0], K[0], V[0], chunk_size=256)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 16 * 2**20, f"{peak / 2**20:.1f} MB"        # the full matrix alone would be 64 MB


def test_causal_mask():
    m = A.causal_mask(4)
    assert m.dtype == bool and m.shape == (4, 4)
    assert m.tolist() == [[True, False, False, False], [True, True, False, False],
                          [True, True, True, False], [True, True, True, True]]


@pytest.mark.parametrize("call,kind,words", [
    (lambda: A.multi_head_attention(np.ones((3, 6)), np.ones((3, 6)), *[np.eye(6)] * 4, n_heads=4), ValueError, "n_heads"),
    (lambda: A.multi_head_attention(np.ones((3, 6)), np.ones((3, 6)), *[np.eye(6)] * 4, n_heads=0), ValueError, "n_heads"),
    (lambda: A.multi_head_attention(np.ones((3, 6)), np.ones((3, 4)), *[np.eye(6)] * 4, n_heads=2), ValueError, "d_model"),
    (lambda: A.multi_head_attention(np.ones((3, 6)), np.ones((3, 6)), np.eye(5), *[np.eye(6)] * 3, n_heads=2),
     ValueError, "W_q"),
    (lambda: A.chunked_attention(np.ones((3, 2)), np.ones((3, 2)), np.ones((3, 2)), chunk_size=0), ValueError, "chunk_size"),
    (lambda: A.chunked_attention(np.ones((3, 2)), np.ones((3, 2)), np.ones((3, 2)), chunk_size=2.5), TypeError, "chunk_size"),
    (lambda: A.chunked_attention(np.ones((3, 2)), np.ones((3, 2)), np.ones((3, 2)), mask=np.zeros((3, 3), bool)),
     ValueError, "mask"),
    (lambda: A.causal_mask(0), ValueError, "T"),
])
def test_bad_input_is_refused_in_both_languages(call, kind, words):
    with pytest.raises(kind) as info:
        call()
    text = str(info.value)
    assert words in text and BENGALI.search(text.splitlines()[0]) and len(text.splitlines()) == 2
