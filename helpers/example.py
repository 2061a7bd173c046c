"""The course's running example: "আমি ভাত খাই" → "I eat rice", through every step.

Lesson 2 builds the encoder and its hidden states H; lesson 3 runs the decoder that makes
the queries s_t; lessons 4-8 score, weigh, average and translate with them.  Every lesson
takes its numbers from here, so the same sentence goes through the whole course.

The vectors are 2-D (d = 2), small enough to draw as arrows.  Where the numbers come from:

* The words' embeddings and the encoder's weights are seeded random numbers (lesson 2
  explains that a real model learns them).
* The decoder's input weights ``W_y`` are *solved for*, not learned: we pick them (with
  least squares, as lesson 1 did) so that the query at each step points at the Bengali
  word it needs: "I" at আমি, "eat" at খাই, "rice" at ভাত.  Training (lesson 10) finds
  such weights by itself; ``untrained_queries()`` shows what random weights do instead.
* The output layer ``W_o`` is solved for in the same spirit: each English word's row
  points the way its own step's s~_t points.
"""

from __future__ import annotations

import numpy as np

from . import attention as A

__all__ = ["SOURCE", "TARGET", "ALIGNMENT", "BN_WORDS", "EN_WORDS", "START", "K", "D",
           "embed", "encode", "H", "decoder_step", "queries", "untrained_queries", "S",
           "W_C", "W_O", "translate"]

SOURCE = ["আমি", "ভাত", "খাই"]              # x_1, x_2, x_3
TARGET = ["I", "eat", "rice"]                 # y_1, y_2, y_3
ALIGNMENT = [0, 2, 1]                         # the source word each target word translates
BN_WORDS = ["আমি", "আমরা", "ভাত", "খাই", "খেলাম", "মাছ"]     # lesson 2's vocabulary
START = "<s>"                                 # what the decoder reads before its first word
EN_WORDS = ["I", "eat", "rice", "we", "ate", "fish"]       # what the decoder can write
K, D = 4, 2                                   # numbers per word embedding; size of h_i and s_t

_rng = np.random.default_rng(3)
_BN = {w: _rng.normal(size=K) for w in BN_WORDS}
W_X = _rng.normal(scale=0.7, size=(D, K))     # encoder: word -> memory
W_H = _rng.normal(scale=0.7, size=(D, D))     # encoder: old memory -> new memory
B = _rng.normal(scale=0.1, size=D)            # encoder: a constant shift (bias)
_EN = {w: _rng.normal(size=K) for w in [START] + EN_WORDS}
W_S = _rng.normal(scale=0.5, size=(D, D))     # decoder: previous state -> new state


def embed(words, language: str = "bn") -> np.ndarray:
    """The embeddings of ``words``, one row each (shape (T, K))."""
    table = _BN if language == "bn" else _EN
    return np.array([table[w] for w in words])


def encode(words) -> np.ndarray:
    """Lesson 2's RNN encoder: h_i = tanh(W_x x_i + W_h h_{i-1} + b), h_0 = 0.  Returns H (T, D)."""
    return A.rnn_states(embed(words), np.zeros(D), W_X, W_H, B)


H = encode(SOURCE)


def _solve_w_y() -> np.ndarray:
    """W_y such that step t's query s_t points at the word it needs (ALIGNMENT).

    The decoder is s_t = tanh(W_s s_{t-1} + W_y y_{t-1}), with s_0 = h_T.  We want
    s_t = 0.95 * (unit vector of h_{a_t}) in each coordinate's range, i.e. a fixed
    pre-activation z_t = arctanh(s_t); then W_y y_{t-1} = z_t - W_s s_{t-1}: three linear
    equations, solved exactly by least squares (the three y_{t-1} are independent).
    """
    s_prev, rows = H[-1], []
    for a in ALIGNMENT:
        target = 0.95 * H[a] / np.abs(H[a]).max()          # keep inside tanh's range (-1, 1)
        rows.append(np.arctanh(target) - W_S @ s_prev)
        s_prev = target
    Y = embed([START] + TARGET[:-1], "en")                  # (3, K): what each step reads
    return np.linalg.lstsq(Y, np.array(rows), rcond=None)[0].T   # (D, K)


W_Y = _solve_w_y()


def decoder_step(s_prev, y_prev: str, W_y=None) -> np.ndarray:
    """One step of the decoder RNN (lesson 3): s_t = tanh(W_s s_{t-1} + W_y y_{t-1})."""
    W_y = W_Y if W_y is None else W_y
    return A.rnn_step(embed([y_prev], "en")[0], np.asarray(s_prev, float), W_y, W_S)


def queries(W_y=None) -> np.ndarray:
    """s_1, s_2, s_3 while the decoder reads <s>, "I", "eat" (teacher forcing); shape (3, D)."""
    s, out = H[-1], []                                      # s_0 = h_T, as in a vanilla model
    for y_prev in [START] + TARGET[:-1]:
        s = decoder_step(s, y_prev, W_y)
        out.append(s)
    return np.array(out)


def untrained_queries(seed: int = 0) -> np.ndarray:
    """The same decoder with random W_y, as before any training: its queries point anywhere."""
    return queries(np.random.default_rng(seed).normal(scale=0.7, size=(D, K)))


S = queries()


def _output_weights():
    """W_c (D, 2D) seeded; W_o (V, D): each target word's row points along its step's s~_t."""
    rng = np.random.default_rng(7)
    W_c = rng.normal(scale=0.8, size=(D, 2 * D))
    W_o = rng.normal(scale=0.3, size=(len(EN_WORDS), D))     # the words we never write stay weak
    C = A.attend(S, H)[0]
    for t, word in enumerate(TARGET):
        s_tilde = np.tanh(W_c @ np.concatenate([S[t], C[t]]))
        W_o[EN_WORDS.index(word)] = 6.0 * s_tilde / np.linalg.norm(s_tilde)
    return W_c, W_o


W_C, W_O = _output_weights()


def translate(score: str = "dot", **params):
    """All three steps at once: ``(c, alpha, e, s_tilde, y, words)`` with one row per step."""
    c, alpha, e = A.attend(S, H, score=score, **params)
    s_tilde, y = A.output_step(S, c, W_C, W_O)
    return c, alpha, e, s_tilde, y, [EN_WORDS[i] for i in y.argmax(axis=-1)]
