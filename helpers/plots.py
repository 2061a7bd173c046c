"""The course's figures.  Each takes a matplotlib ``ax`` and returns what it drew.

Figures never compute attention themselves: they draw numbers that ``helpers.attention``
computed.  Every title and axis label comes from ``helpers.i18n.t``, so it follows the
language switch.
"""

from __future__ import annotations

import numpy as np
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from .i18n import t
from .style import PALETTE

__all__ = ["architecture_diagram", "score_bars", "weight_bars", "attention_heatmap",
           "context_line", "recovery_chart", "position_labels"]


def position_labels(T: int, symbol: str = "h") -> list[str]:
    """Math labels $h_1$ ... $h_T$ for T positions."""
    return [f"${symbol}_{{{i + 1}}}$" for i in range(T)]


def _fmt(x: float) -> str:
    """A number as a reader wants it on a bar: 3 significant digits, small ones in e-notation."""
    x = float(x)
    if x != 0 and abs(x) < 1e-3:
        return f"{x:.1e}"
    near = round(x)
    if x != near and abs(x - near) < 1e-3:      # 0.999994 must not print as "1"
        return f"{x:.6f}".rstrip("0")
    return f"{x:.3g}"


# --------------------------------------------------------------------------- bars


def _bars(ax, values, labels, color, ylabel, title):
    values = np.asarray(values, dtype=float)
    labels = labels if labels is not None else position_labels(len(values))
    x = np.arange(len(values))
    bars = ax.bar(x, values, color=color, width=0.6)
    ax.set_xticks(x, labels)
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    texts = [ax.annotate(_fmt(v), (xi, v), xytext=(0, 4 if v >= 0 else -4),
                         textcoords="offset points", ha="center",
                         va="bottom" if v >= 0 else "top", fontsize=12)
             for xi, v in zip(x, values)]
    return bars, texts


def score_bars(ax, scores, labels=None, title: str | None = None):
    """Bars of the scores e_{t,i}, one per encoder position, each with its value."""
    bars, texts = _bars(ax, scores, labels, PALETTE["blue"], t("score_axis"),
                        title if title is not None else t("scores_title"))
    lo, hi = min(0.0, float(np.min(scores))), max(0.0, float(np.max(scores)))
    pad = 0.18 * (hi - lo or 1.0)
    ax.set_ylim(lo - (pad if lo < 0 else 0), hi + pad)
    return bars, texts


def weight_bars(ax, weights, labels=None, title: str | None = None):
    """Bars of the attention weights alpha_{t,i} on a 0-1 axis, each with its value."""
    bars, texts = _bars(ax, weights, labels, PALETTE["orange"], t("weight_axis"),
                        title if title is not None else t("weights_title"))
    ax.set_ylim(0, 1.15)
    return bars, texts


# --------------------------------------------------------------------------- heatmap


def attention_heatmap(ax, weights, x_labels=None, y_labels=None, annotate: bool = True,
                      title: str | None = None, colorbar: bool = True, vmax: float = 1.0):
    """Rows: decoder steps (outputs); columns: encoder positions (inputs).

    Each row of ``weights`` is one alpha_t.  Returns the image.
    """
    w = np.asarray(weights, dtype=float)
    rows, cols = w.shape
    im = ax.imshow(w, cmap="viridis", vmin=0.0, vmax=vmax, aspect="auto")
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
    H = np.asarray(H, dtype=float).ravel()
    w = np.asarray(weights, dtype=float).ravel()
    labels = labels if labels is not None else position_labels(len(H))
    ax.axhline(0, color=PALETTE["grey"], linewidth=1, zorder=0)
    ax.scatter(H, np.zeros_like(H), s=80 + 1400 * w, color=PALETTE["blue"], alpha=0.75, zorder=2)
    rank = np.argsort(np.argsort(H))                 # neighbours on the line alternate heights
    for h, lab, wi, r in zip(H, labels, w, rank):
        ax.annotate(f"{lab}={_fmt(h)}\nα={_fmt(wi)}", (h, 0), xytext=(0, 22 + 40 * (r % 2)),
                    textcoords="offset points", ha="center", va="bottom", fontsize=12)
    marker = ax.axvline(float(c), color=PALETTE["vermillion"], linewidth=2.5, zorder=3)
    ax.annotate(f"$c_t$={_fmt(c)}", (float(c), 0), xytext=(0, -34), textcoords="offset points",
                ha="center", va="top", color=PALETTE["vermillion"], fontsize=13, fontweight="bold")
    span = max(H.max() - H.min(), 1.0)
    ax.set_xlim(H.min() - 0.25 * span, H.max() + 0.25 * span)
    ax.set_ylim(-1, 1.9)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_xlabel(t("value_axis"))
    ax.set_title(title if title is not None else t("context_title"))
    return marker


# --------------------------------------------------------------------------- lesson charts


def recovery_chart(ax, lengths, fixed, full, title: str | None = None):
    """Share of the input a decoder can recover, against sentence length: one fixed C vs all h_i."""
    ax.plot(lengths, fixed, "o-", color=PALETTE["vermillion"], linewidth=2.5, label=t("vanilla"))
    ax.plot(lengths, full, "s--", color=PALETTE["blue"], linewidth=2.5, label=t("with_attention"))
    ax.set_ylim(0, 1.08)
    ax.set_xlabel(t("sentence_length"))
    ax.set_ylabel(t("recovered"))
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.legend(loc="lower left")
    ax.set_title(title if title is not None else t("bottleneck_title"))


# --------------------------------------------------------------------------- architecture


def _node(ax, x, y, text, color, lit, w=0.9, h=0.55, round_=True):
    face = color if lit else "#F2F2F2"
    edge = "black" if lit else PALETTE["grey"]
    box = FancyBboxPatch((x - w / 2, y - h / 2), w, h,
                         boxstyle="round,pad=0.02,rounding_size=0.18" if round_ else "square,pad=0.02",
                         facecolor=face, edgecolor=edge, linewidth=2 if lit else 1, zorder=2)
    ax.add_patch(box)
    ax.text(x, y, text, ha="center", va="center", fontsize=14, zorder=3,
            color="white" if lit and color in (PALETTE["blue"], PALETTE["vermillion"]) else "black")
    return box


def _arrow(ax, a, b, lit, style="-|>", dashed=False):
    shrink = 29 if a[1] == b[1] else 19              # boxes are wider than tall
    arr = FancyArrowPatch(a, b, arrowstyle=style, mutation_scale=14, linewidth=1.8 if lit else 1.1,
                          color="black" if lit else PALETTE["grey"], zorder=1,
                          linestyle="--" if dashed else "-", shrinkA=shrink, shrinkB=shrink)
    ax.add_patch(arr)
    return arr


def architecture_diagram(ax, highlight: int | None = None, T: int = 3):
    """Encoder, decoder, scores, weights, context and output, with one step (1-6) lit.

    ``highlight=None`` lights every step.  Returns a dict: step number -> its step label.
    """
    lit = {k: highlight in (None, k) for k in range(1, 7)}
    colors = {1: PALETTE["blue"], 2: PALETTE["vermillion"], 3: PALETTE["sky"],
              4: PALETTE["orange"], 5: PALETTE["green"], 6: PALETTE["purple"]}
    xs = [1.5 * i for i in range(T)]
    x_dec = xs[-1] + 2.6
    y_in, y_h, y_e, y_a, y_c = 0.0, 1.4, 2.8, 4.0, 5.3
    for i, x in enumerate(xs):
        _node(ax, x, y_in, f"$x_{{{i + 1}}}$", "#FFFFFF", lit[1], round_=False)
        _node(ax, x, y_h, f"$h_{{{i + 1}}}$", colors[1], lit[1])
        _arrow(ax, (x, y_in), (x, y_h), lit[1])
        if i:
            _arrow(ax, (xs[i - 1], y_h), (x, y_h), lit[1])
        _node(ax, x, y_e, f"$e_{{t,{i + 1}}}$", colors[3], lit[3])
        _arrow(ax, (x, y_h), (x, y_e), lit[3])
        _node(ax, x, y_a, f"$\\alpha_{{t,{i + 1}}}$", colors[4], lit[4])
        _arrow(ax, (x, y_e), (x, y_a), lit[4])
        _arrow(ax, (x, y_a), (xs[T // 2] if T % 2 else (xs[0] + xs[-1]) / 2, y_c), lit[5])
        _arrow(ax, (x_dec, y_h), (x, y_e), lit[3], dashed=True)
    x_mid = (xs[0] + xs[-1]) / 2
    _node(ax, x_mid, y_c, "$c_t$", colors[5], lit[5], w=1.1)
    _node(ax, x_dec, y_h, "$s_t$", colors[2], lit[2], w=1.0)
    _node(ax, x_dec, y_c, r"$\tilde{s}_t$", colors[6], lit[6], w=1.0)
    _node(ax, x_dec, y_c + 1.25, "$y_t$", colors[6], lit[6], w=1.0)
    _arrow(ax, (x_mid, y_c), (x_dec, y_c), lit[6])
    _arrow(ax, (x_dec, y_h), (x_dec, y_c), lit[6])
    _arrow(ax, (x_dec, y_c), (x_dec, y_c + 1.25), lit[6])
    ax.add_patch(FancyBboxPatch((xs[0] - 0.75, y_e - 0.45), xs[-1] - xs[0] + 1.5, (y_a - y_e) + 0.9,
                                boxstyle="round,pad=0.02,rounding_size=0.2", fill=False,
                                linestyle=":", edgecolor=PALETTE["grey"], zorder=0))
    # step labels on the left, lit like their step
    x_lab = xs[0] - 1.0
    rows = {1: y_h, 3: y_e, 4: y_a, 5: y_c}
    labels = {}
    for k, y in rows.items():
        labels[k] = ax.text(x_lab, y, t(f"step{k}", sep="\n"), ha="right", va="center", fontsize=12,
                            color="black" if lit[k] else PALETTE["grey"],
                            fontweight="bold" if lit[k] and highlight else "normal")
    labels[2] = ax.text(x_dec + 0.7, y_h, t("step2", sep="\n"), ha="left", va="center", fontsize=12,
                        color="black" if lit[2] else PALETTE["grey"],
                        fontweight="bold" if lit[2] and highlight else "normal")
    labels[6] = ax.text(x_dec + 0.7, y_c + 0.6, t("step6", sep="\n"), ha="left", va="center", fontsize=12,
                        color="black" if lit[6] else PALETTE["grey"],
                        fontweight="bold" if lit[6] and highlight else "normal")
    ax.set_xlim(x_lab - 3.3, x_dec + 3.4)
    ax.set_ylim(y_in - 0.6, y_c + 1.8)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(t("arch_title"))
    return labels


# --------------------------------------------------------------------------- lessons 06-07


def context_2d(ax, H, weights, c, labels=None, title: str | None = None):
    """Two-dimensional h_i (dots sized by weight), the region they span (shaded), c_t (a star).

    The region is drawn by joining the h_i in angular order, so give h_i that are corners.
    """
    H = np.asarray(H, dtype=float)
    w = np.asarray(weights, dtype=float).ravel()
    c = np.asarray(c, dtype=float).ravel()
    labels = labels if labels is not None else position_labels(len(H))
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


def output_bars(ax, probs, words, title: str | None = None):
    """Bars of y_t over the vocabulary; the most probable word (the prediction) stands out."""
    p = np.asarray(probs, dtype=float).ravel()
    best = int(np.argmax(p))
    colors = [PALETTE["vermillion"] if i == best else PALETTE["purple"] for i in range(len(p))]
    bars = ax.bar(range(len(p)), p, color=colors, width=0.6)
    ax.set_xticks(range(len(p)), words)
    for i, v in enumerate(p):
        ax.annotate(_fmt(v), (i, v), xytext=(0, 4), textcoords="offset points", ha="center",
                    va="bottom", fontsize=12, fontweight="bold" if i == best else "normal")
    ax.set_ylim(0, 1.15)
    ax.set_xlabel(t("word_axis"))
    ax.set_ylabel(t("probability_axis"))
    ax.set_title(title if title is not None else t("output_title"))
    return bars


__all__ += ["context_2d", "output_bars"]
