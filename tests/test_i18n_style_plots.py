"""Unit tests of helpers.i18n, helpers.style and helpers.plots (headless, Agg backend)."""

import dataclasses
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib import font_manager  # noqa: E402

from helpers import attention as A  # noqa: E402
from helpers import i18n, plots, style  # noqa: E402

BENGALI = re.compile("[\u0980-\u09FF]")


@pytest.fixture(autouse=True)
def _reset():
    yield
    i18n.set_language("both")
    plt.close("all")


# --------------------------------------------------------------------------- i18n


def test_language_switch():
    i18n.set_language("bn")
    assert BENGALI.search(i18n.t("decoder_step")) and "step" not in i18n.t("decoder_step")
    i18n.set_language("en")
    assert i18n.t("decoder_step") == "decoder step t"
    i18n.set_language("both")
    bn, en = i18n.t("decoder_step").split("\n")
    assert BENGALI.search(bn) and en == "decoder step t"
    assert i18n.t("weight_colorbar") == "attention weight"      # same in both: said once


def test_unknown_language_and_label_refused_in_both_languages():
    with pytest.raises(ValueError) as info:
        i18n.set_language("fr")
    assert "'fr'" in str(info.value) and BENGALI.search(str(info.value)) and "unknown" in str(info.value)
    with pytest.raises(ValueError, match="no_such_label") as info:
        i18n.t("no_such_label")
    assert len(str(info.value).splitlines()) == 2        # a ValueError prints both lines, not a repr


def test_glossary_and_labels_are_clean():
    for key, entry in i18n.GLOSSARY.items():
        assert entry.en and entry.term and BENGALI.search(entry.bn), key
        for text in (entry.en, entry.term, entry.bn):
            assert unicodedata.is_normalized("NFC", text), key
    for key, (bn, en) in i18n.LABELS.items():
        assert unicodedata.is_normalized("NFC", bn) and en, key
    table = i18n.glossary_markdown()
    assert table.count("\n") == len(i18n.GLOSSARY) + 1
    assert i18n.gloss("context_vector").startswith("context vector (")


# --------------------------------------------------------------------------- style


def test_version_gate():
    assert not style.shapes_bengali("3.10.0")
    assert style.shapes_bengali("3.11.2")
    assert style.shapes_bengali("4.0.0")


def test_the_shipped_font_is_used_whatever_the_computer_has():
    status = style.use_course_style()
    assert status.font == "Noto Sans Bengali"
    assert status.mode == ("png" if style.shapes_bengali() else "svg-text")   # 3.10: the browser shapes
    assert matplotlib.rcParams["font.family"][:2] == ["DejaVu Sans", "Noto Sans Bengali"]
    for weight, name in (("normal", "NotoSansBengali-Regular.ttf"), ("bold", "NotoSansBengali-Bold.ttf")):
        found = Path(font_manager.findfont(font_manager.FontProperties(family="Noto Sans Bengali", weight=weight)))
        assert found == style.FONT_DIR / name


def test_a_system_copy_of_the_font_does_not_replace_ours(monkeypatch):
    """A computer with its own (maybe other) Noto Sans Bengali still gets the shipped files."""
    fm = font_manager.fontManager
    system_copy = dataclasses.replace(next(f for f in fm.ttflist if f.name == "DejaVu Sans"),
                                      name="Noto Sans Bengali", fname="/usr/share/fonts/elsewhere/NotoSansBengali.ttf")
    monkeypatch.setattr(fm, "ttflist", [system_copy] + [f for f in fm.ttflist if f.name != "Noto Sans Bengali"])
    fm._findfont_cached.cache_clear()
    style.use_course_style()
    found = font_manager.findfont(font_manager.FontProperties(family="Noto Sans Bengali"), fallback_to_default=False)
    assert Path(found).parent == style.FONT_DIR
    assert all(f.fname != system_copy.fname for f in fm.ttflist)


def test_the_font_ships_with_its_licence():
    files = {p.name for p in style.FONT_DIR.iterdir()}
    assert {"NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf", "OFL.txt"} <= files
    licence = (style.FONT_DIR / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Copyright 2017 Google" in licence


def test_a_plain_pip_install_brings_the_font_files(tmp_path):
    """Not only `pip install -e .`: a normal install (a built wheel) must carry the fonts."""
    root = Path(style.__file__).resolve().parents[1]
    run = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target",
                          str(tmp_path / "site"), str(root)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-2000:]
    fonts = tmp_path / "site" / "helpers" / "fonts"
    assert sorted(p.name for p in fonts.iterdir()) == ["NotoSansBengali-Bold.ttf", "NotoSansBengali-Regular.ttf",
                                                       "OFL.txt"]
    assert (fonts / "NotoSansBengali-Regular.ttf").read_bytes() == (style.FONT_DIR / "NotoSansBengali-Regular.ttf").read_bytes()


def test_without_the_shipped_files_a_system_font_or_none_is_used(monkeypatch):
    monkeypatch.setattr(style, "shipped_font_files", lambda: [])
    fm = font_manager.fontManager
    monkeypatch.setattr(fm, "ttflist", [f for f in fm.ttflist if f.name != "Noto Sans Bengali"])
    assert style.bengali_font() in (None, *[n for names in style.BENGALI_FONTS.values() for n in names])


def test_fallback_to_svg_text_says_so_in_both_languages(monkeypatch, capsys):
    monkeypatch.setattr(style, "bengali_font", lambda: None)          # as if the shipped files were lost
    monkeypatch.setattr(style, "_announced", False)
    status = style.use_course_style()
    out = capsys.readouterr().out
    assert status.mode == "svg-text" and not status.bengali_ok
    assert BENGALI.search(out) and "SVG" in out and "no Bengali font" in out
    assert matplotlib.rcParams["svg.fonttype"] == "none"
    style.use_course_style()                                   # said once, not every call
    assert capsys.readouterr().out == ""


def test_old_matplotlib_falls_back(monkeypatch):
    monkeypatch.setattr(style, "shapes_bengali", lambda version=None: False)
    monkeypatch.setattr(style, "_announced", True)
    assert style.use_course_style().mode == "svg-text"


# --------------------------------------------------------------------------- plots


def test_bars_draw_the_numbers_they_are_given():
    c, alpha, e = A.attend(4, [2, 5, 1])
    fig, (a1, a2) = plt.subplots(1, 2)
    bars, texts = plots.score_bars(a1, e)
    assert [b.get_height() for b in bars] == [8, 20, 4]
    bars, texts = plots.weight_bars(a2, alpha)
    np.testing.assert_allclose([b.get_height() for b in bars], alpha)
    assert texts[1].get_text() == "0.999994"                     # not rounded to "1"
    assert texts[0].get_text() == "6.1e-06"
    assert [plots._fmt(x) for x in (1.9999999, -2.0000003, 2.5)] == ["2", "-2", "2.5"]     # never "2."
    assert [t.get_text() for t in a2.get_xticklabels()] == ["$h_{1}$", "$h_{2}$", "$h_{3}$"]


def test_heatmap_shows_the_matrix_with_token_labels():
    w = A.softmax(np.random.default_rng(0).normal(size=(2, 3)))
    fig, ax = plt.subplots()
    im = plots.attention_heatmap(ax, w, ["আমি", "ভাত", "খাই"], ["I", "eat"])
    np.testing.assert_allclose(im.get_array(), w)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["আমি", "ভাত", "খাই"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["I", "eat"]


def test_labels_follow_the_language_switch():
    i18n.set_language("en")
    fig, ax = plt.subplots()
    plots.weight_bars(ax, [0.5, 0.5])
    assert ax.get_title() == i18n.LABELS["weights_title"][1]
    i18n.set_language("bn")
    fig, ax = plt.subplots()
    plots.weight_bars(ax, [0.5, 0.5])
    assert ax.get_title() == i18n.LABELS["weights_title"][0]


@pytest.mark.parametrize("step", [None, 1, 2, 3, 4, 5, 6])
def test_architecture_diagram_lights_one_step(step):
    fig, ax = plt.subplots()
    labels = plots.architecture_diagram(ax, highlight=step)
    assert set(labels) == {1, 2, 3, 4, 5, 6}
    for k, text in labels.items():
        lit = step in (None, k)
        assert (text.get_color() == "black") == lit


def _map_parts(highlight=None):
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
    fig = plots.course_map(highlight)
    ax = fig.axes[0]
    boxes = {}
    for patch in ax.patches:
        if isinstance(patch, FancyBboxPatch):
            x0, y0, w, h = patch.get_x(), patch.get_y(), patch.get_width(), patch.get_height()
            label = next((t.get_text() for t in ax.texts
                          if x0 <= t.get_position()[0] <= x0 + w and y0 <= t.get_position()[1] <= y0 + h), "")
            boxes[label] = (x0, y0, x0 + w, y0 + h)
    arrows = [np.array(p.points) for p in ax.patches if isinstance(p, FancyArrowPatch)]
    return fig, boxes, arrows


def test_course_map_no_arrow_crosses_a_box():
    fig, boxes, arrows = _map_parts()
    assert len(boxes) >= 16 and len(arrows) >= 20
    for path in arrows:
        for a, b in zip(path[:-1], path[1:]):
            for f in np.linspace(0.02, 0.98, 60):             # points along the segment, not its ends
                x, y = a + f * (b - a)
                for label, (x0, y0, x1, y1) in boxes.items():
                    inside = x0 + 0.02 < x < x1 - 0.02 and y0 + 0.02 < y < y1 - 0.02
                    assert not inside, f"an arrow {a} -> {b} runs through the box {label!r}"


def test_course_map_feeds_every_h_into_c_and_couples_all_scores():
    fig, boxes, arrows = _map_parts()
    c = next(v for k, v in boxes.items() if k.startswith("$c_t"))
    h = [boxes[f"$h_{{{i}}}$"] for i in (1, 2, 3)]
    e = [boxes[f"$e_{{t,{i}}}$"] for i in (1, 2, 3)]
    sm = next(v for k, v in boxes.items() if "softmax" in k)
    # one softmax box spans all the scores, and every score has an arrow into it
    assert sm[0] <= min(b[0] for b in e) and sm[2] >= max(b[2] for b in e)
    ends_at = lambda box: [p for p in arrows if box[0] - 0.05 <= p[-1][0] <= box[2] + 0.05
                           and box[1] - 0.05 <= p[-1][1] <= box[3] + 0.05]
    starts_at = lambda box, p: box[0] - 0.05 <= p[0][0] <= box[2] + 0.05 and box[1] - 0.05 <= p[0][1] <= box[3] + 0.05
    assert all(any(starts_at(b, p) for p in ends_at(sm)) for b in e)
    # the encoder states reach c_t (c_t = sum_i alpha_{t,i} h_i), not only the weights
    assert any(starts_at(h[0], p) for p in ends_at(c))
    assert len(ends_at(c)) == 4                                  # three weights and the h_i


def test_course_map_has_one_size_everywhere():
    sizes = {tuple(plots.course_map(k).get_size_inches()) for k in (None, 1, 4, 6)}
    assert sizes == {plots.MAP_SIZE}


def test_figures_render_with_bengali_text(tmp_path):
    """Render to PNG: no missing-glyph warnings, a real image."""
    style.use_course_style()
    fig, ax = plt.subplots()
    plots.context_line(ax, [2, 5, 1], A.softmax([8.0, 20.0, 4.0]), 4.99998)
    plots.recovery_chart(plt.subplots()[1], [1, 2], [1.0, 0.5], [1.0, 1.0])
    with _no_glyph_warnings():
        fig.savefig(tmp_path / "context.png")
    assert (tmp_path / "context.png").stat().st_size > 10_000


class _no_glyph_warnings:
    def __enter__(self):
        import warnings
        self._cm = warnings.catch_warnings(record=True)
        self._log = self._cm.__enter__()
        warnings.simplefilter("always")

    def __exit__(self, *exc):
        self._cm.__exit__(*exc)
        missing = [w for w in self._log if "missing from font" in str(w.message)]
        assert not missing, f"glyphs missing: {missing[0].message}"


def test_png_bytes_is_a_png_that_reads_back_exactly():
    """The explorer's fast encoder writes a real PNG: Pillow reads back every pixel."""
    import io
    from PIL import Image
    rgba = np.random.default_rng(0).integers(0, 256, size=(37, 53, 4), dtype=np.uint8)
    image = Image.open(io.BytesIO(plots.png_bytes(rgba)))
    image.load()
    assert image.mode == "RGBA" and image.size == (53, 37)
    np.testing.assert_array_equal(np.asarray(image), rgba)


def test_label_follows_the_language_and_subscript_is_plain_text():
    assert i18n.label("ক", "a") == "ক\na"
    i18n.set_language("bn")
    assert i18n.label("ক", "a") == "ক"
    i18n.set_language("en")
    assert i18n.label("ক", "a") == "a"
    assert i18n.subscript(12) == "₁₂" and f"h{i18n.subscript(3)}" == "h₃"


def test_vectors_2d_without_a_query_and_with_a_named_one():
    H = np.array([[0.5, -0.2], [-0.3, 0.8]])
    fig, (a1, a2) = plt.subplots(1, 2)
    assert plots.vectors_2d(a1, H, lim=2) is None
    assert a1.get_xlim() == (-2, 2) and not any("s_" in x.get_text() for x in a1.texts)
    assert plots.vectors_2d(a2, H, [1.0, 0.0], query_label="$s_2$") is not None
    assert "$s_2$" in [x.get_text() for x in a2.texts]


def test_output_bars_decimals():
    fig, ax = plt.subplots()
    plots.output_bars(ax, [0.0044, 0.9956], ["a", "b"], decimals=3)
    assert [x.get_text() for x in ax.texts] == ["0.004", "0.996"]
