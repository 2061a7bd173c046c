"""The course's figures.  Each takes a matplotlib ``ax`` and returns what it drew.

Figures never compute attention themselves: they draw numbers that ``helpers.attention``
computed.  Every title and axis label comes from ``helpers.i18n.t``, so it follows the
language switch.
"""

from __future__ import annotations

import contextlib
import io
import struct
import warnings
import zlib

import matplotlib
import matplotlib.ticker
import numpy as np
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Rectangle
from matplotlib.transforms import offset_copy

from .i18n import subscript, t
from .style import PALETTE
from .validate import array, choice, fail, integer, number, same_length, sequence_of, text as _text

__all__ = ["steps_chart", "cost_chart", "architecture_diagram", "course_map", "score_bars", "weight_bars", "attention_heatmap",
           "context_line", "versus_chart", "recovery_chart", "accuracy_chart", "loss_curves", "position_labels", "char_labels", "figure_bytes", "png_bytes", "LiveAttentionFigure"]


def _values(x, name, fn, ndim=1):
    """Finite numbers to draw, not empty, with ``ndim`` dimensions (one number or a tuple)."""
    return array(x, name, fn, ndim=ndim, nonempty=True).astype(float)


def _labels(labels, n, name, fn, values="values"):
    """Tick labels: None, or one str per value."""
    if labels is None:
        return None
    labels = sequence_of(list(labels) if isinstance(labels, np.ndarray) else labels, name, fn, str)
    same_length(n, len(labels), values, name, fn)
    return labels


def _points(x, name, fn):
    """Points of the plane, shape (T, 2)."""
    a = _values(x, name, fn, ndim=2)
    if a.shape[1] != 2:
        raise fail(fn, f"`{name}`-এর shape (T, 2) হওয়ার কথা (সমতলের বিন্দু), কিন্তু পাওয়া গেছে {a.shape}।",
                   f"`{name}` should have shape (T, 2) (points of the plane), got {a.shape}.")
    return a


def _point(x, name, fn):
    """One point of the plane, shape (2,)."""
    a = _values(x, name, fn)
    if a.shape != (2,):
        raise fail(fn, f"`{name}` সমতলের একটি বিন্দু হতে হবে, shape (2,); পাওয়া গেছে {a.shape}।",
                   f"`{name}` must be one point of the plane, shape (2,); got {a.shape}.")
    return a


def position_labels(T: int, symbol: str = "h") -> list[str]:
    """Math labels $h_1$ ... $h_T$ for T positions."""
    T = integer(T, "T", "position_labels", minimum=0)
    return [f"${symbol}_{{{i + 1}}}$" for i in range(T)]


def char_labels(text: str) -> list[str]:
    """One tick label per character of ``text``; a space shows as ␣ so it can be seen."""
    text = _text(text, "text", "char_labels", allow_empty=True)
    return ["␣" if ch == " " else ch for ch in text]


def _fmt(x: float) -> str:
    """A number as a reader wants it on a bar: 3 significant digits, small ones in e-notation."""
    x = float(x)
    if x != 0 and abs(x) < 1e-3:
        return f"{x:.1e}"
    near = round(x)
    if x != near and abs(x - near) < 1e-3:      # 0.999994 must not print as "1"
        text = f"{x:.6f}".rstrip("0").rstrip(".")   # but 1.9999999 prints as "2", not "2."
        return "0" if text == "-0" else text
    return f"{x:.3g}"


# --------------------------------------------------------------------------- bars


def _bars(ax, values, labels, color, ylabel, title, fn):
    values = _values(values, "values", fn)
    labels = _labels(labels, len(values), "labels", fn) or position_labels(len(values))
    x = np.arange(len(values))
    bars = ax.bar(x, values, color=color, width=0.6)
    ax.set_xticks(x, labels)
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    texts = [_value_label(ax.text(xi, v, _fmt(v), ha="center", fontsize=12), v) for xi, v in zip(x, values)]
    return bars, texts


def _value_label(text, v):
    """Place a bar's value label 4 points above its top (below, for a negative bar).

    A Text with an offset transform, not an annotation: a quarter faster to redraw, which
    the explorer does on every slider move."""
    text.set_transform(offset_copy(text.axes.transData, fig=text.figure, y=4 if v >= 0 else -4, units="points"))
    text.set_verticalalignment("bottom" if v >= 0 else "top")
    return text


def score_bars(ax, scores, labels=None, title: str | None = None):
    """Bars of the scores e_{t,i}, one per encoder position, each with its value."""
    bars, texts = _bars(ax, scores, labels, PALETTE["blue"], t("score_axis"),
                        title if title is not None else t("scores_title"), "score_bars")
    values = [b.get_height() for b in bars]
    lo, hi = min(0.0, float(np.min(values))), max(0.0, float(np.max(values)))
    pad = 0.18 * (hi - lo or 1.0)
    ax.set_ylim(lo - (pad if lo < 0 else 0), hi + pad)
    return bars, texts


def weight_bars(ax, weights, labels=None, title: str | None = None):
    """Bars of the attention weights alpha_{t,i} on a 0-1 axis, each with its value."""
    bars, texts = _bars(ax, weights, labels, PALETTE["orange"], t("weight_axis"),
                        title if title is not None else t("weights_title"), "weight_bars")
    ax.set_ylim(0, 1.15)
    return bars, texts


# --------------------------------------------------------------------------- heatmap


def attention_heatmap(ax, weights, x_labels=None, y_labels=None, annotate: bool = True,
                      title: str | None = None, colorbar: bool = True, vmax: float = 1.0):
    """Rows: decoder steps (outputs); columns: encoder positions (inputs).

    Each row of ``weights`` is one alpha_t.  Returns the coloured grid (a QuadMesh: its
    ``set_array`` recolours it, several times faster to redraw than an image).
    """
    fn = "attention_heatmap"
    w = _values(weights, "weights", fn, ndim=2)
    rows, cols = w.shape
    x_labels = _labels(x_labels, cols, "x_labels", fn, "columns of weights")
    y_labels = _labels(y_labels, rows, "y_labels", fn, "rows of weights")
    vmax = number(vmax, "vmax", fn, positive=True)
    im = ax.pcolormesh(np.arange(cols + 1) - 0.5, np.arange(rows + 1) - 0.5, w, cmap="viridis",
                       vmin=0.0, vmax=vmax)
    ax.set_xlim(-0.5, cols - 0.5)
    ax.set_ylim(rows - 0.5, -0.5)                        # first row on top, as in a table
    ax.set_xticks(range(cols), x_labels if x_labels is not None else position_labels(cols, "x"))
    ax.set_yticks(range(rows), y_labels if y_labels is not None else position_labels(rows, "y"))
    ax.set_xlabel(t("input_token"))
    ax.set_ylabel(t("output_token"))
    ax.xaxis.set_ticks_position("top")
    ax.xaxis.set_label_position("top")
    ax.tick_params(length=0)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    if annotate and rows * cols <= 120:
        for r in range(rows):
            for c in range(cols):
                ax.text(c, r, f"{w[r, c]:.2f}", ha="center", va="center", fontsize=11,
                        color="black" if w[r, c] > 0.6 * vmax else "white")
    if colorbar:
        ax.figure.colorbar(im, ax=ax, fraction=0.046, pad=0.04, label=t("weight_colorbar"))
    ax.set_title(title if title is not None else t("heatmap_title"), pad=12)
    return im


# --------------------------------------------------------------------------- context (d = 1)


def context_line(ax, H, weights, c, labels=None, title: str | None = None):
    """The scalar case on a number line: each h_i as a dot sized by its weight, c_t marked."""
    fn = "context_line"
    H = _values(H, "H", fn)
    w = _values(weights, "weights", fn)
    same_length(len(H), len(w), "H", "weights", fn)
    c = number(float(c) if np.ndim(c) == 0 and not isinstance(c, (str, bytes)) else c, "c", fn)
    labels = _labels(labels, len(H), "labels", fn) or position_labels(len(H))
    ax.axhline(0, color=PALETTE["grey"], linewidth=1, zorder=0)
    ax.scatter(H, np.zeros_like(H), s=80 + 1400 * w, color=PALETTE["blue"], alpha=0.75, zorder=2)
    rank = np.argsort(np.argsort(H))                 # neighbours on the line alternate heights
    for h, lab, wi, r in zip(H, labels, w, rank):
        ax.annotate(f"{lab}={_fmt(h)}\nα={_fmt(wi)}", (h, 0), xytext=(0, 22 + 40 * (r % 2)),
                    textcoords="offset points", ha="center", va="bottom", fontsize=12)
    marker, = ax.plot([float(c)] * 2, [-0.55, 0.3], color=PALETTE["vermillion"], linewidth=2.5, zorder=3)
    ax.annotate(f"$c_t$={_fmt(c)}", (float(c), -0.55), xytext=(0, -3), textcoords="offset points",
                ha="center", va="top", color=PALETTE["vermillion"], fontsize=13, fontweight="bold")
    span = max(H.max() - H.min(), 1.0)
    ax.set_xlim(H.min() - 0.25 * span, H.max() + 0.25 * span)
    ax.set_ylim(-1.2, 1.9)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_xlabel(t("value_axis"))
    ax.set_title(title if title is not None else t("context_title"))
    return marker


# --------------------------------------------------------------------------- lesson charts


def versus_chart(ax, lengths, vanilla, attention, ylabel: str, title: str, xlabel: str | None = None):
    """Vanilla seq2seq against attention, as the input grows: one line each, shares on 0-100 %."""
    fn = "versus_chart"
    lengths = _values(lengths, "lengths", fn)
    vanilla, attention = _values(vanilla, "vanilla", fn), _values(attention, "attention", fn)
    same_length(len(lengths), len(vanilla), "lengths", "vanilla", fn)
    same_length(len(lengths), len(attention), "lengths", "attention", fn)
    ax.plot(lengths, vanilla, "o-", color=PALETTE["vermillion"], linewidth=2.5, label=t("vanilla"))
    ax.plot(lengths, attention, "s--", color=PALETTE["blue"], linewidth=2.5, label=t("with_attention"))
    ax.set_ylim(0, 1.08)
    ax.set_xlabel(xlabel if xlabel is not None else t("sentence_length"))
    ax.set_ylabel(ylabel)
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.legend(loc="center right")              # between the high and the falling line
    ax.set_title(title)


def recovery_chart(ax, lengths, fixed, full, title: str | None = None):
    """Share of the input a decoder can recover, against sentence length: one fixed C vs all h_i."""
    versus_chart(ax, lengths, fixed, full, t("recovered"),
                 title if title is not None else t("bottleneck_title"))


def accuracy_chart(ax, lengths, vanilla, attention, title: str | None = None, along: dict | None = None):
    """Exact-match accuracy against input length, for the trained vanilla and attention models.

    ``along`` ({steps: [accuracy per length]}) adds the vanilla model tested earlier in its
    training, as thin dotted lines labelled with their step count.  ``vanilla`` and
    ``attention`` may be lists (one accuracy per length) or ``{length: accuracy}`` dicts."""
    fn = "accuracy_chart"
    lengths = [integer(L, "lengths", fn, minimum=1) for L in sequence_of(list(np.ravel(lengths)) if isinstance(lengths, np.ndarray) else lengths, "lengths", fn, (int, np.integer))]

    def per_length(x, name):
        if isinstance(x, dict):
            missing = [L for L in lengths if L not in x]
            if missing:
                raise fail(fn, f"`{name}`-এ এই দৈর্ঘ্যগুলোর মান নেই: {missing}।",
                           f"`{name}` has no value for the length(s) {missing}.")
            return [x[L] for L in lengths]
        return x
    vanilla, attention = per_length(vanilla, "vanilla"), per_length(attention, "attention")
    along = {k: per_length(v, "along") for k, v in (along or {}).items()}
    for k, (steps, acc) in enumerate(sorted((along or {}).items())[:-1]):
        ax.plot(lengths, acc, ":", color=PALETTE["vermillion"], linewidth=1.6, alpha=0.45 + 0.25 * k,
                label=t("vanilla_at_step", sep=" · ").format(steps=steps))
    versus_chart(ax, lengths, vanilla, attention, t("accuracy_axis"),
                 title if title is not None else t("length_title"), xlabel=t("input_length"))


def loss_curves(ax, losses: dict, window: int = 25, title: str | None = None):
    """Training loss against step for each model (``{name: [loss per step]}``), as a moving
    average over ``window`` steps, on a log scale: a flat stretch means learning has stalled."""
    fn = "loss_curves"
    if not isinstance(losses, dict) or not losses:
        raise fail(fn, "`losses` একটি dict হতে হবে, যেমন {'vanilla': [...], 'attention': [...]}।",
                   "`losses` must be a dict such as {'vanilla': [...], 'attention': [...]}.", TypeError)
    window = integer(window, "window", fn, minimum=1)
    styles = {"vanilla": ("-", PALETTE["vermillion"]), "attention": ("--", PALETTE["blue"])}
    for name, values in losses.items():
        v = _values(values, f"losses[{name!r}]", fn)
        if len(v) < window:
            raise fail(fn, f"`losses[{name!r}]`-এ মাত্র {len(v)}টি মান, কিন্তু `window` = {window}; window ছোট করো।",
                       f"`losses[{name!r}]` has only {len(v)} values but `window` = {window}; use a smaller window.")
        smooth = np.convolve(v, np.ones(window) / window, mode="valid")
        style, color = styles.get(name, ("-", PALETTE["black"]))
        ax.plot(np.arange(window, len(v) + 1), smooth, style, color=color, linewidth=2.2,
                label=t("vanilla") if name == "vanilla" else t("with_attention") if name == "attention" else name)
    ax.set_yscale("log")
    ax.set_xlabel(t("training_step"))
    ax.set_ylabel(t("loss_axis"))
    ax.legend(loc="lower right")                # the curves start high on the left
    ax.set_title(title if title is not None else t("loss_title"))


# --------------------------------------------------------------------------- architecture


UNLIT = "#666666"          # grey for the parts of the map not lit: still readable on a projector
MAP_SIZE = (11.5, 6.9)    # the course map is drawn at one size in every lesson


def _node(ax, x, y, text, color, lit, w=1.0, h=0.56, round_=True, fontsize=15):
    """A box centred at (x, y); returns its edges as a dict (left, right, bottom, top)."""
    face = color if lit else "#F2F2F2"
    box = FancyBboxPatch((x - w / 2, y - h / 2), w, h,
                         boxstyle="round,pad=0.02,rounding_size=0.16" if round_ else "square,pad=0.02",
                         facecolor=face, edgecolor="black" if lit else UNLIT, linewidth=2 if lit else 1.1,
                         zorder=2)
    ax.add_patch(box)
    dark = lit and color in (PALETTE["blue"], PALETTE["vermillion"], PALETTE["green"], PALETTE["purple"])
    ax.text(x, y, text, ha="center", va="center", fontsize=fontsize, zorder=3,
            color="white" if dark else ("black" if lit else "#333333"))
    pad = 0.03
    return {"x": x, "y": y, "left": x - w / 2 - pad, "right": x + w / 2 + pad,
            "bottom": y - h / 2 - pad, "top": y + h / 2 + pad}


def _arrow(ax, points, lit, dashed=False, head=True):
    """An arrow along ``points`` (two or more (x, y)), from box edge to box edge: the caller
    gives the exact end points, so arrows keep their shafts at any figure size."""
    from matplotlib.path import Path
    kind = [Path.MOVETO] + [Path.LINETO] * (len(points) - 1)
    arr = FancyArrowPatch(path=Path(points, kind), arrowstyle="-|>" if head else "-", mutation_scale=15,
                          linewidth=1.9 if lit else 1.2, color="black" if lit else UNLIT, zorder=1,
                          linestyle=(0, (4, 3)) if dashed else "-", shrinkA=0, shrinkB=0)
    arr.points = [tuple(p) for p in points]          # in data units, for the tests that check the map
    ax.add_patch(arr)
    return arr


def architecture_diagram(ax, highlight: int | None = None, T: int = 3):
    """The course map: encoder, decoder state, scores, softmax, context and output, one step lit.

    What it shows, as the formulas say: every score e_{t,i} takes the query s_t and its own
    h_i; softmax takes *all* the scores together (one box across them); c_t takes the
    weights *and* the h_i (c_t = sum_i alpha_{t,i} h_i); the output takes s_t and c_t.
    No arrow crosses a box.  ``highlight`` 1-6 lights one step, None lights every step.
    Draw it with ``course_map`` to get the same size in every lesson.  Returns a dict:
    step number -> its step label.
    """
    lit = {k: highlight in (None, k) for k in range(1, 7)}
    T = integer(T, "T", "architecture_diagram", minimum=1, maximum=8)
    if highlight is not None:
        highlight = integer(highlight, "highlight", "architecture_diagram", minimum=1, maximum=6)
    colors = {1: PALETTE["blue"], 2: PALETTE["vermillion"], 3: PALETTE["sky"],
              4: PALETTE["orange"], 5: PALETTE["green"], 6: PALETTE["purple"]}
    xs = [1.7 * i for i in range(T)]
    x_mid, x_dec = (xs[0] + xs[-1]) / 2, xs[-1] + 2.9
    y_x, y_h, y_q, y_e, y_sm, y_a, y_c = 0.0, 1.3, 2.05, 2.8, 3.8, 4.8, 6.0
    h_box, e_box, a_box = [], [], []
    for i, x in enumerate(xs):
        xb = _node(ax, x, y_x, f"$x_{{{i + 1}}}$", "#FFFFFF", lit[1], round_=False)
        h_box.append(_node(ax, x, y_h, f"$h_{{{i + 1}}}$", colors[1], lit[1]))
        _arrow(ax, [(x, xb["top"]), (x, h_box[i]["bottom"])], lit[1])
        if i:
            _arrow(ax, [(h_box[i - 1]["right"], y_h), (h_box[i]["left"], y_h)], lit[1])
        e_box.append(_node(ax, x, y_e, f"$e_{{t,{i + 1}}}$", colors[3], lit[3]))
        _arrow(ax, [(x - 0.22, h_box[i]["top"]), (x - 0.22, e_box[i]["bottom"])], lit[3])     # h_i -> e_{t,i}
        _arrow(ax, [(x + 0.22, y_q), (x + 0.22, e_box[i]["bottom"])], lit[3], dashed=True)     # s_t -> e_{t,i}
        a_box.append(_node(ax, x, y_a, f"$\\alpha_{{t,{i + 1}}}$", colors[4], lit[4]))
    # the query s_t reaches every score along one dashed line
    s_box = _node(ax, x_dec, y_h, "$s_t$", colors[2], lit[2], w=1.1)
    _arrow(ax, [(s_box["left"], y_h + 0.12), (s_box["left"] - 0.4, y_q), (xs[0] + 0.22, y_q)], lit[3],
           dashed=True, head=False)
    # softmax: one box across all the scores, because every weight depends on every score
    w_sm = xs[-1] - xs[0] + 1.3
    sm = _node(ax, x_mid, y_sm, t("softmax_all", sep="\n"), colors[4], lit[4], w=w_sm, h=0.72, fontsize=12.5)
    for x, e, a in zip(xs, e_box, a_box):
        _arrow(ax, [(x, e["top"]), (x, sm["bottom"])], lit[4])
        _arrow(ax, [(x, sm["top"]), (x, a["bottom"])], lit[4])
    # the context: the weights and the h_i together
    c = _node(ax, x_mid, y_c, r"$c_t = \sum_i \alpha_{t,i}\, h_i$", colors[5], lit[5], w=2.6, h=0.62)
    for x, a in zip(xs, a_box):
        _arrow(ax, [(x, a["top"]), (x_mid + 0.45 * (x - x_mid) / max(xs[-1] - x_mid, 1e-9), c["bottom"])], lit[5])
    x_lane = xs[0] - 1.05                                  # the h_i go up the left side to c_t
    _arrow(ax, [(h_box[0]["left"], y_h - 0.1), (x_lane, y_h - 0.1), (x_lane, y_c), (c["left"], y_c)], lit[5])
    ax.text(x_lane - 0.12, (y_e + y_a) / 2, t("all_h", sep=" · "), rotation=90, ha="right", va="center", fontsize=12,
            color="black" if lit[5] else UNLIT)
    # the output: s_t and c_t
    st = _node(ax, x_dec, y_c, r"$\tilde{s}_t$", colors[6], lit[6], w=1.1)
    y_box = _node(ax, x_dec, y_c + 1.2, "$y_t$", colors[6], lit[6], w=1.1)
    _arrow(ax, [(c["right"], y_c), (st["left"], y_c)], lit[6])
    _arrow(ax, [(x_dec, s_box["top"]), (x_dec, st["bottom"])], lit[6])
    _arrow(ax, [(x_dec, st["top"]), (x_dec, y_box["bottom"])], lit[6])
    # step labels, lit like their step
    def label(k, x, y, ha):
        return ax.text(x, y, t(f"step{k}", sep="\n"), ha=ha, va="center", fontsize=12.5,
                       color="black" if lit[k] else UNLIT, fontweight="bold" if lit[k] and highlight else "normal")
    x_lab = x_lane - 0.55
    labels = {1: label(1, x_lab, y_h, "right"), 3: label(3, x_lab, y_e, "right"),
              4: label(4, x_lab, y_sm + 0.5, "right"), 5: label(5, x_lab, y_c + 0.55, "right"),
              2: label(2, x_dec + 0.75, y_h, "left"), 6: label(6, x_dec + 0.75, y_c + 0.6, "left")}
    ax.set_xlim(x_lab - 3.2, x_dec + 3.5)
    ax.set_ylim(y_x - 0.5, y_c + 1.75)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(t("arch_title"))
    return labels


def course_map(highlight: int | None = None):
    """The course map in a figure of its own, the same size in every lesson.  Returns the figure."""
    import matplotlib.pyplot as plt
    if highlight is not None:
        highlight = integer(highlight, "highlight", "course_map", minimum=1, maximum=6)
    fig, ax = plt.subplots(figsize=MAP_SIZE, layout="constrained")
    architecture_diagram(ax, highlight=highlight)
    return fig


# --------------------------------------------------------------------------- lessons 06-07


def context_2d(ax, H, weights, c, labels=None, title: str | None = None):
    """Two-dimensional h_i (dots sized by weight), the region they span (shaded), c_t (a star).

    The region is drawn by joining the h_i in angular order, so give h_i that are corners.
    """
    fn = "context_2d"
    H = _points(H, "H", fn)
    w = _values(weights, "weights", fn)
    same_length(len(H), len(w), "H", "weights", fn)
    c = _point(c, "c", fn)
    labels = _labels(labels, len(H), "labels", fn) or position_labels(len(H))
    mid = H.mean(axis=0)
    order = np.argsort(np.arctan2(H[:, 1] - mid[1], H[:, 0] - mid[0]))
    ax.fill(H[order, 0], H[order, 1], color=PALETTE["sky"], alpha=0.25, label=t("span_region"))
    ax.scatter(H[:, 0], H[:, 1], s=60 + 900 * w, color=PALETTE["blue"], zorder=2,
               label=t("encoder_states"))
    for (x, y), lab, wi in zip(H, labels, w):          # each label points away from the middle
        dx, dy = (np.array([x, y]) - mid) / (np.hypot(*(np.array([x, y]) - mid)) or 1.0)
        ax.annotate(f"{lab}\nα={_fmt(wi)}", (x, y), xytext=(20 * dx, 20 * dy),
                    textcoords="offset points", fontsize=12,
                    ha="left" if dx > 0.4 else "right" if dx < -0.4 else "center",
                    va="bottom" if dy > 0.4 else "top" if dy < -0.4 else "center")
    star = ax.scatter(c[0], c[1], marker="*", s=450, color=PALETTE["vermillion"],
                      edgecolor="black", zorder=3, label=t("context_marker"))
    pad = 0.75 * np.ptp(H, axis=0).max()
    ax.set_xlim(H[:, 0].min() - pad, H[:, 0].max() + pad)
    ax.set_ylim(H[:, 1].min() - pad, H[:, 1].max() + pad)
    ax.set_aspect("equal")
    ax.set_xlabel(t("dim_1"))
    ax.set_ylabel(t("dim_2"))
    ax.set_title(title if title is not None else t("context_2d_title"))
    return star


def output_bars(ax, probs, words, title: str | None = None, decimals: int | None = None):
    """Bars of y_t over the vocabulary; the most probable word (the prediction) stands out.

    ``decimals``: every bar label with this many decimals (0.004, not 0.0044), so bars
    compare at a glance; None keeps three significant digits.
    """
    fn = "output_bars"
    p = _values(probs, "probs", fn)
    words = _labels(words, len(p), "words", fn, "probs")
    if decimals is not None:
        decimals = integer(decimals, "decimals", fn, minimum=0, maximum=6)
    best = int(np.argmax(p))
    colors = [PALETTE["vermillion"] if i == best else PALETTE["purple"] for i in range(len(p))]
    bars = ax.bar(range(len(p)), p, color=colors, width=0.6)
    ax.set_xticks(range(len(p)), words)
    for i, v in enumerate(p):
        ax.annotate(_fmt(v) if decimals is None else f"{v:.{decimals}f}", (i, v), xytext=(0, 4),
                    textcoords="offset points", ha="center", va="bottom", fontsize=12,
                    fontweight="bold" if i == best else "normal")
    ax.set_ylim(0, 1.15)
    ax.set_xlabel(t("word_axis"))
    ax.set_ylabel(t("probability_axis"))
    ax.set_title(title if title is not None else t("output_title"))
    return bars


__all__ += ["context_2d", "output_bars"]


# --------------------------------------------------------------------------- the explorer's live figure


class LiveAttentionFigure:
    """The attention explorer's four panels, redrawn fast enough to follow a slider.

    Scores and weights of the current decoder step, the context c_t among the h_i, and a
    heatmap whose rows are decoder steps.  ``draw`` lays everything out; ``update`` then
    redraws only what changes (bars, values, dots, arrows, the heatmap's colours) over a
    saved background, which is about ten times faster than drawing the figure again.
    When a number leaves the current axis range, ``update`` falls back to ``draw``.
    ``image()`` returns the picture as PNG bytes (or SVG text when Bengali needs the
    browser to shape it: see ``helpers.style``).
    """

    def __init__(self, fmt: str = "png", dpi: int = 80, figsize=(10.5, 7.4)):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        self.fmt = fmt
        self.figure = Figure(figsize=figsize, dpi=dpi)
        FigureCanvasAgg(self.figure)          # drawn off-screen; not managed by pyplot
        self._background = None
        self._with_encoder, self._encoder_H = None, None
        self.full_draws = 0

    # ----------------------------------------------------------------- layout
    def draw(self, H, S, e, W, C, step: int, title: str = ""):
        """Lay out all four panels for encoder states H (T, d), queries S (K, d), scores e (K, T),
        weights W (K, T), contexts C (K, d); ``step`` is the row being edited."""
        fn = "LiveAttentionFigure.draw"
        H, S, C = (_values(x, n, fn, ndim=2) for x, n in ((H, "H"), (S, "S"), (C, "C")))
        e, W = _values(e, "e", fn, ndim=2), _values(W, "W", fn, ndim=2)
        T, d, K = H.shape[0], H.shape[1], S.shape[0]
        for x, n, want in ((S, "S", (K, d)), (e, "e", (K, T)), (W, "W", (K, T)), (C, "C", (K, d))):
            if x.shape != want:
                raise fail(fn, f"`{n}`-এর shape {want} হওয়ার কথা (H {H.shape}, S {S.shape} থেকে), কিন্তু পাওয়া গেছে {x.shape}।",
                           f"`{n}` should have shape {want} (from H {H.shape} and S {S.shape}), got {x.shape}.")
        step = integer(step, "step", fn, minimum=0, maximum=K - 1)
        fig = self.figure
        fig.clear()
        fig.set_layout_engine("constrained", h_pad=0.12, w_pad=0.12, hspace=0.08, wspace=0.06)
        self.full_draws += 1
        self.vector = np.asarray(H).shape[1] == 2
        ax_e, ax_w, ax_c, ax_h = fig.subplots(2, 2).ravel()
        self.axes = {"scores": ax_e, "weights": ax_w, "context": ax_c, "heatmap": ax_h}
        T = W.shape[1]
        labels = position_labels(T)
        self.score_bars, self.score_texts = score_bars(ax_e, e[step], labels, title=t("scores_title"))
        self._score_limits(e)
        self.weight_bars, self.weight_texts = weight_bars(ax_w, W[step], labels, title=t("weights_title"))
        self._context_panel(ax_c, H, S, W, C, step)
        rows = [f"$s_{{{k + 1}}}$" for k in range(W.shape[0])]
        # no numbers in the cells: the readout beside the figure shows them, and text is the
        # slowest thing to redraw; the colour bar is static, so it costs nothing per move
        self.heatmap = attention_heatmap(ax_h, W, position_labels(T, "h"), rows, annotate=False,
                                         title=t("live_heatmap_title"), colorbar=True)
        ax_h.set_xlabel(t("encoder_position"))
        ax_h.set_ylabel(t("decoder_step"))
        self.row_box = ax_h.add_patch(Rectangle((-0.5, step - 0.5), T, 1, fill=False,
                                                edgecolor=PALETTE["vermillion"], linewidth=3))
        if title:
            fig.suptitle(title)
        for a in self._dynamic():
            a.set_animated(True)
        if self.fmt == "png":
            fig.canvas.draw()
        else:
            with _browser_shapes_the_text():
                fig.draw_without_rendering()
        fig.set_layout_engine("none")                    # keep this layout: moves must not redo it
        if self.fmt == "png":
            self._background = fig.canvas.copy_from_bbox(fig.bbox)
            self._encoder_H = None                       # the old encoder layer belongs to the old layout
            self._draw_dynamic(np.asarray(H, float))

    def _score_limits(self, e):
        lo, hi = min(0.0, float(np.min(e))), max(0.0, float(np.max(e)))
        span = (hi - lo) or 1.0
        self.axes["scores"].set_ylim(lo - (0.35 * span if lo < 0 else 0), hi + 0.35 * span)

    def _context_panel(self, ax, H, S, W, C, step):
        H = np.asarray(H, float)
        if not self.vector:
            h, w, c = H[:, 0], W[step], float(C[step, 0])
            ax.axhline(0, color=PALETTE["grey"], linewidth=1)
            self.dots = ax.scatter(h, np.zeros_like(h), s=60 + 900 * w, color=PALETTE["blue"], alpha=0.8, zorder=2)
            self.dot_labels = [ax.text(x, y, lab, ha="center", fontsize=13)
                               for x, y, lab in zip(h, _staggered(h), position_labels(len(h)))]
            self.c_marker, = ax.plot([c, c], [-0.45, 0.22], color=PALETTE["vermillion"], linewidth=3, zorder=3)
            self.c_label = ax.text(c, -0.55, "$c_t$", ha="center", color=PALETTE["vermillion"], fontsize=14)
            lim = max(6.0, float(np.abs(h).max()) + 1)
            ax.set_xlim(-lim, lim)
            ax.set_ylim(-1, 1)
            ax.set_yticks([])
            ax.spines["left"].set_visible(False)
            ax.set_xlabel(t("value_axis"))
        else:
            self.h_arrows = [ax.add_patch(FancyArrowPatch((0, 0), tuple(h), arrowstyle="-|>", mutation_scale=16,
                                                          color=PALETTE["blue"], linewidth=2.2)) for h in H]
            self.dot_labels = [ax.text(*(1.12 * h), lab, ha="center", va="center", fontsize=13)
                               for h, lab in zip(H, position_labels(len(H)))]
            self.s_arrow = ax.add_patch(FancyArrowPatch((0, 0), tuple(S[step]), arrowstyle="-|>", mutation_scale=16,
                                                        color=PALETTE["vermillion"], linewidth=2.6))
            self.s_label = ax.text(*(1.12 * np.asarray(S[step])), "$s_t$", color=PALETTE["vermillion"], fontsize=14,
                                   ha="center", va="center")
            self.c_arrow = ax.add_patch(FancyArrowPatch((0, 0), tuple(C[step]), arrowstyle="-|>", mutation_scale=16,
                                                        color=PALETTE["green"], linewidth=3.2))
            self.c_label = ax.text(*(np.asarray(C[step]) + 0.25), "$c_t$", color=PALETTE["green"], fontsize=14)
            ax.set_xlim(-3.4, 3.4)
            ax.set_ylim(-3.4, 3.4)
            ax.set_aspect("equal")
            ax.axhline(0, color=PALETTE["grey"], linewidth=0.8)
            ax.axvline(0, color=PALETTE["grey"], linewidth=0.8)
        ax.set_title(t("live_context_title"))

    def _encoder_layer(self):
        """The artists that change only when an h_i moves (not when s_t does)."""
        return [*self.dot_labels, *(self.h_arrows if self.vector else [])]

    def _query_layer(self):
        """The artists that change whenever anything moves."""
        arts = [*self.score_bars, *self.score_texts, *self.weight_bars, *self.weight_texts,
                self.heatmap, self.row_box, self.c_label]
        if self.vector:
            arts += [self.s_arrow, self.s_label, self.c_arrow]
        else:
            arts += [self.dots, self.c_marker]
        return arts

    def _dynamic(self):
        """The artists that change when a slider moves."""
        return self._encoder_layer() + self._query_layer()

    def _draw_dynamic(self, H=None):
        """Draw the moving artists over the saved background.

        Two layers: the encoder's labels and arrows are kept in a second saved background
        as long as H stays the same, so a move of s_t redraws only what s_t changes."""
        canvas = self.figure.canvas
        if H is None or self._encoder_H is None or not np.array_equal(H, self._encoder_H):
            canvas.restore_region(self._background)
            for a in self._encoder_layer():
                a.axes.draw_artist(a)
            self._with_encoder = canvas.copy_from_bbox(self.figure.bbox)
            self._encoder_H = None if H is None else np.array(H, copy=True)
        else:
            canvas.restore_region(self._with_encoder)
        for a in self._query_layer():
            a.axes.draw_artist(a)

    # ----------------------------------------------------------------- fast path
    def update(self, H, S, e, W, C, step: int, title: str = "") -> None:
        """Show new numbers.  Redraws only the changing artists when the layout still fits."""
        if not hasattr(self, "axes"):                  # nothing drawn yet: lay it out first
            return self.draw(H, S, e, W, C, step, title)
        T = W.shape[1]
        lo, hi = self.axes["scores"].get_ylim()
        fits = ((self.fmt != "png" or self._background is not None) and len(self.score_bars) == T
                and self.vector == (np.asarray(H).shape[1] == 2)
                and float(np.max(e)) <= hi - 0.1 * (hi - lo)            # room for the value labels
                and (float(np.min(e)) >= 0 or float(np.min(e)) >= lo + 0.1 * (hi - lo))
                and (self.vector or float(np.abs(H).max()) < self.axes["context"].get_xlim()[1]))
        if not fits:
            return self.draw(H, S, e, W, C, step, title)
        _set_bars(self.score_bars, self.score_texts, e[step])
        _set_bars(self.weight_bars, self.weight_texts, W[step])
        self.heatmap.set_array(W)
        self.row_box.set_y(step - 0.5)
        H = np.asarray(H, float)
        if self.vector:
            for arrow, lab, h in zip(self.h_arrows, self.dot_labels, H):
                arrow.set_positions((0, 0), tuple(h))
                lab.set_position(tuple(1.12 * h))
            self.s_arrow.set_positions((0, 0), tuple(S[step]))
            self.s_label.set_position(tuple(1.12 * np.asarray(S[step])))
            self.c_arrow.set_positions((0, 0), tuple(C[step]))
            self.c_label.set_position(tuple(np.asarray(C[step]) + 0.25))
        else:
            h, c = H[:, 0], float(C[step, 0])
            self.dots.set_offsets(np.column_stack([h, np.zeros_like(h)]))
            self.dots.set_sizes(60 + 900 * W[step])
            for lab, x, y in zip(self.dot_labels, h, _staggered(h)):
                lab.set_position((x, y))
            self.c_marker.set_xdata([c, c])
            self.c_label.set_x(c)
        if self.fmt == "png":
            self._draw_dynamic(H)

    def image(self) -> bytes:
        """The current picture: PNG bytes, or SVG (text kept as text) in the fallback mode."""
        if not hasattr(self, "axes"):
            raise fail("LiveAttentionFigure.image", "এখনও কিছু আঁকা হয়নি; আগে draw(...) ডাকো।",
                       "nothing has been drawn yet; call draw(...) first.")
        if self.fmt == "png":
            return png_bytes(np.asarray(self.figure.canvas.buffer_rgba()))
        for a in self._dynamic():
            a.set_animated(False)
        data = figure_bytes(self.figure, "svg")
        for a in self._dynamic():
            a.set_animated(True)
        return data


def png_bytes(rgba: np.ndarray) -> bytes:
    """A (H, W, 4) uint8 RGBA picture as PNG bytes, encoded for speed.

    The PNG container is four short chunks around one zlib stream, and ``zlib`` (the
    standard library) does the compressing.  Pillow, the usual encoder, first tries five
    filters on every row, and on this figure's 840 x 592 pixels that costs more than the
    compression itself.  Measured in one run, alternating: Pillow 22 ms; zlib over
    unfiltered RGB rows 12 ms (cutting out the alpha channel is a slow strided copy); zlib
    over unfiltered RGBA rows 7 ms.  Flat colours compress well without filters (74 kB).
    """
    h, w, _ = rgba.shape
    rows = np.empty((h, 1 + 4 * w), np.uint8)
    rows[:, 0] = 0                                              # filter type 0 (none) on each row
    rows[:, 1:] = rgba.reshape(h, 4 * w)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)       # 8-bit RGBA, not interlaced
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 1))
            + chunk(b"IEND", b""))


def figure_bytes(figure, fmt: str = "png") -> bytes:
    """The whole figure as PNG or SVG bytes."""
    choice(fmt, "fmt", "figure_bytes", ("png", "svg"))
    buf = io.BytesIO()
    if fmt == "svg":
        with _browser_shapes_the_text():
            figure.savefig(buf, format=fmt)
    else:
        figure.savefig(buf, format=fmt)
    return buf.getvalue()


@contextlib.contextmanager
def _browser_shapes_the_text():
    """In SVG-text mode the browser, not matplotlib, shapes the Bengali, so matplotlib's
    warnings about Bengali glyphs and shaping are expected there and kept quiet."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        warnings.filterwarnings("ignore", message="Matplotlib currently does not support")
        yield


def _staggered(h):
    """Label heights above a number line: neighbours alternate, so close labels don't collide."""
    rank = np.argsort(np.argsort(h))
    return 0.3 + 0.3 * (rank % 2)


def _set_bars(bars, texts, values):
    """Move bars and their value labels to new values (the fast path of score/weight bars)."""
    for bar, txt, v in zip(bars, texts, np.asarray(values, float)):
        bar.set_height(v)
        txt.set_position((txt.get_position()[0], v))
        txt.set_text(_fmt(v))
        _value_label(txt, v)


# --------------------------------------------------------------------------- lessons 2-3


def hidden_states(ax, H, tokens=None, title: str | None = None, vmax: float | None = None,
                  colorbar: bool = True):
    """Encoder hidden states as a coloured table: one row per word (h₁ · word), one column per dimension.

    Blue is negative, red positive (tanh keeps values in -1..1); each cell shows its value.
    """
    fn = "hidden_states"
    H = np.atleast_2d(_values(H, "H", fn, ndim=(1, 2)))
    tokens = _labels(tokens, H.shape[0], "tokens", fn, "rows of H")
    vmax = number(vmax, "vmax", fn, positive=True) if vmax is not None else max(float(np.abs(H).max()), 1e-9)
    im = ax.imshow(H, cmap="RdBu_r", vmin=-vmax, vmax=vmax, aspect="auto")
    rows = [f"h{subscript(i + 1)}" for i in range(H.shape[0])]
    if tokens is not None:
        rows = [f"{r} · {tok}" for r, tok in zip(rows, tokens)]
    ax.set_yticks(range(H.shape[0]), rows)
    ax.set_xticks(range(H.shape[1]), [str(j + 1) for j in range(H.shape[1])])
    ax.set_xlabel(t("hidden_dim"))
    ax.tick_params(length=0)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    for (r, c), v in np.ndenumerate(H):
        text = f"{v:.2f}".replace("-0.00", "0.00")
        ax.text(c, r, text, ha="center", va="center", fontsize=11,
                color="white" if abs(v) > 0.6 * vmax else "black")
    if colorbar:
        ax.figure.colorbar(im, ax=ax, fraction=0.046, pad=0.04)
    ax.set_title(title if title is not None else t("hidden_states_title"))
    return im


def vectors_2d(ax, H, s=None, labels=None, scores=None, title: str | None = None,
               query_label: str = "$s_t$", lim: float | None = None):
    """2-D encoder states h_i (blue arrows) and, unless ``s`` is None, the query (a thick vermillion arrow).

    With ``scores``, each h_i's label also shows its score e_i.  ``query_label`` names the
    query (e.g. "$s_2$"); ``lim`` fixes both axes to -lim..lim.  Equal aspect ratio, so angles
    look like angles.  Returns the query's arrow (None without a query).
    """
    fn = "vectors_2d"
    H = _points(H, "H", fn)
    labels = _labels(labels, len(H), "labels", fn) or position_labels(len(H))
    if scores is not None:
        scores = _values(scores, "scores", fn)
        same_length(len(H), len(scores), "H", "scores", fn)
    if lim is not None:
        lim = number(lim, "lim", fn, positive=True)

    def arrow(v, color, width, text, weight="normal"):
        art = ax.annotate("", tuple(v), (0, 0), arrowprops=dict(
            arrowstyle="-|>", color=color, linewidth=width, mutation_scale=18, shrinkA=0, shrinkB=0))
        u = v / (np.linalg.norm(v) or 1.0)
        ax.annotate(text, tuple(v), xytext=tuple(16 * u), textcoords="offset points", color=color,
                    ha="left" if u[0] > 0.35 else "right" if u[0] < -0.35 else "center",
                    va="bottom" if u[1] > 0.35 else "top" if u[1] < -0.35 else "center",
                    fontsize=13, fontweight=weight)
        return art

    for i, (h, lab) in enumerate(zip(H, labels)):
        arrow(h, PALETTE["blue"], 2.0, lab if scores is None else f"{lab}\ne = {float(scores[i]):.2f}")
    art = None
    if s is not None:
        s = _point(s, "s", fn)
        art = arrow(s, PALETTE["vermillion"], 3.2, "")
        n = s / (np.linalg.norm(s) or 1.0)                  # the query's label sits beside its middle
        ax.annotate(query_label, tuple(0.6 * s), xytext=(-22 * n[1], 22 * n[0]), textcoords="offset points",
                    ha="center", va="center", color=PALETTE["vermillion"], fontsize=15, fontweight="bold")
    if lim is None:                                       # room for the labels
        lim = 1.6 * float(np.abs(H if s is None else np.vstack([H, s[None]])).max())
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-lim, lim)
    ax.set_aspect("equal")
    ax.axhline(0, color=PALETTE["grey"], linewidth=0.8, zorder=0)
    ax.axvline(0, color=PALETTE["grey"], linewidth=0.8, zorder=0)
    ax.set_xlabel(t("dim_1"))
    ax.set_ylabel(t("dim_2"))
    ax.set_title(title if title is not None else t("vectors_title"))
    return art


__all__ += ["hidden_states", "vectors_2d"]


# --------------------------------------------------------------------------- lessons 12-13


def steps_chart(ax, curves: dict, title: str | None = None):
    """Accuracy against training steps, one line per model: ``{name: (steps, accuracies)}``
    (``train.compare_decoders`` gives them as ``{name: {"steps", "accuracy", ...}}``; both work)."""
    fn = "steps_chart"
    if not isinstance(curves, dict) or not curves:
        raise fail(fn, "`curves` একটি dict হতে হবে: নাম -> (steps, accuracy)।",
                   "`curves` must be a dict: name -> (steps, accuracy).", TypeError)
    styles = ["o-", "s--", "^:", "d-."]
    colors = [PALETTE["vermillion"], PALETTE["blue"], PALETTE["green"], PALETTE["purple"]]
    for k, (name, c) in enumerate(curves.items()):
        steps, acc = (c["steps"], c["accuracy"]) if isinstance(c, dict) else c
        steps, acc = _values(steps, f"{name}: steps", fn), _values(acc, f"{name}: accuracy", fn)
        same_length(len(steps), len(acc), "steps", "accuracy", fn)
        ax.plot(steps, acc, styles[k % 4], color=colors[k % 4], linewidth=2.4, markersize=7, label=str(name))
    ax.set_ylim(0, 1.05)
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.set_xlabel(t("training_step"))
    ax.set_ylabel(t("accuracy_axis"))
    ax.legend(loc="lower right")
    ax.set_title(title if title is not None else t("steps_title"))


def cost_chart(ax, lengths, times: dict, ylabel: str | None = None, title: str | None = None) -> dict:
    """Cost against sequence length on log-log axes, one line per method (``{name: values}``),
    each with the slope of a straight-line fit in its legend entry.  Returns ``{name: slope}``:
    a slope near 2 means the cost grows like T²."""
    fn = "cost_chart"
    T = _values(lengths, "lengths", fn)
    if np.any(T <= 0):
        raise fail(fn, "`lengths` ধনাত্মক হতে হবে (log অক্ষে আঁকা হয়)।",
                   "`lengths` must be positive (they are drawn on a log axis).")
    slopes = {}
    colors = [PALETTE["vermillion"], PALETTE["blue"], PALETTE["green"], PALETTE["purple"], PALETTE["orange"]]
    for k, (name, v) in enumerate(times.items()):
        v = _values(v, f"times[{name!r}]", fn)
        same_length(len(T), len(v), "lengths", f"times[{name!r}]", fn)
        if np.any(v <= 0):
            raise fail(fn, f"`times[{name!r}]` ধনাত্মক হতে হবে (log অক্ষ)।",
                       f"`times[{name!r}]` must be positive (log axis).")
        slopes[name] = float(np.polyfit(np.log(T), np.log(v), 1)[0])
        ax.loglog(T, v, "o-", color=colors[k % 5], linewidth=2.2, label=f"{name}  (slope {slopes[name]:.2f})")
    ax.set_xticks(T, [f"{int(x)}" for x in T])           # the lengths themselves, not 10^k
    ax.xaxis.set_minor_locator(matplotlib.ticker.NullLocator())
    ax.set_xlabel(t("sequence_length_T"))
    ax.set_ylabel(ylabel if ylabel is not None else t("time_axis"))
    ax.legend(loc="upper left")
    ax.set_title(title if title is not None else t("cost_title"))
    return slopes
