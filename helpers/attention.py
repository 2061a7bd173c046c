"""The attention mechanism, step by step, in plain numpy.

Steps 1-6 of the source notes, and their successor (scaled dot-product attention):

    rnn_step / rnn_states                                          Steps 1-2: h_i and s_t
    score_dot / score_general / score_additive / score_scaled_dot   Step 3: e_{t,i}
    softmax                                                        Step 4: alpha_{t,i}
    context                                                        Step 5: c_t
    attend                                                         Steps 3-5 together
    output_step                                                    Step 6: s~_t, y_t
    scaled_dot_product_attention                                   softmax(QK^T/sqrt(d)) V
    causal_mask, split_heads / merge_heads, multi_head_attention,
    chunked_attention                                              the Transformer's forms

Shapes: a query ``s`` is ``(..., d_s)``; encoder states ``H`` are ``(..., T, d_h)``;
leading dimensions broadcast. For the notes' scalar example (d = 1) ``s`` may be a number
and ``H`` a 1-D array of T numbers; ``context`` then returns a number too.

Bad input raises ``ValueError`` (``TypeError`` for non-numbers) with a message in Bengali
and English that names the argument, the shape it got and the shape it expected.
This module imports numpy only: no plotting, no widgets.
"""

from __future__ import annotations

import numpy as np

from .validate import array as _array, choice, fail as _fail, finite_result, integer

__all__ = [
    "rnn_step",
    "rnn_states",
    "score_dot",
    "score_general",
    "score_additive",
    "score_scaled_dot",
    "softmax",
    "softmax_jacobian",
    "context",
    "attend",
    "output_step",
    "scaled_dot_product_attention",
    "causal_mask",
    "split_heads",
    "merge_heads",
    "chunked_attention",
    "multi_head_attention",
    "layer_norm",
    "transformer_block",
    "SCORE_FUNCTIONS",
]

# --------------------------------------------------------------------------- checks


def _dtype(*xs):
    """float32 in gives float32 out: the widest float among real arrays, else float64.

    Python numbers and integer arrays do not widen the result, so ``softmax(e32)`` and
    ``score_dot(4, H32)`` both stay float32.
    """
    floats = []
    for x in xs:
        if x is None or isinstance(x, (int, float, list, tuple, str, bytes)):
            continue                                    # Python numbers and lists do not widen
        try:
            kind = np.asarray(x).dtype                  # numpy arrays, tensors, anything with __array__
        except Exception:
            continue                                    # _array will refuse it with a clear message
        if kind.kind == "f":
            floats.append(kind)
    dt = np.result_type(*floats) if floats else np.dtype(np.float64)
    return np.dtype(np.float64) if dt.itemsize < 4 else dt


def _query_keys(s, H, fn, same_dim=True):
    """Bring ``s`` to (..., d_s) and ``H`` to (..., T, d_h); return (s, H, scalar_case)."""
    dt = _dtype(s, H)
    s_a, H_a = _array(s, "s", fn), _array(H, "H", fn)
    scalar = H_a.ndim == 1
    if scalar:
        H_a = H_a[:, None]
    if H_a.ndim < 2 or H_a.shape[-2] == 0 or H_a.shape[-1] == 0:
        raise _fail(fn, f"`H` (encoder-এর hidden state) খালি বা ভুল আকারের: shape {np.shape(H)}; "
                        "চাই (..., T, d), যেখানে T ≥ 1 ও d ≥ 1।",
                    f"`H` (the encoder hidden states) is empty or misshapen: shape {np.shape(H)}; "
                    "expected (..., T, d) with T >= 1 and d >= 1.")
    if s_a.ndim == 0:
        s_a = s_a[None]
    if s_a.shape[-1] == 0:
        raise _fail(fn, f"`s` (decoder state) খালি: shape {np.shape(s)}; চাই (..., d_s), d_s ≥ 1।",
                    f"`s` (the decoder state) is empty: shape {np.shape(s)}; expected (..., d_s), d_s >= 1.")
    if same_dim and s_a.shape[-1] != H_a.shape[-1]:
        raise _fail(fn, f"`s`-এর শেষ মাত্রা {s_a.shape[-1]} কিন্তু `H`-এর {H_a.shape[-1]} "
                        f"(shape s {np.shape(s)}, H {np.shape(H)}); dot product-এর জন্য দুটো সমান হতে হবে।",
                    f"`s` has last dimension {s_a.shape[-1]} but `H` has {H_a.shape[-1]} "
                    f"(shapes s {np.shape(s)}, H {np.shape(H)}); a dot product needs them equal.")
    _batch(fn, s_a.shape[:-1], H_a.shape[:-2], "s", "H")
    return s_a.astype(dt, copy=False), H_a.astype(dt, copy=False), scalar


def _batch(fn, a, b, name_a, name_b):
    """The leading (batch) dimensions of two arguments must broadcast."""
    try:
        return np.broadcast_shapes(a, b)
    except ValueError:
        raise _fail(fn, f"`{name_a}` ও `{name_b}`-এর সামনের (batch) মাত্রা {a} ও {b} মেলে না (broadcast হয় না)।",
                    f"the leading (batch) dimensions of `{name_a}` {a} and `{name_b}` {b} do not broadcast.") from None


def _param(x, name, fn, shape, dt):
    """A weight matrix or vector whose shape must be exactly ``shape``."""
    a = _array(x, name, fn)
    if a.shape != shape:
        want = "(" + ", ".join(str(n) for n in shape) + ("," if len(shape) == 1 else "") + ")"
        raise _fail(fn, f"`{name}`-এর shape {want} হওয়ার কথা, কিন্তু পাওয়া গেছে {a.shape}।",
                    f"`{name}` should have shape {want}, got {a.shape}.")
    return a.astype(dt, copy=False)


def _mask(mask, fn):
    """A True/False mask as a bool array, or a clear refusal (ragged lists, numbers, tensors)."""
    try:
        m = np.asarray(mask)
    except Exception:
        raise _fail(fn, "`mask`-কে True/False-এর নিয়মিত (আয়তাকার) array বানানো গেল না।",
                    "`mask` could not be made into a regular (rectangular) array of True/False.",
                    TypeError) from None
    if m.dtype != bool:
        raise _fail(fn, f"`mask` True/False (bool) হতে হবে, পাওয়া গেছে dtype {m.dtype}।",
                    f"`mask` must be True/False (bool), got dtype {m.dtype}.", TypeError)
    return m


# --------------------------------------------------------------------------- the math, unchecked
# One implementation of each step.  The public functions below check their arguments and
# then call these.  helpers.models calls them directly: inside a training loop they run
# thousands of times per batch on arrays the model made itself, and the checks cost a
# quarter of the training time (33.5 against 25.1 ms a step, measured in one run).


def _dot(s, H):
    return np.matmul(H, s[..., :, None])[..., 0]


def _general(s, H, W):
    q = np.matmul(s[..., None, :], W)[..., 0, :]          # s^T W, shape (..., d_h)
    return np.matmul(H, q[..., :, None])[..., 0]


def _additive(s, H, W1, W2, v):
    a = np.matmul(s[..., None, :], W1.T)                   # (..., 1, k)
    b = np.matmul(H, W2.T)                                 # (..., T, k)
    return np.matmul(np.tanh(a + b), v)                    # (..., T)


def _softmax(e, keep=None, axis=-1):
    """``keep`` None (every position) or a bool array broadcastable to ``e``."""
    if keep is None:
        w = np.exp(e - e.max(axis=axis, keepdims=True))
    else:
        shifted = np.where(keep, e, -np.inf)
        w = np.where(keep, np.exp(shifted - shifted.max(axis=axis, keepdims=True)), 0.0).astype(e.dtype, copy=False)
    return w / w.sum(axis=axis, keepdims=True)


def _context(alpha, H):
    return np.matmul(alpha[..., None, :], H)[..., 0, :]


def _output(s, c, W_c, W_o):
    s_tilde = np.tanh(np.concatenate([s, c], axis=-1) @ W_c.T)
    return s_tilde, _softmax(s_tilde @ W_o.T)


# --------------------------------------------------------------------------- Steps 1-2


def _rnn_args(h_prev, W_x, W_h, b, fn, h_name):
    """The state and weights of a plain RNN as arrays of one float dtype, with matching shapes."""
    dt = _dtype(h_prev, W_x, W_h, b)
    h = _array(h_prev, h_name, fn, ndim=1, nonempty=True)
    d = h.shape[0]
    W_h = _param(W_h, "W_h", fn, (d, d), dt)
    W_x = _array(W_x, "W_x", fn, ndim=2)
    if W_x.shape[0] != d or W_x.shape[1] == 0:
        raise _fail(fn, f"`W_x`-এর shape ({d}, K) হওয়ার কথা (d = {d}, `{h_name}`-এর দৈর্ঘ্য), কিন্তু পাওয়া গেছে {W_x.shape}।",
                    f"`W_x` should have shape ({d}, K) (d = {d}, the length of `{h_name}`), got {W_x.shape}.")
    b = np.zeros(d, dt) if b is None else _param(b, "b", fn, (d,), dt)
    return h.astype(dt, copy=False), W_x.astype(dt, copy=False), W_h, b


def rnn_step(x, h_prev, W_x, W_h, b=None):
    """One step of a plain RNN: h = tanh(W_x x + W_h h_prev + b).

    Step 1 (the encoder, lesson 2) reads a word x_i and its memory h_{i-1}; step 2 (the
    decoder, lesson 3) reads the previous word y_{t-1} and s_{t-1} the same way.
    x is (K,), h_prev (d,), W_x (d, K), W_h (d, d), b (d,) or None (no shift).  Returns (d,).
    """
    fn = "rnn_step"
    h, W_x, W_h, b = _rnn_args(h_prev, W_x, W_h, b, fn, "h_prev")
    x = _array(x, "x", fn, ndim=1)
    if x.shape[0] != W_x.shape[1]:
        raise _fail(fn, f"`x`-এ {x.shape[0]}টি সংখ্যা, কিন্তু `W_x` {W_x.shape} চায় {W_x.shape[1]}টি।",
                    f"`x` has {x.shape[0]} numbers but `W_x` {W_x.shape} expects {W_x.shape[1]}.")
    with np.errstate(over="ignore", invalid="ignore"):
        return np.tanh(finite_result(W_x @ x + W_h @ h + b, fn, "x", "W_x"))


def rnn_states(X, h0, W_x, W_h, b=None):
    """Run ``rnn_step`` along the rows of X (T, K) from the state h0; returns every state, (T, d).

    The encoder: h0 = 0, and the rows are the words x_1..x_T, giving H = h_1..h_T.  The
    decoder (teacher forcing): h0 = s_0 = h_T, and the rows are y_0 = <s>, y_1, ..., giving
    the queries s_1, s_2, ...
    """
    fn = "rnn_states"
    h, W_x, W_h, b = _rnn_args(h0, W_x, W_h, b, fn, "h0")
    X = _array(X, "X", fn, ndim=2, nonempty=True)
    if X.shape[1] != W_x.shape[1]:
        raise _fail(fn, f"`X`-এর প্রতিটি সারিতে {X.shape[1]}টি সংখ্যা, কিন্তু `W_x` {W_x.shape} চায় {W_x.shape[1]}টি।",
                    f"each row of `X` has {X.shape[1]} numbers but `W_x` {W_x.shape} expects {W_x.shape[1]}.")
    out = []
    with np.errstate(over="ignore", invalid="ignore"):
        for x in X:
            h = np.tanh(W_x @ x + W_h @ h + b)
            out.append(h)
    return finite_result(np.array(out), fn, "X", "W_x")


# --------------------------------------------------------------------------- Step 3


def score_dot(s, H):
    """Dot-product score: e_i = s . h_i.  Returns e with shape (..., T)."""
    s, H, _ = _query_keys(s, H, "score_dot")
    with np.errstate(over="ignore", invalid="ignore"):
        return finite_result(_dot(s, H), "score_dot", "s", "H")


def score_scaled_dot(s, H):
    """Scaled dot-product score: e_i = s . h_i / sqrt(d)."""
    s, H, _ = _query_keys(s, H, "score_scaled_dot")
    with np.errstate(over="ignore", invalid="ignore"):
        e = _dot(s, H) / np.sqrt(H.dtype.type(H.shape[-1]))
    return finite_result(e, "score_scaled_dot", "s", "H")


def score_general(s, H, W):
    """General (multiplicative, Luong) score: e_i = s^T W h_i, with W of shape (d_s, d_h)."""
    s, H, _ = _query_keys(s, H, "score_general", same_dim=False)
    W = _param(W, "W", "score_general", (s.shape[-1], H.shape[-1]), s.dtype)
    with np.errstate(over="ignore", invalid="ignore"):
        return finite_result(_general(s, H, W), "score_general", "s", "W", "H")


def score_additive(s, H, W1, W2, v):
    """Additive (Bahdanau) score: e_i = v^T tanh(W1 s + W2 h_i).

    W1 is (k, d_s), W2 is (k, d_h), v is (k,), for any hidden size k.
    """
    fn = "score_additive"
    s, H, _ = _query_keys(s, H, fn, same_dim=False)
    W1 = _array(W1, "W1", fn)
    k = W1.shape[0] if W1.ndim == 2 else -1
    if k < 1:
        raise _fail(fn, f"`W1`-এর shape (k, {s.shape[-1]}) হওয়ার কথা, কিন্তু পাওয়া গেছে {W1.shape}।",
                    f"`W1` should have shape (k, {s.shape[-1]}), got {W1.shape}.")
    W1 = _param(W1, "W1", fn, (k, s.shape[-1]), s.dtype)
    W2 = _param(W2, "W2", fn, (k, H.shape[-1]), s.dtype)
    v = _param(v, "v", fn, (k,), s.dtype)
    with np.errstate(over="ignore", invalid="ignore"):
        return finite_result(_additive(s, H, W1, W2, v), fn, "s", "H", "W1", "W2", "v")


SCORE_FUNCTIONS = {
    "dot": (score_dot, ()),
    "general": (score_general, ("W",)),
    "additive": (score_additive, ("W1", "W2", "v")),
    "scaled_dot": (score_scaled_dot, ()),
}
"""Score name -> (function, names of the parameters it needs)."""


# --------------------------------------------------------------------------- Step 4


def softmax(e, mask=None, axis=-1):
    """Numerically stable softmax along ``axis``: alpha_i = exp(e_i) / sum_j exp(e_j).

    ``mask`` (broadcastable to ``e``): True keeps a position, False removes it; removed
    positions get exactly 0. A row in which every position is removed is an error.
    """
    fn = "softmax"
    dt = _dtype(e)
    e = _array(e, "e", fn).astype(dt, copy=False)
    if e.ndim == 0:
        raise _fail(fn, "`e` একটি মাত্র সংখ্যা; softmax-এর জন্য অন্তত একটি score-এর সারি (shape (..., T)) চাই।",
                    "`e` is a single number; softmax needs a row of scores, shape (..., T).")
    if not isinstance(axis, (int, np.integer)) or not -e.ndim <= axis < e.ndim:
        raise _fail(fn, f"axis={axis} নেই; `e`-এর মাত্রা মাত্র {e.ndim}টি (shape {e.shape})।",
                    f"axis={axis} does not exist; `e` has only {e.ndim} dimensions (shape {e.shape}).")
    if e.shape[axis] == 0:
        raise _fail(fn, f"`e` খালি (shape {e.shape}): অন্তত একটি অবস্থান চাই।",
                    f"`e` is empty (shape {e.shape}): at least one position is needed.")
    if mask is None:
        keep = None
    else:
        m = _mask(mask, fn)
        try:
            keep = np.broadcast_to(m, e.shape)
        except ValueError:
            raise _fail(fn, f"`mask`-এর shape {m.shape} `e`-এর shape {e.shape}-এর সাথে মেলে না (broadcast হয় না)।",
                        f"`mask` shape {m.shape} does not broadcast to the scores' shape {e.shape}.") from None
        empty = ~keep.any(axis=axis)
        if empty.any():
            where = tuple(int(i) for i in np.argwhere(empty)[0]) if empty.ndim else ()
            name = str(where[0]) if len(where) == 1 else str(where)       # row 1, or row (0, 2)
            row_bn, row_en = (f"সারি {name}", f"row {name}") if where else ("একমাত্র সারি", "the only row")
            raise _fail(fn, f"`mask` একটি সারির সব অবস্থান বাদ দিয়েছে ({row_bn}); "
                            "অন্তত একটি অবস্থান রাখতে হবে, নইলে weight-এর যোগফল 1 হতে পারে না।",
                        f"`mask` removes every position of a row ({row_en}); keep at least one, "
                        "or the weights cannot sum to 1.")
    with np.errstate(over="ignore"):            # e - max may pass -1e308: exp gives 0, as it should
        return _softmax(e, keep, axis)


def softmax_jacobian(alpha):
    """How the weights move when the scores move: J[i, j] = d alpha_i / d e_j = alpha_i (delta_ij - alpha_j).

    ``alpha`` is one row of softmax weights, shape (T,); returns (T, T).  Large where the
    weights are spread out, nearly 0 where softmax is nearly one-hot.
    """
    a = _array(alpha, "alpha", "softmax_jacobian")
    if a.ndim != 1 or a.size == 0:
        raise _fail("softmax_jacobian", f"`alpha` একটি weight-এর সারি হতে হবে, shape (T,); পাওয়া গেছে {a.shape}।",
                    f"`alpha` must be one row of weights, shape (T,); got {a.shape}.")
    return np.diag(a) - np.outer(a, a)


# --------------------------------------------------------------------------- Step 5


def context(alpha, H):
    """Context vector c = sum_i alpha_i h_i.  Returns (..., d_h); a number in the scalar case.

    ``alpha`` must be attention weights: non-negative, each row summing to 1.
    """
    fn = "context"
    dt = _dtype(alpha, H)
    a = _array(alpha, "alpha", fn)
    Ha = _array(H, "H", fn)
    scalar = Ha.ndim == 1
    if scalar:
        Ha = Ha[:, None]
    if Ha.ndim < 2 or Ha.shape[-2] == 0 or Ha.shape[-1] == 0:
        raise _fail(fn, f"`H` খালি বা ভুল আকারের: shape {np.shape(H)}; চাই (..., T, d), T ≥ 1।",
                    f"`H` is empty or misshapen: shape {np.shape(H)}; expected (..., T, d) with T >= 1.")
    if a.ndim == 0 or a.shape[-1] != Ha.shape[-2]:
        raise _fail(fn, f"`alpha`-এর shape {a.shape}, কিন্তু `H`-এ T = {Ha.shape[-2]}টি অবস্থান; "
                        f"প্রতিটি h_i-এর জন্য একটি করে weight চাই: shape (..., {Ha.shape[-2]})।",
                    f"`alpha` has shape {a.shape} but `H` has T = {Ha.shape[-2]} positions; "
                    f"one weight per h_i is needed: shape (..., {Ha.shape[-2]}).")
    _batch(fn, a.shape[:-1], Ha.shape[:-2], "alpha", "H")
    if (a < 0).any():
        raise _fail(fn, f"`alpha`-তে ঋণাত্মক মান আছে (সবচেয়ে ছোট {a.min():.3g}); attention weight কখনও ঋণাত্মক হয় না।",
                    f"`alpha` has a negative value (smallest {a.min():.3g}); attention weights are never negative.")
    sums = a.sum(axis=-1)
    if not np.allclose(sums, 1.0, atol=1e-4):
        worst = float(np.ravel(sums)[np.argmax(np.abs(np.ravel(sums) - 1))])
        raise _fail(fn, f"`alpha`-এর প্রতিটি সারির যোগফল 1 হওয়ার কথা, কিন্তু একটির যোগফল {worst:.6g}। "
                        "softmax দিতে ভুলে গেছ?",
                    f"each row of `alpha` should sum to 1, but one sums to {worst:.6g}. "
                    "Did you forget the softmax?")
    with np.errstate(over="ignore", invalid="ignore"):
        c = _context(a.astype(dt, copy=False), Ha.astype(dt, copy=False))
    finite_result(c, fn, "H")
    return c[..., 0] if scalar else c


# --------------------------------------------------------------------------- Steps 3-5


def attend(s, H, score="dot", mask=None, **params):
    """One decoder step of attention: scores, weights, context.  Returns ``(c, alpha, e)``.

    ``score`` is one of "dot", "general" (needs ``W``), "additive" (needs ``W1``, ``W2``,
    ``v``) or "scaled_dot"; ``mask`` (..., T) keeps the positions marked True.
    """
    fn = "attend"
    choice(score, "score", fn, SCORE_FUNCTIONS)
    func, needed = SCORE_FUNCTIONS[score]
    missing = [p for p in needed if p not in params]
    if missing:
        raise _fail(fn, f"score={score!r}-এর জন্য parameter {', '.join(missing)} দিতে হবে "
                        f"(চাই: {', '.join(needed)})।",
                    f"score={score!r} needs the parameter(s) {', '.join(missing)} "
                    f"(it takes: {', '.join(needed)}).")
    extra = [p for p in params if p not in needed]
    if extra:
        takes_bn = ", ".join(needed) if needed else "কোনো parameter নেয় না"
        takes_en = ", ".join(needed) if needed else "it takes none"
        raise _fail(fn, f"score={score!r} এই parameter নেয় না: {', '.join(extra)} ({takes_bn})।",
                    f"score={score!r} does not take: {', '.join(extra)} ({takes_en}).")
    e = func(s, H, **params)
    alpha = softmax(e, mask=mask)
    return context(alpha, H), alpha, e


# --------------------------------------------------------------------------- Step 6


def output_step(s, c, W_c, W_o):
    """Step 6 (Luong et al. 2015): s~ = tanh(W_c [s; c]),  y = softmax(W_o s~).

    ``[s; c]`` puts s first, then c.  W_c is (d_out, d_s + d_h), W_o is (V, d_out).
    Returns ``(s_tilde, y)``; y is a probability distribution over the V output words.
    """
    fn = "output_step"
    dt = _dtype(s, c)
    s_a, c_a = _array(s, "s", fn), _array(c, "c", fn)
    s_a = s_a[None] if s_a.ndim == 0 else s_a
    c_a = c_a[None] if c_a.ndim == 0 else c_a
    for x, n in ((s_a, "s"), (c_a, "c")):
        if x.shape[-1] == 0:
            raise _fail(fn, f"`{n}` খালি (shape {x.shape}); অন্তত একটি সংখ্যা চাই।",
                        f"`{n}` is empty (shape {x.shape}); at least one number is needed.")
    lead = _batch(fn, s_a.shape[:-1], c_a.shape[:-1], "s", "c")
    s_a = np.broadcast_to(s_a, lead + s_a.shape[-1:])
    c_a = np.broadcast_to(c_a, lead + c_a.shape[-1:])
    sc = np.concatenate([s_a, c_a], axis=-1).astype(dt, copy=False)
    W_c = _array(W_c, "W_c", fn)
    if W_c.ndim != 2 or W_c.shape[1] != sc.shape[-1] or W_c.shape[0] == 0:
        raise _fail(fn, f"`W_c`-এর shape (d_out, {sc.shape[-1]}) হওয়ার কথা ([s; c]-এর দৈর্ঘ্য "
                        f"{s_a.shape[-1]} + {c_a.shape[-1]}), কিন্তু পাওয়া গেছে {W_c.shape}।",
                    f"`W_c` should have shape (d_out, {sc.shape[-1]}) (the length of [s; c] is "
                    f"{s_a.shape[-1]} + {c_a.shape[-1]}), got {W_c.shape}.")
    W_o = _array(W_o, "W_o", fn)
    if W_o.ndim != 2 or W_o.shape[1] != W_c.shape[0] or W_o.shape[0] == 0:
        raise _fail(fn, f"`W_o`-এর shape (V, {W_c.shape[0]}) হওয়ার কথা, কিন্তু পাওয়া গেছে {W_o.shape}।",
                    f"`W_o` should have shape (V, {W_c.shape[0]}), got {W_o.shape}.")
    with np.errstate(over="ignore", invalid="ignore"):
        z = finite_result(sc @ W_c.astype(dt, copy=False).T, fn, "s", "c", "W_c")
        s_tilde = np.tanh(z)
        logits = finite_result(s_tilde @ W_o.astype(dt, copy=False).T, fn, "W_o")
        return s_tilde, _softmax(logits)


# --------------------------------------------------------------------------- the successor


def _qkv(Q, K, V, fn):
    """Q (..., Tq, d), K (..., Tk, d), V (..., Tk, d_v) as arrays of one float dtype, or a refusal."""
    dt = _dtype(Q, K, V)
    Q, K, V = (_array(x, n, fn) for x, n in ((Q, "Q"), (K, "K"), (V, "V")))
    for x, n, want in ((Q, "Q", "(..., Tq, d)"), (K, "K", "(..., Tk, d)"), (V, "V", "(..., Tk, d_v)")):
        if x.ndim < 2 or 0 in x.shape[-2:]:
            raise _fail(fn, f"`{n}`-এর shape {want} হওয়ার কথা (খালি নয়), কিন্তু পাওয়া গেছে {x.shape}।",
                        f"`{n}` should have shape {want} (not empty), got {x.shape}.")
    if Q.shape[-1] != K.shape[-1]:
        raise _fail(fn, f"`Q`-এর শেষ মাত্রা {Q.shape[-1]} আর `K`-এর {K.shape[-1]} সমান হতে হবে "
                        f"(shape Q {Q.shape}, K {K.shape})।",
                    f"`Q` has last dimension {Q.shape[-1]} but `K` has {K.shape[-1]}; they must match "
                    f"(shapes Q {Q.shape}, K {K.shape}).")
    if K.shape[-2] != V.shape[-2]:
        raise _fail(fn, f"`K`-তে {K.shape[-2]}টি অবস্থান কিন্তু `V`-তে {V.shape[-2]}টি; সংখ্যা সমান হতে হবে "
                        f"(shape K {K.shape}, V {V.shape})।",
                    f"`K` has {K.shape[-2]} positions but `V` has {V.shape[-2]}; they must match "
                    f"(shapes K {K.shape}, V {V.shape}).")
    _batch(fn, Q.shape[:-2], K.shape[:-2], "Q", "K")
    _batch(fn, K.shape[:-2], V.shape[:-2], "K", "V")
    return tuple(x.astype(dt, copy=False) for x in (Q, K, V))


def _pair_mask(mask, Q, K, fn):
    """``mask`` as a bool array that broadcasts to (..., Tq, Tk), with no row removing every key."""
    if mask is None:
        return None
    m = _mask(mask, fn)
    shape = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2]) + (Q.shape[-2], K.shape[-2])
    try:
        ok = np.broadcast_shapes(m.shape, shape) == shape
    except ValueError:
        ok = False
    if not ok:
        raise _fail(fn, f"`mask`-এর shape {m.shape} (..., Tq, Tk) = {shape}-এ broadcast হয় না।",
                    f"`mask` shape {m.shape} does not broadcast to (..., Tq, Tk) = {shape}.")
    if m.shape[-1] == K.shape[-2] and not m.any(axis=-1).all():
        raise _fail(fn, "`mask` একটি query-র সব key বাদ দিয়েছে; প্রতিটি সারিতে অন্তত একটি True রাখো।",
                    "`mask` removes every key of some query; keep at least one True in each row.")
    return m


def scaled_dot_product_attention(Q, K, V, mask=None):
    """softmax(Q K^T / sqrt(d)) V, as in the Transformer.  Returns ``(out, weights)``.

    Q is (..., Tq, d), K is (..., Tk, d), V is (..., Tk, d_v); ``mask`` broadcasts to
    (..., Tq, Tk) and keeps the pairs marked True.
    """
    fn = "scaled_dot_product_attention"
    Q, K, V = _qkv(Q, K, V, fn)
    m = _pair_mask(mask, Q, K, fn)
    with np.errstate(over="ignore", invalid="ignore"):
        w = np.matmul(Q * (1 / np.sqrt(Q.dtype.type(Q.shape[-1]))), np.swapaxes(K, -1, -2))
        # softmax in place: the T x T table is the one big array this function makes, and it is
        # read only a few times (max, exp, sum, scale).  A score of +inf or NaN shows in its row's
        # max; one that overflowed to -inf would only get weight 0.
        top = w.max(axis=-1, keepdims=True)
        if not np.all(np.isfinite(top)):
            finite_result(w, fn, "Q", "K")
        if m is not None:
            np.copyto(w, -np.inf, where=~m)
            top = w.max(axis=-1, keepdims=True)
        w -= top
        np.exp(w, out=w)
        w *= 1 / w.sum(axis=-1, keepdims=True)
        out = np.matmul(w, V)
    return finite_result(out, fn, "V"), w


def causal_mask(T):
    """The mask of a decoder's self-attention: (T, T) bools, True where position i may look at j <= i."""
    T = integer(T, "T", "causal_mask", minimum=1)
    return np.tri(T, dtype=bool)


def chunked_attention(Q, K, V, mask=None, chunk_size=256):
    """The same output as ``scaled_dot_product_attention``, with memory that grows linearly in T.

    The keys are read ``chunk_size`` at a time.  A running maximum ``m`` and running sum
    ``l`` of each row's exponentials rescale what was summed so far whenever a larger
    score turns up ("online softmax": Milakov & Gimelshein 2018; Rabe & Staats 2021;
    FlashAttention, Dao et al. 2022, is the GPU form of the idea).  The T x T weights are
    never stored, so only ``out`` is returned.
    """
    fn = "chunked_attention"
    Q, K, V = _qkv(Q, K, V, fn)
    chunk_size = integer(chunk_size, "chunk_size", fn, minimum=1)
    m_all = _pair_mask(mask, Q, K, fn)
    dt = Q.dtype
    lead = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2], V.shape[:-2])
    Qs = Q * (1 / np.sqrt(dt.type(Q.shape[-1])))
    Tq, Tk = Q.shape[-2], K.shape[-2]
    run_max = np.full(lead + (Tq, 1), -np.inf, dtype=dt)
    run_sum = np.zeros(lead + (Tq, 1), dtype=dt)
    acc = np.zeros(lead + (Tq, V.shape[-1]), dtype=dt)
    with np.errstate(over="ignore", invalid="ignore"):
        for start in range(0, Tk, chunk_size):
            stop = min(start + chunk_size, Tk)
            s = np.matmul(Qs, np.swapaxes(K[..., start:stop, :], -1, -2))      # (..., Tq, chunk)
            if not (np.isfinite(s.max()) and np.isfinite(s.min())):
                finite_result(s, fn, "Q", "K")
            if m_all is not None:
                keep = m_all[..., start:stop] if m_all.shape[-1] == Tk else m_all
                s = np.where(keep, s, dt.type(-np.inf))
            new_max = np.maximum(run_max, s.max(axis=-1, keepdims=True))
            safe = np.where(np.isfinite(new_max), new_max, 0)                  # rows with nothing kept yet
            scale = np.exp(run_max - safe)                                     # shrink what was summed before
            s -= safe                                                          # in place: one chunk-sized
            p = np.exp(s, out=s)                                               # array at a time
            run_sum = run_sum * scale + p.sum(axis=-1, keepdims=True)
            acc = acc * scale + np.matmul(p, V[..., start:stop, :])
            run_max = new_max
    return finite_result(acc / run_sum, fn, "V")


def _split(X, n_heads):
    """(..., T, d) -> (..., n_heads, T, d / n_heads): head k gets the k-th slice of each row."""
    return np.swapaxes(X.reshape(X.shape[:-1] + (n_heads, X.shape[-1] // n_heads)), -2, -3)


def _merge(X):
    """(..., n_heads, T, d_head) -> (..., T, n_heads * d_head): the heads' slices side by side again."""
    X = np.swapaxes(X, -2, -3)
    return X.reshape(X.shape[:-2] + (X.shape[-2] * X.shape[-1],))


def split_heads(X, n_heads):
    """Cut each row of X (..., T, d) into ``n_heads`` slices of d / n_heads numbers, one per head.

    Returns (..., n_heads, T, d / n_heads): head k sees numbers k*d/n_heads .. (k+1)*d/n_heads - 1
    of every row.  ``merge_heads`` puts them back.
    """
    fn = "split_heads"
    X = _array(X, "X", fn)
    if X.ndim < 2 or 0 in X.shape[-2:]:
        raise _fail(fn, f"`X`-এর shape (..., T, d) হওয়ার কথা (খালি নয়), কিন্তু পাওয়া গেছে {X.shape}।",
                    f"`X` should have shape (..., T, d) (not empty), got {X.shape}.")
    n_heads = integer(n_heads, "n_heads", fn, minimum=1)
    if X.shape[-1] % n_heads:
        raise _fail(fn, f"n_heads = {n_heads} দিয়ে d = {X.shape[-1]} ভাগ যায় না; প্রতিটি head-এ সমান সংখ্যা চাই।",
                    f"n_heads = {n_heads} does not divide d = {X.shape[-1]}; every head needs the same share.")
    return _split(X, n_heads)


def merge_heads(X):
    """The inverse of ``split_heads``: (..., n_heads, T, d_head) -> (..., T, n_heads * d_head)."""
    X = _array(X, "X", "merge_heads")
    if X.ndim < 3 or 0 in X.shape[-3:]:
        raise _fail("merge_heads", f"`X`-এর shape (..., n_heads, T, d_head) হওয়ার কথা (খালি নয়), কিন্তু পাওয়া গেছে {X.shape}।",
                    f"`X` should have shape (..., n_heads, T, d_head) (not empty), got {X.shape}.")
    return _merge(X)


def multi_head_attention(X_q, X_kv, W_q, W_k, W_v, W_o, n_heads, mask=None):
    """Multi-head attention: ``n_heads`` scaled dot-product attentions side by side.

    X_q is (..., Tq, d_model), X_kv is (..., Tk, d_model) (the same array for
    self-attention); each W is (d_model, d_model), applied as ``X @ W``.  The projected
    queries, keys and values are cut into ``n_heads`` pieces of d_model / n_heads numbers,
    each head attends on its own, the heads' outputs are joined again and multiplied by
    W_o.  ``mask`` broadcasts to (..., Tq, Tk) and is shared by every head.
    Returns ``(out (..., Tq, d_model), weights (..., n_heads, Tq, Tk))``.
    """
    fn = "multi_head_attention"
    dt = _dtype(X_q, X_kv, W_q, W_k, W_v, W_o)
    X_q, X_kv = _array(X_q, "X_q", fn), _array(X_kv, "X_kv", fn)
    for x, n, want in ((X_q, "X_q", "(..., Tq, d_model)"), (X_kv, "X_kv", "(..., Tk, d_model)")):
        if x.ndim < 2 or 0 in x.shape[-2:]:
            raise _fail(fn, f"`{n}`-এর shape {want} হওয়ার কথা (খালি নয়), কিন্তু পাওয়া গেছে {x.shape}।",
                        f"`{n}` should have shape {want} (not empty), got {x.shape}.")
    d = X_q.shape[-1]
    if X_kv.shape[-1] != d:
        raise _fail(fn, f"`X_q`-এর d_model {d} কিন্তু `X_kv`-এর {X_kv.shape[-1]}; দুটো সমান হতে হবে।",
                    f"`X_q` has d_model {d} but `X_kv` has {X_kv.shape[-1]}; they must match.")
    n_heads = integer(n_heads, "n_heads", fn, minimum=1)
    if d % n_heads:
        raise _fail(fn, f"n_heads = {n_heads} দিয়ে d_model = {d} ভাগ যায় না; প্রতিটি head-এ সমান সংখ্যা চাই "
                        f"(যেমন n_heads = {next(h for h in range(min(n_heads, d), 0, -1) if d % h == 0)})।",
                    f"n_heads = {n_heads} does not divide d_model = {d}; every head needs the same share "
                    f"(e.g. n_heads = {next(h for h in range(min(n_heads, d), 0, -1) if d % h == 0)}).")
    W = [_param(w, n, fn, (d, d), dt) for w, n in ((W_q, "W_q"), (W_k, "W_k"), (W_v, "W_v"), (W_o, "W_o"))]
    X_q, X_kv = X_q.astype(dt, copy=False), X_kv.astype(dt, copy=False)

    with np.errstate(over="ignore", invalid="ignore"):
        Q, K, V = (_split(x, n_heads) for x in (X_q @ W[0], X_kv @ W[1], X_kv @ W[2]))
    for x, names in ((Q, ("X_q", "W_q")), (K, ("X_kv", "W_k")), (V, ("X_kv", "W_v"))):
        finite_result(x, fn, *names)
    m = None if mask is None else np.expand_dims(_pair_mask(mask, X_q, X_kv, fn), -3)   # one mask, every head
    out, weights = scaled_dot_product_attention(Q, K, V, mask=m)
    joined = _merge(out)
    with np.errstate(over="ignore", invalid="ignore"):
        return finite_result(joined @ W[3], fn, "W_o"), weights


# --------------------------------------------------------------------------- the Transformer's encoder block


def layer_norm(X, eps=1e-5):
    """Each row of ``X`` (..., d) shifted to mean 0 and scaled to standard deviation 1."""
    fn = "layer_norm"
    X = _array(X, "X", fn, ndim=None)
    if X.ndim == 0 or X.shape[-1] == 0:
        raise _fail(fn, f"`X`-এর শেষ মাত্রায় অন্তত একটি সংখ্যা চাই, পাওয়া গেছে shape {X.shape}।",
                    f"`X` needs at least one number in its last dimension, got shape {X.shape}.")
    X = X.astype(_dtype(X), copy=False)
    mean = X.mean(axis=-1, keepdims=True)
    var = ((X - mean) ** 2).mean(axis=-1, keepdims=True)
    return (X - mean) / np.sqrt(var + eps)


def transformer_block(X, W_q, W_k, W_v, W_o, W_1, W_2, n_heads, mask=None):
    """One encoder block of the Transformer (Vaswani et al. 2017), post-norm as in the paper:

        Z = layer_norm(X + MultiHead(X, X, X))          self-attention, residual, layer norm
        Y = layer_norm(Z + relu(Z W_1) W_2)             feed-forward, residual, layer norm

    X is (..., T, d_model); W_q, W_k, W_v, W_o are (d_model, d_model); W_1 is (d_model, d_ff)
    and W_2 is (d_ff, d_model).  ``mask`` (e.g. ``causal_mask(T)``) goes to the attention.
    Returns ``(Y, weights)`` with the attention weights (..., n_heads, T, T).  (No biases and
    no learned layer-norm gain: the smallest block that still has every part.)
    """
    fn = "transformer_block"
    X = _array(X, "X", fn)
    if X.ndim < 2:
        raise _fail(fn, f"`X`-এর shape (..., T, d_model) হওয়ার কথা, পাওয়া গেছে {X.shape}।",
                    f"`X` should have shape (..., T, d_model), got {X.shape}.")
    d = X.shape[-1]
    W_1 = _array(W_1, "W_1", fn, ndim=2)
    if W_1.shape[0] != d or W_1.shape[1] == 0:
        raise _fail(fn, f"`W_1`-এর shape ({d}, d_ff) হওয়ার কথা, পাওয়া গেছে {W_1.shape}।",
                    f"`W_1` should have shape ({d}, d_ff), got {W_1.shape}.")
    dt = _dtype(X, W_q, W_1)
    W_2 = _param(W_2, "W_2", fn, (W_1.shape[1], d), dt)
    attended, weights = multi_head_attention(X, X, W_q, W_k, W_v, W_o, n_heads, mask=mask)
    Z = layer_norm(X.astype(dt, copy=False) + attended)
    with np.errstate(over="ignore", invalid="ignore"):
        ff = np.maximum(Z @ W_1.astype(dt, copy=False), 0) @ W_2
    return layer_norm(finite_result(Z + ff, fn, "W_1", "W_2")), weights
