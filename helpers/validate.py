"""Argument checks shared by every public function of ``helpers``.

Each rule is written once here.  A refusal is a ``ValueError`` or ``TypeError`` whose message
names the function and the argument, says what it got and what it expected, in Bengali and
then English (two lines, from ``i18n.bilingual``).  Quoted input is shortened, so a student
who pastes a whole book gets a short message, not the book back.

    from .validate import array, fail, integer, number, text, choice

    def my_function(x, n=3):
        fn = "my_function"
        x = array(x, "x", fn, ndim=(1, 2))
        n = integer(n, "n", fn, minimum=1)

Internal helpers that only the course's own code calls may skip the checks when their
callers already checked.
"""

from __future__ import annotations

import argparse
import math
import re
import warnings
import numbers

import numpy as np

__all__ = ["bilingual", "fail", "warn", "CourseWarning", "quote", "array", "finite_result", "integer", "number", "text", "choice",
           "sequence_of", "same_length", "BilingualParser"]

QUOTE_LIMIT = 60   # characters of a student's input quoted back in a message


def bilingual(bn: str, en: str) -> str:
    """One message, Bengali first, then English, on two lines."""
    return f"{bn}\n{en}"


def fail(fn: str, bn: str, en: str, kind=ValueError) -> Exception:
    """The exception to raise: ``fn: <Bengali>`` over ``fn: <English>``."""
    return kind(bilingual(f"{fn}: {bn}", f"{fn}: {en}"))


def quote(x, limit: int = QUOTE_LIMIT) -> str:
    """``repr(x)``, shortened to about ``limit`` characters with the full length said."""
    try:
        r = repr(x)
    except Exception:  # an object whose repr itself fails
        r = f"<{type(x).__name__}>"
    if len(r) <= limit:
        return r
    size = f"{len(x):,}" if isinstance(x, (str, bytes, list, tuple)) else f"{len(r):,}"
    return f"{r[:limit]}… ({size} chars)"


def _kind(x) -> str:
    return type(x).__name__


# --------------------------------------------------------------------------- numbers and arrays


def array(x, name: str, fn: str, *, ndim=None, nonempty: bool = False, integer: bool = False):
    """``x`` as a numpy array of finite real numbers (ints stay ints), or a clear refusal.

    ``ndim``: one number or a tuple of allowed numbers of dimensions.  ``nonempty``: at
    least one value.  ``integer``: whole numbers only (ids, lengths), returned as int64.
    """
    if x is None or isinstance(x, (str, bytes, dict, set)):
        raise fail(fn, f"`{name}` সংখ্যা হতে হবে, কিন্তু পাওয়া গেছে {_kind(x)}।",
                   f"`{name}` must be numbers, got {_kind(x)}.", TypeError)
    try:
        a = np.asarray(x)
    except Exception as exc:  # ragged lists, tensors that need .detach(), odd objects
        detail = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise fail(fn, f"`{name}`-কে সংখ্যার array বানানো গেল না ({detail}); "
                       "একটি নিয়মিত (আয়তাকার) সংখ্যার list বা numpy array দাও।",
                   f"`{name}` could not be made into an array of numbers ({detail}); "
                   "give a regular (rectangular) list of numbers or a numpy array.") from None
    if a.dtype == bool or a.dtype.kind not in "iuf":
        raise fail(fn, f"`{name}` বাস্তব সংখ্যা হতে হবে, কিন্তু dtype পাওয়া গেছে {a.dtype}।",
                   f"`{name}` must hold real numbers, got dtype {a.dtype}.", TypeError)
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if a.ndim not in allowed:
            want = " বা ".join(str(n) for n in allowed), " or ".join(str(n) for n in allowed)
            raise fail(fn, f"`{name}`-এর মাত্রা {want[0]} হওয়ার কথা, কিন্তু shape পাওয়া গেছে {a.shape}।",
                       f"`{name}` should have {want[1]} dimension(s), got shape {a.shape}.")
    if nonempty and a.size == 0:
        raise fail(fn, f"`{name}` খালি (shape {a.shape}); অন্তত একটি মান চাই।",
                   f"`{name}` is empty (shape {a.shape}); at least one value is needed.")
    if a.dtype.kind == "f" and not np.all(np.isfinite(a)):
        bad = "NaN" if np.isnan(a).any() else "inf"
        raise fail(fn, f"`{name}`-এ {bad} আছে (shape {a.shape}); সব মান সসীম সংখ্যা হতে হবে।",
                   f"`{name}` contains {bad} (shape {a.shape}); every value must be finite.")
    if integer:
        if a.dtype.kind == "f" and not np.all(a == np.round(a)):
            raise fail(fn, f"`{name}`-এ পূর্ণসংখ্যা চাই, কিন্তু ভগ্নাংশ আছে (যেমন {a[a != np.round(a)].flat[0]:g})।",
                       f"`{name}` must hold whole numbers, but has a fraction (e.g. {a[a != np.round(a)].flat[0]:g}).",
                       TypeError)
        a = a.astype(np.int64)
    return a


def _names(names, conj):
    quoted = [f"`{n}`" for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + f" {conj} " + quoted[-1]


def finite_result(result, fn: str, *inputs: str):
    """Refuse a result that overflowed to inf or NaN, naming the ``inputs`` that caused it."""
    r = np.asarray(result)
    if r.dtype.kind == "f" and not np.all(np.isfinite(r)):
        raise fail(fn, f"ফলাফল সসীম রইল না (inf বা NaN): {_names(inputs, 'ও')}-এর মান এত বড় যে "
                       f"{r.dtype} সংখ্যায় ধরে না। ছোট মান দাও (যেমন -100 থেকে 100-এর মধ্যে)।",
                   f"the result is not finite (inf or NaN): the values of {_names(inputs, 'and')} are "
                   f"too large for {r.dtype} numbers. Use smaller values (say between -100 and 100).")
    return result


def integer(x, name: str, fn: str, *, minimum: int | None = None, maximum: int | None = None) -> int:
    """A whole number (not a bool, not 2.5), optionally within ``minimum..maximum``."""
    if isinstance(x, bool) or not isinstance(x, numbers.Integral):
        if isinstance(x, numbers.Real) and not isinstance(x, bool) and math.isfinite(x) and float(x).is_integer():
            x = int(x)                                  # 3.0 is fine
        else:
            raise fail(fn, f"`{name}` একটি পূর্ণসংখ্যা হতে হবে, কিন্তু পাওয়া গেছে {quote(x)} ({_kind(x)})।",
                       f"`{name}` must be a whole number, got {quote(x)} ({_kind(x)}).", TypeError)
    x = int(x)
    if minimum is not None and x < minimum or maximum is not None and x > maximum:
        rng_bn = (f"কমপক্ষে {minimum}" if maximum is None else f"{minimum} থেকে {maximum}-এর মধ্যে"
                  if minimum is not None else f"বড়জোর {maximum}")
        rng_en = (f"at least {minimum}" if maximum is None else f"between {minimum} and {maximum}"
                  if minimum is not None else f"at most {maximum}")
        raise fail(fn, f"`{name}` {rng_bn} হতে হবে, কিন্তু পাওয়া গেছে {x}।",
                   f"`{name}` must be {rng_en}, got {x}.")
    return x


def number(x, name: str, fn: str, *, positive: bool = False, minimum: float | None = None,
           maximum: float | None = None) -> float:
    """A finite real number (not a bool), optionally positive or within ``minimum..maximum``."""
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise fail(fn, f"`{name}` একটি সংখ্যা হতে হবে, কিন্তু পাওয়া গেছে {quote(x)} ({_kind(x)})।",
                   f"`{name}` must be a number, got {quote(x)} ({_kind(x)}).", TypeError)
    x = float(x)
    if not math.isfinite(x):
        raise fail(fn, f"`{name}` একটি সসীম সংখ্যা হতে হবে, কিন্তু পাওয়া গেছে {x}।",
                   f"`{name}` must be a finite number, got {x}.")
    if positive and x <= 0:
        raise fail(fn, f"`{name}` ধনাত্মক (0-এর চেয়ে বড়) হতে হবে, কিন্তু পাওয়া গেছে {x:g}।",
                   f"`{name}` must be positive (greater than 0), got {x:g}.")
    if minimum is not None and x < minimum or maximum is not None and x > maximum:
        lo = "-∞" if minimum is None else f"{minimum:g}"
        hi = "∞" if maximum is None else f"{maximum:g}"
        raise fail(fn, f"`{name}` {lo} থেকে {hi}-এর মধ্যে হতে হবে, কিন্তু পাওয়া গেছে {x:g}।",
                   f"`{name}` must be between {lo} and {hi}, got {x:g}.")
    return x


# --------------------------------------------------------------------------- text and choices


def text(x, name: str, fn: str, *, allow_empty: bool = False, example: str | None = None) -> str:
    """A str; unless ``allow_empty``, one with something in it besides spaces.

    ``example``: a good input to suggest when the text is empty.
    """
    if not isinstance(x, str):
        hint_bn = " (bytes হলে আগে .decode() করো)" if isinstance(x, bytes) else ""
        hint_en = " (for bytes, call .decode() first)" if isinstance(x, bytes) else ""
        raise fail(fn, f"`{name}` লেখা (str) হতে হবে, কিন্তু পাওয়া গেছে {quote(x)} ({_kind(x)}){hint_bn}।",
                   f"`{name}` must be text (a str), got {quote(x)} ({_kind(x)}){hint_en}.", TypeError)
    if not allow_empty and not x.strip():
        eg = f" (যেমন {example!r})" if example else "", f" (e.g. {example!r})" if example else ""
        raise fail(fn, f"`{name}` খালি; কিছু লেখা দাও{eg[0]}।",
                   f"`{name}` is empty; give some text{eg[1]}.")
    return x


def choice(x, name: str, fn: str, options):
    """``x`` must be one of ``options``; the message lists them."""
    options = list(options)
    try:
        ok = x in options
    except Exception:  # unhashable or odd comparisons
        ok = False
    if not ok:
        listed = ", ".join(repr(o) for o in options)
        raise fail(fn, f"অজানা `{name}` {quote(x)}; এগুলোর একটি দাও: {listed}।",
                   f"unknown `{name}` {quote(x)}; use one of {listed}.")
    return x


def sequence_of(x, name: str, fn: str, kind=str, *, nonempty: bool = True) -> list:
    """A list or tuple (not a lone str) whose items are all ``kind``."""
    if isinstance(x, (str, bytes)) or not isinstance(x, (list, tuple)):
        raise fail(fn, f"`{name}` একটি list হতে হবে (যেমন ['ক', 'খ']), কিন্তু পাওয়া গেছে {quote(x)} ({_kind(x)})।",
                   f"`{name}` must be a list (e.g. ['a', 'b']), got {quote(x)} ({_kind(x)}).", TypeError)
    if nonempty and len(x) == 0:
        raise fail(fn, f"`{name}` খালি; অন্তত একটি উপাদান চাই।",
                   f"`{name}` is empty; at least one item is needed.")
    kind_name = kind.__name__ if isinstance(kind, type) else kind[0].__name__
    for i, item in enumerate(x):
        if not isinstance(item, kind) or isinstance(item, bool) and kind is not bool:
            raise fail(fn, f"`{name}`-এর উপাদান {i} ({quote(item)}) {kind_name} নয়।",
                       f"item {i} of `{name}` ({quote(item)}) is not a {kind_name}.", TypeError)
    return list(x)


def same_length(n_a: int, n_b: int, name_a: str, name_b: str, fn: str) -> None:
    """Two arguments that must line up one to one (values and their labels)."""
    if n_a != n_b:
        raise fail(fn, f"`{name_a}`-এ {n_a}টি মান কিন্তু `{name_b}`-এ {n_b}টি; দুটোয় সমান সংখ্যা চাই।",
                   f"`{name_a}` has {n_a} values but `{name_b}` has {n_b}; they must match one to one.")


# --------------------------------------------------------------------------- warnings


class CourseWarning(UserWarning):
    """A result is given, but the student should know something about it (both languages)."""


def warn(fn: str, bn: str, en: str) -> None:
    """Warn in both languages; shown as two plain lines, without a file path that changes."""
    warnings.warn(bilingual(f"⚠ {fn}: {bn}", f"⚠ {fn}: {en}"), CourseWarning, stacklevel=3)


_plain_format = warnings.formatwarning


def _format(message, category, filename, lineno, line=None):
    if issubclass(category, CourseWarning):
        return f"{message}\n"
    return _plain_format(message, category, filename, lineno, line)


warnings.formatwarning = _format


# --------------------------------------------------------------------------- command lines


class BilingualParser(argparse.ArgumentParser):
    """argparse with refusals in both languages: a short usage message and exit code 2.

    ``choose_bn``/``choose_en`` say what to do when the command (the first word) is missing
    or unknown; ``example`` is a command line that works.
    """

    def __init__(self, *args, choose_bn: str = "", choose_en: str = "", example: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.choose = (choose_bn, choose_en)
        self.example = example

    def error(self, message):
        if "\n" in message:                          # already bilingual (from our type checks)
            bn, en = re.sub(r"^argument [-\w]+: ", "", message).split("\n", 1)
        elif ("invalid choice" in message or "the following arguments are required" in message) and self.choose[0]:
            bn, en = self.choose
            if "invalid choice" not in message:
                en = f"{en} ({message})"
        else:
            bn, en = "আর্গুমেন্টটা বোঝা গেল না (নিচে ইংরেজিতে কারণ)।", message
        self.exit(2, f"{self.format_usage()}{self.prog}: {bn}\n{self.prog}: {en}\n"
                     f"উদাহরণ · example: {self.prog} {self.example}\n")
