"""Homework feedback inside the notebook: ``check(exercise_id, answer)``.

A student writes a function, say their own ``softmax``, and runs::

    from helpers.checks import check
    result = check("softmax", softmax)

The checker calls the function on the exercise's test cases, one by one, and prints in
Bengali and English what passed, the first case that failed with what was expected and
what came back, and a hint aimed at the mistake it recognised (softmax without the max
trick, the wrong axis, an ignored mask, [c; s] instead of [s; c], ...).  ``result.passed``
and ``result.hint`` say the same in code; the homework's graded cells assert
``result.passed``.

A wrong answer never crashes the checker: an exception inside the student's code, None, a
list, a wrong shape, NaN, or a function that never returns (a time limit, ``TIME_LIMIT``
seconds a call) each get a clear message.  A function that still raises
``NotImplementedError`` (the homework's empty stub) is reported as "not done yet".

``EXERCISES`` maps every exercise id to its ``Exercise`` (``str()`` of it is the
description).  The function exercises take a function with the same signature as the
``helpers.attention`` function of the same name (``score_dot``, ``softmax``, ``context``,
``scaled_dot_product_attention``, ...).  The ``predict_*`` exercises take the student's
prediction: a value, or a function of no arguments that returns it.

Needs numpy only: it works on Colab and offline with nothing installed beyond the course.
"""

from __future__ import annotations

import copy
import inspect
import signal
import threading
import traceback
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from . import attention as A
from . import example as E
from .data import to_ascii_digits, to_bengali_digits
from .validate import bilingual, choice

__all__ = ["EXERCISES", "HINTS", "Exercise", "Case", "Result", "check", "TIME_LIMIT"]

TIME_LIMIT = 5.0          # seconds one call of a student's function may take
RTOL, ATOL = 1e-5, 1e-8   # how close an answer must be (float32 answers pass too)

# --------------------------------------------------------------------------- hints
# Each hint: (Bengali, English).  The first group names a common mistake the checker
# recognises from the answer's numbers; the second says what kind of answer came back.

HINTS: dict[str, tuple[str, str]] = {
    # the common mistakes
    "softmax_overflow": (
        "বড় score-এ exp উপচে পড়ে: exp(1000) হয় inf, আর inf/inf হয় nan; খুব বড় ঋণাত্মক score-এ সবগুলো exp হয় 0, "
        "আর 0/0-ও nan। exp নেওয়ার আগে সবচেয়ে বড় score-টা বিয়োগ করো: e − max(e)। সব score থেকে একই সংখ্যা "
        "বাদ দিলে softmax বদলায় না, আর তখন সবচেয়ে বড় exp হয় ঠিক 1।",
        "Large scores overflow exp: exp(1000) is inf, and inf/inf is nan; very negative scores make every "
        "exp 0, and 0/0 is nan too. Subtract the largest score before exp: e − max(e). Taking the same "
        "number from every score does not change the softmax, and the largest exp becomes exactly 1."),
    "softmax_wrong_axis": (
        "ভুল axis ধরে softmax হয়েছে: weight-গুলোর যোগফল 1 হওয়ার কথা `axis` ধরে (ডিফল্ট -1, শেষ axis: প্রতিটি "
        "সারি, মানে একটি query-র weight), কিন্তু তোমার উত্তরে যোগফল 1 হয়েছে অন্য দিকে (যেমন কলাম ধরে, বা পুরো "
        "array জুড়ে)। max আর sum নাও `axis=axis` ধরে, আর `keepdims=True` রাখো যাতে ভাগটা ঠিক জায়গায় পড়ে।",
        "The softmax ran along the wrong axis: the weights should sum to 1 along `axis` (default -1, the last "
        "axis: each row, one query's weights), but in your answer they sum to 1 another way (e.g. down the "
        "columns, or over the whole array). Take the max and the sum along `axis=axis`, with `keepdims=True` "
        "so the division lines up."),
    "softmax_not_normalized": (
        "exp নিয়েছ, কিন্তু যোগফল দিয়ে ভাগ করোনি: weight-গুলোর যোগফল 1 হওয়া চাই।",
        "You took exp but did not divide by the sum: the weights must add up to 1."),
    "softmax_no_exp": (
        "score-গুলোকে সরাসরি তাদের যোগফল দিয়ে ভাগ করেছ, exp ছাড়া। ঋণাত্মক score-এ তখন weight ঋণাত্মক হয়ে যেতে পারে। "
        "আগে exp, তারপর ভাগ।",
        "You divided the scores by their sum directly, without exp; a negative score can then get a negative "
        "weight. First exp, then divide."),
    "mask_ignored": (
        "mask-টা কাজে লাগেনি: যেখানে mask False, সেখানে weight ঠিক 0 হওয়ার কথা। softmax-এর আগে ওই score-গুলোকে "
        "-inf করে দাও, যেমন `np.where(mask, e, -np.inf)`; exp(-inf) = 0।",
        "The mask was ignored: where the mask is False the weight must be exactly 0. Before the softmax set "
        "those scores to -inf, e.g. `np.where(mask, e, -np.inf)`; exp(-inf) = 0."),
    "mask_reversed": (
        "mask উল্টো পড়েছ: এই কোর্সে True মানে \"রাখো\", False মানে \"বাদ দাও\"। তুমি True-গুলো বাদ দিয়েছ।",
        "The mask is read the wrong way round: in this course True means keep and False means remove. "
        "You removed the True positions."),
    "mask_after_softmax": (
        "softmax-এর পরে weight-গুলোকে mask দিয়ে গুণ করেছ, তাই বাকিগুলোর যোগফল আর 1 নেই। mask বসাও softmax-এর আগে, "
        "score-এ (-inf দিয়ে)।",
        "You multiplied the weights by the mask after the softmax, so the rest no longer sum to 1. Apply the "
        "mask before the softmax, to the scores (with -inf)."),
    "context_from_scores": (
        "context বানানো হয়েছে score e দিয়ে, weight α দিয়ে নয়। আগে softmax দিয়ে e থেকে α বানাও, তারপর "
        "c = Σᵢ αᵢ hᵢ।",
        "The context was built from the scores e instead of the weights α. First turn e into α with the "
        "softmax, then c = Σᵢ αᵢ hᵢ."),
    "no_scale": (
        "√d দিয়ে ভাগ করতে ভুলে গেছ: Q Kᵀ-কে √d দিয়ে ভাগ করো (d = Q-এর শেষ মাত্রা), তারপর softmax। পাঠ ১৩ "
        "দেখায় কেন: বড় d-তে dot product বড় হয়, softmax তখন প্রায় one-hot হয়ে যায়।",
        "You forgot to divide by √d: divide Q Kᵀ by √d (d = the last dimension of Q), then take the "
        "softmax. Lesson 13 shows why: with large d the dot products grow and the softmax turns almost one-hot."),
    "scale_by_d": (
        "d দিয়ে ভাগ করেছ; ভাগ করতে হবে √d দিয়ে (`np.sqrt(d)`)।",
        "You divided by d; divide by √d instead (`np.sqrt(d)`)."),
    "concat_order": (
        "[c; s] জুড়েছ, কিন্তু সূত্র হলো [s; c]: আগে s, তারপর c। W_c-এর প্রথম কলামগুলো s-এর জন্য।",
        "You joined [c; s], but the formula is [s; c]: s first, then c. The first columns of W_c belong to s."),
    "causal_wrong_way": (
        "causal mask উল্টো দিকে: শব্দ i দেখতে পারে j ≤ i (নিজেকে আর আগের শব্দগুলো), পরের শব্দ নয়। তোমারটা "
        "ভবিষ্যৎ দেখতে দেয়। ওপরের ত্রিভুজ নয়, নিচের ত্রিভুজ: `np.tril`।",
        "The causal mask faces the wrong way: word i may look at j ≤ i (itself and earlier words), never "
        "later ones. Yours lets it see the future. The lower triangle, not the upper: `np.tril`."),
    "causal_no_diagonal": (
        "কর্ণ (diagonal) বাদ পড়েছে: শব্দ i নিজেকেও দেখতে পারে। প্রথম শব্দের সারিতে তো তাহলে কিছুই থাকে না।",
        "The diagonal is missing: word i may look at itself too. Otherwise the first word's row keeps nothing at all."),
    "causal_all_true": (
        "সব True: কোনো কিছুই আড়াল হয়নি। পরের শব্দগুলো (j > i) False হওয়ার কথা।",
        "Everything is True: nothing is hidden. The later words (j > i) should be False."),
    "mask_dtype": (
        "mask True/False (bool) হওয়ার কথা, 0/1 সংখ্যা নয়: `dtype=bool` দাও।",
        "A mask holds True/False (bool), not the numbers 0/1: use `dtype=bool`."),
    # the other recognised mistakes
    "no_tanh": (
        "tanh বাদ পড়েছে: সূত্রে ভেতরের যোগফলের ওপর tanh আছে।",
        "The tanh is missing: the formula applies tanh to the sum inside."),
    "rnn_no_memory": (
        "আগের memory বাদ পড়েছে: W_h h_prev যোগ করো। RNN-এর মূল কথাই আগের state মনে রাখা।",
        "The previous memory is missing: add W_h h_prev. Remembering the previous state is what makes it an RNN."),
    "rnn_no_bias": (
        "b যোগ করোনি। মনে রেখো: b None হলে কিছু যোগ হয় না, নইলে b যোগ হয়।",
        "You did not add b. Remember: add nothing when b is None, and b otherwise."),
    "only_last_state": (
        "শুধু শেষ state ফেরত দিয়েছ। attention-এর জন্য সব state চাই: প্রতিটি ধাপের h একটা list-এ জমাও, "
        "তারপর `np.array(...)` করে (T, d) ফেরত দাও। নোট যেমন বলে: \"এবার আর শুধু h_T নেওয়া হবে না।\"",
        "You returned only the last state. Attention needs every state: collect each step's h in a list "
        "and return `np.array(...)` of shape (T, d). As the notes say: \"this time we do not keep only h_T.\""),
    "no_carry": (
        "প্রতিটি ধাপে আগের ধাপের state ব্যবহার করতে হবে: লুপের ভেতরে h = rnn_step(x, h, ...) লিখে h-টা বদলাও।",
        "Each step must use the previous step's state: inside the loop update h, as in h = rnn_step(x, h, ...)."),
    "ignores_h0": (
        "শুরুর state h0 ব্যবহার হয়নি, শূন্য থেকে শুরু হয়েছে। decoder শুরু করে s₀ = h_T থেকে, তাই শুরু করতে হবে h0 থেকেই।",
        "The starting state h0 was not used; you started from zeros. The decoder starts from s₀ = h_T, "
        "so start from h0 itself."),
    "starts_h1": (
        "decoder শুরু করেছ h₁ থেকে; শুরু করতে হবে h_T থেকে (`H[-1]`): পুরো বাক্য পড়ার পরের memory।",
        "The decoder started from h₁; it starts from h_T (`H[-1]`): the memory after the whole sentence."),
    "includes_h0": (
        "শুরুর state h0-কেও ফলাফলে রেখেছ; শুধু নতুন T-টি state চাই (প্রতিটি input সারির জন্য একটি)।",
        "You kept the starting state h0 in the result; return only the T new states (one per row of input)."),
    "dot_no_sum": (
        "গুণ করেছ, কিন্তু যোগ করোনি: s·hᵢ একটি সংখ্যা, তাই প্রতিটি hᵢ-এর জন্য একটি score, shape (T,)। "
        "`H @ s` একসাথে সব করে দেয়।",
        "You multiplied but did not add: s·hᵢ is one number, so one score per hᵢ, shape (T,). `H @ s` "
        "does it all at once."),
    "dot_wrong_axis": (
        "ভুল axis ধরে যোগ করেছ: যোগ হবে প্রতিটি hᵢ-এর সংখ্যাগুলোর ওপর (শেষ axis), T অবস্থানের ওপর নয়।",
        "You summed along the wrong axis: sum over the numbers in each hᵢ (the last axis), not over the T positions."),
    "dot_scaled": (
        "√d দিয়ে ভাগ করেছ: সেটা scaled dot। সাধারণ dot score-এ ভাগ নেই।",
        "You divided by √d: that is the scaled dot. The plain dot score has no division."),
    "general_transposed": (
        "W উল্টো দিক থেকে লেগেছে: সূত্র sᵀ W hᵢ, মানে W প্রথমে hᵢ-কে গুণ করে (W hᵢ), তারপর s-এর সাথে dot। "
        "সব i একসাথে: `H @ W.T @ s`।",
        "W is applied from the wrong side: the formula is sᵀ W hᵢ, so W multiplies hᵢ first (W hᵢ), then "
        "the dot with s. For every i at once: `H @ W.T @ s`."),
    "general_no_W": (
        "W ব্যবহার হয়নি: এটা তো সাধারণ dot score হয়ে গেল।",
        "W was not used: this is just the plain dot score."),
    "additive_tanh_outside": (
        "tanh ভুল জায়গায়: আগে tanh(W₁ s + W₂ hᵢ), তারপর v-এর সাথে dot।",
        "The tanh is in the wrong place: first tanh(W₁ s + W₂ hᵢ), then the dot with v."),
    "additive_swapped": (
        "W₁ আর W₂ অদলবদল হয়েছে: W₁ গুণ করে s-কে, W₂ গুণ করে hᵢ-কে।",
        "W₁ and W₂ are swapped: W₁ multiplies s and W₂ multiplies hᵢ."),
    "context_no_sum": (
        "αᵢ hᵢ গুণ করেছ, কিন্তু যোগ করোনি: c একটি vector, shape (d,)। `alpha @ H` গুণ আর যোগ একসাথে করে।",
        "You multiplied αᵢ hᵢ but did not add them up: c is one vector, shape (d,). `alpha @ H` multiplies "
        "and adds in one go."),
    "context_wrong_axis": (
        "ভুল axis ধরে যোগ করেছ: যোগ হবে T অবস্থানের ওপর (i ধরে), প্রতিটি hᵢ-এর ভেতরের সংখ্যাগুলোর ওপর নয়।",
        "You summed along the wrong axis: add over the T positions (over i), not over the numbers inside each hᵢ."),
    "context_ignores_weights": (
        "weight α বাদ পড়েছে: তোমার উত্তর hᵢ-গুলোর সাধারণ গড়। context হলো ভারযুক্ত গড়: Σᵢ αᵢ hᵢ।",
        "The weights α were left out: your answer is the plain mean of the hᵢ. The context is the weighted "
        "mean: Σᵢ αᵢ hᵢ."),
    "output_no_softmax": (
        "y-তে softmax দাওনি: y হলো শব্দগুলোর ওপর সম্ভাবনা বণ্টন, তাই সব ধনাত্মক আর যোগফল 1। y = softmax(W_o s̃)।",
        "There is no softmax on y: y is a probability distribution over the words, so all positive and summing to 1. "
        "y = softmax(W_o s̃)."),
    "return_order": (
        "ঠিক জিনিসগুলোই ফেরত দিয়েছ, কিন্তু ক্রম ভুল: ফেরত দাও (c, alpha, e), এই ক্রমে।",
        "You returned the right things in the wrong order: return (c, alpha, e), in that order."),
    "batch_T": (
        "`.T` তিন-মাত্রার array-এর সব axis উল্টে দেয়, batch-ও। শেষ দুটো axis অদলবদল করো: "
        "`np.swapaxes(K, -1, -2)` (বা `K.swapaxes(-1, -2)`)।",
        "`.T` reverses every axis of a 3-D array, the batch axis too. Swap only the last two: "
        "`np.swapaxes(K, -1, -2)` (or `K.swapaxes(-1, -2)`)."),
    "split_no_swap": (
        "সরাসরি reshape করেছ: তাতে একেক head পায় পরপর কয়েকটি সারি, প্রতিটি সারির একটি টুকরো নয়। আগে "
        "(..., T, n_heads, d/n_heads)-এ reshape, তারপর axis -3 আর -2 অদলবদল।",
        "You reshaped directly: each head then gets a run of consecutive rows, not a slice of every row. Reshape "
        "to (..., T, n_heads, d/n_heads) first, then swap axes -3 and -2."),
    "merge_no_swap": (
        "সরাসরি reshape করেছ: আগে axis -3 আর -2 অদলবদল করে (..., T, n_heads, d_head) বানাও, তারপর reshape।",
        "You reshaped directly: first swap axes -3 and -2 to get (..., T, n_heads, d_head), then reshape."),
    # what kind of answer came back
    "not_done": (
        "`raise NotImplementedError(...)` লাইনটা মুছে তার জায়গায় তোমার code লেখো, তারপর cell-টা আবার চালাও।",
        "Delete the `raise NotImplementedError(...)` line, write your code in its place, and run the cell again."),
    "none": (
        "ফাংশন কিছু ফেরত দেয়নি (None)। শেষে `return` লিখতে ভুলে গেছ?",
        "The function returned nothing (None). Did you forget the `return` at the end?"),
    "list": (
        "list ফেরত দিয়েছ; numpy array ফেরত দাও: `np.array(...)`।",
        "You returned a list; return a numpy array: `np.array(...)`."),
    "type": (
        "ফেরত দেওয়া জিনিসটা সংখ্যার numpy array নয়। ফাংশনের শেষে কী `return` হচ্ছে, দেখো।",
        "What came back is not a numpy array of numbers. Look at what the function `return`s at the end."),
    "tuple": (
        "দুই বা তিনটি জিনিস একসাথে ফেরত দিতে হবে, একটি tuple-এ: `return a, b`।",
        "Return two or three things together, as a tuple: `return a, b`."),
    "shape": (
        "shape মেলেনি। ওপরের প্রত্যাশিত আর পাওয়া shape মিলিয়ে দেখো কোন axis বেশি বা কম হলো; প্রতিটি ধাপে "
        "`print(x.shape)` করে দেখা সবচেয়ে সহজ উপায়।",
        "The shape does not match. Compare the expected and the returned shape above to see which axis is "
        "extra or missing; printing `x.shape` after each line is the easiest way to find it."),
    "nan": (
        "ফলাফলে nan বা inf আছে। কোথাও 0 দিয়ে ভাগ, বা খুব বড় সংখ্যার exp হচ্ছে কি না দেখো।",
        "The result has nan or inf in it. Look for a division by 0, or exp of a very large number."),
    "dtype": (
        "সংখ্যার ধরন (dtype) মেলেনি।",
        "The kind of numbers (dtype) does not match."),
    "values": (
        "সংখ্যাগুলো মেলেনি। ছোট উদাহরণটা হাতে (বা print করে) ধাপে ধাপে হিসাব করে দেখো, কোন ধাপে গরমিল হচ্ছে।",
        "The numbers do not match. Work through the small example by hand (or with prints), step by step, "
        "to see where it goes off."),
    "input_changed": (
        "তোমার ফাংশন তার input বদলে দিয়েছে (যেমন `e -= e.max()`)। তাতে বাইরে থেকে পাঠানো মূল array-টাও বদলে যায়। নতুন "
        "array বানাও: `e = e - e.max()`।",
        "Your function changed its input in place (e.g. `e -= e.max()`), which changes the caller's array "
        "too. Make a new array instead: `e = e - e.max()`."),
    "exception": (
        "তোমার code-এর ভেতরে একটা error হয়েছে; ওপরের লাইনটা বলে কোথায় আর কী। প্রায়ই কারণ shape: দুটো array-এর "
        "shape print করে দেখো।",
        "An error happened inside your code; the line above says where and what. Most often it is a shape: "
        "print the two arrays' shapes."),
    "signature": (
        "ফাংশনটা এই argument-গুলো নিতে পারেনি। এর signature হওয়া চাই ঠিক অনুশীলনের মতো (ওপরে দেখো)।",
        "The function could not take these arguments. Its signature must be exactly as the exercise says (see above)."),
    "timeout": (
        "ফাংশনটা সময়সীমার মধ্যে শেষ হয়নি: কোথাও অসীম লুপ আছে কি না দেখো (যেমন এমন while, যার শর্ত কখনও মিথ্যা হয় না)।",
        "The function did not finish within the time limit: look for a loop that never ends (a while "
        "whose condition never turns false)."),
    "not_callable": (
        "এখানে ফাংশনটাই দিতে হবে, তাকে ডেকে পাওয়া ফল নয়: `check(\"softmax\", softmax)`, `softmax(...)` নয়।",
        "Pass the function itself, not the result of calling it: `check(\"softmax\", softmax)`, not `softmax(...)`."),
}


def _hint(key: str) -> str:
    return bilingual(*HINTS[key])


# --------------------------------------------------------------------------- exercises


@dataclass(frozen=True)
class Case:
    """One test case: a short name in both languages and the arguments."""
    bn: str
    en: str
    args: tuple
    kwargs: dict = field(default_factory=dict)
    extreme: bool = False      # scores so large or small that exp overflows without the max trick


@dataclass(frozen=True)
class Exercise:
    """One exercise: what it asks, where it is taught, and how it is checked.

    A function exercise has ``reference`` (the right function), ``cases``, ``parts`` (the
    names of the returned things when it returns a tuple) and ``mistakes``: (wrong function,
    hint key) pairs; an answer that agrees with a wrong function on the failing case gets
    that hint.  A prediction has ``answer`` and a ``why`` shown once the guess is right, and
    ``hint`` shown while it is wrong.
    """
    bn: str
    en: str
    lesson: str
    signature: str = ""
    reference: Callable | None = None
    cases: tuple = ()
    parts: tuple = ()
    mistakes: tuple = ()
    answer: Any = None
    why: tuple = ("", "")
    hint: tuple = ("", "")
    options: tuple = ()        # a prediction's allowed answers, e.g. ("a", "b", "c")

    @property
    def is_prediction(self) -> bool:
        return self.reference is None

    def __str__(self) -> str:
        head = f"{self.signature}: " if self.signature else ""
        return bilingual(f"{head}{self.bn} (পাঠ {to_bengali_digits(str(int(self.lesson[:2])))})",
                         f"{head}{self.en} (lesson {int(self.lesson[:2])})")


_rng = np.random.default_rng(2024)


def _r(*shape, scale=1.0):
    return np.round(_rng.normal(scale=scale, size=shape), 3)


_NOTES_H = np.array([[2.0], [5.0], [1.0]])               # the notes' h_1 = 2, h_2 = 5, h_3 = 1 (d = 1)
_X_BN = E.embed(E.SOURCE)                                 # আমি ভাত খাই as embeddings (3, 4)
_Y_PREV = E.embed([E.START] + E.TARGET[:-1], "en")        # <s>, I, eat
_ALPHA1 = A.softmax(A.score_dot(E.S[0], E.H))             # the weights when writing "I"


def _softmax_axis(e, axis):
    x = np.exp(e - e.max(axis=axis, keepdims=True))
    return x / x.sum(axis=axis, keepdims=True)


def _masked(e, mask):
    return e if mask is None else np.where(mask, e, -np.inf)


def _naive_softmax(e, mask=None, axis=-1):
    x = np.exp(np.asarray(e, float))
    if mask is not None:
        x = x * mask
    return x / x.sum(axis=axis, keepdims=True)


def _sdpa(Q, K, V, mask=None, scale=None, axis=-1, T=False, keep=True):
    Kt = K.T if T else np.swapaxes(K, -1, -2)
    w = Q @ Kt / (np.sqrt(Q.shape[-1]) if scale is None else scale)
    if mask is not None:
        w = np.where(mask if keep else ~np.asarray(mask), w, -np.inf)
    w = _softmax_axis(w, axis)
    return w @ V, w


def _states(X, h0, W_x, W_h, b=None, carry=True):
    b = 0 if b is None else b
    out, h = [], h0
    for x in X:
        new = np.tanh(W_x @ x + W_h @ h + b)
        out.append(new)
        h = new if carry else h0
    return np.array(out)


def _split_direct(X, n_heads):
    *lead, T, d = X.shape
    return X.reshape(*lead, n_heads, T, d // n_heads)


def _merge_direct(X):
    *lead, n, T, dh = X.shape
    return X.reshape(*lead, T, n * dh)


_W_GEN = _r(2, 2)
_W_GEN_RECT = _r(3, 2)
_ADD = dict(W1=_r(3, 2), W2=_r(3, 2), v=_r(3))
_ADD_RECT = dict(W1=_r(4, 3), W2=_r(4, 2), v=_r(4))
_E2 = np.array([[1.0, 2.0, 3.0], [2.0, 0.5, -1.0]])
_Q, _K, _V = _r(2, 4), _r(3, 4), _r(3, 2)
_QB, _KB, _VB = _r(2, 3, 4), _r(2, 3, 4), _r(2, 3, 5)
_XH = np.arange(24.0).reshape(3, 8)


def _c(bn, en, *args, extreme=False, **kwargs):
    return Case(bn, en, args, kwargs, extreme)


EXERCISES: dict[str, Exercise] = {
    # ---- step 1 and 2: the encoder and the decoder's query (lessons 2-3)
    "rnn_step": Exercise(
        "RNN-এর একটি ধাপ: h = tanh(W_x x + W_h h_prev + b); b None হলে কিছু যোগ হয় না।",
        "One RNN step: h = tanh(W_x x + W_h h_prev + b); when b is None nothing is added.",
        "02-encoder", "rnn_step(x, h_prev, W_x, W_h, b=None)", A.rnn_step,
        (_c("প্রথম শব্দ \"আমি\", h₀ = 0", "the first word \"আমি\", h₀ = 0", _X_BN[0], np.zeros(2), E.W_X, E.W_H, E.B),
         _c("দ্বিতীয় শব্দ \"ভাত\", আগের memory h₁ সহ", "the second word \"ভাত\", with the memory h₁",
            _X_BN[1], E.H[0], E.W_X, E.W_H, E.B),
         _c("b = None (decoder-এর মতো)", "b = None (as in the decoder)", _Y_PREV[1], E.H[-1], E.W_Y, E.W_S)),
        mistakes=((lambda x, h, Wx, Wh, b=None: Wx @ x + Wh @ h + (0 if b is None else b), "no_tanh"),
                  (lambda x, h, Wx, Wh, b=None: np.tanh(Wx @ x + (0 if b is None else b)), "rnn_no_memory"),
                  (lambda x, h, Wx, Wh, b=None: np.tanh(Wx @ x + Wh @ h), "rnn_no_bias"))),
    "rnn_states": Exercise(
        "X-এর প্রতিটি সারির ওপর rnn_step চালাও, h0 থেকে শুরু করে; সব state ফেরত দাও, shape (T, d)।",
        "Run rnn_step along the rows of X, starting from h0; return every state, shape (T, d).",
        "02-encoder", "rnn_states(X, h0, W_x, W_h, b=None)", A.rnn_states,
        (_c("encoder: \"আমি ভাত খাই\", h₀ = 0", "the encoder: \"আমি ভাত খাই\", h₀ = 0", _X_BN, np.zeros(2), E.W_X, E.W_H, E.B),
         _c("decoder: s₀ = h_T থেকে, <s> I eat পড়ে", "the decoder: from s₀ = h_T, reading <s> I eat",
            _Y_PREV, E.H[-1], E.W_Y, E.W_S),
         _c("৫টি শব্দ, এলোমেলো weight", "five words, random weights", _r(5, 3), _r(2), _r(2, 3), _r(2, 2), _r(2))),
        mistakes=((lambda *a: A.rnn_states(*a)[-1], "only_last_state"),
                  (lambda X, h0, *w: _states(X, h0, *w, carry=False), "no_carry"),
                  (lambda X, h0, *w: _states(X, np.zeros_like(h0), *w), "ignores_h0"),
                  (lambda X, h0, *w: np.vstack([h0, _states(X, h0, *w)]), "includes_h0"),
                  (lambda X, h0, Wx, Wh, b=None: _states(X, h0, Wx, Wh), "rnn_no_bias"))),
    "decoder_queries": Exercise(
        "decoder-এর query s₁, s₂, …: s₀ = h_T থেকে শুরু, sₜ = tanh(W_s sₜ₋₁ + W_y yₜ₋₁); ফেরত দাও S, shape (T_y, d)।",
        "The decoder's queries s₁, s₂, …: start from s₀ = h_T, sₜ = tanh(W_s sₜ₋₁ + W_y yₜ₋₁); return S, shape (T_y, d).",
        "03-decoder-query", "decoder_queries(H, Y_prev, W_s, W_y)",
        lambda H, Y, W_s, W_y: A.rnn_states(Y, H[-1], W_y, W_s),
        (_c("আমাদের উদাহরণ: <s> I eat পড়ে", "our example: reading <s> I eat", E.H, _Y_PREV, E.W_S, E.W_Y),
         _c("৫টি শব্দের বাক্য, ৪টি ধাপ", "a five-word sentence, four steps", _r(5, 2), _r(4, 3), _r(2, 2), _r(2, 3))),
        mistakes=((lambda H, Y, W_s, W_y: A.rnn_states(Y, np.zeros(H.shape[-1]), W_y, W_s), "ignores_h0"),
                  (lambda H, Y, W_s, W_y: A.rnn_states(Y, H[0], W_y, W_s), "starts_h1"),
                  (lambda H, Y, W_s, W_y: A.rnn_states(Y, H[-1], W_y, W_s)[-1], "only_last_state"),
                  (lambda H, Y, W_s, W_y: _states(Y, H[-1], W_y, W_s, carry=False), "no_carry"),
                  (lambda H, Y, W_s, W_y: np.vstack([H[-1], A.rnn_states(Y, H[-1], W_y, W_s)]), "includes_h0"))),
    # ---- step 3: scores (lesson 4)
    "score_dot": Exercise(
        "dot score: eᵢ = s · hᵢ, প্রতিটি hᵢ-এর জন্য একটি সংখ্যা।",
        "The dot score: eᵢ = s · hᵢ, one number per hᵢ.",
        "04-scores", "score_dot(s, H)", A.score_dot,
        (_c("নোটের উদাহরণ: s = −4, h = 2, 5, 1", "the notes' example: s = −4, h = 2, 5, 1", np.array([-4.0]), _NOTES_H),
         _c("\"I\" লেখার query s₁ আর আমাদের H", "the query s₁ for \"I\" and our H", E.S[0], E.H),
         _c("d = 3, T = 5", "d = 3, T = 5", _r(3), _r(5, 3))),
        mistakes=((lambda s, H: s * H, "dot_no_sum"), (lambda s, H: (s * H).sum(axis=0), "dot_wrong_axis"),
                  (lambda s, H: H @ s / np.sqrt(len(s)), "dot_scaled"))),
    "score_general": Exercise(
        "general score: eᵢ = sᵀ W hᵢ; W-এর shape (d_s, d_h)।",
        "The general score: eᵢ = sᵀ W hᵢ; W has shape (d_s, d_h).",
        "04-scores", "score_general(s, H, W)", A.score_general,
        (_c("W = I (একক matrix): dot-এর সমান", "W = I (identity): the same as dot", E.S[0], E.H, np.eye(2)),
         _c("এলোমেলো 2×2 W", "a random 2×2 W", E.S[1], E.H, _W_GEN),
         _c("d_s = 3, d_h = 2: W (3, 2)", "d_s = 3, d_h = 2: W (3, 2)", _r(3), E.H, _W_GEN_RECT)),
        mistakes=((lambda s, H, W: H @ W @ s, "general_transposed"), (lambda s, H, W: H @ s, "general_no_W"))),
    "score_additive": Exercise(
        "additive score: eᵢ = vᵀ tanh(W₁ s + W₂ hᵢ)।",
        "The additive score: eᵢ = vᵀ tanh(W₁ s + W₂ hᵢ).",
        "04-scores", "score_additive(s, H, W1, W2, v)", A.score_additive,
        (_c("k = 3, d = 2", "k = 3, d = 2", E.S[0], E.H, *_ADD.values()),
         _c("d_s = 3, d_h = 2, k = 4", "d_s = 3, d_h = 2, k = 4", _r(3), E.H, *_ADD_RECT.values())),
        mistakes=((lambda s, H, W1, W2, v: (W1 @ s + H @ W2.T) @ v, "no_tanh"),
                  (lambda s, H, W1, W2, v: np.tanh((W1 @ s + H @ W2.T) @ v), "additive_tanh_outside"),
                  (lambda s, H, W1, W2, v: np.tanh(W2 @ s + H @ W1.T) @ v, "additive_swapped"))),
    # ---- step 4: softmax (lesson 5)
    "softmax": Exercise(
        "স্থিতিশীল softmax: axis ধরে, mask (True = রাখো) সহ; বাদ পড়া জায়গার weight ঠিক 0।",
        "A stable softmax: along `axis`, with a mask (True = keep); removed positions get exactly 0.",
        "05-softmax", "softmax(e, mask=None, axis=-1)", A.softmax,
        (_c("তিনটি score: 2, 1, 0.1", "three scores: 2, 1, 0.1", np.array([2.0, 1.0, 0.1])),
         _c("নোটের উদাহরণ, s = −4: −8, −20, −4", "the notes' example, s = −4: −8, −20, −4", np.array([-8.0, -20.0, -4.0])),
         _c("দুই query-র score, প্রতিটি সারি আলাদা", "two queries' scores, one row each", _E2),
         _c("খুব বড় score: 1000, 1001, 1002", "very large scores: 1000, 1001, 1002",
            np.array([1000.0, 1001.0, 1002.0]), extreme=True),
         _c("খুব ছোট score: −1000, −1001, −1002", "very negative scores: −1000, −1001, −1002",
            np.array([-1000.0, -1001.0, -1002.0]), extreme=True),
         _c("axis=0: কলাম ধরে", "axis=0: down the columns", _E2, axis=0),
         _c("mask: দ্বিতীয় অবস্থান বাদ", "mask: the second position removed",
            np.array([2.0, 1.0, 0.1, 3.0]), mask=np.array([True, False, True, True])),
         _c("দুই সারি, প্রতিটির নিজের mask", "two rows, each with its own mask",
            _E2, mask=np.array([[True, True, False], [False, True, True]]))),
        mistakes=((lambda e, mask=None, axis=-1: _softmax_axis(e, axis), "mask_ignored"),
                  (lambda e, mask=None, axis=-1: _softmax_axis(np.where(mask, -np.inf, e), axis), "mask_reversed"),
                  (lambda e, mask=None, axis=-1: _softmax_axis(e, axis) * mask, "mask_after_softmax"),
                  (lambda e, mask=None, axis=-1: np.exp(_masked(e, mask)), "softmax_not_normalized"),
                  (lambda e, mask=None, axis=-1: np.exp(_masked(e, mask) - _masked(e, mask).max(axis=axis, keepdims=True)),
                   "softmax_not_normalized"),
                  (lambda e, mask=None, axis=-1: _softmax_axis(_masked(e, mask), 0 if axis == -1 else -1),
                   "softmax_wrong_axis"),
                  (lambda e, mask=None, axis=-1: np.exp(e - e.max()) / np.exp(e - e.max()).sum(), "softmax_wrong_axis"),
                  (lambda e, mask=None, axis=-1: e / e.sum(axis=axis, keepdims=True), "softmax_no_exp"),
                  (_naive_softmax, "softmax_overflow"))),
    # ---- step 5: the context vector (lesson 6)
    "context": Exercise(
        "context vector: c = Σᵢ αᵢ hᵢ, shape (d,)।",
        "The context vector: c = Σᵢ αᵢ hᵢ, shape (d,).",
        "06-context-vector", "context(alpha, H)", A.context,
        (_c("α = (0, 1, 0): শুধু h₂", "α = (0, 1, 0): only h₂", np.array([0.0, 1.0, 0.0]), E.H),
         _c("\"I\" লেখার সময়ের weight", "the weights when writing \"I\"", _ALPHA1, E.H),
         _c("তিন query একসাথে: α (3, T)", "three queries at once: α (3, T)", A.softmax(A.score_dot(E.S, E.H)), E.H)),
        mistakes=((lambda a, H: a[..., :, None] * H, "context_no_sum"),
                  (lambda a, H: (a[..., :, None] * H).sum(axis=-1), "context_wrong_axis"),
                  (lambda a, H: np.broadcast_to(H.mean(axis=-2), a.shape[:-1] + H.shape[-1:]), "context_ignores_weights"))),
    # ---- step 6: the output (lesson 7)
    "output_step": Exercise(
        "output: s̃ = tanh(W_c [s; c]), y = softmax(W_o s̃); ফেরত দাও (s_tilde, y)।",
        "The output: s̃ = tanh(W_c [s; c]), y = softmax(W_o s̃); return (s_tilde, y).",
        "07-output", "output_step(s, c, W_c, W_o)", A.output_step,
        (_c("\"I\" লেখার ধাপ, আমাদের উদাহরণ", "the step that writes \"I\", our example",
            E.S[0], A.context(_ALPHA1, E.H), E.W_C, E.W_O),
         _c("d_s = 2, d_h = 3, ৫টি শব্দ", "d_s = 2, d_h = 3, five words", _r(2), _r(3), _r(4, 5), _r(5, 4))),
        parts=("s_tilde", "y"),
        mistakes=((lambda s, c, Wc, Wo: A.output_step(c, s, Wc, Wo), "concat_order"),
                  (lambda s, c, Wc, Wo: (Wc @ np.concatenate([s, c]), _softmax_axis(Wo @ (Wc @ np.concatenate([s, c])), -1)),
                   "no_tanh"),
                  (lambda s, c, Wc, Wo: (np.tanh(Wc @ np.concatenate([s, c])), Wo @ np.tanh(Wc @ np.concatenate([s, c]))),
                   "output_no_softmax"))),
    # ---- steps 3-5 together (lesson 8)
    "attend": Exercise(
        "এক ধাপের পুরো attention: score → softmax (mask সহ) → context; ফেরত দাও (c, alpha, e)।",
        "One step of attention, whole: scores → softmax (with the mask) → context; return (c, alpha, e).",
        "08-whole-flow", "attend(s, H, score=\"dot\", mask=None, **params)", A.attend,
        (_c("dot, \"I\" লেখার query", "dot, the query for \"I\"", E.S[0], E.H),
         _c("general, W সহ", "general, with W", E.S[2], E.H, score="general", W=_W_GEN),
         _c("mask: \"খাই\" বাদ", "mask: \"খাই\" removed", E.S[1], E.H, mask=np.array([True, True, False])),
         _c("additive", "additive", E.S[1], E.H, score="additive", **_ADD)),
        parts=("c", "alpha", "e"),
        mistakes=((lambda s, H, score="dot", mask=None, **p: (lambda c, a, e: (e @ H, a, e))(*A.attend(s, H, score, mask, **p)),
                   "context_from_scores"),
                  (lambda s, H, score="dot", mask=None, **p: A.attend(s, H, score, None, **p), "mask_ignored"),
                  (lambda s, H, score="dot", mask=None, **p: A.attend(s, H, score, mask, **p)[::-1], "return_order"))),
    # ---- the Transformer's forms (lessons 12-13)
    "causal_mask": Exercise(
        "causal mask: (T, T) bool, সারি i-তে True যেখানে j ≤ i।",
        "The causal mask: (T, T) bools, row i True where j ≤ i.",
        "12-types-of-attention", "causal_mask(T)", A.causal_mask,
        (_c("T = 1", "T = 1", 1), _c("T = 3", "T = 3", 3), _c("T = 5", "T = 5", 5)),
        mistakes=((lambda T: np.triu(np.ones((T, T), bool)), "causal_wrong_way"),
                  (lambda T: np.tri(T, k=-1, dtype=bool), "causal_no_diagonal"),
                  (lambda T: np.ones((T, T), bool), "causal_all_true"),
                  (lambda T: np.tri(T), "mask_dtype"), (lambda T: np.tri(T, dtype=int), "mask_dtype"))),
    "scaled_dot_product_attention": Exercise(
        "softmax(Q Kᵀ / √d) V, mask (True = রাখো) সহ; ফেরত দাও (out, weights)।",
        "softmax(Q Kᵀ / √d) V, with a mask (True = keep); return (out, weights).",
        "12-types-of-attention", "scaled_dot_product_attention(Q, K, V, mask=None)", A.scaled_dot_product_attention,
        (_c("Q (2, 4), K (3, 4), V (3, 2)", "Q (2, 4), K (3, 4), V (3, 2)", _Q, _K, _V),
         _c("self-attention, causal mask", "self-attention with a causal mask", _K, _K, _V, mask=A.causal_mask(3)),
         _c("batch: Q, K (2, 3, 4), V (2, 3, 5)", "a batch: Q, K (2, 3, 4), V (2, 3, 5)", _QB, _KB, _VB),
         _c("খুব বড় মান (Q × 5000)", "very large values (Q × 5000)", _Q * 5000, _K, _V, extreme=True)),
        parts=("out", "weights"),
        mistakes=((lambda Q, K, V, mask=None: _sdpa(Q, K, V, mask, scale=1.0), "no_scale"),
                  (lambda Q, K, V, mask=None: _sdpa(Q, K, V, mask, scale=Q.shape[-1]), "scale_by_d"),
                  (lambda Q, K, V, mask=None: _sdpa(Q, K, V), "mask_ignored"),
                  (lambda Q, K, V, mask=None: _sdpa(Q, K, V, mask, keep=False), "mask_reversed"),
                  (lambda Q, K, V, mask=None: _sdpa(Q, K, V, mask, axis=-2), "softmax_wrong_axis"),
                  (lambda Q, K, V, mask=None: (_masked(Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1]), mask) @ V,
                                               _sdpa(Q, K, V, mask)[1]), "context_from_scores"),
                  (lambda Q, K, V, mask=None: _sdpa(Q, K, V, mask, T=True), "batch_T"))),
    "split_heads": Exercise(
        "X (..., T, d)-এর প্রতিটি সারিকে n_heads টুকরোয় ভাগ করো: ফল (..., n_heads, T, d / n_heads)।",
        "Cut each row of X (..., T, d) into n_heads slices: the result is (..., n_heads, T, d / n_heads).",
        "13-limits", "split_heads(X, n_heads)", A.split_heads,
        (_c("X (3, 8), ২টি head", "X (3, 8), two heads", _XH, 2),
         _c("X (3, 8), ৪টি head", "X (3, 8), four heads", _XH, 4),
         _c("batch: X (2, 3, 6), ৩টি head", "a batch: X (2, 3, 6), three heads", np.arange(36.0).reshape(2, 3, 6), 3)),
        mistakes=((_split_direct, "split_no_swap"),)),
    "merge_heads": Exercise(
        "split_heads-এর উল্টো: (..., n_heads, T, d_head) থেকে (..., T, n_heads · d_head)।",
        "The inverse of split_heads: (..., n_heads, T, d_head) back to (..., T, n_heads · d_head).",
        "13-limits", "merge_heads(X)", A.merge_heads,
        (_c("২টি head, T = 3", "two heads, T = 3", A.split_heads(_XH, 2)),
         _c("batch, ৩টি head", "a batch, three heads", A.split_heads(np.arange(36.0).reshape(2, 3, 6), 3))),
        mistakes=((_merge_direct, "merge_no_swap"),)),
}

_NOTES_W = A.softmax(np.array([2.0, 5.0, 1.0]))           # s_t = 1: the scores are the h_i themselves
_NOTES_C = A.context(_NOTES_W, np.array([2.0, 5.0, 1.0]))
_NOTES_NEG = A.softmax(-4.0 * np.array([2.0, 5.0, 1.0]))   # s_t = -4
_NOTES_4 = A.softmax(4.0 * np.array([2.0, 5.0, 1.0]))      # the notes' own s_t = 4
_NOTES_C4 = A.context(_NOTES_4, np.array([2.0, 5.0, 1.0]))


def _prediction(bn, en, lesson, answer, why, hint, options=()):
    return Exercise(bn, en, lesson, answer=answer, why=why, hint=hint, options=options)


EXERCISES.update({
    "predict_new_word": _prediction(
        "বাক্যের শেষে চতুর্থ একটি শব্দ জুড়লে h₁, h₂, h₃-এর কয়টি বদলাবে? (একটি সংখ্যা)",
        "Add a fourth word at the end of the sentence: how many of h₁, h₂, h₃ change? (a number)",
        "02-encoder", 0,
        ("একটিও না। hᵢ তৈরি হয় শুধু xᵢ পর্যন্ত শব্দগুলো থেকে; পরের শব্দ আগের memory-কে ছোঁয় না। নতুন শুধু h₄।",
         "None. hᵢ is made only from the words up to xᵢ; a later word never touches an earlier memory. Only h₄ is new."),
        ("h₁ কোন কোন শব্দ থেকে তৈরি হয়? লুপে h₁ হিসাব হওয়ার সময় চতুর্থ শব্দটা কি তখনও পড়া হয়েছে?",
         "Which words is h₁ made from? When the loop computes h₁, has it read the fourth word yet?")),
    "predict_s0": _prediction(
        "আমাদের decoder কোন state থেকে শুরু করে, মানে s₀ কী? (a) শূন্য vector (b) h₁ (c) h_T",
        "Which state does our decoder start from, i.e. what is s₀? (a) a zero vector (b) h₁ (c) h_T",
        "03-decoder-query", "c",
        ("(c) h_T: encoder পুরো বাক্য পড়ে যে শেষ memory রাখে, decoder সেখান থেকেই শুরু করে (vanilla seq2seq-এর মতো)।",
         "(c) h_T: the decoder starts from the encoder's last memory, after the whole sentence (as in vanilla seq2seq)."),
        ("পাঠ ৩-এর decoder cell-এ `s = ...` প্রথম কোন মান পায়, দেখো।",
         "Look at the first value `s = ...` gets in lesson 3's decoder cell."), ("a", "b", "c")),
    "predict_top_score": _prediction(
        "নোটের উদাহরণ: h₁ = 2, h₂ = 5, h₃ = 1, আর s_t = −4। dot score সবচেয়ে বড় কোন hᵢ-এর? (1, 2 বা 3)",
        "The notes' example: h₁ = 2, h₂ = 5, h₃ = 1, and s_t = −4. Which hᵢ has the largest dot score? (1, 2 or 3)",
        "04-scores", 3,
        ("h₃: score −8, −20, −4; সবচেয়ে বড় (সবচেয়ে কম ঋণাত্মক) −4। ঋণাত্মক query-তে সবচেয়ে ছোট hᵢ-ই জেতে।",
         "h₃: the scores are −8, −20, −4, and the largest (least negative) is −4. With a negative query the "
         "smallest hᵢ wins."),
        ("তিনটি গুণফল হিসাব করো: −4 × 2, −4 × 5, −4 × 1। ঋণাত্মক সংখ্যার মধ্যে কোনটা সবচেয়ে বড়?",
         "Work out the three products: −4 × 2, −4 × 5, −4 × 1. Among negative numbers, which is the largest?"),
        (1, 2, 3)),
    "predict_most_weight": _prediction(
        "একই উদাহরণে (s_t = −4) softmax-এর পর সবচেয়ে বেশি weight কোন hᵢ পায়? (1, 2 বা 3)",
        "Same example (s_t = −4): after the softmax, which hᵢ gets the most weight? (1, 2 or 3)",
        "05-softmax", 3,
        (f"h₃: softmax ক্রম বদলায় না, তাই সবচেয়ে বড় score (−4) পায় সবচেয়ে বেশি weight, প্রায় {_NOTES_NEG[2]:.2f}।",
         f"h₃: the softmax keeps the order, so the largest score (−4) gets the most weight, about {_NOTES_NEG[2]:.2f}."),
        ("softmax কি score-গুলোর ক্রম বদলাতে পারে? আগে score-গুলো বের করো।",
         "Can the softmax change the order of the scores? Work out the scores first."), (1, 2, 3)),
    "predict_shift": _prediction(
        "সব score-এ 100 যোগ করলে weight α কি বদলায়? (a) হ্যাঁ, সব বাড়ে (b) না, একই থাকে (c) সবচেয়ে বড়টা 1 হয়ে যায়",
        "Add 100 to every score: do the weights α change? (a) yes, all grow (b) no, they stay the same "
        "(c) the largest becomes 1",
        "05-softmax", "b",
        ("(b): exp(eᵢ + 100) = e¹⁰⁰ · exp(eᵢ), আর e¹⁰⁰ লবে-হরে কেটে যায়। এই কারণেই max বিয়োগ করার কৌশল কাজ করে।",
         "(b): exp(eᵢ + 100) = e¹⁰⁰ · exp(eᵢ), and e¹⁰⁰ cancels between top and bottom. This is why the "
         "max trick works."),
        ("exp(a + b) = exp(a) · exp(b)। ভাগফলে একই গুণক ওপরে-নিচে থাকলে কী হয়?",
         "exp(a + b) = exp(a) · exp(b). What happens to a factor that is both on top and at the bottom?"),
        ("a", "b", "c")),
    "predict_notes_context": _prediction(
        "নোটের উদাহরণের h (2, 5, 1), কিন্তু s_t = 4-এর বদলে s_t = 1, তাই score 2, 5, 1। c_t কত? দুই দশমিক ঘর পর্যন্ত।",
        "The notes' example h (2, 5, 1), but with s_t = 1 instead of 4, so the scores are 2, 5, 1. What is "
        "c_t? To two decimal places.",
        "06-context-vector", round(float(_NOTES_C), 2),
        (f"≈ {_NOTES_C:.2f}: weight ≈ {_NOTES_W[0]:.3f}, {_NOTES_W[1]:.3f}, {_NOTES_W[2]:.3f}, তাই "
         f"c = {_NOTES_W[0]:.3f}·2 + {_NOTES_W[1]:.3f}·5 + {_NOTES_W[2]:.3f}·1। নোটের s_t = 4-এ weight অনেক "
         f"তীক্ষ্ণ (α₂ ≈ {_NOTES_4[1]:.5f}), আর c ≈ {_NOTES_C4:.4f}: প্রায় ঠিক h₂।",
         f"≈ {_NOTES_C:.2f}: the weights are ≈ {_NOTES_W[0]:.3f}, {_NOTES_W[1]:.3f}, {_NOTES_W[2]:.3f}, so "
         f"c = {_NOTES_W[0]:.3f}·2 + {_NOTES_W[1]:.3f}·5 + {_NOTES_W[2]:.3f}·1. With the notes' s_t = 4 the "
         f"weights are much sharper (α₂ ≈ {_NOTES_4[1]:.5f}) and c ≈ {_NOTES_C4:.4f}: almost exactly h₂."),
        ("আগে softmax(2, 5, 1) বের করো, তারপর প্রতিটি weight-কে তার hᵢ দিয়ে গুণ করে যোগ করো।",
         "First work out softmax(2, 5, 1), then multiply each weight by its hᵢ and add up.")),
    "predict_y_sum": _prediction(
        "output step-এর y-এর সব সংখ্যা যোগ করলে কত হয়? (একটি সংখ্যা)",
        "What do all the numbers of y, the output step's result, add up to? (a number)",
        "07-output", 1,
        ("1: y একটি softmax, শব্দগুলোর ওপর একটি সম্ভাবনা বণ্টন।",
         "1: y is a softmax, a probability distribution over the words."),
        ("y বানানোর শেষ ধাপটা কী?", "What is the last thing done to make y?")),
    "predict_rice": _prediction(
        "\"rice\" লেখার সময় query কোন বাংলা শব্দে সবচেয়ে বেশি weight দেয়? (1 আমি, 2 ভাত, 3 খাই)",
        "When writing \"rice\", which Bengali word does the query give the most weight to? (1 আমি, 2 ভাত, 3 খাই)",
        "08-whole-flow", int(A.attend(E.S[2], E.H)[1].argmax()) + 1,
        ("2, ভাত: rice মানে ভাত, আর আমাদের decoder-এর query ঠিক সেদিকেই দেখে।",
         "2, ভাত: rice means ভাত, and our decoder's query looks right there."),
        ("\"rice\"-এর বাংলা কী? তারপর `attend(S[2], H)` চালিয়ে দেখো।",
         "What is \"rice\" in Bengali? Then run `attend(S[2], H)` to see."), (1, 2, 3)),
    "predict_causal_row": _prediction(
        "T = 4 হলে causal mask-এর তৃতীয় সারিতে কয়টি True? (একটি সংখ্যা)",
        "For T = 4, how many True values are in the third row of the causal mask? (a number)",
        "12-types-of-attention", int(A.causal_mask(4)[2].sum()),
        ("3: তৃতীয় শব্দ দেখতে পারে প্রথম, দ্বিতীয় আর নিজেকে।",
         "3: the third word may look at the first, the second and itself."),
        ("তৃতীয় শব্দ কোন কোন শব্দ দেখতে পারে? ভবিষ্যতের শব্দ নয়।",
         "Which words may the third word look at? Not the future ones.")),
    "predict_dot_spread": _prediction(
        "d = 64, q আর k-এর প্রতিটি সংখ্যা এলোমেলো, একটা আরেকটার থেকে স্বাধীন, গড় 0, variance 1। q · k-এর standard "
        "deviation মোটামুটি কত?",
        "d = 64, every number of q and k random, each independent of the others, with mean 0 and variance 1. "
        "Roughly what is the standard deviation of q · k?",
        "13-limits", 8,
        ("8 = √64: 64টি স্বাধীন গুণফলের প্রতিটির variance 1, যোগফলের variance 64। তাই √d দিয়ে ভাগ করলে spread আবার 1 হয়।",
         "8 = √64: each of the 64 independent products has variance 1, so the sum has variance 64. Dividing "
         "by √d brings the spread back to 1."),
        ("স্বাধীন সংখ্যার যোগফলে variance যোগ হয়। standard deviation = √variance।",
         "Variances of independent numbers add up. The standard deviation is √variance.")),
    "predict_heads_shape": _prediction(
        "X-এর shape (5, 8), n_heads = 2 হলে split_heads(X, 2)-এর shape কী? (একটি tuple)",
        "X has shape (5, 8) and n_heads = 2: what is the shape of split_heads(X, 2)? (a tuple)",
        "13-limits", (2, 5, 4),
        ("(2, 5, 4): ২টি head, প্রতিটিতে ৫টি অবস্থান, প্রতিটি অবস্থানের 8/2 = 4টি সংখ্যা।",
         "(2, 5, 4): two heads, each with the five positions, 8/2 = 4 numbers per position."),
        ("head-এর axis আসে T-এর আগে; প্রতিটি head পায় d / n_heads সংখ্যা।",
         "The heads' axis comes before T; each head gets d / n_heads numbers.")),
})


# --------------------------------------------------------------------------- the result


@dataclass
class Result:
    """What ``check`` found.  ``passed``: every case right.  ``hint``: what to try (both languages)."""
    exercise: str
    passed: bool
    status: str              # passed, not_done, failed, error, timeout, not_callable
    hint: str = ""
    passed_cases: list = field(default_factory=list)
    failed_case: str = ""
    report: str = ""

    def __repr__(self):
        return f"Result(exercise={self.exercise!r}, passed={self.passed}, status={self.status!r})"


# --------------------------------------------------------------------------- running a student's function


class _TimeUp(BaseException):
    """Raised inside the student's code when the time limit is up (BaseException: a bare
    ``except Exception`` in their code does not swallow it)."""


@contextmanager
def _quiet():
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        yield


def _call(fn, args, kwargs, seconds):
    """Run ``fn``; returns ("ok", value), ("error", exception) or ("timeout", None).

    In the main thread of a Unix kernel (Jupyter, Colab) a timer signal stops the call.
    Elsewhere (Windows, a helper thread) the call runs in a daemon thread that is left
    behind if it never returns.
    """
    if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
        def alarm(signum, frame):
            raise _TimeUp()
        old = signal.signal(signal.SIGALRM, alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            with _quiet():
                return "ok", fn(*args, **kwargs)
        except _TimeUp:
            return "timeout", None
        except Exception as exc:
            return "error", exc
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
    box = {}

    def run():
        try:
            with _quiet():
                box["out"] = ("ok", fn(*args, **kwargs))
        except Exception as exc:
            box["out"] = ("error", exc)
    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    return box.get("out", ("timeout", None))


def _where(exc) -> str:
    """``line N: code`` of the last line of the student's own code in the traceback."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename != __file__]
    if not frames:
        return ""
    f = frames[-1]
    return f"line {f.lineno}: {f.line}" if f.line else f"line {f.lineno}"


def _show(x) -> str:
    if isinstance(x, np.ndarray):
        if x.dtype.kind in "fc":
            x = np.round(x, 4)
        text = np.array2string(x, separator=", ", threshold=12, edgeitems=3, max_line_width=68)
        text = text.replace("\n", "\n" + " " * 21)
        return f"{text}  (shape {x.shape}, {x.dtype})"
    text = repr(x)
    return text if len(text) <= 120 else text[:117] + "..."


def _problem(expected, got, name=""):
    """None if ``got`` matches ``expected``; else (hint key, Bengali, English)."""
    part = f" ({name})" if name else ""
    if got is None:
        return "none", f"ফেরত এসেছে None{part}", f"got None{part}"
    if isinstance(got, (list, tuple)):
        return "list", f"ফেরত এসেছে {type(got).__name__}{part}, numpy array নয়", f"got a {type(got).__name__}{part}, not a numpy array"
    if np.isscalar(got) and isinstance(got, (int, float, np.number, bool, np.bool_)):
        got = np.asarray(got)
    if not isinstance(got, np.ndarray) or got.dtype.kind not in "biuf":
        return "type", f"ফেরত এসেছে {type(got).__name__}{part}", f"got a {type(got).__name__}{part}"
    if got.shape != expected.shape:
        return ("shape", f"shape{part}: প্রত্যাশিত {expected.shape}, পাওয়া গেছে {got.shape}",
                f"shape{part}: expected {expected.shape}, got {got.shape}")
    if expected.dtype == bool:
        if got.dtype != bool:
            return ("mask_dtype", f"dtype{part}: প্রত্যাশিত bool, পাওয়া গেছে {got.dtype}",
                    f"dtype{part}: expected bool, got {got.dtype}")
        if np.array_equal(got, expected):
            return None
        return "values", f"মান মেলেনি{part}", f"the values differ{part}"
    if got.dtype.kind == "f" and not np.all(np.isfinite(got)):
        return "nan", f"ফলাফলে nan বা inf{part}", f"nan or inf in the result{part}"
    if np.allclose(got, expected, rtol=RTOL, atol=ATOL):
        return None
    return "values", f"মান মেলেনি{part}", f"the values differ{part}"


def _compare(ex: Exercise, expected, got):
    """None, or (hint key, Bengali, English, the part that differs, expected part, got part)."""
    if not ex.parts:
        p = _problem(expected, got)
        return None if p is None else (*p, expected, got)
    n = len(ex.parts)
    if not isinstance(got, tuple) or len(got) != n:
        what = type(got).__name__ if not isinstance(got, tuple) else f"tuple of {len(got)}"
        what_bn = type(got).__name__ if not isinstance(got, tuple) else f"{to_bengali_digits(str(len(got)))}টির tuple"
        return ("none" if got is None else "tuple",
                f"{to_bengali_digits(str(n))}টি জিনিসের tuple চাই ({', '.join(ex.parts)}), পাওয়া গেছে {what_bn}",
                f"expected a tuple of {n} ({', '.join(ex.parts)}), got {what}", expected, got)
    for name, want, have in zip(ex.parts, expected, got):
        p = _problem(want, have, name)
        if p is not None:
            return (*p, want, have)
    return None


def _same(a, b) -> bool:
    """Do two answers agree (arrays or tuples of arrays), NaN equal to NaN?"""
    if isinstance(a, tuple) or isinstance(b, tuple):
        return (isinstance(a, tuple) and isinstance(b, tuple) and len(a) == len(b)
                and all(_same(x, y) for x, y in zip(a, b)))
    try:
        a, b = np.asarray(a), np.asarray(b)
        if a.shape != b.shape or a.dtype.kind not in "biuf" or b.dtype.kind not in "biuf":
            return False
        if a.dtype == bool or b.dtype == bool:
            return a.dtype == b.dtype and np.array_equal(a, b)
        return bool(np.allclose(a, b, rtol=RTOL, atol=ATOL, equal_nan=True))
    except Exception:
        return False


def _recognise(ex: Exercise, case: Case, got, kind: str) -> str:
    """The hint key for this wrong answer: a known mistake if the numbers (or, for an error,
    the same error) show one."""
    if kind == "nan" and case.extreme:
        return "softmax_overflow"
    for wrong, key in ex.mistakes:
        try:
            with _quiet():
                theirs = wrong(*copy.deepcopy(case.args), **copy.deepcopy(case.kwargs))
        except Exception as exc:
            if isinstance(got, Exception) and type(exc) is type(got) and str(exc) == str(got):
                return key
            continue
        if not isinstance(got, Exception) and _same(got, theirs):
            return key
    return kind


def _changed(before, after) -> bool:
    for a, b in zip(before, after):
        if isinstance(a, np.ndarray) and not np.array_equal(a, b, equal_nan=True):
            return True
    return False


def _prediction_value(ex: Exercise, answer):
    """The student's prediction as a comparable value, or raise ValueError."""
    if isinstance(answer, str):
        text = to_ascii_digits(answer).strip().strip("()").lower()
        if isinstance(ex.answer, str):
            return text
        if isinstance(ex.answer, tuple):
            return tuple(int(p) for p in text.replace(" ", "").split(",") if p)
        digits = "".join(ch for ch in text if ch.isdigit() or ch in ".-")
        return float(digits)
    if isinstance(ex.answer, tuple):
        return tuple(int(x) for x in answer)
    if isinstance(ex.answer, str):
        raise ValueError
    return float(answer)


def _check_prediction(exercise_id: str, ex: Exercise, answer, out) -> Result:
    if callable(answer):
        status, value = _call(answer, (), {}, TIME_LIMIT)
        if status == "error" and isinstance(value, NotImplementedError):
            return _not_done(exercise_id, out)
        if status == "timeout":
            out.append(bilingual("✗ ফাংশনটা শেষ হয়নি।", "✗ The function did not finish."))
            return _finish(Result(exercise_id, False, "timeout", _hint("timeout")), out)
        if status == "error":
            out.append(f"✗ {type(value).__name__}: {value}")
            return _finish(Result(exercise_id, False, "error", _hint("exception")), out)
        answer = value
    if answer is None or answer is ...:
        return _not_done(exercise_id, out)
    try:
        value = _prediction_value(ex, answer)
        if isinstance(ex.answer, float):
            right = abs(value - ex.answer) <= 0.005 + 1e-9
        elif isinstance(ex.answer, str):
            right = value == ex.answer
        else:
            right = value == (ex.answer if isinstance(ex.answer, tuple) else float(ex.answer))
    except (TypeError, ValueError, OverflowError):
        out.append(bilingual(f"✗ উত্তরটা পড়া গেল না: {answer!r}।", f"✗ Could not read the answer {answer!r}."))
        if ex.options:
            listed = ", ".join(repr(o) for o in ex.options)
            out.append(bilingual(f"   এগুলোর একটি লেখো: {listed}", f"   Write one of: {listed}"))
        out.append(bilingual(f"💡 ইঙ্গিত: {ex.hint[0]}", f"   Hint: {ex.hint[1]}"))
        return _finish(Result(exercise_id, False, "failed", bilingual(*ex.hint)), out)
    if right:
        out.append(bilingual(f"✓ ঠিক! {ex.why[0]}", f"✓ Right! {ex.why[1]}"))
        return _finish(Result(exercise_id, True, "passed", "", ["prediction"]), out)
    out.append(bilingual(f"✗ এখনো হয়নি: তুমি লিখেছ {answer!r}।", f"✗ Not yet: you wrote {answer!r}."))
    out.append(bilingual(f"💡 ইঙ্গিত: {ex.hint[0]}", f"   Hint: {ex.hint[1]}"))
    return _finish(Result(exercise_id, False, "failed", bilingual(*ex.hint), failed_case="prediction"), out)


def _not_done(exercise_id, out) -> Result:
    out.append(bilingual("… এখনো করা হয়নি।", "… not done yet."))
    out.append(bilingual(f"   {HINTS['not_done'][0]}", f"   {HINTS['not_done'][1]}"))
    return _finish(Result(exercise_id, False, "not_done", _hint("not_done")), out)


def _finish(result: Result, out: list) -> Result:
    result.report = "\n".join(out)
    return result


def check(exercise_id: str, answer, *, quiet: bool = False, time_limit: float | None = None) -> Result:
    """Check ``answer`` for the exercise ``exercise_id`` and print feedback in both languages.

    ``answer``: the student's function (same signature as the ``helpers.attention``
    function of that name), or for a ``predict_*`` exercise the prediction or a function
    returning it.  Returns a ``Result`` (``.passed``, ``.hint``, ``.status``, ``.report``).
    ``quiet=True`` prints nothing.  Never raises because of a wrong answer.
    """
    choice(exercise_id, "exercise_id", "check", EXERCISES)
    ex = EXERCISES[exercise_id]
    seconds = TIME_LIMIT if time_limit is None else float(time_limit)
    out = [bilingual(f"── {exercise_id}: {ex.bn}", f"   {ex.en}")]
    if ex.is_prediction:
        result = _check_prediction(exercise_id, ex, answer, out)
    else:
        result = _check_function(exercise_id, ex, answer, out, seconds)
    if not quiet:
        print(result.report)
    return result


def _check_function(exercise_id, ex, answer, out, seconds) -> Result:
    if not callable(answer):
        if answer is None:
            out.append(bilingual("✗ ফাংশনের জায়গায় None এসেছে। ফাংশনটা যে cell-এ লেখা, সেটা চালিয়েছ?",
                                 "✗ None came instead of a function. Did you run the cell that defines it?"))
        else:
            out.append(bilingual(f"✗ একটি ফাংশন চাই, পাওয়া গেছে {type(answer).__name__}।",
                                 f"✗ A function is needed, got a {type(answer).__name__}."))
        out.append(bilingual(f"💡 ইঙ্গিত: {HINTS['not_callable'][0]}", f"   Hint: {HINTS['not_callable'][1]}"))
        return _finish(Result(exercise_id, False, "not_callable", _hint("not_callable")), out)
    passed = []
    for i, case in enumerate(ex.cases):
        args, kwargs = copy.deepcopy(case.args), copy.deepcopy(case.kwargs)
        try:
            inspect.signature(answer).bind(*args, **kwargs)
        except TypeError as exc:
            out.append(bilingual(f"✗ {case.bn}: ফাংশনটা এই argument-গুলো নেয় না ({exc})। চাই: {ex.signature}",
                                 f"✗ {case.en}: the function does not take these arguments ({exc}). Expected: {ex.signature}"))
            return _fail(exercise_id, out, passed, case, "signature", "failed")
        except ValueError:
            pass                                   # built-ins without a signature: just call them
        status, got = _call(answer, args, kwargs, seconds)
        if status == "error" and isinstance(got, NotImplementedError) and not passed:
            return _not_done(exercise_id, out)
        label = f"{case.bn} · {case.en}"
        if status == "timeout":
            out.append(bilingual(f"✗ {case.bn}: {seconds:g} সেকেন্ডেও শেষ হয়নি।",
                                 f"✗ {case.en}: still running after {seconds:g} s."))
            return _fail(exercise_id, out, passed, case, "timeout", "timeout")
        if status == "error":
            where = _where(got)
            message = str(got).strip().splitlines()[0][:200] if str(got).strip() else ""
            out.append(bilingual(f"✗ {case.bn}: তোমার code-এ error", f"✗ {case.en}: an error in your code"))
            out.append(f"   {type(got).__name__}: {message}" + (f"\n   ({where})" if where else ""))
            return _fail(exercise_id, out, passed, case, _recognise(ex, case, got, "exception"), "error")
        expected = ex.reference(*copy.deepcopy(case.args), **copy.deepcopy(case.kwargs))
        problem = _compare(ex, expected, got)
        if problem is None and _changed(case.args, args):
            problem = ("input_changed", "input বদলে গেছে", "the input was changed", None, None)
        if problem is None:
            passed.append(case.en)
            out.append(f"✓ {label}")
            continue
        kind, bn, en, want, have = problem
        out.append(bilingual(f"✗ {case.bn}: {bn}", f"✗ {case.en}: {en}"))
        if kind in ("values", "nan", "shape", "mask_dtype"):
            out.append(f"   প্রত্যাশিত · expected: {_show(want)}")
            out.append(f"   পাওয়া গেছে · got:      {_show(have)}")
        key = _recognise(ex, case, got, kind) if kind not in ("input_changed", "list") else kind
        return _fail(exercise_id, out, passed, case, key, "failed")
    out.append(bilingual(f"✓ সব {to_bengali_digits(str(len(passed)))}টি case পাস করেছে!",
                         f"✓ All {len(passed)} cases passed!"))
    return _finish(Result(exercise_id, True, "passed", "", passed), out)


def _fail(exercise_id, out, passed, case, key, status) -> Result:
    hint = _hint(key)
    out.append(bilingual(f"💡 ইঙ্গিত: {HINTS[key][0]}", f"   Hint: {HINTS[key][1]}"))
    n = len(passed)
    out.append(bilingual(f"   এখন পর্যন্ত {to_bengali_digits(str(n))}টি case পাস।",
                         f"   {n} case{'s' if n != 1 else ''} passed so far."))
    return _finish(Result(exercise_id, False, status, hint, passed, case.en), out)
