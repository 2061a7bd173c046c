"""Toy data sets for the seq2seq models, and character vocabularies.

    make_dates(n, seed)          human-written dates (Bengali and English) -> ISO YYYY-MM-DD
    parse_date(text)             the same translation done by hand-written rules (a reference)
    make_reversal(n, length, seed)   digit strings -> the same digits reversed
    Vocab                        characters <-> integer ids, with <pad>, <s> and </s>
    date_vocabs(), digit_vocab() the vocabularies the course's models use

Every text is Unicode NFC.  Bengali is kept character by character: vowel signs
(e.g. া ি ে), the hasanta ্ and the nukta ় are characters of their own, and a vocabulary
must contain every one of them (stripping non-ASCII characters is a classic bug).
Only the standard library is used here.
"""

from __future__ import annotations

import datetime
import random
import unicodedata

import numpy as np

from .i18n import bilingual
from .validate import choice, fail, integer, quote, sequence_of, text as _text

__all__ = [
    "DATE_FORMS", "DATE_YEARS", "BN_DIGITS", "BN_MONTHS", "BN_MONTH_SPELLINGS", "EN_MONTHS", "EN_MONTHS_SHORT",
    "to_bengali_digits", "to_ascii_digits", "format_date", "make_dates", "parse_date",
    "make_reversal", "Vocab", "date_vocabs", "digit_vocab", "nfc",
]


def nfc(text: str) -> str:
    """``text`` in Unicode normal form C (the form every text of the course uses)."""
    return unicodedata.normalize("NFC", _text(text, "text", "nfc", allow_empty=True))


# --------------------------------------------------------------------------- dates

BN_DIGITS = "০১২৩৪৫৬৭৮৯"
_TO_BN = str.maketrans("0123456789", BN_DIGITS)
_TO_ASCII = str.maketrans(BN_DIGITS, "0123456789")

# Month names.  Note: NFC writes য় as two characters (য + the nukta ়), so jānuyāri has
# 9 characters, not 8.  BN_MONTH_SPELLINGS lists every accepted spelling, first = the
# one in BN_MONTHS.
BN_MONTHS = tuple(nfc(m) for m in (
    "জানুয়ারি", "ফেব্রুয়ারি", "মার্চ", "এপ্রিল", "মে", "জুন",
    "জুলাই", "আগস্ট", "সেপ্টেম্বর", "অক্টোবর", "নভেম্বর", "ডিসেম্বর"))
BN_MONTH_SPELLINGS = tuple(
    (m, nfc("জানুয়ারী")) if i == 0 else (m, nfc("ফেব্রুয়ারী")) if i == 1 else (m,)
    for i, m in enumerate(BN_MONTHS))
EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July",
             "August", "September", "October", "November", "December")
EN_MONTHS_SHORT = tuple(m[:3] for m in EN_MONTHS)

DATE_FORMS = ("bn_long", "bn_comma", "bn_slash", "en_long", "en_short", "en_slash")
"""The six ways a date is written, e.g. for 25 December 2023:

    bn_long   ২৫ ডিসেম্বর ২০২৩        en_long   25 December 2023
    bn_comma  ২৫ ডিসেম্বর, ২০২৩       en_short  Dec 25, 2023
    bn_slash  ২৫/১২/২০২৩             en_slash  25/12/2023

The slash forms are day/month/year, written with or without leading zeros (05/03/2023 or
5/3/2023), as people do.
"""

DATE_YEARS = (1900, 2099)
"""The first and last year of the dates ``make_dates`` draws (and the date model sees)."""
_FIRST = datetime.date(DATE_YEARS[0], 1, 1).toordinal()
_LAST = datetime.date(DATE_YEARS[1], 12, 31).toordinal()


def to_bengali_digits(text: str) -> str:
    """Replace 0-9 by ০-৯."""
    if isinstance(text, int) and not isinstance(text, bool):
        text = str(text)                                  # to_bengali_digits(2023) is natural
    return _text(text, "text", "to_bengali_digits", allow_empty=True).translate(_TO_BN)


def to_ascii_digits(text: str) -> str:
    """Replace ০-৯ by 0-9."""
    return _text(text, "text", "to_ascii_digits", allow_empty=True).translate(_TO_ASCII)


def format_date(d: datetime.date, form: str, spelling: int = 0, zero_pad: bool = True) -> str:
    """Write the date ``d`` in one of the six ``DATE_FORMS``.

    ``spelling`` picks the Bengali spelling of January/February (0 = -ি, 1 = -ী);
    ``zero_pad`` is used by the slash forms only (05/03/2023 or 5/3/2023).
    """
    fn = "format_date"
    if not isinstance(d, datetime.date):
        raise fail(fn, f"`d` একটি datetime.date হতে হবে (যেমন datetime.date(2023, 12, 25)), "
                       f"কিন্তু পাওয়া গেছে {quote(d)} ({type(d).__name__})।",
                   f"`d` must be a datetime.date (e.g. datetime.date(2023, 12, 25)), "
                   f"got {quote(d)} ({type(d).__name__}).", TypeError)
    choice(form, "form", fn, DATE_FORMS)
    spelling = integer(spelling, "spelling", fn, minimum=0, maximum=1)
    day, month, year = d.day, d.month, d.year
    bn_month = BN_MONTH_SPELLINGS[month - 1][min(spelling, len(BN_MONTH_SPELLINGS[month - 1]) - 1)]
    slash = f"{day:02d}/{month:02d}/{year}" if zero_pad else f"{day}/{month}/{year}"
    text = {
        "bn_long": to_bengali_digits(f"{day} ") + bn_month + to_bengali_digits(f" {year}"),
        "bn_comma": to_bengali_digits(f"{day} ") + bn_month + to_bengali_digits(f", {year}"),
        "bn_slash": to_bengali_digits(slash),
        "en_long": f"{day} {EN_MONTHS[month - 1]} {year}",
        "en_short": f"{EN_MONTHS_SHORT[month - 1]} {day}, {year}",
        "en_slash": slash,
    }[form]
    return nfc(text)


def make_dates(n: int, seed: int = 0, forms=None, return_forms: bool = False) -> list:
    """``n`` random dates between 1900-01-01 and 2099-12-31 as ``(text, iso)`` pairs.

    Days are drawn uniformly (so 29 February appears only in leap years, and 31 February
    never), the form uniformly from ``forms`` (default: all six ``DATE_FORMS``), and both
    Bengali spellings of January/February and both slash styles appear.  The same ``seed``
    gives the same list.  With ``return_forms=True`` the items are ``(text, iso, form)``.
    """
    fn = "make_dates"
    n = integer(n, "n", fn, minimum=0)
    seed = integer(seed, "seed", fn, minimum=0)
    if isinstance(forms, str):
        forms = [forms]                                   # one form given on its own
    forms = tuple(DATE_FORMS) if forms is None else tuple(sequence_of(forms, "forms", fn, str))
    for f in forms:
        choice(f, "forms", fn, DATE_FORMS)
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        d = datetime.date.fromordinal(rng.randint(_FIRST, _LAST))
        form = rng.choice(forms)
        text = format_date(d, form, spelling=rng.randint(0, 1), zero_pad=rng.random() < 0.5)
        out.append((text, d.isoformat(), form) if return_forms else (text, d.isoformat()))
    return out


def parse_date(text: str) -> str:
    """Translate a date in any of the six forms to ISO ``YYYY-MM-DD`` with plain rules.

    This is what a programmer would write by hand; the course's model has to learn the
    same mapping from examples.  Raises ``ValueError`` for text it cannot read and for
    dates that do not exist.
    """
    fn = "parse_date"
    t = to_ascii_digits(nfc(_text(text, "text", fn, example="২৫ ডিসেম্বর ২০২৩"))).replace(",", " ").strip()
    parts = t.split()
    months = {m.lower(): i + 1 for i, m in enumerate(EN_MONTHS)}
    months.update({m.lower(): i + 1 for i, m in enumerate(EN_MONTHS_SHORT)})
    for i, spellings in enumerate(BN_MONTH_SPELLINGS):
        months.update({s: i + 1 for s in spellings})
    try:
        if len(parts) == 1:                                  # 25/12/2023
            numbers = parts[0].split("/")
            if len(numbers) != 3:
                raise ValueError
            day, month, year = numbers
        elif len(parts) == 3 and parts[0].isdigit():         # 25 December 2023
            day, month, year = parts[0], months[parts[1].lower()], parts[2]
        elif len(parts) == 3:                                # Dec 25, 2023
            month, day, year = months[parts[0].lower()], parts[1], parts[2]
        else:
            raise ValueError
        if not (str(day).isdigit() and str(month).isdigit() and year.isdigit()):
            raise ValueError                                 # no '_' or signs inside numbers
    except (ValueError, KeyError, IndexError):
        raise fail(fn, f"{quote(text)} তারিখ হিসেবে পড়া গেল না; যেমন '২৫ ডিসেম্বর ২০২৩', "
                       "'Dec 25, 2023' বা '25/12/2023' লেখো।",
                   f"cannot read {quote(text)} as a date; write e.g. '২৫ ডিসেম্বর ২০২৩', "
                   "'Dec 25, 2023' or '25/12/2023'.") from None
    if len(year) != 4:
        raise fail(fn, f"{quote(text)}-এ বছর {year!r}: পুরো চার অঙ্কে লেখো (যেমন 2023, 23 নয়)।",
                   f"the year in {quote(text)} is {year!r}: write all four digits (2023, not 23).")
    try:
        return datetime.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        raise fail(fn, f"{quote(text)} এমন কোনো তারিখ নেই (যেমন ৩১ ফেব্রুয়ারি হয় না)।",
                   f"{quote(text)} is not a date that exists (there is no 31 February, say).") from None


# --------------------------------------------------------------------------- reversal


def make_reversal(n: int, length=(5, 40), seed: int = 0) -> list:
    """``n`` random digit strings and their reversals, as ``(text, reversed_text)`` pairs.

    ``length`` is a number (every string that long) or ``(lo, hi)``: lengths drawn
    uniformly from lo to hi, both included.  The task every attention course needs:
    the first output digit is the last input digit, so one fixed context has to carry
    the whole string, while attention can simply look at the right place.
    """
    fn = "make_reversal"
    n = integer(n, "n", fn, minimum=0)
    seed = integer(seed, "seed", fn, minimum=0)
    if isinstance(length, (list, tuple)) and len(length) == 2:
        lo, hi = (integer(x, "length", fn, minimum=1) for x in length)
    elif isinstance(length, (list, tuple)):
        raise fail(fn, f"`length` একটি সংখ্যা বা (lo, hi) জোড়া হতে হবে, পাওয়া গেছে {quote(length)}।",
                   f"`length` must be one number or a pair (lo, hi), got {quote(length)}.", TypeError)
    else:
        lo = hi = integer(length, "length", fn, minimum=1)
    if lo > hi:
        raise fail(fn, f"`length` = ({lo}, {hi}): lo বড়জোর hi হতে পারে।",
                   f"`length` = ({lo}, {hi}): lo must not be larger than hi.")
    rng = np.random.default_rng(seed)
    sizes = rng.integers(lo, hi + 1, size=n)
    rows = (rng.integers(0, 10, size=(n, hi)) + ord("0")).astype(np.uint8)   # all digits at once
    out = []
    for row, size in zip(rows, sizes):
        s = row[:size].tobytes().decode("ascii")
        out.append((s, s[::-1]))
    return out


# --------------------------------------------------------------------------- vocabularies


class Vocab:
    """A character vocabulary: every character gets an integer id.

    Ids 0, 1, 2 are the special tokens ``<pad>`` (fills short sequences in a batch),
    ``<s>`` (start: the decoder's first input) and ``</s>`` (end: the decoder's last
    output).  Then come the characters, in the order given.

    >>> v = Vocab("ab")
    >>> v.encode("ba", end=True)
    [4, 3, 2]
    >>> v.decode([4, 3, 2, 0])
    'ba'
    """

    PAD, START, END = 0, 1, 2
    SPECIALS = ("<pad>", "<s>", "</s>")

    def __init__(self, chars, name: str = "vocab"):
        if isinstance(chars, str):
            chars = list(chars)
        chars = [nfc(c) for c in sequence_of(chars, "chars", "Vocab", str, nonempty=False)]
        seen = set()
        self.chars = [c for c in chars if not (c in seen or seen.add(c))]   # unique, in order
        bad = [c for c in self.chars if len(c) != 1]
        if bad:
            raise fail("Vocab", f"প্রতিটি উপাদান একটি অক্ষর হতে হবে, পাওয়া গেছে {quote(bad)}।",
                       f"every entry must be one character, got {quote(bad)}.")
        self.name = name
        self.itos = list(self.SPECIALS) + self.chars
        self.stoi = {c: i for i, c in enumerate(self.itos)}

    @classmethod
    def from_texts(cls, texts, name: str = "vocab") -> "Vocab":
        """The vocabulary of every character in ``texts`` (sorted, so it is reproducible)."""
        texts = sequence_of(list(texts) if isinstance(texts, (set, frozenset)) else texts,
                            "texts", "Vocab.from_texts", str, nonempty=False)
        return cls(sorted({c for t in texts for c in nfc(t)}), name=name)

    def __len__(self) -> int:
        return len(self.itos)

    def __contains__(self, char: str) -> bool:
        return char in self.stoi and char not in self.SPECIALS

    def __repr__(self) -> str:
        return f"Vocab({self.name!r}, {len(self.chars)} characters + 3 special tokens)"

    def check(self, text: str) -> str:
        """``text`` in NFC; a ``ValueError`` naming every character that is not in the vocabulary."""
        text = nfc(_text(text, "text", self.name, allow_empty=True))
        unknown = [(i, c) for i, c in enumerate(text) if c not in self.stoi]
        if unknown:
            what = ", ".join(f"{c!r} (U+{ord(c):04X}) at position {i}" for i, c in unknown[:5])
            what_bn = ", ".join(f"{c!r} (U+{ord(c):04X}) অবস্থান {i}-এ" for i, c in unknown[:5])
            more = len(unknown) - 5
            case = sorted({c for _, c in unknown if c.swapcase() in self.stoi and c.swapcase() != c})
            case_bn = (f" বড়-ছোট হাতের অক্ষর দেখো: {', '.join(repr(c.swapcase()) for c in case)} চেনা, "
                       f"{', '.join(repr(c) for c in case)} নয় (যেমন 'December', 'december' নয়)।" if case else "")
            case_en = (f" Check upper and lower case: {', '.join(repr(c.swapcase()) for c in case)} is known, "
                       f"{', '.join(repr(c) for c in case)} is not (e.g. 'December', not 'december')." if case else "")
            raise fail(self.name,
                       f"{quote(text)}-এর এই অক্ষর vocabulary-তে নেই: {what_bn}"
                       + (f" এবং আরও {more}টি" if more > 0 else "")
                       + " (অবস্থান 0 থেকে গোনা)। মডেল শুধু প্রশিক্ষণের অক্ষরগুলো চেনে।" + case_bn,
                       f"these characters of {quote(text)} are not in the vocabulary: {what}"
                       + (f" and {more} more" if more > 0 else "")
                       + " (positions count from 0). The model only knows the characters it was trained on."
                       + case_en)
        return text

    def encode(self, text: str, start: bool = False, end: bool = False) -> list:
        """The ids of the characters of ``text`` (NFC), optionally with ``<s>``/``</s>`` around."""
        ids = [self.stoi[c] for c in self.check(text)]
        return [self.START] * start + ids + [self.END] * end

    def decode(self, ids) -> str:
        """The text of ``ids``: stops at the first ``</s>``, skips ``<pad>`` and ``<s>``."""
        out = []
        if isinstance(ids, (str, bytes)) or not hasattr(ids, "__iter__"):
            raise fail("decode", f"`ids` সংখ্যার (id) list হতে হবে, পাওয়া গেছে {quote(ids)}।",
                       f"`ids` must be a list of integer ids, got {quote(ids)}.", TypeError)
        for i in ids:
            i = integer(i, "ids", "decode", minimum=0, maximum=len(self.itos) - 1)
            if i == self.END:
                break
            if i >= len(self.SPECIALS):
                out.append(self.itos[i])
        return "".join(out)

    def encode_batch(self, texts, end: bool = False):
        """A padded batch: ``(ids, mask)``, both ``(len(texts), longest)`` numpy arrays.

        ``mask`` is True at real characters (and at ``</s>``) and False at ``<pad>``.
        """
        import numpy as np   # only here: the rest of this module is standard library

        texts = sequence_of(texts, "texts", "encode_batch", str)
        seqs = [self.encode(t, end=end) for t in texts]
        T = max(len(s) for s in seqs)
        ids = np.full((len(seqs), T), self.PAD, dtype=np.int64)
        mask = np.zeros((len(seqs), T), dtype=bool)
        for b, s in enumerate(seqs):
            ids[b, :len(s)] = s
            mask[b, :len(s)] = True
        return ids, mask


def date_vocabs() -> tuple:
    """``(input_vocab, output_vocab)`` for the date task.

    The input vocabulary is built from every month name (both Bengali spellings, English
    full and short), both digit sets, space, comma and slash, so it does not depend on
    which dates happened to be drawn.  The output is ISO: digits and '-'.
    """
    texts = list(BN_MONTHS) + [s for sp in BN_MONTH_SPELLINGS for s in sp]
    texts += list(EN_MONTHS) + list(EN_MONTHS_SHORT) + [BN_DIGITS, "0123456789", " ,/"]
    return Vocab.from_texts(texts, name="date input"), Vocab("0123456789-", name="date output")


def digit_vocab() -> Vocab:
    """The vocabulary of the reversal task: the ten digits."""
    return Vocab("0123456789", name="digits")
