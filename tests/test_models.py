"""Unit tests of helpers.models: gradients, masking, the attention API, the optimiser."""

import numpy as np
import pytest

import helpers.attention as A
import helpers.models as models
from helpers.models import Adam, Seq2Seq, clip_gradients

B, T, L, V_IN, V_OUT = 3, 5, 4, 7, 6

MODELS = [
    ("vanilla", {}),
    ("vanilla", {"bidirectional": False}),
    ("bahdanau", {}),
    ("luong", {"score": "general"}),
    ("luong", {"score": "dot"}),
    ("luong", {"score": "general", "input_feeding": False, "bidirectional": False}),
]
IDS = [f"{d}-" + "-".join(f"{k}={v}" for k, v in kw.items()) for d, kw in MODELS]


def tiny_batch(seed=1):
    """A batch with padding in both the inputs and the targets."""
    rng = np.random.default_rng(seed)
    X = rng.integers(3, V_IN, (B, T))
    x_mask = np.ones((B, T), bool)
    x_mask[1, 3:] = False
    x_mask[2, 4:] = False
    X[~x_mask] = 0
    Y = rng.integers(3, V_OUT, (B, L))
    y_mask = np.ones((B, L), bool)
    y_mask[0, 3:] = False
    Y[~y_mask] = 0
    return X, x_mask, Y, y_mask


@pytest.mark.parametrize("decoder,kw", MODELS, ids=IDS)
def test_gradients_match_central_differences(decoder, kw):
    """Every entry of every parameter (encoder and decoder), float64, central differences."""
    model = Seq2Seq(V_IN, V_OUT, decoder=decoder, hidden=6, embed=3, seed=2, dtype=np.float64, **kw)
    batch = tiny_batch()
    _, grads = model.loss_and_grads(*batch)
    assert set(grads) == set(model.params)
    h = 1e-6
    for name, p in model.params.items():
        num = np.zeros_like(p)
        for i in np.ndindex(p.shape):
            old = p[i]
            p[i] = old + h
            up = model.loss(*batch)
            p[i] = old - h
            down = model.loss(*batch)
            p[i] = old
            num[i] = (up - down) / (2 * h)
        scale = max(np.abs(num).max(), np.abs(grads[name]).max(), 1e-8)
        rel = np.abs(num - grads[name]).max() / scale
        assert rel < 1e-5, f"{decoder} {kw}: gradient of {name} is off (relative error {rel:.2e})"


def test_every_decoder_has_gradients_for_encoder_and_decoder():
    model = Seq2Seq(V_IN, V_OUT, decoder="bahdanau", hidden=6, embed=3, dtype=np.float64)
    names = set(model.params)
    assert {"enc.emb", "enc.fwd.Wx", "enc.bwd.Un", "dec.W1", "dec.W2", "dec.v", "dec.Wo"} <= names


@pytest.mark.parametrize("decoder,fns", [
    ("bahdanau", {"_additive", "_softmax", "_context"}),
    ("luong", {"_general", "_softmax", "_context", "_output"}),
])
def test_forward_uses_helpers_attention(monkeypatch, decoder, fns):
    """The forward pass runs the course's own attention math (helpers.attention's
    implementation, without the checks), with the padding mask."""
    calls = []
    for fn in fns:
        real = getattr(models, fn)
        assert real is getattr(A, fn)                           # not a copy of the math

        def spy(*args, _real=real, _fn=fn):
            calls.append((_fn, args[1] if _fn == "_softmax" and len(args) > 1 else None))
            return _real(*args)
        monkeypatch.setattr(models, fn, spy)
    model = Seq2Seq(V_IN, V_OUT, decoder=decoder, hidden=6, embed=3)
    X, x_mask, Y, y_mask = tiny_batch()
    model.loss_and_grads(X, x_mask, Y, y_mask)
    assert {c[0] for c in calls} == fns
    masks = [m for fn, m in calls if fn == "_softmax" and m is not None]
    assert masks and all(np.array_equal(m, x_mask) for m in masks)


@pytest.mark.parametrize("decoder", ["bahdanau", "luong"])
def test_padding_gets_zero_attention_and_changes_nothing(decoder):
    model = Seq2Seq(V_IN, V_OUT, decoder=decoder, hidden=8, embed=4, seed=3, dtype=np.float64)
    X, x_mask, _, _ = tiny_batch()
    ids, A = model.greedy(X, x_mask, max_len=L)
    assert np.all(A[~np.broadcast_to(x_mask[:, None, :], A.shape)] == 0)
    np.testing.assert_allclose(A.sum(axis=2), 1.0)
    # the padded sequence alone, without its padding: the same output and weights
    n = int(x_mask[1].sum())
    ids1, A1 = model.greedy(X[1:2, :n], x_mask[1:2, :n], max_len=L)
    k = ids1.shape[1]
    np.testing.assert_array_equal(ids1[0], ids[1, :k])
    np.testing.assert_allclose(A1[0], A[1, :k, :n], atol=1e-12)


def test_vanilla_has_no_attention_matrix():
    model = Seq2Seq(V_IN, V_OUT, decoder="vanilla", hidden=8, embed=4)
    X, x_mask, _, _ = tiny_batch()
    ids, A = model.greedy(X, x_mask, max_len=L)
    assert A is None and ids.shape[0] == B


def test_float32_stays_float32():
    model = Seq2Seq(V_IN, V_OUT, decoder="luong", hidden=8, embed=4)
    _, grads = model.loss_and_grads(*tiny_batch())
    assert all(p.dtype == np.float32 for p in model.params.values())
    assert all(g.dtype == np.float32 for g in grads.values())


def test_same_seed_same_weights_different_seed_different():
    a = Seq2Seq(V_IN, V_OUT, seed=5)
    b = Seq2Seq(V_IN, V_OUT, seed=5)
    c = Seq2Seq(V_IN, V_OUT, seed=6)
    assert all(np.array_equal(a.params[k], b.params[k]) for k in a.params)
    assert not all(np.array_equal(a.params[k], c.params[k]) for k in a.params)


def test_unknown_decoder_is_a_bilingual_error():
    with pytest.raises(ValueError, match="decoder") as err:
        Seq2Seq(V_IN, V_OUT, decoder="transformer")
    assert "অজানা" in str(err.value) and "unknown" in str(err.value)


def test_clip_gradients_caps_the_total_norm():
    grads = {"a": np.array([3.0, 0.0]), "b": np.array([[4.0]])}
    assert clip_gradients(grads, max_norm=1.0) == pytest.approx(5.0)
    total = np.sqrt(sum((g ** 2).sum() for g in grads.values()))
    assert total == pytest.approx(1.0, rel=1e-5)
    small = {"a": np.array([0.1])}
    clip_gradients(small, max_norm=1.0)
    assert small["a"][0] == 0.1


def test_adam_minimises_a_quadratic():
    params = {"w": np.array([5.0, -3.0])}
    opt = Adam(params, lr=0.1)
    for _ in range(500):
        opt.step({"w": 2 * params["w"]})
    assert np.abs(params["w"]).max() < 1e-2


def test_training_steps_lower_the_loss():
    model = Seq2Seq(V_IN, V_OUT, decoder="luong", hidden=16, embed=8, seed=0)
    batch = tiny_batch()
    opt = Adam(model.params, lr=0.01)
    first = model.loss(*batch)
    for _ in range(30):
        _, grads = model.loss_and_grads(*batch)
        clip_gradients(grads, 5.0)
        opt.step(grads)
    assert model.loss(*batch) < 0.5 * first
