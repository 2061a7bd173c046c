"""Headless tests of the attention explorer: set widgets from Python, check numbers and artists."""

import re

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers import attention as A  # noqa: E402
from helpers import i18n  # noqa: E402
from helpers.widgets import AttentionExplorer  # noqa: E402


@pytest.fixture
def ex():
    yield AttentionExplorer()
    i18n.set_language("both")


def bar_heights(bars):
    return np.array([b.get_height() for b in bars])


def test_starts_on_the_notes_mini_example(ex):
    assert ex.s_slider.value == 4.0
    assert [s.value for s in ex.h_sliders] == [2.0, 5.0, 1.0]
    assert ex.score_select.value == "dot"
    np.testing.assert_allclose(ex.scores, [8, 20, 4])
    np.testing.assert_allclose(ex.weights, A.softmax([8.0, 20.0, 4.0]), atol=1e-12)
    assert abs(ex.context - 4.999981117) < 1e-8
    np.testing.assert_allclose(bar_heights(ex._live.score_bars), [8, 20, 4])
    head = bytes(ex.image.value[:8])
    assert head == b"\x89PNG\r\n\x1a\n" if ex._live.fmt == "png" else head.startswith(b"<?xml")


def test_moving_h2_changes_the_weights_as_softmax_predicts(ex):
    before = ex.image.value
    ex.h_sliders[1].value = 1.5
    np.testing.assert_allclose(ex.scores, [8, 6, 4])
    np.testing.assert_allclose(ex.weights, A.softmax(np.array([8.0, 6.0, 4.0])))
    assert ex.weights.argmax() == 0                        # h_1 is now the most relevant
    np.testing.assert_allclose(bar_heights(ex._live.weight_bars), ex.weights)
    np.testing.assert_allclose(ex._live.heatmap.get_array()[0], ex.weights)
    assert ex.image.value != before


def test_weights_always_sum_to_one(ex):
    rng = np.random.default_rng(0)
    for score in ("dot", "general", "additive", "scaled_dot"):
        ex.score_select.value = score
        for _ in range(5):
            ex.s_slider.value = float(np.round(rng.uniform(-5, 5), 1))
            ex.h_sliders[rng.integers(3)].value = float(np.round(rng.uniform(-5, 5), 1))
            ex.temperature_slider.value = float(np.round(rng.uniform(0.1, 5), 1))
            assert abs(ex.weights.sum() - 1) < 1e-12
            np.testing.assert_allclose(ex.heatmap_weights.sum(axis=1), 1.0)


def test_switching_the_score_function_changes_the_scores(ex):
    dot = ex.scores.copy()
    ex.score_select.value = "scaled_dot"
    np.testing.assert_allclose(ex.scores, dot / np.sqrt(1))      # d = 1: same numbers
    ex.score_select.value = "general"
    W = ex.params["general"]["W"]
    np.testing.assert_allclose(ex.scores, A.score_general([4.0], [[2.0], [5.0], [1.0]], W))
    assert not np.allclose(ex.scores, dot)
    ex.score_select.value = "additive"
    p = ex.params["additive"]
    np.testing.assert_allclose(ex.scores, A.score_additive([4.0], [[2.0], [5.0], [1.0]], **p))
    assert "W1" in ex.params_html.value and "v" in ex.params_html.value
    old = p["W1"].copy()
    ex.new_params_button.click()
    assert not np.allclose(ex.params["additive"]["W1"], old)


def test_adding_a_position_adds_a_column(ex):
    ex.n_slider.value = 5
    assert len(ex.h_sliders) == 5
    assert ex.heatmap_weights.shape == (3, 5)
    assert ex._live.heatmap.get_array().shape == (3, 5)
    assert len(ex._live.score_bars) == 5 and len(ex.weights) == 5
    ex.h_sliders[4].value = 4.9                                  # the new slider is live
    assert ex.scores[4] == pytest.approx(4 * 4.9)
    ex.n_slider.value = 2
    assert ex.heatmap_weights.shape == (3, 2) and len(ex.h_box.children) == 2


def test_heatmap_rows_are_decoder_steps(ex):
    W = ex.heatmap_weights
    assert W.shape == (3, 3)
    np.testing.assert_allclose(W[0], ex.weights)
    ex.step_select.value = 2                                   # edit the third decoder step
    assert ex.s_slider.value == -2.0
    np.testing.assert_allclose(ex.weights, W[2])
    ex.s_slider.value = 3.0
    np.testing.assert_allclose(ex.heatmap_weights[2], A.softmax(3.0 * np.array([2.0, 5.0, 1.0])))
    np.testing.assert_allclose(ex.heatmap_weights[0], W[0])     # the other rows stay
    assert ex._live.row_box.get_y() == 1.5


def test_temperature_softens_the_weights(ex):
    peaked = ex.weights.max()
    ex.temperature_slider.value = 5.0
    assert ex.weights.max() < peaked
    np.testing.assert_allclose(ex.weights, A.softmax(ex.scores / 5.0))


def test_context_is_marked_among_the_h(ex):
    assert ex._live.c_marker.get_xdata()[0] == pytest.approx(ex.context)
    ex.h_sliders[1].value = -3.0
    assert ex._live.c_marker.get_xdata()[0] == pytest.approx(ex.context)
    assert ex.context == pytest.approx(float(ex.weights @ np.array([2.0, -3.0, 1.0])))


def test_vector_mode_is_geometry(ex):
    ex.mode_select.value = "vector"
    H = ex.encoder_states()
    assert H.shape == (3, 2)
    s = ex.decoder_states()[0]
    np.testing.assert_allclose(ex.scores, H @ s)               # the dot product as geometry
    ex.h_angle_sliders[0].value = 40.0                         # h_1 now points along s_1
    assert ex.weights.argmax() == 0 or ex.scores[0] == pytest.approx(np.linalg.norm(H[0]) * 2.0)
    np.testing.assert_allclose(ex.context, ex.weights @ ex.encoder_states())
    tip = ex._live.c_arrow._posA_posB[1]
    np.testing.assert_allclose(tip, ex.context)


def test_labels_follow_the_language_switch(ex):
    ex.language_select.value = "en"
    assert ex._live.axes["weights"].get_title() == i18n.LABELS["weights_title"][1]
    ex.language_select.value = "bn"
    assert ex._live.axes["weights"].get_title() == i18n.LABELS["weights_title"][0]


def test_readout_matches_the_numbers(ex):
    assert "0.999994" in ex.readout.value and "4.99998" in ex.readout.value
    assert "6.14e-06" in ex.readout.value


def test_fast_path_redraws_without_a_new_layout(ex):
    draws = ex._live.full_draws
    for v in (3.9, 3.8, 3.7):
        ex.s_slider.value = v
    assert ex._live.full_draws == draws
    ex.s_slider.value = -5.0                                    # negative scores: below the axis shown

    assert ex._live.full_draws > draws
    lo, hi = ex._live.axes["scores"].get_ylim()
    assert hi >= ex.scores.max()


def test_fallback_mode_serves_svg_with_text(monkeypatch):
    from helpers import style
    monkeypatch.setattr(style, "bengali_font", lambda: None)
    monkeypatch.setattr(style, "_announced", True)
    ex = AttentionExplorer()
    assert ex.image.format == "svg+xml"
    svg = bytes(ex.image.value).decode()
    assert "<svg" in svg and "softmax" in svg                  # text kept as text
    ex.s_slider.value = 1.0
    assert bytes(ex.image.value).decode() != svg


def test_static_readers_see_a_sentence_not_a_widget_repr(monkeypatch):
    """GitHub, nbviewer and exported HTML show a widget's text/plain: make it a sentence."""
    import IPython.display
    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda data, raw=False: shown.append((data, raw)))
    ex = AttentionExplorer()
    ex._ipython_display_()
    data, raw = shown[0]
    assert raw and data["application/vnd.jupyter.widget-view+json"]["model_id"] == ex.widget.model_id
    assert "explorer" in data["text/plain"] and "Jupyter" in data["text/plain"]
    assert "VBox" not in data["text/plain"] and re.search("[\u0980-\u09FF]", data["text/plain"])
