"""Smoke tests of helpers.train: tiny budgets only (the real accuracy runs are in tests/bench)."""

import numpy as np
import pytest

from helpers import train
from helpers.data import DATE_FORMS, nfc


@pytest.fixture(scope="module")
def translator():
    return train.train_date_translator(steps=40, seed=0, progress=False)


def test_date_training_lowers_the_loss(translator):
    losses = translator.history["losses"]
    assert translator.history["steps"] == len(losses) == 40
    assert np.mean(losses[-5:]) < 0.7 * np.mean(losses[:5])


@pytest.mark.parametrize("text", ["২৫ ডিসেম্বর ২০২৩", "Dec 25, 2023", "৫/৩/১৯৯৯", "১ জানুয়ারী ২০০০"])
def test_translate_returns_one_attention_row_per_output_character(translator, text):
    iso, A = translator.translate(text)
    assert isinstance(iso, str)
    assert A.shape == (len(iso), len(nfc(text)))      # no pad/start/end columns or rows
    np.testing.assert_allclose(A.sum(axis=1), 1.0, atol=1e-6)
    assert (A >= 0).all()


def test_translate_accepts_precomposed_ya_with_nukta(translator):
    # U+09DF (য়) is written as য + ় in NFC; typing it precomposed must not fail
    iso, A = translator.translate("১ জানু\u09dfারি ২০০০")
    assert A.shape[1] == len(nfc("১ জানুয়ারি ২০০০"))


def test_translate_rejects_unknown_characters_in_both_languages(translator):
    with pytest.raises(ValueError) as err:
        translator.translate("25 Décembre 2023")
    assert "'é'" in str(err.value) and "position 4" in str(err.value) and "অবস্থান 4" in str(err.value)


def test_same_seed_same_weights_and_results():
    a = train.train_date_translator(steps=8, seed=1, progress=False)
    b = train.train_date_translator(steps=8, seed=1, progress=False)
    c = train.train_date_translator(steps=8, seed=2, progress=False)
    assert all(np.array_equal(a.model.params[k], b.model.params[k]) for k in a.model.params)
    assert a.history["losses"] == b.history["losses"]
    assert not all(np.array_equal(a.model.params[k], c.model.params[k]) for k in a.model.params)


def test_evaluate_dates_reports_every_form(translator):
    res = train.evaluate_dates(translator, n=60, seed=5)
    assert set(res["per_form"]) == set(DATE_FORMS) and res["n"] == 60
    assert 0.0 <= res["accuracy"] <= 1.0
    assert len(res["errors"]) == round((1 - res["accuracy"]) * 60)


def test_fit_needs_exactly_one_budget_and_seconds_budget_stops():
    from helpers.models import Seq2Seq
    model = Seq2Seq(13, 13, decoder="vanilla", hidden=8, embed=4)
    batches = train._reversal_batches(0, (3, 5), train.digit_vocab())
    with pytest.raises(ValueError, match="exactly one"):
        train.fit(model, batches, progress=False)
    hist = train.fit(model, batches, seconds=0.2, progress=False)
    assert hist["steps"] >= 1 and hist["seconds"] >= 0.2


def test_length_experiment_returns_per_length_accuracies():
    res = train.length_experiment(steps={"vanilla": 4, "attention": 3}, seed=0, progress=False,
                                  lengths=(5, 7), n_test=4, checkpoints=(2, 4))
    assert res["lengths"] == [5, 7]
    for name in ("vanilla", "attention"):
        assert set(res[name]) == {5, 7} and all(0 <= a <= 1 for a in res[name].values())
    assert res["steps"] == {"vanilla": 4, "attention": 3}
    assert set(res["vanilla_along"]) == {2, 4} and res["vanilla_along"][4] == res["vanilla"]   # tested along the way
    assert len(res["models"]["vanilla"].history["losses"]) == 4


def test_command_line_dates(capsys):
    train.main(["dates", "--steps", "3", "--seed", "0"])
    out = capsys.readouterr().out
    assert "exact match on 1000 new dates" in out
    assert all(form in out for form in DATE_FORMS)


def test_other_decoders_for_dates():
    bahdanau = train.train_date_translator(steps=3, seed=0, progress=False, decoder="bahdanau")
    iso, A = bahdanau.translate("25/12/2023")
    assert A.shape == (len(iso), 10)
    vanilla = train.train_date_translator(steps=3, seed=0, progress=False, decoder="vanilla")
    assert vanilla.translate("25/12/2023")[1] is None


def test_single_blas_thread_restores_the_setting():
    from threadpoolctl import threadpool_info, threadpool_limits
    blas = lambda: [p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"]
    if not blas():
        pytest.skip("threadpoolctl finds no BLAS in this numpy")
    with threadpool_limits(limits=2, user_api="blas"):          # as if the machine had 2 cores
        with train.single_blas_thread():
            assert set(blas()) == {1}
        assert set(blas()) == {2}


def test_progress_bar_is_tqdm_and_can_be_turned_off(capsys):
    model_args = dict(steps=3, seed=0, decoder="vanilla")
    train.train_date_translator(progress=False, **model_args)
    assert capsys.readouterr().err == ""
    train.train_date_translator(progress=True, **model_args)
    err = capsys.readouterr().err                               # tqdm's text bar, outside a notebook
    assert "dates" in err and "3/3" in err and "step" in err
    train.train_date_translator(progress=True, seconds=0.3, seed=0, decoder="vanilla")
    err = capsys.readouterr().err                               # a time budget: the bar counts seconds
    assert "0.3 s" in err and "100%" in err


def test_command_line_lengths(capsys):
    train.main(["lengths", "--steps", "2"])
    out = capsys.readouterr().out
    assert "vanilla" in out and "attention" in out and "    40" in out
