"""Widget wiring: sliders connected to ``helpers.attention`` (math) and ``helpers.plots`` (figures).

``AttentionExplorer()`` starts on the notes' mini example (h = [2, 5, 1], s_t = 4, dot score).
Drag s_t or any h_i and the scores, the softmax weights, the context c_t and the heatmap
follow at once.  Only widget APIs that exist in both ipywidgets 7.7 (Google Colab) and 8 are
used: sliders, Dropdown, ToggleButtons, Button, HTML, Image, HBox/VBox, Layout, observe.
"""

from __future__ import annotations

import html

import ipywidgets as W
import numpy as np

from . import attention as A
from .i18n import bilingual, get_language, set_language, subscript, t
from . import plots
from .plots import LiveAttentionFigure
from .style import PALETTE, use_course_style
from .validate import array, choice, fail, integer, number, quote, text as _text

__all__ = ["AttentionExplorer", "MiniExplorer", "show"]

DEFAULT_H = [2.0, 5.0, 1.0, 3.0, -1.0, 4.0, 0.5, -2.0]          # the notes' h first, then more
DEFAULT_S = [4.0, 0.3, -2.0]                                    # the notes' s_t, then two more steps
DEFAULT_ANGLES = [20.0, 75.0, 160.0, 230.0, 300.0, 120.0, 200.0, 340.0]
DEFAULT_LENGTHS = [2.0, 2.5, 1.5, 2.0, 1.8, 1.2, 2.2, 1.6]
DEFAULT_S_POLAR = [(40.0, 2.0), (150.0, 1.5), (280.0, 2.5)]
# The explorer always scores the current query s_t.  Bahdanau's additive score uses s_{t-1};
# with s_t it is the form Luong et al. call "concat", and the label says so.
SCORES = [("dot", "dot"), ("general", "general"), ("concat (additive, sₜ)", "additive"),
          ("scaled dot", "scaled_dot")]
ADDITIVE_HIDDEN = 3


def _h(i: int) -> str:
    """The label of encoder state i (counting from 0), with a real subscript: h₁, h₂, ..."""
    return f"h{subscript(i + 1)}"


def _slider(value, lo, hi, step, description, width="300px"):
    return W.FloatSlider(value=value, min=lo, max=hi, step=step, description=description,
                         continuous_update=True, readout_format=".1f",
                         style={"description_width": "60px"}, layout=W.Layout(width=width))


def _picture(data: bytes, svg: bool):
    """A widget's current picture as a plain IPython image (for GitHub, nbviewer, print)."""
    from IPython.display import SVG, Image
    return SVG(data=bytes(data)) if svg else Image(data=bytes(data), format="png")


def show(widget) -> None:
    """Display ``widget`` live; where widgets do not run (GitHub, nbviewer, exported HTML)
    the reader sees one sentence in both languages instead of ``VBox(children=...)``."""
    from IPython.display import display
    display({"application/vnd.jupyter.widget-view+json":
             {"version_major": 2, "version_minor": 0, "model_id": widget.model_id},
             "text/plain": t("widget_static", sep=" · ")}, raw=True)


def _polar(angle_deg, length):
    a = np.deg2rad(angle_deg)
    return np.array([length * np.cos(a), length * np.sin(a)])


class AttentionExplorer:
    """Sliders for s_t and every h_i; live scores, weights, context and heatmap.

    Attributes used by notebooks and tests: ``s_slider``, ``h_sliders`` (list),
    ``score_select``, ``scores`` (e of the current step), ``weights`` (its alpha),
    ``context`` (its c_t), ``heatmap_weights`` (the matrix drawn: one row per decoder step),
    ``widget`` (what to display) and ``figure`` (the matplotlib figure).
    """

    def __init__(self, h=DEFAULT_H[:3], s=4.0, score="dot", seed=0, vector=False):
        fn = "AttentionExplorer"
        h = array(h, "h", fn, ndim=1)
        if not 2 <= len(h) <= 8:
            raise fail(fn, f"`h`-এ 2 থেকে 8টি মান দাও (T slider-এর সীমা), পাওয়া গেছে {len(h)}টি।",
                       f"`h` needs 2 to 8 values (the T slider's range), got {len(h)}.")
        if np.abs(h).max() > 5:
            raise fail(fn, f"`h`-এর প্রতিটি মান -5 থেকে 5-এর মধ্যে হতে হবে (slider-এর সীমা), পাওয়া গেছে {np.abs(h).max():g}।",
                       f"every value of `h` must be between -5 and 5 (the sliders' range), got {np.abs(h).max():g}.")
        s = number(s, "s", fn, minimum=-5, maximum=5)
        choice(score, "score", fn, [name for _, name in SCORES])
        seed = integer(seed, "seed", fn, minimum=0)
        if not isinstance(vector, bool):
            raise fail(fn, f"`vector` True বা False হতে হবে, পাওয়া গেছে {vector!r}।",
                       f"`vector` must be True or False, got {vector!r}.", TypeError)
        status = use_course_style()
        self.seed = seed
        self._queries = list(DEFAULT_S)
        self._queries[0] = float(s)
        self._h_values = [float(v) for v in h] + DEFAULT_H[len(h):]
        self._live = LiveAttentionFigure(fmt="png" if status.mode == "png" else "svg")
        self.figure = self._live.figure
        self._busy = False
        self._build_controls(len(h), score, vector)
        self._new_params()
        self._refresh(full=True)

    # ----------------------------------------------------------------- controls
    def _build_controls(self, T, score, vector):
        self.mode_select = W.ToggleButtons(options=[(t("mode_scalar", sep=" · "), "scalar"),
                                                    (t("mode_vector", sep=" · "), "vector")],
                                           value="vector" if vector else "scalar",
                                           style={"button_width": "auto"})
        self.step_select = W.ToggleButtons(options=[(f"t = {k + 1}", k) for k in range(len(self._queries))],
                                           value=0, description=t("step_short"),
                                           style={"button_width": "70px"})
        self.s_slider = _slider(self._queries[0], -5, 5, 0.1, "sₜ")
        self.s_angle_slider = W.FloatSlider(value=DEFAULT_S_POLAR[0][0], min=0, max=360, step=5,
                                            description="sₜ °", continuous_update=True)
        self.s_length_slider = W.FloatSlider(value=DEFAULT_S_POLAR[0][1], min=0, max=3, step=0.1,
                                             description="|sₜ|", continuous_update=True)
        self._s_polar = [list(p) for p in DEFAULT_S_POLAR]
        self.n_slider = W.IntSlider(value=T, min=2, max=8, description="T", continuous_update=False,
                                    style={"description_width": "60px"})
        self.score_select = W.Dropdown(options=SCORES, value=score, description="score")
        self.temperature_slider = W.FloatSlider(value=1.0, min=0.1, max=5.0, step=0.1,
                                                description=t("temperature"), continuous_update=True,
                                                style={"description_width": "90px"})
        self.new_params_button = W.Button(description=t("new_params", sep=" · "), icon="refresh",
                                          layout=W.Layout(width="auto"))
        self.language_select = W.ToggleButtons(options=[("বাংলা", "bn"), ("English", "en"), ("দুটোই · both", "both")],
                                               value=get_language(), style={"button_width": "auto"})
        self.params_html = W.HTML()
        self.readout = W.HTML()
        self.image = W.Image(format="png" if self._live.fmt == "png" else "svg+xml",
                             layout=W.Layout(width="840px", max_width="100%"))
        self.h_sliders, self.h_angle_sliders, self.h_length_sliders = [], [], []
        self._make_h_sliders(T)

        self.s_slider.observe(self._on_s, "value")
        self.s_angle_slider.observe(self._on_s_polar, "value")
        self.s_length_slider.observe(self._on_s_polar, "value")
        self.step_select.observe(self._on_step, "value")
        self.n_slider.observe(self._on_n, "value")
        self.mode_select.observe(self._on_mode, "value")
        self.score_select.observe(lambda ch: self._refresh(full=True), "value")
        self.temperature_slider.observe(lambda ch: self._refresh(), "value")
        self.new_params_button.on_click(self._on_new_params)
        self.language_select.observe(self._on_language, "value")

        self.h_box = W.HBox(layout=W.Layout(flex_flow="row wrap"))
        self.query_box = W.VBox()
        wrap = W.Layout(flex_flow="row wrap", align_items="center")
        self.widget = W.VBox([
            W.HBox([self.mode_select, self.language_select], layout=wrap),
            W.HBox([self.score_select, self.temperature_slider, self.new_params_button], layout=wrap),
            self.params_html,
            W.HBox([W.VBox([self.step_select, self.query_box]), self.n_slider], layout=wrap),
            self.h_box,
            W.HBox([self.image, self.readout], layout=wrap),
        ])
        self._layout_sliders()

    def _make_h_sliders(self, T):
        """One slider per h_i (a number), or an angle and a length slider (an arrow)."""
        while len(self.h_sliders) < T:
            i = len(self.h_sliders)
            for lst, make in ((self.h_sliders, lambda: _slider(self._h_values[i], -5, 5, 0.1, _h(i))),
                              (self.h_angle_sliders, lambda: W.FloatSlider(
                                  value=DEFAULT_ANGLES[i], min=0, max=360, step=5, description=f"{_h(i)} °",
                                  continuous_update=True)),
                              (self.h_length_sliders, lambda: W.FloatSlider(
                                  value=DEFAULT_LENGTHS[i], min=0, max=3, step=0.1, description=f"|{_h(i)}|",
                                  continuous_update=True))):
                sl = make()
                sl.observe(self._on_h, "value")
                lst.append(sl)
        for lst in (self.h_sliders, self.h_angle_sliders, self.h_length_sliders):
            del lst[T:]

    def _layout_sliders(self):
        if self.vector:
            self.query_box.children = [self.s_angle_slider, self.s_length_slider]
            self.h_box.children = [W.VBox([a, n]) for a, n in zip(self.h_angle_sliders, self.h_length_sliders)]
        else:
            self.query_box.children = [self.s_slider]
            self.h_box.children = list(self.h_sliders)

    # ----------------------------------------------------------------- state
    @property
    def vector(self) -> bool:
        return self.mode_select.value == "vector"

    @property
    def T(self) -> int:
        return self.n_slider.value

    @property
    def step(self) -> int:
        return self.step_select.value

    def encoder_states(self) -> np.ndarray:
        """H, shape (T, d): d = 1 for numbers, d = 2 for arrows."""
        if self.vector:
            return np.array([_polar(a.value, n.value) for a, n in zip(self.h_angle_sliders, self.h_length_sliders)])
        return np.array([[sl.value] for sl in self.h_sliders])

    def decoder_states(self) -> np.ndarray:
        """S, shape (K, d): one query per decoder step (rows of the heatmap)."""
        if self.vector:
            return np.array([_polar(a, n) for a, n in self._s_polar])
        return np.array([[q] for q in self._queries])

    def _new_params(self):
        """Seeded parameters for the general and additive scores, for the current d."""
        d = 2 if self.vector else 1
        rng = np.random.default_rng(self.seed)
        self.params = {
            "general": {"W": np.round(rng.normal(size=(d, d)), 2)},
            "additive": {"W1": np.round(rng.normal(size=(ADDITIVE_HIDDEN, d)), 2),
                         "W2": np.round(rng.normal(size=(ADDITIVE_HIDDEN, d)), 2),
                         "v": np.round(rng.normal(size=ADDITIVE_HIDDEN), 2)},
            "dot": {}, "scaled_dot": {},
        }

    # ----------------------------------------------------------------- events
    def _on_s(self, change):
        self._queries[self.step] = float(change["new"])
        self._refresh()

    def _on_s_polar(self, change):
        self._s_polar[self.step] = [self.s_angle_slider.value, self.s_length_slider.value]
        self._refresh()

    def _on_h(self, change):
        self._h_values[:len(self.h_sliders)] = [sl.value for sl in self.h_sliders]
        self._refresh()

    def _on_step(self, change):
        k = change["new"]
        self._busy = True                       # moving the slider to the new step's value is not an edit
        self.s_slider.value = self._queries[k]
        self.s_angle_slider.value, self.s_length_slider.value = self._s_polar[k]
        self._busy = False
        self._refresh()

    def _on_n(self, change):
        self._make_h_sliders(change["new"])
        self._layout_sliders()
        self._refresh(full=True)

    def _on_mode(self, change):
        self._new_params()
        self._layout_sliders()
        self._refresh(full=True)

    def _on_new_params(self, _button):
        self.seed += 1
        self._new_params()
        self._refresh(full=True)

    def _on_language(self, change):
        set_language(change["new"])
        self._refresh(full=True)

    # ----------------------------------------------------------------- compute and draw
    def compute(self):
        """All decoder steps at once: scores e (K, T), weights (K, T), contexts (K, d)."""
        H, S = self.encoder_states(), self.decoder_states()
        name = self.score_select.value
        e = A.SCORE_FUNCTIONS[name][0](S, H, **self.params[name])
        weights = A.softmax(e / self.temperature_slider.value)
        return H, S, e, weights, A.context(weights, H)

    def _refresh(self, full=False):
        if self._busy:
            return
        if self.language_select.value != get_language():    # set_language was called from code
            self._busy = True
            self.language_select.value = get_language()
            self._busy, full = False, True
        try:
            H, S, e, weights, C = self.compute()
        except (ValueError, TypeError) as exc:            # never a traceback in the middle of a lesson
            self.readout.value = f"<pre style='color:#D55E00'>{html.escape(str(exc))}</pre>"
            return
        k = self.step
        self.scores, self.weights, self.heatmap_weights = e[k], weights[k], weights
        self.context = C[k, 0] if not self.vector else C[k]
        if full:
            self._live.draw(H, S, e, weights, C, k)
        else:
            self._live.update(H, S, e, weights, C, k)
        self.image.value = self._live.image()
        self._show_numbers(H, S[k])

    def _show_numbers(self, H, s):
        fmt = lambda v: f"{v:.6g}" if abs(v) >= 1e-3 or v == 0 else f"{v:.2e}"
        vec = lambda x: fmt(float(x[0])) if len(x) == 1 else "(" + ", ".join(fmt(float(v)) for v in x) + ")"
        rows = "".join(f"<tr><td>h<sub>{i + 1}</sub> = {vec(h)}</td><td class='score'>{fmt(float(e))}</td>"
                       f"<td class='weight'>{fmt(float(a))}</td></tr>"
                       for i, (h, e, a) in enumerate(zip(H, self.scores, self.weights)))
        c = self.context if self.vector else [self.context]
        self.readout.value = (      # border-collapse: the classic Notebook's CSS would drop the spacing
            "<table class='attention-readout' style='font-size:15px;border-collapse:separate;border-spacing:12px 2px'>"
            f"<tr><th>s<sub>t</sub> = {vec(s)}</th><th>e</th><th>α</th></tr>{rows}"
            f"<tr><td>{t('sum_label', sep=' · ')}</td><td></td><td class='weight-sum'>{fmt(float(self.weights.sum()))}</td></tr>"
            f"<tr><td colspan='3' class='context'>c<sub>t</sub> = {vec(np.asarray(c))}</td></tr></table>")
        name = self.score_select.value
        p = self.params[name]
        if p:
            shown = "; ".join(f"{k} = {np.array2string(v, precision=2, separator=', ')}" for k, v in p.items())
            self.params_html.value = f"<code>{html.escape(shown)}</code>"
        else:
            self.params_html.value = f"<i>{html.escape(t('no_params', sep=' · '))}</i>"

    def snapshot(self):
        """The current picture as a plain image, for pages where widgets do not run
        (GitHub, nbviewer, print).  Show it in the cell before ``widget``."""
        return _picture(self.image.value, svg=self._live.fmt != "png")

    def _ipython_display_(self):
        show(self.widget)


# --------------------------------------------------------------------------- small focused explorers


class MiniExplorer:
    """A few sliders and one small figure, redrawn on every change (for a single lesson).

    ``compute(values) -> result`` does the math (``helpers.attention``); ``draw(ax, result)``
    draws it (``helpers.plots``).  ``values`` maps each slider's name to its value.
    """

    def __init__(self, sliders: dict, compute, draw, figsize=(8.5, 3.6), extra=()):
        # ``sliders``: name -> any value widget (a slider, or a Text box)
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        status = use_course_style()
        self.sliders, self._compute, self._draw = sliders, compute, draw
        self.figure = Figure(figsize=figsize, dpi=80, layout="constrained")
        FigureCanvasAgg(self.figure)
        self._svg = status.mode != "png"
        self.image = W.Image(format="svg+xml" if self._svg else "png",
                             layout=W.Layout(width=f"{int(figsize[0] * 80)}px", max_width="100%"))
        self.message = W.HTML()
        for control in [*sliders.values(), *extra]:
            control.observe(lambda ch: self.refresh(), "value")
        self.widget = W.VBox([W.HBox(list(sliders.values()) + list(extra),
                                     layout=W.Layout(flex_flow="row wrap")), self.image, self.message])
        self.refresh()

    def values(self) -> dict:
        return {name: sl.value for name, sl in self.sliders.items()}

    def refresh(self):
        try:
            self.result = self._compute(self.values())
        except (ValueError, TypeError) as exc:
            self.message.value = f"<pre style='color:#D55E00'>{html.escape(str(exc))}</pre>"
            return
        self.message.value = ""
        self.figure.clear()
        self._draw(self.figure.subplots(), self.result)
        self.image.value = plots.figure_bytes(self.figure, "svg" if self._svg else "png")

    def snapshot(self):
        """The current picture as a plain image; show it in the cell before ``widget``."""
        return _picture(self.image.value, svg=self._svg)

    def _ipython_display_(self):
        show(self.widget)


def _slider_values(x, name, fn, lo, hi, most=8):
    """Start values for a row of sliders: 1 to ``most`` numbers inside the sliders' range
    (refused outside it, so that what the sliders show is what the numbers are)."""
    a = array(x, name, fn, ndim=1, nonempty=True)
    if len(a) > most:
        raise fail(fn, f"`{name}`-এ বড়জোর {most}টি মান দাও, পাওয়া গেছে {len(a)}টি।",
                   f"`{name}` takes at most {most} values, got {len(a)}.")
    if a.min() < lo or a.max() > hi:
        raise fail(fn, f"`{name}`-এর মান {lo:g} থেকে {hi:g}-এর মধ্যে হতে হবে (slider-এর সীমা), পাওয়া গেছে {quote(a.tolist())}।",
                   f"the values of `{name}` must be between {lo:g} and {hi:g} (the sliders' range), got {quote(a.tolist())}.")
    return [float(v) for v in a]


def score_explorer(h=(2.0, 5.0, 1.0), s=4.0):
    """Lesson 04: move s_t and each h_i (numbers) and watch the dot scores e_i = s_t h_i."""
    h = _slider_values(h, "h", "score_explorer", -5, 5)
    s = number(s, "s", "score_explorer", minimum=-5, maximum=5)
    sliders = {"s": _slider(s, -5, 5, 0.1, "sₜ", "260px")}
    sliders.update({f"h{i}": _slider(v, -5, 5, 0.1, _h(i), "260px") for i, v in enumerate(h)})
    compute = lambda v: A.score_dot(v["s"], [v[f"h{i}"] for i in range(len(h))])
    return MiniExplorer(sliders, compute, lambda ax, e: plots.score_bars(ax, e))


def softmax_explorer(e=(8.0, 20.0, 4.0)):
    """Lesson 05: move the scores and the temperature; watch softmax turn them into weights."""
    e = _slider_values(e, "e", "softmax_explorer", -25, 25)
    sliders = {f"e{i}": _slider(v, -25, 25, 0.5, f"e{subscript(i + 1)}", "260px") for i, v in enumerate(e)}
    sliders["tau"] = _slider(1.0, 0.1, 15, 0.1, "τ", "260px")
    compute = lambda v: A.softmax(np.array([v[f"e{i}"] for i in range(len(e))]) / v["tau"])
    return MiniExplorer(sliders, compute, lambda ax, a: plots.weight_bars(ax, a))


def context_explorer(h=(2.0, 5.0, 1.0), s=4.0):
    """Lesson 06: move s_t and each h_i; watch c_t, the weighted average, move among the h_i."""
    h = _slider_values(h, "h", "context_explorer", -5, 5)
    s = number(s, "s", "context_explorer", minimum=-5, maximum=5)
    sliders = {"s": _slider(s, -5, 5, 0.1, "sₜ", "260px")}
    sliders.update({f"h{i}": _slider(v, -5, 5, 0.1, _h(i), "260px") for i, v in enumerate(h)})

    def compute(v):
        H = [v[f"h{i}"] for i in range(len(h))]
        c, alpha, _ = A.attend(v["s"], H)
        return H, alpha, c
    return MiniExplorer(sliders, compute, lambda ax, r: plots.context_line(ax, *r), figsize=(8.5, 3.4))


def date_explorer(translator, text="২৫ ডিসেম্বর ২০২৩"):
    """Lesson 11: type a date; see the model's ISO answer and its attention heatmap."""
    box = W.Text(value=text, description=t("date_input", sep=" · "), continuous_update=False,
                 style={"description_width": "150px"}, layout=W.Layout(width="480px"))

    if not hasattr(translator, "translate") or not hasattr(translator, "in_vocab"):
        raise fail("date_explorer", f"`translator` হবে train_date_translator()-এর ফল, পাওয়া গেছে {type(translator).__name__}।",
                   f"`translator` must be what train_date_translator() returns, got {type(translator).__name__}.",
                   TypeError)
    _text(text, "text", "date_explorer", allow_empty=True)

    def compute(v):
        iso, weights = translator.translate(v["text"])
        return v["text"], iso, weights

    def draw(ax, r):
        text, iso, weights = r
        if weights is None or weights.size == 0:          # the vanilla model has no attention to draw
            ax.set_axis_off()
            ax.text(0.5, 0.55, f"{text}  →  {iso}", ha="center", va="center", fontsize=18,
                    transform=ax.transAxes)
            ax.text(0.5, 0.3, t("no_attention", sep="\n"), ha="center", va="center", fontsize=13,
                    color=PALETTE["grey"], transform=ax.transAxes)
            return
        plots.attention_heatmap(ax, weights, plots.char_labels(text), list(iso), annotate=False,
                                title=f"{text}  →  {iso}")
    return MiniExplorer({"text": box}, compute, draw, figsize=(10, 5))
