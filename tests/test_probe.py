"""The probe of bad and edge inputs (../shared/reviews/probe-inputs.md), case by case.

Every BAD case of the probe (99) and the WEAK cases worth a change are here, in the
probe's order.  A refusal must be a ValueError or TypeError whose message has a Bengali
line and an English line and stays short; a case the course now accepts must give a
correct, finite result.
"""

import datetime
import re
import signal
import subprocess
import sys
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers import attention as A  # noqa: E402
from helpers import data as D  # noqa: E402
from helpers import i18n as I  # noqa: E402
from helpers import models as M  # noqa: E402
from helpers import plots as P  # noqa: E402
from helpers import style as S  # noqa: E402
from helpers import train as TR  # noqa: E402
from helpers import widgets as Wd  # noqa: E402
from helpers.validate import CourseWarning  # noqa: E402

S.use_course_style()

BENGALI = re.compile("[\u0980-\u09FF]")
H3 = np.array([[0.5, -1.0], [1.0, 0.2], [-0.3, 0.8]])
s2 = [1.0, 2.0]


class NeedsDetach:
    """Stands in for a torch tensor with requires_grad: turning it into an array fails."""

    def __array__(self, *args, **kwargs):
        raise RuntimeError("Can't call numpy() on Tensor that requires grad.")


class ArrayLike32:
    """Stands in for a float32 tensor or a pandas column: only ``__array__``."""

    def __array__(self, dtype=None, copy=None):
        return np.float32([1, 2, 3])


class Ctx:
    """What the cases need, made once: trained translators, a tiny model, fresh axes."""

    _tr = _tr_vanilla = None

    def tr(self):
        if Ctx._tr is None:
            Ctx._tr = TR.train_date_translator(steps=200, progress=False)
        return Ctx._tr

    def tr_vanilla(self):
        if Ctx._tr_vanilla is None:
            Ctx._tr_vanilla = TR.train_date_translator(steps=5, progress=False, decoder="vanilla")
        return Ctx._tr_vanilla

    @staticmethod
    def tiny(dtype=np.float32, hidden=4):
        vocab = D.digit_vocab()
        model = M.Seq2Seq(len(vocab), len(vocab), hidden=hidden, embed=3, dtype=np.float32)
        X, xm = vocab.encode_batch(["123", "45"])
        Y, ym = vocab.encode_batch(["321", "54"], end=True)
        return model, X.astype(dtype), xm, Y, ym

    @staticmethod
    def ax():
        return plt.subplots()[1]


def refused(kind):
    return ("refused", kind)


# Each case: (id, function of ctx, expected): expected is refused(ValueError/TypeError), or
# a function checking the result.
CASES = [
    # ---- attention: results that overflow are refused, naming the inputs
    ("A.score_dot 1e200", lambda c: A.score_dot([1e200], [[1e200]]), refused(ValueError)),
    ("A.score_dot 1e308", lambda c: A.score_dot([1.0, 1.0], [[1e308, 1e308]]), refused(ValueError)),
    ("A.score_scaled_dot f32", lambda c: A.score_scaled_dot(np.float32([1e20]), np.float32([[1e20]])), refused(ValueError)),
    ("A.score_general W 1e308", lambda c: A.score_general([10.0], [[10.0]], [[1e308]]), refused(ValueError)),
    ("A.score_additive nan", lambda c: A.score_additive([1e308], [[-1e308]], [[1e308]], [[1e308]], [1.0]), refused(ValueError)),
    ("A.context inf", lambda c: A.context([1.00009], [[1.7976e308]]), refused(ValueError)),
    ("A.score_dot needs detach", lambda c: A.score_dot(NeedsDetach(), np.ones((3, 2))), refused(ValueError)),
    ("A.softmax ragged mask", lambda c: A.softmax([1.0, 2.0], mask=[[True], [True, False]]), refused(TypeError)),
    ("A.attend score list", lambda c: A.attend(s2, H3, score=["dot"]), refused(ValueError)),
    ("A.sdpa ragged mask", lambda c: A.scaled_dot_product_attention(np.ones((2, 3)), np.ones((2, 3)), np.ones((2, 1)),
                                                                   mask=[[True], [True, False]]), refused(TypeError)),
    # weak ones taken on
    ("A.attend overflow names s, H", lambda c: A.attend([1e200], [[1e200], [1.0]]), refused(ValueError)),
    ("A.output_step names W_o", lambda c: A.output_step([1.0], [1.0], [[1.0, 1.0], [1.0, 1.0]], [[1e308, 1e308], [0.0, 0.0]]),
     refused(ValueError)),
    ("A.sdpa names Q, K", lambda c: A.scaled_dot_product_attention([[1e200]], [[1e200]], [[1.0]]), refused(ValueError)),
    ("A.softmax timedelta", lambda c: A.softmax(np.array([1, 2], dtype="timedelta64[s]")), refused(TypeError)),
    ("A.output_step empty s", lambda c: A.output_step(np.zeros(0), [1.0, 2.0], np.ones((3, 2)), np.ones((4, 3))),
     refused(ValueError)),
    ("A.softmax float32 array-like stays float32", lambda c: A.softmax(ArrayLike32()),
     lambda r: r.dtype == np.float32 and np.isclose(r.sum(), 1)),
    ("A.softmax huge span, no warning", lambda c: A.softmax([1e308, -1e308]),
     lambda r: np.array_equal(r, [1.0, 0.0])),
    # ---- i18n and style
    ("I.t list", lambda c: I.t(["scores_title"]), refused(TypeError)),
    ("I.t unknown", lambda c: I.t("unknown key"), refused(ValueError)),
    ("I.t lang fr", lambda c: I.t("scores_title", lang="fr"), refused(ValueError)),
    ("I.term unknown", lambda c: I.term("nope"), refused(ValueError)),
    ("I.gloss unknown", lambda c: I.gloss("nope"), refused(ValueError)),
    ("S.shapes_bengali '4'", lambda c: S.shapes_bengali("4"), refused(ValueError)),
    ("S.shapes_bengali 'abc'", lambda c: S.shapes_bengali("abc"), refused(ValueError)),
    # ---- plots
    ("P.score_bars nan", lambda c: P.score_bars(c.ax(), [np.nan, 1.0]), refused(ValueError)),
    ("P.score_bars inf", lambda c: P.score_bars(c.ax(), [np.inf, 1.0]), refused(ValueError)),
    ("P.score_bars empty", lambda c: P.score_bars(c.ax(), []), refused(ValueError)),
    ("P.score_bars labels", lambda c: P.score_bars(c.ax(), [1.0, 2.0, 3.0], labels=["a"]), refused(ValueError)),
    ("P.weight_bars nan", lambda c: P.weight_bars(c.ax(), [np.nan, 1.0]), refused(ValueError)),
    ("P.attention_heatmap 1-D", lambda c: P.attention_heatmap(c.ax(), [0.5, 0.5]), refused(ValueError)),
    ("P.attention_heatmap 3-D", lambda c: P.attention_heatmap(c.ax(), np.ones((2, 2, 2))), refused(ValueError)),
    ("P.attention_heatmap x_labels", lambda c: P.attention_heatmap(c.ax(), np.eye(2), x_labels=["a", "b", "c"]),
     refused(ValueError)),
    ("P.attention_heatmap nan", lambda c: P.attention_heatmap(c.ax(), [[np.nan, 1.0]]), refused(ValueError)),
    ("P.context_line empty", lambda c: P.context_line(c.ax(), [], [], 0.0), refused(ValueError)),
    ("P.context_line nan", lambda c: P.context_line(c.ax(), [1.0, np.nan], [0.5, 0.5], 0.5), refused(ValueError)),
    ("P.context_2d 1-D", lambda c: P.context_2d(c.ax(), [1.0, 2.0], [0.5, 0.5], [1.0, 1.0]), refused(ValueError)),
    ("P.versus_chart lengths", lambda c: P.versus_chart(c.ax(), [1, 2, 3], [0.5, 0.5], [1, 1, 1], "y", "t"),
     refused(ValueError)),
    ("P.recovery_chart nan", lambda c: P.recovery_chart(c.ax(), [1, 2, 3], [0.5, np.nan, 0.2], [1, 1, 1]),
     refused(ValueError)),
    ("P.architecture_diagram T=0", lambda c: P.architecture_diagram(c.ax(), T=0), refused(ValueError)),
    ("P.architecture_diagram highlight=9", lambda c: P.architecture_diagram(c.ax(), highlight=9), refused(ValueError)),
    ("P.accuracy_chart dicts accepted", lambda c: P.accuracy_chart(c.ax(), [5, 10], {5: 1.0, 10: 0.5}, {5: 1.0, 10: 1.0}),
     lambda r: True),
    ("P.hidden_states empty", lambda c: P.hidden_states(c.ax(), []), refused(ValueError)),
    ("P.vectors_2d s of 3", lambda c: P.vectors_2d(c.ax(), np.eye(2), [1.0, 2.0, 3.0]), refused(ValueError)),
    ("P.output_bars words", lambda c: P.output_bars(c.ax(), [0.2, 0.8], ["a"]), refused(ValueError)),
    ("P.output_bars empty", lambda c: P.output_bars(c.ax(), [], []), refused(ValueError)),
    ("P.position_labels 2.5", lambda c: P.position_labels(2.5), refused(TypeError)),
    ("P.char_labels None", lambda c: P.char_labels(None), refused(TypeError)),
    ("P.Live update before draw", lambda c: P.LiveAttentionFigure().update(
        np.ones((3, 1)), np.ones((3, 1)), np.ones((3, 3)), np.full((3, 3), 1 / 3), np.ones((3, 1)), 0), lambda r: True),
    ("P.Live image before draw", lambda c: P.LiveAttentionFigure().image(), refused(ValueError)),
    ("P.Live draw shapes", lambda c: P.LiveAttentionFigure().draw(
        np.ones((3, 1)), np.ones((2, 1)), np.ones((2, 3)), np.full((2, 4), 0.25), np.ones((2, 1)), 0), refused(ValueError)),
    ("P.figure_bytes bmp", lambda c: P.figure_bytes(c.ax().figure, "bmp"), refused(ValueError)),
    # ---- data
    ("D.parse_date None", lambda c: D.parse_date(None), refused(TypeError)),
    ("D.parse_date bytes", lambda c: D.parse_date(b"25/12/2023"), refused(TypeError)),
    ("D.parse_date int", lambda c: D.parse_date(20231225), refused(TypeError)),
    ("D.parse_date two-digit year", lambda c: D.parse_date("25/12/23"), refused(ValueError)),
    ("D.parse_date long text", lambda c: D.parse_date("x" * 10**5), refused(ValueError)),
    ("D.parse_date trailing words", lambda c: D.parse_date("25 December 2023 garbage"), refused(ValueError)),
    ("D.parse_date underscores", lambda c: D.parse_date("2_5/1_2/2_023"), refused(ValueError)),
    ("D.parse_date 31 Feb", lambda c: D.parse_date("31 February 2023"), refused(ValueError)),
    ("D.to_bengali_digits int accepted", lambda c: D.to_bengali_digits(2023), lambda r: r == "২০২৩"),
    ("D.to_ascii_digits None", lambda c: D.to_ascii_digits(None), refused(TypeError)),
    ("D.nfc None", lambda c: D.nfc(None), refused(TypeError)),
    ("D.format_date str", lambda c: D.format_date("2023-12-25", "en_long"), refused(TypeError)),
    ("D.format_date spelling -5", lambda c: D.format_date(datetime.date(2023, 1, 5), "bn_long", spelling=-5),
     refused(ValueError)),
    ("D.make_dates 2.5", lambda c: D.make_dates(2.5), refused(TypeError)),
    ("D.make_dates forms []", lambda c: D.make_dates(3, forms=[]), refused(ValueError)),
    ("D.make_dates -1", lambda c: D.make_dates(-1), refused(ValueError)),
    ("D.make_dates one form as str", lambda c: D.make_dates(3, forms="en_long", return_forms=True),
     lambda r: {f for _, _, f in r} == {"en_long"}),
    ("D.make_reversal (5,)", lambda c: D.make_reversal(2, length=(5,)), refused(TypeError)),
    ("D.make_reversal 5.0 accepted", lambda c: D.make_reversal(2, length=5.0), lambda r: all(len(a) == 5 for a, _ in r)),
    ("D.make_reversal (2.5, 4)", lambda c: D.make_reversal(2, length=(2.5, 4)), refused(TypeError)),
    ("D.make_reversal -2", lambda c: D.make_reversal(-2), refused(ValueError)),
    ("D.Vocab None", lambda c: D.Vocab(None), refused(TypeError)),
    ("D.Vocab ints", lambda c: D.Vocab([1, 2]), refused(TypeError)),
    ("D.Vocab.from_texts None item", lambda c: D.Vocab.from_texts(["ab", None]), refused(TypeError)),
    ("D.encode None", lambda c: D.date_vocabs()[0].encode(None), refused(TypeError)),
    ("D.decode 999", lambda c: D.digit_vocab().decode([999]), refused(ValueError)),
    ("D.decode -1", lambda c: D.digit_vocab().decode([-1, 3]), refused(ValueError)),
    ("D.decode 'a'", lambda c: D.digit_vocab().decode(["a"]), refused(TypeError)),
    ("D.decode 3.7", lambda c: D.digit_vocab().decode([3.7]), refused(TypeError)),
    ("D.encode_batch []", lambda c: D.digit_vocab().encode_batch([]), refused(ValueError)),
    ("D.encode_batch str", lambda c: D.digit_vocab().encode_batch("123"), refused(TypeError)),
    # ---- models
    ("M.Seq2Seq -1", lambda c: M.Seq2Seq(-1, 10), refused(ValueError)),
    ("M.Seq2Seq hidden 2.0 accepted", lambda c: M.Seq2Seq(10, 10, hidden=2.0), lambda r: r.config["hidden"] == 2),
    ("M.Seq2Seq hidden 2.5", lambda c: M.Seq2Seq(10, 10, hidden=2.5), refused(TypeError)),
    ("M.Seq2Seq int64 weights", lambda c: M.Seq2Seq(10, 10, dtype=np.int64), refused(ValueError)),
    ("M.Adam int params", lambda c: M.Adam({"w": np.array([1, 2])}), refused(TypeError)),
    ("M.loss ids too large", lambda c: (lambda m, X, xm, Y, ym: m.loss(X + 100, xm, Y, ym))(*c.tiny()), refused(ValueError)),
    ("M.loss negative ids", lambda c: (lambda m, X, xm, Y, ym: m.loss(-X, xm, Y, ym))(*c.tiny()), refused(ValueError)),
    ("M.loss float ids", lambda c: (lambda m, X, xm, Y, ym: m.loss(X.astype(float) + 0.5, xm, Y, ym))(*c.tiny()),
     refused(TypeError)),
    ("M.loss 1-D X", lambda c: (lambda m, X, xm, Y, ym: m.loss(X[0], xm, Y, ym))(*c.tiny()), refused(ValueError)),
    ("M.loss mask shape", lambda c: (lambda m, X, xm, Y, ym: m.loss(X, xm[:, :2], Y, ym))(*c.tiny()), refused(ValueError)),
    ("M.loss Y too large", lambda c: (lambda m, X, xm, Y, ym: m.loss(X, xm, Y + 50, ym))(*c.tiny()), refused(ValueError)),
    ("M.loss empty targets", lambda c: (lambda m, X, xm, Y, ym: m.loss(X, xm, Y[:, :0], ym[:, :0]))(*c.tiny()),
     refused(ValueError)),
    ("M.greedy max_len 0", lambda c: (lambda m, X, xm, Y, ym: m.greedy(X, xm, max_len=0))(*c.tiny()), refused(ValueError)),
    ("M.greedy max_len 2.5", lambda c: (lambda m, X, xm, Y, ym: m.greedy(X, xm, max_len=2.5))(*c.tiny()),
     refused(TypeError)),
    ("M.Seq2Seq hidden 0", lambda c: c.tiny(hidden=0), refused(ValueError)),
    ("M.clip_gradients nan", lambda c: M.clip_gradients({"a": np.array([1.0, np.nan])}), refused(ValueError)),
    ("M.clip_gradients inf", lambda c: M.clip_gradients({"a": np.array([1.0, np.inf])}), refused(ValueError)),
    ("M.clip_gradients max_norm -1", lambda c: M.clip_gradients({"a": np.array([30.0, 40.0])}, max_norm=-1),
     refused(ValueError)),
    ("M.clip_gradients ints", lambda c: M.clip_gradients({"a": np.array([30, 40])}), refused(TypeError)),
    ("M.Adam lr nan", lambda c: M.Adam({"w": np.ones(2)}, lr=float("nan")), refused(ValueError)),
    ("M.Adam step missing grads", lambda c: M.Adam({"w": np.ones(2)}).step({}), refused(ValueError)),
    ("M.gru_step shapes", lambda c: M.gru_step(np.ones((2, 6)), np.ones((2, 3)), np.ones((2, 6)), np.ones((3, 3))),
     refused(ValueError)),
    ("M.Encoder.forward list", lambda c: M.Encoder(10, hidden=4).forward([[1, 2]], np.ones((1, 2), bool)),
     lambda r: r[0].shape == (1, 2, 4)),
    ("M.Encoder.forward float mask", lambda c: M.Encoder(10, hidden=4).forward([[1, 2]], np.ones((1, 2))),
     refused(ValueError)),
    ("M.gru_step_backward shapes", lambda c: M.gru_step_backward(
        np.ones((3, 2)), M.gru_step(np.ones((2, 6)), np.ones((2, 2)), np.ones((2, 4)), np.ones((2, 2)))[1],
        np.ones((2, 4)), np.ones((2, 2)), {"Uzr": np.zeros((2, 4)), "Un": np.zeros((2, 2))}), refused(ValueError)),
    # ---- train
    ("TR.translate long text", lambda c: c.tr().translate("x" * 10**5), refused(ValueError)),
    ("TR.translate None", lambda c: c.tr().translate(None), refused(TypeError)),
    ("TR.translate bytes", lambda c: c.tr().translate(b"25/12/2023"), refused(TypeError)),
    ("TR.translate int", lambda c: c.tr().translate(20231225), refused(TypeError)),
    ("TR.translate empty", lambda c: c.tr().translate(""), refused(ValueError)),
    ("TR.translate spaces", lambda c: c.tr().translate("   "), refused(ValueError)),
    ("TR.translate lower case month", lambda c: c.tr().translate("25 december 2023"), refused(ValueError)),
    ("TR.translate_batch []", lambda c: c.tr().translate_batch([]), refused(ValueError)),
    ("TR.translate_batch [None]", lambda c: c.tr().translate_batch([None]), refused(TypeError)),
    ("TR.translate_batch str", lambda c: c.tr().translate_batch("25/12/2023"), refused(TypeError)),
    ("TR.evaluate_dates n=0", lambda c: TR.evaluate_dates(c.tr(), n=0), refused(ValueError)),
    ("TR.evaluate_dates n=-5", lambda c: TR.evaluate_dates(c.tr(), n=-5), refused(ValueError)),
    ("TR.train seed -1", lambda c: TR.train_date_translator(steps=1, seed=-1, progress=False), refused(ValueError)),
    ("TR.train steps 0", lambda c: TR.train_date_translator(steps=0, progress=False), refused(ValueError)),
    ("TR.train steps -5", lambda c: TR.train_date_translator(steps=-5, progress=False), refused(ValueError)),
    ("TR.train seconds -1", lambda c: TR.train_date_translator(seconds=-1, progress=False), refused(ValueError)),
    ("TR.fit steps '10'", lambda c: (lambda m, X, xm, Y, ym: TR.fit(m, lambda s: (X, xm, Y, ym), steps="10",
                                                                      progress=False))(*c.tiny()), refused(TypeError)),
    ("TR.fit steps 2.5", lambda c: (lambda m, X, xm, Y, ym: TR.fit(m, lambda s: (X, xm, Y, ym), steps=2.5,
                                                                     progress=False))(*c.tiny()), refused(TypeError)),
    ("TR.fit seconds nan", lambda c: (lambda m, X, xm, Y, ym: TR.fit(m, lambda s: (X, xm, Y, ym), seconds=float("nan"),
                                                                       progress=False))(*c.tiny()), refused(ValueError)),
    ("TR.length_experiment lengths ()", lambda c: TR.length_experiment(steps=2, lengths=(), n_test=2, progress=False),
     refused(ValueError)),
    ("TR.length_experiment train_lengths (5, 4)", lambda c: TR.length_experiment(
        steps=2, train_lengths=(5, 4), n_test=2, lengths=(5,), progress=False), refused(ValueError)),
    ("TR.length_experiment lengths (0,)", lambda c: TR.length_experiment(steps=2, lengths=(0,), n_test=2, progress=False),
     refused(ValueError)),
    ("TR.length_experiment seconds 0", lambda c: TR.length_experiment(steps=3, seconds_per_model=0, lengths=(5,),
                                                                      n_test=2, progress=False), refused(ValueError)),
    # ---- widgets
    ("Wd.AttentionExplorer 9 h", lambda c: Wd.AttentionExplorer(h=[1.0] * 9), refused(ValueError)),
    ("Wd.AttentionExplorer 1 h", lambda c: Wd.AttentionExplorer(h=[2.0]), refused(ValueError)),
    ("Wd.AttentionExplorer no h", lambda c: Wd.AttentionExplorer(h=[]), refused(ValueError)),
    ("Wd.AttentionExplorer h 100", lambda c: Wd.AttentionExplorer(h=[100.0, 5.0, 1.0]), refused(ValueError)),
    ("Wd.AttentionExplorer s 6", lambda c: Wd.AttentionExplorer(s=6.0), refused(ValueError)),
    ("Wd.AttentionExplorer s 1e308", lambda c: Wd.AttentionExplorer(s=1e308), refused(ValueError)),
    ("Wd.AttentionExplorer s nan", lambda c: Wd.AttentionExplorer(s=float("nan")), refused(ValueError)),
    ("Wd.AttentionExplorer s 'abc'", lambda c: Wd.AttentionExplorer(s="abc"), refused(TypeError)),
    ("Wd.AttentionExplorer score 'Dot'", lambda c: Wd.AttentionExplorer(score="Dot"), refused(ValueError)),
    ("Wd.AttentionExplorer seed -1", lambda c: Wd.AttentionExplorer(seed=-1), refused(ValueError)),
    ("Wd.date_explorer vanilla", lambda c: Wd.date_explorer(c.tr_vanilla()), lambda r: r.message.value == ""),
    ("Wd.date_explorer empty text", lambda c: Wd.date_explorer(c.tr(), text=""),
     lambda r: "text" in r.message.value and "H" not in r.message.value),
]


def _check_message(exc):
    text = str(exc)
    lines = text.splitlines()
    assert len(lines) >= 2, text
    assert BENGALI.search(lines[0]), text                      # Bengali first ...
    assert re.search(r"[A-Za-z]{3,}", lines[-1]) and not BENGALI.search(lines[-1].split("'")[0]), text
    assert len(text) < 1200, f"message is {len(text)} characters long"


@pytest.mark.parametrize("name,case,expected", CASES, ids=[c[0] for c in CASES])
def test_probe_case(name, case, expected):
    ctx = Ctx()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", RuntimeWarning)      # no leaked numpy warnings either
            if isinstance(expected, tuple):
                with pytest.raises(expected[1]) as info:
                    case(ctx)
                _check_message(info.value)
            else:
                assert expected(case(ctx)), name
    finally:
        plt.close("all")


def test_probe_counts():
    """All 99 BAD cases of the probe are above, plus the WEAK ones taken on."""
    assert len(CASES) >= 140


def test_year_outside_training_still_translates_with_a_warning():
    tr = Ctx().tr()
    with pytest.warns(CourseWarning) as record:
        iso, A_ = tr.translate("১৬ ডিসেম্বর ১৮৫০")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso) and A_.shape[0] == len(iso)
    message = str(record[0].message)
    assert "1850" in message and BENGALI.search(message) and "1900" in message
    with warnings.catch_warnings():
        warnings.simplefilter("error", CourseWarning)           # a year inside the range: no warning
        tr.translate("১৬ ডিসেম্বর ১৯৫০")


def test_lower_case_month_gets_a_case_hint():
    with pytest.raises(ValueError, match="December") as info:
        Ctx().tr().translate("25 december 2023")
    assert "'D'" in str(info.value)


def test_explorer_language_toggle_follows_set_language():
    ex = Wd.AttentionExplorer()
    I.set_language("en")
    try:
        ex.s_slider.value = 3.0
        assert ex.language_select.value == "en"
    finally:
        I.set_language("both")


CLI = [sys.executable, "-m", "helpers.train"]


@pytest.mark.parametrize("args", [["dates", "--seconds", "-1"], ["dates", "--steps", "0"], ["dates", "--seconds", "nan"],
                                  ["dates", "--seed", "-1", "--steps", "1"], ["dates", "--seconds", "inf"],
                                  ["dates", "--seconds", "abc"], ["translate"], [], ["dates", "--seed", "1e3"],
                                  ["lengths", "--steps", "-1"], ["lengths", "--seconds", "0", "--steps", "3"],
                                  ["dates", "--steps", "3", "--seconds", "5"]],
                         ids=lambda a: " ".join(a) or "(nothing)")
def test_cli_refuses_with_a_short_bilingual_usage_message(args):
    run = subprocess.run(CLI + args, capture_output=True, text=True, timeout=60)
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr and BENGALI.search(run.stderr) and "usage:" in run.stderr
    assert len(run.stderr) < 1000


def test_cli_ctrl_c_stops_cleanly_and_reports():
    run = subprocess.Popen(CLI + ["dates", "--seconds", "60"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    import time
    time.sleep(6)
    run.send_signal(signal.SIGINT)
    out, err = run.communicate(timeout=60)
    assert run.returncode == 130, err[-500:]
    assert "Traceback" not in err and "stopped after" in err and "exact match" in out
