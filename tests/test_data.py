"""Unit tests of helpers.data: the date and reversal generators and the vocabularies."""

import datetime
import unicodedata
from collections import Counter

import pytest

from helpers.data import (BN_MONTHS, DATE_FORMS, Vocab, date_vocabs, digit_vocab, format_date,
                          make_dates, make_reversal, parse_date)

N = 20000


@pytest.fixture(scope="module")
def dates():
    return make_dates(N, seed=0, return_forms=True)


def test_all_six_forms_appear(dates):
    counts = Counter(form for _, _, form in dates)
    assert set(counts) == set(DATE_FORMS)
    assert min(counts.values()) > N / 6 * 0.9


def test_examples_of_each_form():
    d = datetime.date(2023, 12, 25)
    assert [format_date(d, f) for f in DATE_FORMS] == [
        "২৫ ডিসেম্বর ২০২৩", "২৫ ডিসেম্বর, ২০২৩", "২৫/১২/২০২৩",
        "25 December 2023", "Dec 25, 2023", "25/12/2023"]
    assert format_date(datetime.date(2023, 3, 5), "en_slash", zero_pad=False) == "5/3/2023"


def test_both_bengali_spellings_of_january_and_february_appear(dates):
    texts = [t for t, _, _ in dates]
    for spelling in ("জানুয়ারি", "জানুয়ারী", "ফেব্রুয়ারি", "ফেব্রুয়ারী"):
        spelling = unicodedata.normalize("NFC", spelling)
        assert any(spelling in t for t in texts), spelling


def test_no_impossible_dates_and_text_agrees_with_iso(dates):
    leap_days = 0
    for text, iso, _ in dates:
        d = datetime.date.fromisoformat(iso)          # raises for 31 February etc.
        assert 1900 <= d.year <= 2099
        assert parse_date(text) == iso, text          # the text says the same date
        if (d.month, d.day) == (2, 29):
            leap_days += 1
            assert d.year % 4 == 0 and (d.year % 100 != 0 or d.year % 400 == 0)
    assert leap_days > 0                              # 29 February does occur, in leap years


def test_parse_date_rejects_impossible_dates():
    for text in ("31 February 2023", "২৯/০২/২০২৩", "Feb 29, 1900"):
        with pytest.raises(ValueError):
            parse_date(text)
    assert parse_date("Feb 29, 2000") == "2000-02-29"


def test_text_is_nfc(dates):
    assert all(unicodedata.is_normalized("NFC", t) for t, _, _ in dates)
    assert all(unicodedata.is_normalized("NFC", m) for m in BN_MONTHS)


def test_same_seed_same_dates_and_forms_filter():
    assert make_dates(50, seed=3) == make_dates(50, seed=3)
    assert make_dates(50, seed=3) != make_dates(50, seed=4)
    only = make_dates(200, seed=1, forms=["bn_slash"], return_forms=True)
    assert {f for _, _, f in only} == {"bn_slash"}
    with pytest.raises(ValueError, match="unknown `forms`"):
        make_dates(5, forms=["klingon"])


def test_every_character_of_every_date_round_trips(dates):
    in_vocab, out_vocab = date_vocabs()
    for text, iso, _ in dates:
        assert in_vocab.decode(in_vocab.encode(text)) == text
        assert out_vocab.decode(out_vocab.encode(iso, end=True)) == iso


def test_bengali_signs_are_kept_in_the_vocabulary():
    in_vocab, _ = date_vocabs()
    for ch in "া ি ী ু ে ো ্ ়".split():           # vowel signs, hasanta, nukta
        assert ch in in_vocab, ch
    assert all(ch in in_vocab for ch in "০১২৩৪৫৬৭৮৯")


def test_out_of_vocabulary_error_names_character_and_position_in_both_languages():
    in_vocab, _ = date_vocabs()
    with pytest.raises(ValueError) as err:
        in_vocab.encode("২৫ ডিসেম্বর ২০২৩ ক্ষ!")
    msg = str(err.value)
    # ষ (index 19) is in no month name either; positions count from 0
    assert "'ষ' (U+09B7) at position 19" in msg and "'!' (U+0021) at position 20" in msg
    assert "'ষ' (U+09B7) অবস্থান 19-এ" in msg and "'!' (U+0021) অবস্থান 20-এ" in msg
    assert "vocabulary-তে নেই" in msg and "not in the vocabulary" in msg


def test_vocab_specials_padding_and_decode():
    v = Vocab("ab", name="tiny")
    assert len(v) == 5 and v.encode("ab", start=True, end=True) == [1, 3, 4, 2]
    assert v.decode([1, 4, 3, 2, 3, 0]) == "ba"
    ids, mask = v.encode_batch(["a", "abab"], end=True)
    assert ids.shape == mask.shape == (2, 5)
    assert ids[0].tolist() == [3, 2, 0, 0, 0] and mask[0].tolist() == [True, True, False, False, False]
    assert "<pad>" not in v and "a" in v


def test_reversal_lengths_and_content():
    pairs = make_reversal(500, (5, 40), seed=0)
    lengths = {len(a) for a, _ in pairs}
    assert min(lengths) == 5 and max(lengths) == 40
    assert all(b == a[::-1] and a.isdigit() for a, b in pairs)
    assert {len(a) for a, _ in make_reversal(20, 17, seed=1)} == {17}
    assert make_reversal(10, 8, seed=2) == make_reversal(10, 8, seed=2)
    v = digit_vocab()
    assert all(v.decode(v.encode(a)) == a for a, _ in pairs)
    with pytest.raises(ValueError):
        make_reversal(3, (10, 5))
