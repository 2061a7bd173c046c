"""make html: the course as a static website that works from file:// with no network.

Builds the site once into a temporary folder, checks every page, then opens it in headless
Chromium from disk with every request to anything but a local file blocked and counted
(none may happen), switches the language, and saves screenshots in test-artifacts/site/.
"""

import re
import sys
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "tools"))
import build_site  # noqa: E402

ARTIFACTS = ROOT / "test-artifacts" / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    start = time.perf_counter()
    written = build_site.build(out)
    print(f"\nmake html: {len(written)} pages in {time.perf_counter() - start:.1f} s")
    return out


def test_a_page_per_lesson_and_exercise_and_the_index(site):
    lessons = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    exercises = sorted(p.stem for p in (ROOT / "notebooks" / "exercises").glob("ex[0-9][0-9]-*.ipynb"))
    assert len(lessons) == 15 and len(exercises) == 9
    for name in ["index"] + lessons + exercises:
        assert (site / f"{name}.html").is_file(), name
    index = (site / "index.html").read_text(encoding="utf-8")
    for name in lessons + exercises:
        assert f'href="{name}.html"' in index


def test_every_page_has_its_figures_math_and_neighbours_and_nothing_from_outside(site):
    names = [p.stem for _, p in build_site.pages()]
    for i, name in enumerate(names):
        page = (site / f"{name}.html").read_text(encoding="utf-8")
        if i > 0:
            assert f'rel="prev" href="{names[i - 1]}.html"' in page, name
        if i + 1 < len(names):
            assert f'rel="next" href="{names[i + 1]}.html"' in page, name
        for src in re.findall(r'<img[^>]* src="([^"]+)"', page):
            assert not src.startswith("data:") and (site / src).is_file(), (name, src)
        # resources only from the site itself; outside addresses only as links a reader may follow
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for value in re.findall(rf"<{tag}[^>]* {attr}=\"([^\"]+)\"", page):
                assert not re.match(r"(https?:)?//", value), (name, value)
        soup = BeautifulSoup(page, "html.parser")
        for el in soup.find_all(["pre", "code", "script", "style"]):
            el.decompose()
        left = re.search(r"\$[^$\s][^$]*?\$", soup.get_text())
        assert not left, f"{name}: a formula left as TeX: {left.group(0)[:60]}"
    figures = sum(1 for _ in (site / "img").rglob("*.png"))
    notebook_figures = sum(page.count("image/png") for page in
                           ((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")) for page in [page.read_text()])
    widgets_away_from_their_picture = 1                   # lesson 9: its picture is a section above the explorer
    assert figures == notebook_figures + widgets_away_from_their_picture and figures > 40
    assert (site / "05-softmax.html").read_text(encoding="utf-8").count("<math") > 50


def test_a_widget_stands_as_its_picture_and_a_note(site):
    page = (site / "09-playground.html").read_text(encoding="utf-8")
    assert "widget-view+json" not in page and "widget-note" in page
    for name in ("04-scores", "06-context-vector", "09-playground"):
        page = (site / f"{name}.html").read_text(encoding="utf-8")
        note = page.index("widget-note")
        between = page[page.rfind("<img", 0, note):note]
        assert "<img" in between and not re.search(r"<h[1-6]|text_cell", between), name   # its picture, right above


# --------------------------------------------------------------------------- in a real browser, offline


def test_the_site_from_disk_offline_language_switch_math_and_a_phone(site):
    from browser_support import CHROMIUM, CHROMIUM_FLAGS, require_chromium
    playwright_api = require_chromium()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    outside, local = [], []

    def only_files(route):
        url = route.request.url
        if url.startswith(("file://", "data:")):
            local.append(url)
            return route.continue_()
        outside.append(url)
        return route.abort()

    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        ctx = browser.new_context(viewport={"width": 1280, "height": 900})
        ctx.route("**/*", only_files)
        page = ctx.new_page()
        page.goto((site / "05-softmax.html").as_uri())
        page.wait_for_load_state("load")

        def visible(selector):
            return page.evaluate(f"""Array.from(document.querySelectorAll({selector!r}))
                .filter(e => e.getClientRects().length > 0).length""")

        n_bn, n_en = visible(".lang-bn"), visible(".lang-en")
        assert n_bn > 20 and n_en > 20                                    # both, at first
        page.screenshot(path=str(ARTIFACTS / "lesson-both.png"))
        page.click("button[data-set-lang=bn]")
        assert visible(".lang-en") == 0 and visible(".lang-bn") == n_bn
        page.screenshot(path=str(ARTIFACTS / "lesson-bn.png"))
        page.click("button[data-set-lang=en]")
        assert visible(".lang-bn") == 0 and visible(".lang-en") == n_en
        page.screenshot(path=str(ARTIFACTS / "lesson-en.png"))

        # the formulas are drawn: MathML elements with a real size, in the English text too
        sizes = page.evaluate("""Array.from(document.querySelectorAll('math'))
            .filter(m => m.getClientRects().length > 0).map(m => m.getBoundingClientRect().width)""")
        assert len(sizes) > 20 and min(sizes) > 0

        # the choice is remembered on the next page
        page.click("a[rel=next]")
        page.wait_for_load_state("load")
        assert page.url.endswith("06-context-vector.html")
        assert page.evaluate("document.documentElement.dataset.lang") == "en" and visible(".lang-bn") == 0

        # a phone: 390 pixels wide, nothing wider than the screen but code, tables and formulas that scroll
        phone = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
        phone.route("**/*", only_files)
        small = phone.new_page()
        start = time.perf_counter()
        small.goto((site / "04-scores.html").as_uri())
        small.wait_for_load_state("load")
        seconds = time.perf_counter() - start
        timing = small.evaluate("""(() => { const t = performance.getEntriesByType('navigation')[0];
            return [t.domContentLoadedEventEnd, t.loadEventEnd]; })()""")
        assert small.evaluate("document.documentElement.scrollWidth") <= 390
        small.screenshot(path=str(ARTIFACTS / "phone-390.png"))
        print(f"\nphone, 04-scores from disk: DOMContentLoaded {timing[0]:.0f} ms, load {timing[1]:.0f} ms "
              f"({seconds:.2f} s wall)")
        browser.close()
    print(f"requests: {len(local)} local files, {len(outside)} to outside hosts")
    assert outside == [], f"the site tried to reach outside hosts: {outside[:5]}"


def test_a_static_deck_opens_offline_and_moves_by_keyboard(tmp_path):
    """make slides: reveal.js kept beside the deck; slides follow the lesson's slide metadata."""
    from browser_support import CHROMIUM, CHROMIUM_FLAGS, require_chromium
    decks = build_site.build_decks(tmp_path / "slides", only=["05-softmax", "09-playground"])
    assert [d.name for d in decks] == ["05-softmax.html", "09-playground.html"]
    page_text = decks[0].read_text(encoding="utf-8")
    n_slides = page_text.count("<section>")
    assert n_slides == len(build_site._slide_groups(ROOT / "notebooks" / "05-softmax.ipynb")) >= 8
    assert "<math" in page_text and 'src="reveal.js/reveal.js"' in page_text
    playwright_api = require_chromium()
    outside = []
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:"))
                   else (outside.append(r.request.url), r.abort()))
        page.goto(decks[0].as_uri())
        page.wait_for_function("window.Reveal && Reveal.isReady()")
        assert page.evaluate("Reveal.getTotalSlides()") == n_slides
        for _ in range(4):
            page.keyboard.press("ArrowRight")
        assert page.evaluate("Reveal.getIndices().h") == 4
        page.screenshot(path=str(ARTIFACTS / "deck-05-softmax-slide5.png"))
        browser.close()
    assert outside == []
