"""The course's look, in one call: ``use_course_style()``.

* Large, readable text for a projector; a colour-blind-safe palette (Okabe & Ito).
* Bengali in figures uses the Noto Sans Bengali font shipped inside this package
  (``helpers/fonts``, SIL Open Font License 1.1), the way matplotlib ships DejaVu Sans, so
  a figure comes out the same on every computer, whatever fonts it happens to have.  It
  follows a Latin font, so a label can mix both scripts.  Only if the shipped files are
  missing is a system font looked for, from a per-OS list.
* matplotlib 3.11+ shapes Bengali (vowel signs, conjuncts) itself.  On an older matplotlib
  figures switch to SVG with the text kept as text, so the browser shapes it with its own
  fonts; a note says so once, in both languages.  (On Google Colab the first cell of every
  notebook upgrades matplotlib, so Colab gets the same PNG figures as everyone else.)
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import matplotlib
from matplotlib import font_manager

from .i18n import bilingual
from .validate import fail, quote

__all__ = ["use_course_style", "bengali_font", "shapes_bengali", "shipped_font_files", "PALETTE", "StyleStatus"]

# Okabe & Ito (2008), safe for the common kinds of colour blindness.
PALETTE = {
    "blue": "#0072B2", "orange": "#E69F00", "green": "#009E73", "vermillion": "#D55E00",
    "sky": "#56B4E9", "purple": "#CC79A7", "yellow": "#F0E442", "black": "#000000",
    "grey": "#999999",
}
CYCLE = ["blue", "orange", "green", "vermillion", "purple", "sky", "yellow", "black"]

# The Bengali font that ships with the course, and its files (Regular and Bold).
SHIPPED_FONT = "Noto Sans Bengali"
FONT_DIR = Path(__file__).resolve().parent / "fonts"

# Fallback only (the shipped files are missing): system Bengali fonts, best first, by OS.
BENGALI_FONTS = {
    "linux": ["Noto Sans Bengali", "Noto Serif Bengali", "Lohit Bengali", "FreeSans"],
    "win32": ["Nirmala UI", "Vrinda", "Shonar Bangla"],
    "darwin": ["Kohinoor Bangla", "Bangla MN", "Bangla Sangam MN", "Noto Sans Bengali"],
}
LATIN_FONT = "DejaVu Sans"


@dataclass(frozen=True)
class StyleStatus:
    matplotlib_version: str
    font: str | None        # the Bengali font found, or None
    shaping: bool           # does this matplotlib shape Bengali itself?
    mode: str               # "png" (matplotlib draws the text) or "svg-text" (the browser does)

    @property
    def bengali_ok(self) -> bool:
        return self.font is not None and self.shaping

    def describe(self) -> str:
        if self.bengali_ok:
            shipped_bn, shipped_en = ((" (কোর্সের সাথেই আসে)", " (shipped with the course)")
                                      if self.font == SHIPPED_FONT and shipped_font_files() else ("", ""))
            return bilingual(f"বাংলা font: {self.font}{shipped_bn}; matplotlib {self.matplotlib_version} "
                             "বাংলা অক্ষর ঠিকভাবে সাজায় (shaping করে)। সব ঠিক আছে।",
                             f"Bengali font: {self.font}{shipped_en}; matplotlib {self.matplotlib_version} "
                             "shapes Bengali. All set.")
        why_bn, why_en = [], []
        if not self.shaping:
            why_bn.append(f"matplotlib {self.matplotlib_version} বাংলা যুক্তাক্ষর ও কার-চিহ্ন জোড়া দিতে পারে না "
                          "(3.11 বা নতুন লাগবে; Colab-এ নোটবুকের প্রথম cell এটা নিজেই ঠিক করে)")
            why_en.append(f"matplotlib {self.matplotlib_version} cannot shape Bengali (3.11 or newer is needed; "
                          "on Colab the notebook's first cell sees to it)")
        if self.font is None:
            why_bn.append("কোনো বাংলা font পাওয়া যায়নি")
            why_en.append("no Bengali font was found")
        return bilingual(
            "; ".join(why_bn) + "। তাই ছবি এখন SVG হিসেবে দেখানো হবে, লেখা থাকবে লেখা হিসেবেই, "
            "আর browser নিজেই বাংলা সাজাবে। ঠিক করতে README-র 'বাংলা font' অংশ দেখো।",
            "; ".join(why_en) + ". Figures are now shown as SVG with text kept as text, so the browser "
            "shapes the Bengali itself. To fix it, see 'Bengali font' in the README.")


def shapes_bengali(version: str | None = None) -> bool:
    """True when this matplotlib (3.11+) shapes complex scripts such as Bengali."""
    version = matplotlib.__version__ if version is None else version
    parts = version.split(".") if isinstance(version, str) else []
    if len(parts) < 2 or not (parts[0].isdigit() and parts[1].split("rc")[0].isdigit()):
        raise fail("shapes_bengali", f"`version` {quote(version)} matplotlib-এর version নয়; যেমন '3.11.2' দাও।",
                   f"`version` {quote(version)} is not a matplotlib version; give e.g. '3.11.2'.")
    return (int(parts[0]), int(parts[1].split("rc")[0])) >= (3, 11)


def shipped_font_files() -> list[Path]:
    """The course's own Bengali font files (empty if the package was installed without them)."""
    return sorted(FONT_DIR.glob("NotoSansBengali-*.ttf"))


def _register_shipped_font() -> str | None:
    """Make matplotlib use the shipped Noto Sans Bengali; its name, or None if it is missing.

    A system copy of the same family (perhaps another version) is taken out of
    matplotlib's list, so the figures never depend on what a computer has installed.
    """
    files = shipped_font_files()
    if not files:
        return None
    fm = font_manager.fontManager
    ours = {str(p) for p in files}
    if {str(Path(f.fname).resolve()) for f in fm.ttflist if f.name == SHIPPED_FONT} != ours:
        fm.ttflist = [f for f in fm.ttflist if f.name != SHIPPED_FONT]
        for path in files:
            fm.addfont(path)                 # also clears matplotlib's font lookup cache
    return SHIPPED_FONT


def bengali_font() -> str | None:
    """The Bengali font figures use: the shipped one, else one from this OS's list, else None."""
    shipped = _register_shipped_font()
    if shipped:
        return shipped
    installed = {f.name for f in font_manager.fontManager.ttflist}
    platform = "win32" if sys.platform.startswith("win") else sys.platform
    wanted = BENGALI_FONTS.get(platform, []) + [n for names in BENGALI_FONTS.values() for n in names]
    for name in wanted:
        if name in installed and (name != "FreeSans" or _has_bengali(name)):
            return name
    return None


def _has_bengali(name: str) -> bool:
    """Does the font ``name`` have the Bengali letter 'ক'?"""
    from matplotlib.ft2font import FT2Font
    path = font_manager.findfont(name, fallback_to_default=False)
    return FT2Font(path).get_char_index(ord("ক")) != 0


_announced = False


def use_course_style(verbose: bool = False) -> StyleStatus:
    """Set the course's matplotlib look and Bengali font; returns what was found.

    Prints a note (both languages) the first time Bengali cannot be shaped here, or always
    when ``verbose``.
    """
    global _announced
    from cycler import cycler

    font = bengali_font()
    shaping = shapes_bengali()
    mode = "png" if (font and shaping) else "svg-text"
    rc = matplotlib.rcParams
    rc.update({
        "font.family": [LATIN_FONT] + ([font] if font else []),
        "font.size": 13, "axes.titlesize": 14, "axes.labelsize": 13, "legend.fontsize": 12,
        "xtick.labelsize": 12, "ytick.labelsize": 12, "figure.titlesize": 15,
        "figure.figsize": (8, 4), "figure.dpi": 100, "savefig.dpi": 100,
        "axes.prop_cycle": cycler(color=[PALETTE[c] for c in CYCLE]),
        "axes.spines.top": False, "axes.spines.right": False, "axes.grid": False,
        "image.cmap": "viridis",
        "svg.fonttype": "none", "svg.hashsalt": "attention-course",
    })
    if "text.language" in rc:          # new in matplotlib 3.11: shaping hints
        rc["text.language"] = "bn"
    if mode == "svg-text":
        _inline_format("svg")
    status = StyleStatus(matplotlib.__version__, font, shaping, mode)
    if verbose or (mode != "png" and not _announced):
        print(status.describe())
        _announced = True
    return status


def _inline_format(fmt: str) -> None:
    """Switch the notebook's inline figures to ``fmt`` (a no-op outside IPython)."""
    try:
        from IPython import get_ipython
        from matplotlib_inline.backend_inline import set_matplotlib_formats
    except ImportError:
        return
    if get_ipython() is not None:
        set_matplotlib_formats(fmt)
