"""Training the numpy seq2seq models, from Python or from the command line.

    train_date_translator(steps=..., seed=0)   -> DateTranslator, whose translate(text)
                                                  returns (iso, attention matrix)
    evaluate_dates(translator, n=1000, seed=)  -> exact-match accuracy, overall and per form
    length_experiment(steps=..., seed=0)       -> per-length accuracy, vanilla vs attention
    fit(model, next_batch, steps=... or seconds=...)   the training loop both use

Command line (prints a live progress line and the final accuracies):

    python -m helpers.train dates   [--seconds 60] [--steps N] [--seed 0]
    python -m helpers.train lengths [--seconds S per model] [--steps N per model] [--seed 0]

Budgets.  ``steps=`` gives the same weights on every run on the same computer: notebooks
use it.  Another CPU, or another OpenBLAS kernel on the same CPU, rounds the float32
products differently and ends with slightly different weights and accuracies, so the
lessons print this run's numbers and check only the claims that hold everywhere.
``seconds=`` trains for as long as the clock allows, so its results also depend on the
computer's speed: a convenience for the command line and the benchmarks.  numpy does the
math; threadpoolctl keeps BLAS on one thread and tqdm draws the progress bar.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
import time

import numpy as np
from threadpoolctl import threadpool_limits
from tqdm.auto import tqdm

from .data import DATE_FORMS, DATE_YEARS, date_vocabs, digit_vocab, make_dates, make_reversal, nfc, to_ascii_digits
from .i18n import bilingual
from .validate import BilingualParser, choice, fail, integer, number, quote, sequence_of, text as _text, warn
from .models import END, Adam, Seq2Seq, clip_gradients

__all__ = ["compare_decoders", "single_blas_thread", "fit", "Translator", "DateTranslator", "train_date_translator", "evaluate_dates",
           "length_experiment", "DATE_STEPS", "LENGTH_STEPS", "VANILLA_CHECKPOINTS", "main"]

# Settings found by trying (see tests/bench/bench_train.py for the figures).  Notebooks:
#     translator = train_date_translator(steps=DATE_STEPS, progress=False)   # ~16 s, 100 %
#     result = length_experiment()        # LENGTH_STEPS (600 attention, 1800 vanilla), ~45 s
# (times on a 2-core laptop; the exact numbers differ a little between CPUs).
DATE_CONFIG = dict(decoder="luong", score="general", hidden=64, embed=32, bidirectional=True)
DATE_BATCH, DATE_LR = 64, 0.01
DATE_STEPS = 1000
LENGTH_CONFIG = dict(hidden=64, embed=16, bidirectional=True)
LENGTH_ATTENTION = dict(decoder="luong", score="general")
LENGTH_BATCH, LENGTH_LR = 64, 0.005
# The vanilla model gets three times the attention model's steps (and about twice its time):
# a fair chance, and it is tested along the way to show what the extra steps buy.
LENGTH_STEPS = {"attention": 600, "vanilla": 1800}
VANILLA_CHECKPOINTS = (600, 1200, 1800)
LENGTHS = (5, 10, 15, 20, 25, 30, 35, 40)


# --------------------------------------------------------------------------- one BLAS thread


@contextlib.contextmanager
def single_blas_thread():
    """Run the enclosed code with one BLAS thread.

    Our matrices are small (64 x 192): splitting each product over several threads costs
    more than it saves, and if another program is busy on the other core, the threads wait
    for each other and training becomes ten times slower.  ``threadpoolctl`` finds numpy's
    BLAS (OpenBLAS, MKL, ...) and limits it, then restores the old setting.
    """
    with threadpool_limits(limits=1, user_api="blas"):
        yield


# --------------------------------------------------------------------------- the loop


def fit(model, next_batch, steps=None, seconds=None, lr=0.01, clip=5.0, progress=True,
        label="training", callback=None):
    """Train ``model`` with Adam and gradient clipping, teacher forcing throughout.

    ``next_batch(step)`` returns ``(X, x_mask, Y, y_mask)`` and must depend only on
    ``step`` (so a run is reproducible).  Give ``steps`` (reproducible) or ``seconds``
    (stops when the time is up).  ``callback(step)``, if given, runs after every step
    (the length experiment tests the vanilla model along the way with it).  The learning rate stays at ``lr`` for the first half
    and then decays to lr/20 by the end, which settles the last few errors.
    Returns ``{"steps", "seconds", "losses"}`` (one loss per step).
    """
    fn = "fit"
    steps, seconds = _budget(steps, seconds, fn)
    if not callable(getattr(model, "loss_and_grads", None)) or not isinstance(getattr(model, "params", None), dict):
        raise fail(fn, f"`model` একটি Seq2Seq হতে হবে, পাওয়া গেছে {type(model).__name__}।",
                   f"`model` must be a Seq2Seq, got {type(model).__name__}.", TypeError)
    for f, name in ((next_batch, "next_batch"), (callback, "callback")):
        if f is not None and not callable(f) or f is None and name == "next_batch":
            raise fail(fn, f"`{name}` একটি function হতে হবে (step -> ...), পাওয়া গেছে {type(f).__name__}।",
                       f"`{name}` must be a function (step -> ...), got {type(f).__name__}.", TypeError)
    lr, clip = number(lr, "lr", fn, positive=True), number(clip, "clip", fn, positive=True)
    opt = Adam(model.params, lr=lr)
    bar, shown = _progress_bar(progress, total=steps if steps is not None else round(seconds, 1), desc=label,
                               unit="step" if steps is not None else "s", mininterval=0.25, leave=True,
                               bar_format=None if steps is not None else
                               "{desc}: {percentage:3.0f}%|{bar}| {n:.1f}/{total} s {postfix}")
    losses = []
    t0 = time.perf_counter()
    step, elapsed = 0, 0.0
    interrupted = False
    with single_blas_thread(), bar:
        try:
            while (step < steps) if steps is not None else (elapsed < seconds):
                frac = step / steps if steps is not None else elapsed / seconds
                opt.lr = lr * (1.0 if frac < 0.5 else 0.05 ** ((frac - 0.5) / 0.5))
                loss, grads = model.loss_and_grads(*next_batch(step))
                clip_gradients(grads, clip)
                opt.step(grads)
                losses.append(loss)
                step += 1
                if callback is not None:
                    callback(step)
                elapsed = time.perf_counter() - t0
                if progress:
                    bar.update(1 if steps is not None else min(elapsed, seconds) - bar.n)
                    if step % 20 == 0:
                        bar.set_postfix(loss=f"{np.mean(losses[-20:]):.4f}", refresh=False)
        except KeyboardInterrupt:                  # Ctrl-C, or Jupyter's stop button
            interrupted = True
            elapsed = time.perf_counter() - t0
    if shown is not None:
        shown.update(bar.container)        # the notebook keeps the final bar, also as text
    if interrupted:
        print(bilingual(f"{label}: থামানো হলো, {step} ধাপের পর; মডেল এ পর্যন্ত যা শিখেছে তা-ই রইল।",
                        f"{label}: stopped after {step} steps; the model keeps what it has learned so far."),
              file=sys.stderr)
    return {"steps": step, "seconds": elapsed, "losses": losses, "interrupted": interrupted}


def _budget(steps, seconds, fn):
    """Exactly one budget: a whole number of steps (at least 1) or a positive, finite time."""
    if (steps is None) == (seconds is None):
        raise fail(fn, "steps অথবা seconds, ঠিক একটি দাও (দুটোই নয়, কোনোটা বাদও নয়)।",
                   "give exactly one of steps or seconds (not both, not neither).")
    if steps is not None:
        return integer(steps, "steps", fn, minimum=1), None
    return None, number(seconds, "seconds", fn, positive=True)


def _progress_bar(progress: bool, **options):
    """``(bar, display_handle)``: tqdm's widget bar in a notebook, its text bar in a terminal.

    In a notebook the bar is shown through a display handle, so that when training ends the
    stored output is the finished bar: GitHub, nbviewer and a printout, which show only the
    text of a widget, then read "100% 1000/1000 ..." rather than the "0%" of its start.
    """
    from tqdm.notebook import tqdm as widget_bar
    if not (progress and issubclass(tqdm, widget_bar)):
        return tqdm(disable=not progress, **options), None
    from IPython.display import display
    bar = tqdm(display=False, **options)
    bar.displayed = True
    return bar, display(bar.container, display_id=True)


def _batch(pairs, in_vocab, out_vocab):
    X, x_mask = in_vocab.encode_batch([a for a, _ in pairs])
    Y, y_mask = out_vocab.encode_batch([b for _, b in pairs], end=True)
    return X, x_mask, Y, y_mask


def _decode_rows(ids, vocab):
    """The output characters of one greedy run, up to (not including) </s>."""
    out = []
    for i in ids:
        if i == END:
            break
        out.append(vocab.itos[int(i)])
    return "".join(out)


# --------------------------------------------------------------------------- dates


class Translator:
    """A trained model with its vocabularies (the date model, or the reversal models).

    ``translate("২৫ ডিসেম্বর ২০২৩")`` returns ``("2023-12-25", A)``: A has one row per
    output character and one column per input character (of ``helpers.data.nfc(text)``:
    no padding, start or end columns); each row is an attention distribution (sums to 1).
    """

    def __init__(self, model, in_vocab, out_vocab, history, max_len=12, years=None):
        self.model, self.in_vocab, self.out_vocab = model, in_vocab, out_vocab
        self.years = years              # (first, last) year seen in training, for dates
        self.history = history          # {"steps", "seconds", "losses"}
        self.max_len = max_len          # dates: ten ISO characters, </s>, one spare

    def translate(self, text: str):
        """``(output_string, attention_matrix)``, e.g. the ISO date for a date in any of the six forms.

        A year outside the years the model was trained on still gets a translation, with a
        warning in both languages: the model has never seen such a year.
        """
        text = nfc(_text(text, "text", "translate", example="২৫ ডিসেম্বর ২০২৩"))
        self._warn_year(text)
        X, x_mask = self.in_vocab.encode_batch([text])    # ValueError for unknown characters
        ids, A = self.model.greedy(X, x_mask, self.max_len)
        out = _decode_rows(ids[0], self.out_vocab)
        if A is None:                                     # the vanilla model has no attention
            return out, None
        return out, A[0, :len(out), :len(text)].astype(np.float64)

    def translate_batch(self, texts) -> list:
        """The ISO strings for many dates at once (faster than calling translate in a loop)."""
        texts = sequence_of(texts, "texts", "translate_batch", str)
        texts = [nfc(_text(t, "texts", "translate_batch")) for t in texts]
        X, x_mask = self.in_vocab.encode_batch(texts)
        ids, _ = self.model.greedy(X, x_mask, self.max_len)
        return [_decode_rows(row, self.out_vocab) for row in ids]


    def _warn_year(self, text):
        if self.years is None:
            return
        lo, hi = self.years
        for year in re.findall(r"\d{4,}", to_ascii_digits(text)):
            if not lo <= int(year) <= hi:
                warn("translate", f"{year} সাল প্রশিক্ষণের বাইরে: মডেল শুধু {lo}-{hi} সালের তারিখ দেখেছে, "
                                  "তাই এর উত্তরে ভরসা কোরো না।",
                     f"the year {year} is outside training: the model has only seen dates from {lo} to {hi}, "
                     "so do not trust this answer.")


DateTranslator = Translator             # the name the date lesson uses


def train_date_translator(seconds=60, seed=0, progress=True, steps=None,
                          decoder="luong") -> DateTranslator:
    """Train the attention model (Luong, general score) on freshly generated dates.

    With ``steps`` (e.g. ``DATE_STEPS``) every run on the same computer gives the same
    model (another CPU may differ slightly): notebooks pass ``steps``.  Without it, trains
    for ``seconds``.
    Every step draws a new batch of dates from all six forms (seeded by ``seed``).
    ``decoder="bahdanau"`` trains the additive-score model instead (a little slower per
    step); ``"vanilla"`` the model without attention (``translate`` then gives None
    for the matrix).
    """
    fn = "train_date_translator"
    steps, seconds = _budget(steps, None if steps is not None else seconds, fn)
    seed = integer(seed, "seed", fn, minimum=0)
    choice(decoder, "decoder", fn, ("luong", "bahdanau", "vanilla"))
    in_vocab, out_vocab = date_vocabs()
    model = Seq2Seq(len(in_vocab), len(out_vocab), seed=seed, **{**DATE_CONFIG, "decoder": decoder})

    history = fit(model, _date_batches(seed, in_vocab, out_vocab), steps=steps, seconds=seconds, lr=DATE_LR,
                  progress=progress, label="dates")
    return DateTranslator(model, in_vocab, out_vocab, history, years=DATE_YEARS)


def _date_batches(seed, in_vocab, out_vocab):
    """``next_batch(step)`` for the date task: every model trained with ``seed`` sees the same batches."""
    def next_batch(step):
        return _batch(make_dates(DATE_BATCH, seed=(seed + 1) * 1_000_003 + step), in_vocab, out_vocab)
    return next_batch


def compare_decoders(decoders=("bahdanau", "luong"), steps=400, every=50, n_test=200, seed=0,
                     progress=True) -> dict:
    """Train one date model per decoder on the very same batches and test each along the way.

    Every ``every`` steps each model translates the same ``n_test`` new dates (greedy, no
    teacher forcing).  Returns ``{decoder: {"steps": [...], "accuracy": [...],
    "ms_per_step": float, "translator": DateTranslator}}``; ``ms_per_step`` counts training
    only, not the tests along the way.
    """
    fn = "compare_decoders"
    decoders = [choice(d, "decoders", fn, ("luong", "bahdanau", "vanilla"))
                for d in sequence_of(list(decoders) if isinstance(decoders, tuple) else decoders, "decoders", fn, str)]
    steps, _ = _budget(steps, None, fn)
    every = integer(every, "every", fn, minimum=1, maximum=steps)
    n_test, seed = integer(n_test, "n_test", fn, minimum=1), integer(seed, "seed", fn, minimum=0)
    in_vocab, out_vocab = date_vocabs()
    test = make_dates(n_test, seed=seed + 2024)
    out = {}
    for name in decoders:
        model = Seq2Seq(len(in_vocab), len(out_vocab), seed=seed, **{**DATE_CONFIG, "decoder": name})
        tr = DateTranslator(model, in_vocab, out_vocab, None, years=DATE_YEARS)
        along, spent = {}, [0.0]

        def test_along(step, tr=tr, along=along, spent=spent):
            if step % every == 0 or step == steps:
                t0 = time.perf_counter()
                answers = tr.translate_batch([t for t, _ in test])
                along[step] = float(np.mean([a == iso for a, (_, iso) in zip(answers, test)]))
                spent[0] += time.perf_counter() - t0
        tr.history = fit(model, _date_batches(seed, in_vocab, out_vocab), steps=steps, lr=DATE_LR,
                         progress=progress, label=f"{name:9s}", callback=test_along)
        out[name] = {"steps": sorted(along), "accuracy": [along[k] for k in sorted(along)],
                     "ms_per_step": 1000 * (tr.history["seconds"] - spent[0]) / max(tr.history["steps"], 1),
                     "translator": tr}
    return out


def evaluate_dates(translator: DateTranslator, n=1000, seed=2024) -> dict:
    """Exact-match accuracy on ``n`` freshly generated dates (all six forms).

    Returns ``{"accuracy": float, "per_form": {form: float}, "n": n, "errors": [(text,
    truth, output), ...]}``.  Use a ``seed`` different from training's.
    """
    if not isinstance(translator, Translator):
        raise fail("evaluate_dates", f"`translator` হবে train_date_translator()-এর ফল, পাওয়া গেছে {type(translator).__name__}।",
                   f"`translator` must be what train_date_translator() returns, got {type(translator).__name__}.",
                   TypeError)
    n = integer(n, "n", "evaluate_dates", minimum=1)
    data = make_dates(n, seed=seed, return_forms=True)
    outs = []
    with single_blas_thread():
        for i in range(0, n, 250):
            outs += translator.translate_batch([t for t, _, _ in data[i:i + 250]])
    right = np.array([o == iso for o, (_, iso, _) in zip(outs, data)])
    forms = np.array([f for _, _, f in data])
    return {"accuracy": float(right.mean()),
            "per_form": {f: float(right[forms == f].mean()) for f in DATE_FORMS if (forms == f).any()},
            "n": n,
            "errors": [(t, iso, o) for o, (t, iso, _), ok in zip(outs, data, right) if not ok]}


def print_date_report(res: dict, errors: int = 5) -> None:
    """Print what ``evaluate_dates`` found: overall and per-form accuracy, a few mistakes."""
    print(f"exact match on {res['n']} new dates / নতুন {res['n']}টি তারিখে নির্ভুল: "
          f"{100 * res['accuracy']:.1f}%")
    for form, acc in res["per_form"].items():
        print(f"  {form:9s} {100 * acc:5.1f}%")
    for text, iso, got in res["errors"][:errors]:
        print(f"  wrong / ভুল: {text!r} -> {got!r} (should be / হওয়ার কথা {iso!r})")


# --------------------------------------------------------------------------- lengths


def _reversal_batches(seed, lengths, vocab):
    lo, hi = lengths

    def next_batch(step):
        # one length per batch (drawn from lo..hi), so no padding is wasted
        s = (seed + 1) * 1_000_003 + step
        L = int(np.random.default_rng(s).integers(lo, hi + 1))
        return _batch(make_reversal(LENGTH_BATCH, L, seed=s), vocab, vocab)
    return next_batch


def _accuracy_per_length(model, vocab, lengths, n_test, seed):
    acc = {}
    for L in lengths:
        pairs = make_reversal(n_test, L, seed=seed * 7919 + L)
        X, x_mask = vocab.encode_batch([a for a, _ in pairs])
        ids, _ = model.greedy(X, x_mask, L + 2)
        acc[L] = float(np.mean([_decode_rows(r, vocab) == b for r, (_, b) in zip(ids, pairs)]))
    return acc


def _pair(x, fn):
    """``train_lengths``: two whole numbers lo <= hi, both at least 1."""
    if not isinstance(x, (list, tuple)) or len(x) != 2:
        raise fail(fn, f"`train_lengths` একটি (lo, hi) জোড়া হতে হবে, পাওয়া গেছে {quote(x)}।",
                   f"`train_lengths` must be a pair (lo, hi), got {quote(x)}.", TypeError)
    lo, hi = (integer(v, "train_lengths", fn, minimum=1) for v in x)
    if lo > hi:
        raise fail(fn, f"`train_lengths` = ({lo}, {hi}): lo বড়জোর hi হতে পারে।",
                   f"`train_lengths` = ({lo}, {hi}): lo must not be larger than hi.")
    return lo, hi


def length_experiment(steps=None, seed=0, progress=True, seconds_per_model=None, lengths=LENGTHS,
                      train_lengths=(5, 40), n_test=200, checkpoints=VANILLA_CHECKPOINTS) -> dict:
    """Reverse digit strings: a vanilla model and an attention model (Luong, general score).

    Both are trained on lengths ``train_lengths`` (5..40), then tested on ``n_test`` new
    strings of each length in ``lengths``.  ``steps`` is ``{"vanilla": n, "attention": m}``
    (default ``LENGTH_STEPS``: vanilla gets three times as many) or one number for both;
    ``seconds_per_model`` trains each for a time instead.  The vanilla model is also tested
    after each step in ``checkpoints`` while it trains.

    Returns ``{"lengths": [...], "vanilla": {L: accuracy}, "attention": {L: accuracy},
    "vanilla_along": {step: {L: accuracy}}, "steps": {...}, "seconds": {...},
    "models": {"vanilla": Translator, "attention": Translator}}``; each Translator's
    ``history["losses"]`` holds its loss at every step.
    """
    fn = "length_experiment"
    if seconds_per_model is not None:
        _, seconds_per_model = _budget(None, seconds_per_model, fn)
        if steps is not None:
            raise fail(fn, "steps অথবা seconds_per_model, ঠিক একটি দাও।",
                       "give exactly one of steps or seconds_per_model.")
    steps = LENGTH_STEPS if steps is None else steps
    steps = dict(steps) if isinstance(steps, dict) else {"vanilla": steps, "attention": steps}
    if set(steps) != {"vanilla", "attention"}:
        raise fail(fn, f"`steps`-এর চাবি 'vanilla' আর 'attention' হতে হবে, পাওয়া গেছে {sorted(steps)}।",
                   f"the keys of `steps` must be 'vanilla' and 'attention', got {sorted(steps)}.")
    steps = {k: integer(v, "steps", fn, minimum=1) for k, v in steps.items()}
    seed, n_test = integer(seed, "seed", fn, minimum=0), integer(n_test, "n_test", fn, minimum=1)
    lengths = [integer(L, "lengths", fn, minimum=1) for L in sequence_of(list(lengths), "lengths", fn, (int, np.integer))]
    train_lengths = _pair(train_lengths, fn)
    vocab = digit_vocab()
    out = {"lengths": list(lengths), "steps": {}, "seconds": {}, "models": {}, "vanilla_along": {}}
    for name, cfg in (("vanilla", dict(decoder="vanilla")), ("attention", LENGTH_ATTENTION)):
        model = Seq2Seq(len(vocab), len(vocab), seed=seed, **LENGTH_CONFIG, **cfg)
        budget = dict(seconds=seconds_per_model) if seconds_per_model else dict(steps=steps[name])

        def test_along(step, model=model, name=name):
            if name == "vanilla" and step in checkpoints:
                out["vanilla_along"][step] = _accuracy_per_length(model, vocab, lengths, n_test, seed + 1)
        hist = fit(model, _reversal_batches(seed, train_lengths, vocab), lr=LENGTH_LR,
                   progress=progress, label=f"{name:9s}", callback=test_along, **budget)
        with single_blas_thread():
            out[name] = _accuracy_per_length(model, vocab, lengths, n_test, seed + 1)
        out["steps"][name], out["seconds"][name] = hist["steps"], hist["seconds"]
        out["models"][name] = Translator(model, vocab, vocab, hist, max_len=max(lengths) + 2)
    return out


# --------------------------------------------------------------------------- command line


def _cli_number(kind, name, **rule):
    """An argparse ``type=`` that checks a budget or seed with the course's own rules."""
    def convert(text):
        try:
            value = kind(text)
        except ValueError:
            example = {"seconds": "60", "steps": "1000"}.get(name, "0")
            what_bn, what_en = ("সংখ্যা", "a number") if kind is float else ("পূর্ণসংখ্যা", "a whole number")
            raise argparse.ArgumentTypeError(bilingual(
                f"--{name}: {quote(text)} {what_bn} নয়; যেমন --{name} {example}।",
                f"--{name}: {quote(text)} is not {what_en}; e.g. --{name} {example}."))
        try:
            return (number if kind is float else integer)(value, name, f"--{name}", **rule)
        except (TypeError, ValueError) as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None
    convert.__name__ = name
    return convert


def main(argv=None):
    ap = BilingualParser(
        prog="python -m helpers.train",
        description="Train the numpy seq2seq models. / numpy seq2seq মডেল প্রশিক্ষণ।",
        choose_bn="কাজের নাম দাও: 'dates' (তারিখ অনুবাদ) অথবা 'lengths' (দৈর্ঘ্যের পরীক্ষা)।",
        choose_en="name the task: 'dates' (date translation) or 'lengths' (the length experiment).",
        example="dates --seconds 60")
    ap.add_argument("task", choices=["dates", "lengths"])
    ap.add_argument("--seconds", type=_cli_number(float, "seconds", positive=True), default=None,
                    help="time budget (dates: default 60; lengths: per model)")
    ap.add_argument("--steps", type=_cli_number(int, "steps", minimum=1), default=None,
                    help="step budget (reproducible; lengths: for each model, default 1800 vanilla and 600 attention)")
    ap.add_argument("--seed", type=_cli_number(int, "seed", minimum=0), default=0)
    args = ap.parse_args(argv)
    if args.steps is not None and args.seconds is not None:
        ap.error(bilingual("--steps অথবা --seconds, একটিই দাও।", "give --steps or --seconds, not both."))

    if args.task == "dates":
        seconds = args.seconds if args.seconds is not None else 60.0
        tr = train_date_translator(seconds=seconds, seed=args.seed, steps=args.steps)
        h = tr.history
        print(f"trained {h['steps']} steps in {h['seconds']:.1f} s ({h['steps'] / max(h['seconds'], 1e-9):.1f} steps/s)")
        if h["steps"] == 0:
            return 1
        print_date_report(evaluate_dates(tr, n=1000, seed=args.seed + 2024))
        return 130 if h["interrupted"] else 0                # 130: the usual code after Ctrl-C
    else:
        res = length_experiment(steps=args.steps, seed=args.seed, seconds_per_model=args.seconds)
        for name in ("vanilla", "attention"):
            print(f"{name}: {res['steps'][name]} steps in {res['seconds'][name]:.1f} s")
        print("exact match by input length / ইনপুটের দৈর্ঘ্য অনুযায়ী নির্ভুল:")
        print(f"  {'length':>6s}  {'vanilla':>8s}  {'attention':>9s}")
        for L in res["lengths"]:
            print(f"  {L:6d}  {100 * res['vanilla'][L]:7.1f}%  {100 * res['attention'][L]:8.1f}%")
        if any(m.history["interrupted"] for m in res["models"].values()):
            return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
