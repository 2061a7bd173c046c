"""Sequence-to-sequence models in plain numpy, with hand-written backward passes.

    Encoder          a GRU (optionally bidirectional) that reads the input: h_1 ... h_T
    VanillaDecoder   no attention: one fixed context C = the encoder's last state
    BahdanauDecoder  additive score with s_{t-1}; c_t goes into the decoder GRU
    LuongDecoder     dot/general score with s_t; s~_t = tanh(W_c [s_t; c_t])
    Seq2Seq          encoder + decoder: loss and gradients (teacher forcing), greedy decoding
    Adam, clip_gradients

The attention math of every forward pass is the course's own ``helpers.attention``: the
same implementation as ``score_additive``, ``score_dot``, ``score_general``,
``softmax(mask=...)``, ``context`` and ``output_step``, called without their argument
checks; padded input positions are removed with softmax's mask.  The backward
passes are written out here, step by step, and the tests check each parameter's gradient
against central differences.

Conventions.  Everything is batched: ``X`` (B, T) input ids with ``x_mask`` (B, T) True at
real characters; ``Y`` (B, L) target ids ending in ``</s>`` with ``y_mask`` (B, L).  The
GRU and read-out weights multiply from the right (``x @ W``); the attention weights have
the shapes of ``helpers.attention`` (``W1 (k, d_s)``, ``W_c (d_out, d_s + d_h)``, ...).
``hidden`` is the size of every h_i and s_t (a bidirectional encoder gives each direction
half of it).  Parameters live in dicts of arrays; gradients are dicts with the same keys.
"""

from __future__ import annotations

import numpy as np

# The math of each step comes from helpers.attention, without its argument checks: the
# model's own arrays need none, and checking every step would slow training by a quarter.
from .attention import _additive, _context, _dot, _general, _output, _softmax
from .i18n import bilingual
from .validate import array, choice, fail, integer, number

__all__ = ["Encoder", "VanillaDecoder", "BahdanauDecoder", "LuongDecoder", "Seq2Seq",
           "Adam", "clip_gradients", "DECODERS", "gru_step", "gru_step_backward"]

START = 1   # the id of <s> in every helpers.data.Vocab
END = 2     # the id of </s>


# --------------------------------------------------------------------------- the GRU cell


def _sigmoid(x):
    # 1 / (1 + exp(-x)) written with tanh: the same number, but no overflow for large |x|
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def _init(rng, shape, fan_in, dtype):
    """Random weights with variance 1 / fan_in (keeps tanh units away from saturation)."""
    return (rng.standard_normal(shape) / np.sqrt(fan_in)).astype(dtype)


def _gru_params(rng, n_in, d, dtype):
    """The weights of one GRU: input ``Wx (n_in, 3d)``, bias ``b (3d,)``, recurrent
    ``Uzr (d, 2d)`` for the update and reset gates and ``Un (d, d)`` for the candidate."""
    return {"Wx": _init(rng, (n_in, 3 * d), n_in, dtype), "b": np.zeros(3 * d, dtype),
            "Uzr": _init(rng, (d, 2 * d), d, dtype), "Un": _init(rng, (d, d), d, dtype)}


def _gru_step(gx, h, Uzr, Un, m=None):
    """One GRU step for a batch.  ``gx`` = x @ Wx + b (B, 3d) is computed by the caller.

        z = sigmoid(gx_z + h Uz)          update gate
        r = sigmoid(gx_r + h Ur)          reset gate
        n = tanh(gx_n + (r * h) Un)       candidate state
        h' = z * h + (1 - z) * n

    ``m`` (B, 1), 1 for a real input and 0 for padding: padding leaves h unchanged.
    Returns ``(h', cache)``.
    """
    d = h.shape[1]
    zr = _sigmoid(gx[:, :2 * d] + h @ Uzr)
    z, r = zr[:, :d], zr[:, d:]
    rh = r * h
    n = np.tanh(gx[:, 2 * d:] + rh @ Un)
    h_new = n + z * (h - n)
    if m is not None:
        h_new = h + m * (h_new - h)
    return h_new, (h, z, r, rh, n, m)


def _gru_step_backward(dh_new, cache, Uzr, Un, g):
    """Backward pass of ``gru_step``.  Adds to ``g["Uzr"]`` and ``g["Un"]``;
    returns ``(dh, dgx)``: the gradients for the previous state and for ``gx``."""
    h, z, r, rh, n, m = cache
    dh = 0.0
    if m is not None:                      # padding: the gradient passes straight through
        dh = dh_new * (1 - m)
        dh_new = dh_new * m
    dn = dh_new * (1 - z)
    dz = dh_new * (h - n)
    dh = dh + dh_new * z
    dan = dn * (1 - n * n)                 # through tanh
    g["Un"] += rh.T @ dan
    drh = dan @ Un.T
    dh = dh + drh * r
    dazr = np.concatenate([dz * z * (1 - z), drh * h * r * (1 - r)], axis=1)   # through sigmoid
    g["Uzr"] += h.T @ dazr
    dh = dh + dazr @ Uzr.T
    return dh, np.concatenate([dazr, dan], axis=1)


def gru_step(gx, h, Uzr, Un, m=None):
    """One GRU step for a batch, with its arguments checked (see ``_gru_step`` for the math).

    ``gx`` (B, 3d) = x @ Wx + b, ``h`` (B, d), ``Uzr`` (d, 2d), ``Un`` (d, d), ``m`` (B, 1)
    or None.  Returns ``(h', cache)``.  The models call the unchecked ``_gru_step``.
    """
    fn = "gru_step"
    h = array(h, "h", fn, ndim=2, nonempty=True)
    B, d = h.shape
    gx = _shaped(gx, "gx", fn, (B, 3 * d))
    Uzr, Un = _shaped(Uzr, "Uzr", fn, (d, 2 * d)), _shaped(Un, "Un", fn, (d, d))
    if m is not None:
        m = _shaped(m, "m", fn, (B, 1))
    return _gru_step(gx, h.astype(float) if h.dtype.kind != "f" else h, Uzr, Un, m)


def gru_step_backward(dh_new, cache, Uzr, Un, g):
    """Backward pass of ``gru_step``, with its arguments checked.  Adds to ``g["Uzr"]`` and
    ``g["Un"]``; returns ``(dh, dgx)``."""
    fn = "gru_step_backward"
    if not (isinstance(cache, tuple) and len(cache) == 6):
        raise fail(fn, "`cache` হলো gru_step-এর ফেরত দেওয়া দ্বিতীয় জিনিস; অন্য কিছু দেওয়া হয়েছে।",
                   "`cache` must be the second thing gru_step returned; something else was given.", TypeError)
    B, d = np.shape(cache[0])
    dh_new = _shaped(dh_new, "dh_new", fn, (B, d))
    Uzr, Un = _shaped(Uzr, "Uzr", fn, (d, 2 * d)), _shaped(Un, "Un", fn, (d, d))
    if not isinstance(g, dict) or "Uzr" not in g or "Un" not in g:
        raise fail(fn, "`g` একটি dict হতে হবে, যাতে 'Uzr' আর 'Un' আছে (gradient জমানোর জন্য)।",
                   "`g` must be a dict with 'Uzr' and 'Un' (where the gradients are added).", TypeError)
    for k, want in (("Uzr", (d, 2 * d)), ("Un", (d, d))):
        _shaped(g[k], f"g[{k!r}]", fn, want)
    return _gru_step_backward(dh_new, cache, Uzr, Un, g)


def _shaped(x, name, fn, shape):
    """A float array of exactly ``shape``."""
    a = array(x, name, fn)
    if a.shape != tuple(shape):
        raise fail(fn, f"`{name}`-এর shape {tuple(shape)} হওয়ার কথা, কিন্তু পাওয়া গেছে {a.shape}।",
                   f"`{name}` should have shape {tuple(shape)}, got {a.shape}.")
    return a.astype(float) if a.dtype.kind != "f" else a


def _zeros_like(params):
    return {k: np.zeros_like(v) for k, v in params.items()}


def _embed_backward(dE, ids, n_vocab):
    """Gradient of an embedding lookup E[ids]: add each row of dE to the row of its id."""
    d = dE.shape[-1]
    out = np.zeros((n_vocab, d), dE.dtype)
    np.add.at(out, ids.reshape(-1), dE.reshape(-1, d))
    return out


def _step_masks(x_mask, dtype):
    """Per-step (B, 1) masks for the GRU, or None where no sequence is padded (faster)."""
    if x_mask.all():
        return [None] * x_mask.shape[1]
    return [x_mask[:, t, None].astype(dtype) for t in range(x_mask.shape[1])]


# --------------------------------------------------------------------------- encoder


def _ids(X, mask, n_vocab, name, mask_name, fn):
    """A batch of ids (B, T) inside the vocabulary, and its True/False mask of the same shape."""
    X = array(X, name, fn, ndim=2, integer=True)
    if X.shape[0] == 0 or X.shape[1] == 0:
        raise fail(fn, f"`{name}` খালি (shape {X.shape}); অন্তত একটি ক্রম আর একটি অক্ষর চাই।",
                   f"`{name}` is empty (shape {X.shape}); at least one sequence of one character is needed.")
    if X.min() < 0 or X.max() >= n_vocab:
        bad = int(X.min()) if X.min() < 0 else int(X.max())
        raise fail(fn, f"`{name}`-এ id {bad} আছে, কিন্তু vocabulary-র id 0 থেকে {n_vocab - 1}; "
                       "লেখাকে id বানাতে Vocab.encode_batch ব্যবহার করো।",
                   f"`{name}` contains the id {bad}, but the vocabulary's ids run from 0 to {n_vocab - 1}; "
                   "use Vocab.encode_batch to turn text into ids.")
    m = np.asarray(mask) if not isinstance(mask, (str, bytes)) else None
    if m is None or m.dtype != bool or m.shape != X.shape:
        raise fail(fn, f"`{mask_name}` True/False-এর array হতে হবে, `{name}`-এর মতোই shape {X.shape}; "
                       f"পাওয়া গেছে {getattr(m, 'shape', type(mask).__name__)}।",
                   f"`{mask_name}` must be a True/False array of the same shape as `{name}`, {X.shape}; "
                   f"got {getattr(m, 'shape', type(mask).__name__)}.")
    return X, m


class Encoder:
    """A GRU that reads the input characters: ``H = (h_1, ..., h_T)`` and ``C``.

    Bidirectional: one GRU reads left to right, another right to left, and h_i is the two
    states side by side, so h_i knows the characters on both sides of position i.
    ``C`` is the last state (both directions' last states when bidirectional): the
    vanilla model's fixed context, and every decoder's initial state s_0.
    """

    def __init__(self, n_vocab, hidden=64, embed=32, bidirectional=True, rng=None,
                 dtype=np.float32):
        rng = np.random.default_rng(0) if rng is None else rng
        if bidirectional and hidden % 2:
            raise ValueError(bilingual(
                f"Encoder: bidirectional হলে hidden জোড় সংখ্যা হতে হবে, পাওয়া গেছে {hidden}।",
                f"Encoder: hidden must be even for a bidirectional encoder, got {hidden}."))
        self.n_vocab, self.hidden, self.bidirectional = n_vocab, hidden, bidirectional
        d = hidden // 2 if bidirectional else hidden
        self.params = {"emb": (0.5 * rng.standard_normal((n_vocab, embed))).astype(dtype)}
        for direction in ("fwd", "bwd") if bidirectional else ("fwd",):
            for k, v in _gru_params(rng, embed, d, dtype).items():
                self.params[f"{direction}.{k}"] = v

    def forward(self, X, x_mask):
        """``H (B, T, hidden)``, ``C (B, hidden)`` and a cache for the backward pass."""
        X, x_mask = _ids(X, x_mask, self.n_vocab, "X", "x_mask", "Encoder.forward")
        return self._run(X, x_mask)

    def _run(self, X, x_mask):
        """``forward`` without the checks (Seq2Seq has checked X and x_mask already)."""
        P = self.params
        B, T = X.shape
        E = P["emb"][X]                                       # (B, T, embed)
        masks = _step_masks(x_mask, E.dtype)
        Hs, C, caches = [], [], []
        for direction in ("fwd", "bwd") if self.bidirectional else ("fwd",):
            p = {k[4:]: v for k, v in P.items() if k.startswith(direction)}
            d = p["Un"].shape[0]
            GX = E @ p["Wx"] + p["b"]                         # all input projections at once
            h = np.zeros((B, d), E.dtype)
            Hd = np.empty((B, T, d), E.dtype)
            cache = [None] * T
            # the backward GRU starts at the end; padding (at the end) leaves it at zero
            for t in range(T) if direction == "fwd" else range(T - 1, -1, -1):
                h, cache[t] = _gru_step(GX[:, t], h, p["Uzr"], p["Un"], masks[t])
                Hd[:, t] = h
            Hs.append(Hd)
            C.append(h)                    # fwd: state after the last real character
            caches.append(cache)
        H = np.concatenate(Hs, axis=2) if self.bidirectional else Hs[0]
        Cv = np.concatenate(C, axis=1) if self.bidirectional else C[0]
        return H, Cv, (X, E, caches)

    def backward(self, dH, dC, cache):
        """Gradients of every encoder parameter, given the gradients of ``H`` and ``C``."""
        X, E, caches = cache
        P = self.params
        g = _zeros_like(P)
        T = X.shape[1]
        dE = np.zeros_like(E)
        dirs = ("fwd", "bwd") if self.bidirectional else ("fwd",)
        for j, direction in enumerate(dirs):
            p = {k[4:]: v for k, v in P.items() if k.startswith(direction)}
            gd = {"Uzr": g[f"{direction}.Uzr"], "Un": g[f"{direction}.Un"]}
            d = p["Un"].shape[0]
            dHd = dH[:, :, j * d:(j + 1) * d]
            dh = dC[:, j * d:(j + 1) * d]
            dGX = np.empty(E.shape[:2] + (3 * d,), E.dtype)
            for t in range(T - 1, -1, -1) if direction == "fwd" else range(T):
                dh, dGX[:, t] = _gru_step_backward(dh + dHd[:, t], caches[j][t], p["Uzr"], p["Un"], gd)
            g[f"{direction}.Wx"] = E.reshape(-1, E.shape[2]).T @ dGX.reshape(-1, 3 * d)
            g[f"{direction}.b"] = dGX.sum(axis=(0, 1))
            dE += dGX @ p["Wx"].T
        g["emb"] = _embed_backward(dE, X, self.n_vocab)
        return g


# --------------------------------------------------------------------------- decoders


class _Decoder:
    """What the three decoders share.

    Each decoder defines ``start`` (the state before step 1), ``_step`` (one step: the
    next state, the output probabilities, the attention weights and a cache) and
    ``backward``.  ``forward`` runs ``_step`` with teacher forcing (the correct previous
    character as input); ``Seq2Seq.greedy`` runs it with the model's own previous output.
    """

    has_attention = True

    def _common_params(self, rng, n_vocab, hidden, embed, n_extra, dtype):
        # the GRU input is [embedding of y_{t-1}; extra], extra = C, c_t or s~_{t-1}
        self.n_vocab, self.hidden = n_vocab, hidden
        p = {"emb": (0.5 * rng.standard_normal((n_vocab, embed))).astype(dtype)}
        gru = _gru_params(rng, embed + n_extra, hidden, dtype)
        p["Wy"] = gru["Wx"][:embed].copy()                    # the embedding's part
        if n_extra:
            p["Wx"] = gru["Wx"][embed:].copy()                # the extra input's part
        p["b"], p["Uzr"], p["Un"] = gru["b"], gru["Uzr"], gru["Un"]
        return p

    def _gy(self, y_prev):
        """The embedding part of the GRU input, e(y_{t-1}) @ Wy + b (any leading shape)."""
        return self.params["emb"][y_prev] @ self.params["Wy"] + self.params["b"]

    def forward(self, H, C, x_mask, Y_in):
        """Teacher forcing: ``Y_in`` (B, L) holds <s>, y_1, ..., y_{L-1}.

        Returns the probabilities ``(B, L, V)``, the attention weights ``(B, L, T)``
        (None for the vanilla decoder) and a cache for ``backward``.
        """
        GY = self._gy(Y_in)                                   # (B, L, 3 hidden), all steps at once
        state = self.start(H, C, x_mask)
        probs, alphas, caches = [], [], []
        for t in range(Y_in.shape[1]):
            state, p, alpha, cache = self._step(state, GY[:, t], H, x_mask)
            probs.append(p)
            alphas.append(alpha)
            caches.append(cache)
        A = np.stack(alphas, axis=1) if self.has_attention else None
        return np.stack(probs, axis=1), A, (H, C, x_mask, Y_in, caches)

    def step(self, state, y_prev, H, x_mask):
        """One step of greedy decoding: ``(state, probabilities (B, V), alpha or None)``."""
        state, p, alpha, _ = self._step(state, self._gy(y_prev), H, x_mask)
        return state, p, alpha

    def _finish_grads(self, g, dGY, Y_in):
        """Gradients of emb, Wy and b from the gradient of GY = e(Y_in) @ Wy + b."""
        P = self.params
        E = P["emb"][Y_in]
        g["Wy"] = E.reshape(-1, E.shape[2]).T @ dGY.reshape(-1, dGY.shape[2])
        g["b"] = dGY.sum(axis=(0, 1))
        g["emb"] = _embed_backward(dGY @ P["Wy"].T, Y_in, self.n_vocab)
        return g


def _context_backward(dc, alpha, H):
    """c = sum_i alpha_i h_i, then alpha = softmax(e): the gradient of the scores e.

    (The gradient of H, sum over steps of alpha_t dc_t, is added up once at the end.)
    Masked positions have alpha = 0, so their score gets no gradient.
    """
    dalpha = (H @ dc[:, :, None])[:, :, 0]                    # dalpha_i = dc . h_i
    return alpha * (dalpha - (alpha * dalpha).sum(axis=1, keepdims=True))   # softmax backward


class VanillaDecoder(_Decoder):
    """The decoder without attention: the same context C at every step.

        s_0 = C,   s_t = GRU([e(y_{t-1}); C], s_{t-1}),   y_t = softmax(s_t W_o + b_o)

    Everything the decoder knows about the input must fit in the numbers of C.
    """

    has_attention = False

    def __init__(self, n_vocab, hidden=64, embed=32, rng=None, dtype=np.float32):
        rng = np.random.default_rng(0) if rng is None else rng
        self.params = self._common_params(rng, n_vocab, hidden, embed, hidden, dtype)
        self.params["Wo"] = _init(rng, (hidden, n_vocab), hidden, dtype)
        self.params["bo"] = np.zeros(n_vocab, dtype)

    def start(self, H, C, x_mask):
        return (C, C @ self.params["Wx"])   # C's share of the GRU input is the same every step

    def _step(self, state, gy, H, x_mask):
        s_prev, GC = state
        P = self.params
        s, gcache = _gru_step(gy + GC, s_prev, P["Uzr"], P["Un"])
        p = _softmax(s @ P["Wo"] + P["bo"])
        return (s, GC), p, None, (s, gcache)

    def backward(self, dZ, cache):
        """``dZ`` (B, L, V): gradient of the loss for the logits.  Returns (grads, dH, dC)."""
        H, C, x_mask, Y_in, caches = cache
        P = self.params
        g = _zeros_like(P)
        dGY = np.empty(Y_in.shape + (3 * self.hidden,), C.dtype)
        ds = np.zeros_like(C)
        for t in range(Y_in.shape[1] - 1, -1, -1):
            s, gcache = caches[t]
            g["Wo"] += s.T @ dZ[:, t]
            g["bo"] += dZ[:, t].sum(axis=0)
            ds, dGY[:, t] = _gru_step_backward(ds + dZ[:, t] @ P["Wo"].T, gcache, P["Uzr"], P["Un"], g)
        dGC = dGY.sum(axis=1)                                 # C fed at every step
        g["Wx"] = C.T @ dGC
        dC = ds + dGC @ P["Wx"].T                             # + s_0 = C
        return self._finish_grads(g, dGY, Y_in), np.zeros_like(H), dC


class BahdanauDecoder(_Decoder):
    """Attention as in Bahdanau et al. (2015): look first, then update the state.

        e_{t,i} = v^T tanh(W1 s_{t-1} + W2 h_i)       additive score with the previous state
        alpha_t = softmax(e_t),  c_t = sum_i alpha_{t,i} h_i
        s_t = GRU([e(y_{t-1}); c_t], s_{t-1})         the context goes into the RNN
        y_t = softmax([s_t; c_t] W_o + b_o)
    """

    def __init__(self, n_vocab, hidden=64, embed=32, attn=None, rng=None, dtype=np.float32):
        rng = np.random.default_rng(0) if rng is None else rng
        k = attn or hidden
        self.params = self._common_params(rng, n_vocab, hidden, embed, hidden, dtype)
        self.params.update({
            "W1": _init(rng, (k, hidden), hidden, dtype), "W2": _init(rng, (k, hidden), hidden, dtype),
            "v": _init(rng, (k,), k, dtype),
            "Wo": _init(rng, (2 * hidden, n_vocab), 2 * hidden, dtype), "bo": np.zeros(n_vocab, dtype)})

    def start(self, H, C, x_mask):
        return C

    def _step(self, s_prev, gy, H, x_mask):
        P = self.params
        e = _additive(s_prev, H, P["W1"], P["W2"], P["v"])   # (B, T)
        alpha = _softmax(e, x_mask)
        c = _context(alpha, H)                                     # (B, hidden)
        s, gcache = _gru_step(gy + c @ P["Wx"], s_prev, P["Uzr"], P["Un"])
        o = np.concatenate([s, c], axis=1)
        p = _softmax(o @ P["Wo"] + P["bo"])
        return s, p, alpha, (s_prev, alpha, c, o, gcache)

    def backward(self, dZ, cache):
        H, C, x_mask, Y_in, caches = cache
        P = self.params
        g = _zeros_like(P)
        B, L = Y_in.shape
        D = self.hidden
        HW2 = H @ P["W2"].T                                   # (B, T, k), the same at every step
        dA = np.zeros_like(HW2)                               # sum over steps of d(W2 h_i)
        alphas, dcs = [], []
        dGY = np.empty((B, L, 3 * D), H.dtype)
        ds = np.zeros_like(C)
        for t in range(L - 1, -1, -1):
            s_prev, alpha, c, o, gcache = caches[t]
            g["Wo"] += o.T @ dZ[:, t]
            g["bo"] += dZ[:, t].sum(axis=0)
            do = dZ[:, t] @ P["Wo"].T
            ds, dgx = _gru_step_backward(ds + do[:, :D], gcache, P["Uzr"], P["Un"], g)
            dGY[:, t] = dgx
            g["Wx"] += c.T @ dgx
            dc = do[:, D:] + dgx @ P["Wx"].T
            de = _context_backward(dc, alpha, H)
            alphas.append(alpha)
            dcs.append(dc)
            # additive score: e_i = v . tanh(a_i), a_i = W1 s_{t-1} + W2 h_i
            th = np.tanh((s_prev @ P["W1"].T)[:, None, :] + HW2)
            g["v"] += np.einsum("bt,btk->k", de, th)
            da = de[:, :, None] * P["v"] * (1 - th * th)
            da_sum = da.sum(axis=1)                           # W1 s is the same for every i
            g["W1"] += da_sum.T @ s_prev
            ds = ds + da_sum @ P["W1"]
            dA += da
        g["W2"] = np.einsum("btk,btd->kd", dA, H)
        A = np.stack(alphas[::-1], axis=1)                    # (B, L, T)
        DC = np.stack(dcs[::-1], axis=1)                      # (B, L, hidden)
        dH = dA @ P["W2"] + np.swapaxes(A, 1, 2) @ DC         # through the score and the context
        return self._finish_grads(g, dGY, Y_in), dH, ds


class LuongDecoder(_Decoder):
    """Attention as in Luong et al. (2015): update the state first, then look.

        s_t = GRU([e(y_{t-1}); s~_{t-1}], s_{t-1})    (input feeding: s~_{t-1} goes in too)
        e_{t,i} = s_t . h_i  ("dot")  or  s_t^T W h_i  ("general")   score with the current state
        alpha_t = softmax(e_t),  c_t = sum_i alpha_{t,i} h_i
        s~_t = tanh(W_c [s_t; c_t]),  y_t = softmax(W_o s~_t)        (helpers.attention.output_step)
    """

    def __init__(self, n_vocab, hidden=64, embed=32, score="general", input_feeding=True,
                 rng=None, dtype=np.float32):
        rng = np.random.default_rng(0) if rng is None else rng
        if score not in ("dot", "general"):
            raise ValueError(bilingual(
                f"LuongDecoder: score হবে 'dot' বা 'general', পাওয়া গেছে {score!r}।",
                f"LuongDecoder: score must be 'dot' or 'general', got {score!r}."))
        self.score, self.input_feeding = score, input_feeding
        self.params = self._common_params(rng, n_vocab, hidden, embed,
                                          hidden if input_feeding else 0, dtype)
        if score == "general":
            self.params["W"] = _init(rng, (hidden, hidden), hidden, dtype)
        self.params["W_c"] = _init(rng, (hidden, 2 * hidden), 2 * hidden, dtype)
        self.params["W_o"] = _init(rng, (n_vocab, hidden), hidden, dtype)

    def start(self, H, C, x_mask):
        return C, np.zeros_like(C)                            # s_0 = C, s~_0 = 0

    def _step(self, state, gy, H, x_mask):
        s_prev, st_prev = state
        P = self.params
        gx = gy + st_prev @ P["Wx"] if self.input_feeding else gy
        s, gcache = _gru_step(gx, s_prev, P["Uzr"], P["Un"])
        e = _dot(s, H) if self.score == "dot" else _general(s, H, P["W"])
        alpha = _softmax(e, x_mask)
        c = _context(alpha, H)
        st, p = _output(s, c, P["W_c"], P["W_o"])
        return (s, st), p, alpha, (s, st_prev, alpha, c, st, gcache)

    def backward(self, dZ, cache):
        H, C, x_mask, Y_in, caches = cache
        P = self.params
        g = _zeros_like(P)
        B, L = Y_in.shape
        D = self.hidden
        dGY = np.empty((B, L, 3 * D), H.dtype)
        ds = np.zeros_like(C)                                 # from step t+1 through the GRU
        dst_next = np.zeros_like(C)                           # from step t+1 through input feeding
        alphas, dcs, des, qs = [], [], [], []
        for t in range(L - 1, -1, -1):
            s, st_prev, alpha, c, st, gcache = caches[t]
            # y = softmax(W_o s~),  s~ = tanh(W_c [s; c])
            g["W_o"] += dZ[:, t].T @ st
            dst = dZ[:, t] @ P["W_o"] + dst_next
            dpre = dst * (1 - st * st)
            g["W_c"] += dpre.T @ np.concatenate([s, c], axis=1)
            dsc = dpre @ P["W_c"]
            ds = ds + dsc[:, :D]
            dc = dsc[:, D:]
            de = _context_backward(dc, alpha, H)
            # score: e_i = q . h_i with q = s (dot) or q = s W (general)
            dq = (de[:, None, :] @ H)[:, 0, :]                # sum_i de_i h_i
            if self.score == "general":
                g["W"] += s.T @ dq
                ds = ds + dq @ P["W"].T
                qs.append(s @ P["W"])
            else:
                ds = ds + dq
                qs.append(s)
            alphas.append(alpha)
            dcs.append(dc)
            des.append(de)
            ds, dgx = _gru_step_backward(ds, gcache, P["Uzr"], P["Un"], g)
            dGY[:, t] = dgx
            if self.input_feeding:
                g["Wx"] += st_prev.T @ dgx
                dst_next = dgx @ P["Wx"].T
        A, DC, DE, Q = (np.stack(x[::-1], axis=1) for x in (alphas, dcs, des, qs))
        dH = np.swapaxes(A, 1, 2) @ DC + np.swapaxes(DE, 1, 2) @ Q   # context + score
        return self._finish_grads(g, dGY, Y_in), dH, ds


DECODERS = {"vanilla": VanillaDecoder, "bahdanau": BahdanauDecoder, "luong": LuongDecoder}


# --------------------------------------------------------------------------- the whole model


class Seq2Seq:
    """An encoder and one of the three decoders, trained end to end.

    ``Seq2Seq(n_in, n_out, decoder="luong", hidden=64, embed=32, bidirectional=True,
    score="general", seed=0)``.  ``n_in``/``n_out`` are vocabulary sizes (with the special
    tokens); ``decoder`` is "vanilla", "bahdanau" or "luong"; ``score`` ("dot"/"general")
    is for Luong only.  ``params`` is one flat dict ("enc.emb", "dec.W_c", ...) whose arrays
    are the encoder's and decoder's own, so an optimiser can update them in place.
    """

    def __init__(self, n_in, n_out, decoder="luong", hidden=64, embed=32, bidirectional=True,
                 score="general", input_feeding=True, seed=0, dtype=np.float32):
        fn = "Seq2Seq"
        choice(decoder, "decoder", fn, DECODERS)
        n_in = integer(n_in, "n_in", fn, minimum=4)   # 3 special tokens + 1
        n_out = integer(n_out, "n_out", fn, minimum=4)   # 3 special tokens + 1
        hidden = integer(hidden, "hidden", fn, minimum=2 if bidirectional else 1)
        embed = integer(embed, "embed", fn, minimum=1)
        seed = integer(seed, "seed", fn, minimum=0)
        choice(score, "score", fn, ("dot", "general"))
        choice(np.dtype(dtype).name if isinstance(dtype, (type, np.dtype, str)) else dtype,
               "dtype", fn, ("float32", "float64"))
        rng = np.random.default_rng(seed)
        self.kind = decoder
        self.config = dict(n_in=n_in, n_out=n_out, decoder=decoder, hidden=hidden, embed=embed,
                           bidirectional=bidirectional, score=score, input_feeding=input_feeding,
                           seed=seed, dtype=np.dtype(dtype).name)
        self.encoder = Encoder(n_in, hidden, embed, bidirectional, rng=rng, dtype=dtype)
        extra = {"luong": dict(score=score, input_feeding=input_feeding)}.get(decoder, {})
        self.decoder = DECODERS[decoder](n_out, hidden, embed, rng=rng, dtype=dtype, **extra)
        self.params = {f"enc.{k}": v for k, v in self.encoder.params.items()}
        self.params.update({f"dec.{k}": v for k, v in self.decoder.params.items()})

    def _forward(self, X, x_mask, Y):
        H, C, ecache = self.encoder._run(X, x_mask)
        Y_in = np.concatenate([np.full((Y.shape[0], 1), START, Y.dtype), Y[:, :-1]], axis=1)
        probs, A, dcache = self.decoder.forward(H, C, x_mask, Y_in)
        return probs, (ecache, dcache)

    @staticmethod
    def _loss(probs, Y, y_mask):
        """Mean cross-entropy over the real (unpadded) target characters."""
        n = max(int(y_mask.sum()), 1)
        p_true = np.take_along_axis(probs, Y[:, :, None], axis=2)[:, :, 0]
        return float(-(np.log(np.maximum(p_true, 1e-30)) * y_mask).sum() / n), n

    def _check(self, X, x_mask, Y, y_mask, fn):
        X, x_mask = _ids(X, x_mask, self.config["n_in"], "X", "x_mask", fn)
        Y, y_mask = _ids(Y, y_mask, self.config["n_out"], "Y", "y_mask", fn)
        if Y.shape[0] != X.shape[0]:
            raise fail(fn, f"`X`-এ {X.shape[0]}টি ক্রম কিন্তু `Y`-তে {Y.shape[0]}টি; প্রতিটি ইনপুটের একটি উত্তর চাই।",
                       f"`X` has {X.shape[0]} sequences but `Y` has {Y.shape[0]}; one target per input is needed.")
        if not y_mask.any():
            raise fail(fn, "`y_mask`-এ একটিও True নেই: কোনো লক্ষ্য-অক্ষর নেই, তাই loss-এর মানে হয় না।",
                       "`y_mask` has no True at all: there is no target character, so a loss means nothing.")
        return X, x_mask, Y, y_mask

    def loss(self, X, x_mask, Y, y_mask) -> float:
        """The loss only (used by the gradient check)."""
        X, x_mask, Y, y_mask = self._check(X, x_mask, Y, y_mask, "Seq2Seq.loss")
        return self._loss(self._forward(X, x_mask, Y)[0], Y, y_mask)[0]

    def loss_and_grads(self, X, x_mask, Y, y_mask):
        """Teacher-forced loss and the gradient of every parameter: ``(loss, grads)``."""
        X, x_mask, Y, y_mask = self._check(X, x_mask, Y, y_mask, "Seq2Seq.loss_and_grads")
        probs, (ecache, dcache) = self._forward(X, x_mask, Y)
        loss, n = self._loss(probs, Y, y_mask)
        # softmax + cross-entropy: d loss / d logits = (p - onehot(y)) / n
        dZ = probs.copy()
        np.put_along_axis(dZ, Y[:, :, None], np.take_along_axis(dZ, Y[:, :, None], axis=2) - 1, axis=2)
        dZ *= (y_mask / n)[:, :, None].astype(dZ.dtype)
        dgrads, dH, dC = self.decoder.backward(dZ, dcache)
        egrads = self.encoder.backward(dH, dC, ecache)
        grads = {f"enc.{k}": v for k, v in egrads.items()}
        grads.update({f"dec.{k}": v for k, v in dgrads.items()})
        return loss, grads

    def greedy(self, X, x_mask, max_len):
        """Greedy decoding: at each step feed back the most likely character.

        Returns ``(ids (B, max_len), alphas)``; ``alphas`` is ``(B, max_len, T)`` or None
        for the vanilla model.  After a sequence's ``</s>`` its ids are padding (0).
        """
        X, x_mask = _ids(X, x_mask, self.config["n_in"], "X", "x_mask", "Seq2Seq.greedy")
        max_len = integer(max_len, "max_len", "Seq2Seq.greedy", minimum=1)
        H, C, _ = self.encoder._run(X, x_mask)
        state = self.decoder.start(H, C, x_mask)
        y = np.full(X.shape[0], START, dtype=np.int64)
        done = np.zeros(X.shape[0], dtype=bool)
        ids = np.zeros((X.shape[0], max_len), dtype=np.int64)
        alphas = []
        for t in range(max_len):
            state, p, alpha = self.decoder.step(state, y, H, x_mask)
            y = p.argmax(axis=1)
            ids[:, t] = np.where(done, 0, y)
            alphas.append(alpha)
            done |= y == END
            if done.all():
                ids = ids[:, :t + 1]
                break
        A = np.stack(alphas, axis=1) if self.decoder.has_attention else None
        return ids, A


# --------------------------------------------------------------------------- training tools


def clip_gradients(grads, max_norm=5.0):
    """Scale all gradients down together if their total norm exceeds ``max_norm``.

    Returns the norm before clipping.  (One large gradient in an RNN can undo many
    steps of learning; clipping keeps the direction and caps the size.)
    """
    fn = "clip_gradients"
    max_norm = number(max_norm, "max_norm", fn, positive=True)
    if not isinstance(grads, dict) or not grads:
        raise fail(fn, "`grads` একটি dict হতে হবে: parameter-এর নাম -> gradient array।",
                   "`grads` must be a dict: parameter name -> gradient array.", TypeError)
    for k, g in grads.items():
        if not isinstance(g, np.ndarray) or g.dtype.kind != "f":
            raise fail(fn, f"`grads[{k!r}]` float-এর numpy array হতে হবে (জায়গায় বদলানো হয়), পাওয়া গেছে "
                           f"{type(g).__name__} {getattr(g, 'dtype', '')}।",
                       f"`grads[{k!r}]` must be a numpy array of floats (it is changed in place), got "
                       f"{type(g).__name__} {getattr(g, 'dtype', '')}.", TypeError)
    with np.errstate(over="ignore", invalid="ignore"):
        norm = float(np.sqrt(sum(float((g * g).sum()) for g in grads.values())))
    if not np.isfinite(norm):                               # one pass above; find the culprit only now
        bad = next((k for k, g in grads.items() if not np.all(np.isfinite(g))), None)
        if bad is not None:
            raise fail(fn, f"`grads[{bad!r}]`-এ NaN বা inf আছে: training ভেঙে পড়েছে (learning rate কমিয়ে দেখো)।",
                       f"`grads[{bad!r}]` contains NaN or inf: training has diverged (try a smaller learning rate).")
        raise fail(fn, "gradient-গুলো এত বড় যে তাদের norm float64-এও ধরে না: training ভেঙে পড়েছে।",
                   "the gradients are so large that their norm overflows even float64: training has diverged.")
    if norm > max_norm:
        scale = max_norm / (norm + 1e-6)
        for g in grads.values():
            g *= scale
    return norm


class Adam:
    """The Adam optimiser (Kingma & Ba, 2015), updating ``params`` in place.

    Each weight gets its own step size from running averages of its gradient (m) and of
    its squared gradient (v).  ``lr`` may be changed between steps (a schedule).
    """

    def __init__(self, params, lr=3e-3, beta1=0.9, beta2=0.999, eps=1e-8):
        fn = "Adam"
        if not isinstance(params, dict) or not params or not all(
                isinstance(p, np.ndarray) and p.dtype.kind == "f" for p in params.values()):
            raise fail(fn, "`params` একটি dict হতে হবে: নাম -> float-এর numpy array (যেমন model.params)।",
                       "`params` must be a dict: name -> numpy array of floats (e.g. model.params).", TypeError)
        lr = number(lr, "lr", fn, positive=True)
        beta1 = number(beta1, "beta1", fn, minimum=0, maximum=0.999999)
        beta2 = number(beta2, "beta2", fn, minimum=0, maximum=0.999999)
        eps = number(eps, "eps", fn, positive=True)
        self.params, self.lr, self.beta1, self.beta2, self.eps = params, lr, beta1, beta2, eps
        self.m = _zeros_like(params)
        self.v = _zeros_like(params)
        self.t = 0

    def step(self, grads):
        missing = [k for k in self.params if not isinstance(grads, dict) or k not in grads]
        if missing:
            raise fail("Adam.step", f"`grads`-এ এই parameter-গুলোর gradient নেই: {missing[:5]}।",
                       f"`grads` has no gradient for these parameters: {missing[:5]}.")
        lr = number(self.lr, "lr", "Adam.step", positive=True)   # a schedule may have changed it
        self.t += 1
        b1, b2 = self.beta1, self.beta2
        lr_t = lr * np.sqrt(1 - b2 ** self.t) / (1 - b1 ** self.t)   # bias correction
        for k, p in self.params.items():
            g = grads[k]
            m, v = self.m[k], self.v[k]
            m *= b1
            m += (1 - b1) * g
            v *= b2
            v += (1 - b2) * (g * g)
            p -= (lr_t * m / (np.sqrt(v) + self.eps)).astype(p.dtype, copy=False)
