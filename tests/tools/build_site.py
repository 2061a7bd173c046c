"""The course as a static website in site/ (make html): read it anywhere, even with no network.

    python tests/tools/build_site.py            # writes site/ (not committed)
    python tests/tools/build_site.py --slides   # writes slides/: a reveal.js deck per lesson (make slides)

One page per lesson and per exercise (the student version), and the index.  Every page
works from ``file://`` on a computer with no network: the style, the script, the Bengali
font and every figure are files beside it, and the formulas are turned into MathML here,
once, so the browser draws them without any script (no MathJax to fetch, nothing to wait
for on a phone).  A language switch (বাংলা / English / both) hides the other language's
blocks and remembers the choice in the browser.  A widget cannot run without Python, so
where a notebook shows one the page says so, under the picture of its default state that
the notebook shows just above it.

The decks of ``--slides`` are the same pages cut at the lessons' slide metadata (a "## "
heading starts a slide; tests/tools/slides.py), shown with reveal.js kept in
tests/tools/reveal.js: for a room with a projector and no Python.  Long slides scroll.
"""

from __future__ import annotations

import html
import re
import shutil
import sys
from pathlib import Path

import nbformat
from bs4 import BeautifulSoup
from latex2mathml.converter import convert as tex_to_mathml
from nbconvert import HTMLExporter
from nbconvert.preprocessors import ExtractOutputPreprocessor
from pygments.formatters import HtmlFormatter

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
SITE = ROOT / "site"
BENGALI = re.compile("[\u0980-\u09ff]")
WIDGET = "application/vnd.jupyter.widget-view+json"
TITLE = ("Attention mechanism, ধাপে ধাপে", "The attention mechanism, step by step")


def pages() -> list[tuple[str, Path]]:
    """(page name, notebook) in reading order: the lessons, then the exercises' student versions."""
    lessons = sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
    exercises = sorted((NOTEBOOKS / "exercises").glob("ex[0-9][0-9]-*.ipynb"))
    return [(p.stem, p) for p in lessons + exercises]


def _title(nb) -> tuple[str, str]:
    """The notebook's first heading, split into its Bengali and English halves."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^# (.+)$", cell.source, flags=re.M)
            if m:
                bn, _, en = m.group(1).partition(" · ")
                return bn.strip(), (en or bn).strip()
    return "", ""


def _prepare(nb) -> None:
    """What a page shows instead of what only runs in Jupyter."""
    nb.cells = [c for c in nb.cells if c.get("id") != "course-setup"]     # does nothing off Colab
    picture, right_above = None, False        # the last figure so far, and whether it is in the cell just above
    for cell in nb.cells:
        if cell.cell_type != "code":
            right_above = False
            continue
        kept = []
        for out in cell.get("outputs", []):
            if WIDGET in out.get("data", {}):
                if picture is not None and not right_above:     # the widget's default state, where the widget is
                    kept.append(nbformat.v4.new_output("display_data", data={"image/png": picture}))
                kept.append(nbformat.v4.new_output("display_data", data={"text/html": (
                    '<div class="widget-note"><p class="lang-bn">এখানে নোটবুকে slider-ওয়ালা একটা widget আছে; ঠিক ওপরের '
                    'ছবিটা তার শুরুর অবস্থা। slider সরাতে নোটবুকটা Jupyter, Colab বা Binder-এ খোলো।</p>'
                    '<p class="lang-en">Here the notebook has a widget with sliders; the picture right above is its '
                    'starting state. To move the sliders, open the notebook in Jupyter, Colab or Binder.</p></div>')}))
            else:
                kept.append(out)
        cell.outputs = kept
        figures = [o["data"]["image/png"] for o in kept if "image/png" in o.get("data", {})]
        if figures:
            picture = figures[-1]
        right_above = bool(figures)


def _math(soup) -> int:
    """Replace $...$ and $$...$$ in the text (not in code) by MathML; returns how many."""
    count = 0
    pattern = re.compile(r"\$\$(.+?)\$\$|(?<![\\$])\$((?:[^$\n]|\n(?!\n))+?)\$", flags=re.S)
    for text in list(soup.find_all(string=pattern)):
        if text.find_parent(["code", "pre", "script", "style"]):
            continue
        parts, last = [], 0
        for m in pattern.finditer(str(text)):
            parts.append(html.escape(str(text)[last:m.start()]))
            tex = m.group(1) if m.group(1) is not None else m.group(2)
            mathml = tex_to_mathml(tex, display="block" if m.group(1) is not None else "inline")
            parts.append(mathml)
            last = m.end()
            count += 1
        parts.append(html.escape(str(text)[last:]))
        text.replace_with(BeautifulSoup("".join(parts), "html.parser"))
    return count


def _languages(soup) -> None:
    """Mark each block of a prose cell as Bengali (lang-bn), English (lang-en) or both."""
    def mark(container):
        for el in [c for c in container.children if getattr(c, "name", None)]:
            text = el.get_text(" ", strip=True)
            if el.name == "blockquote" and re.match(r"EN\b", text):
                label = el.find("strong")
                if label is not None and label.get_text(strip=True) == "EN":
                    label.decompose()
                el["class"] = el.get("class", []) + ["lang-en"]
            elif re.fullmatch(r"h[1-6]", el.name) and " · " in text:
                _split_heading(el)
            elif el.name == "details":
                summary = el.find("summary")
                if summary is not None and " · " in summary.get_text():
                    _split_heading(summary)
                mark(el)
            elif el.name == "summary":
                continue                                   # split above, with its details
            elif el.name in ("table",):
                continue                                   # tables carry both languages in each cell
            elif BENGALI.search(text):
                el["class"] = el.get("class", []) + ["lang-bn"]
    for cell in soup.select(".text_cell_render"):
        if cell.find_parent(id="cell-id=course-badges") is None:     # the Colab/Binder links serve both
            mark(cell)


def _split_heading(el) -> None:
    """`বাংলা · English` → two spans the language switch can hide one at a time."""
    anchor = el.find("a", class_="anchor-link")
    if anchor is not None:
        anchor.extract()
    text = el.get_text()
    bn, _, en = text.partition(" · ")
    if not BENGALI.search(bn) or BENGALI.search(en):
        if anchor is not None:
            el.append(anchor)
        return
    inner = BeautifulSoup(f'<span class="lang-bn">{html.escape(bn)}</span><span class="lang-sep"> · </span>'
                          f'<span class="lang-en">{html.escape(en)}</span>', "html.parser")
    el.clear()
    el.append(inner)
    _math(el)
    if anchor is not None:
        el.append(anchor)


def _links(soup, names: set[str]) -> None:
    """Links between notebooks become links between pages."""
    for a in soup.find_all("a", href=True):
        href = a["href"]
        if re.match(r"[a-z]+:", href) or href.startswith("#"):
            if href.startswith(("http://", "https://")):
                a["rel"] = "noopener"
            continue
        target, _, frag = href.partition("#")
        stem = Path(target).stem
        if target.endswith(".ipynb") and stem in names:
            a["href"] = f"{stem}.html" + (f"#{frag}" if frag else "")
        elif target.rstrip("/").endswith("exercises"):
            a["href"] = "index.html#exercises"


def render(name: str, path: Path, names: set[str], out: Path) -> tuple[str, tuple[str, str], int]:
    """One notebook as an HTML fragment; its figures are written to ``out/img/<name>/``."""
    nb = nbformat.read(path, as_version=4)
    title = _title(nb)
    _prepare(nb)
    exporter = HTMLExporter(template_name="basic", exclude_input_prompt=True, exclude_output_prompt=True)
    extract = ExtractOutputPreprocessor(output_filename_template="{cell_index}_{index}{extension}")
    exporter.register_preprocessor(extract, enabled=True)
    body, resources = exporter.from_notebook_node(nb, resources={"output_files_dir": f"img/{name}"})
    for filename, data in resources.get("outputs", {}).items():
        target = out / filename
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    soup = BeautifulSoup(body, "html.parser")
    for img in soup.find_all("img"):
        img["loading"] = "lazy"
        if not img.get("alt"):
            img["alt"] = ""
    _languages(soup)
    n_math = _math(soup)
    _links(soup, names)
    return str(soup), title, n_math


SWITCH = ('<span class="switch" role="group" aria-label="ভাষা · Language">'
          '<button type="button" data-set-lang="bn">বাংলা</button><button type="button" data-set-lang="en">English</button>'
          '<button type="button" data-set-lang="both">দুটোই · Both</button></span>')


def _head(title, stylesheets) -> str:
    """<!DOCTYPE …><head> of a page or a deck; the saved language is set before anything is drawn."""
    bn, en = title
    links = "\n".join(f'<link rel="stylesheet" href="{href}">' for href in stylesheets)
    return f"""<!DOCTYPE html>
<html lang="bn" data-lang="both">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(bn)} · {html.escape(en)}</title>
<script>try{{var l=localStorage.getItem("attention-course-lang");if(l==="bn"||l==="en"||l==="both")document.documentElement.setAttribute("data-lang",l)}}catch(e){{}}</script>
{links}
</head>
"""


def _page(title, body, nav) -> str:
    return _head(title, ["assets/course.css", "assets/code.css"]) + f"""<body>
<header class="bar">
<a class="home" href="index.html">⌂ <span class="lang-bn">সূচি</span><span class="lang-sep"> · </span><span class="lang-en">Contents</span></a>
{SWITCH}
</header>
{nav}
<main>
{body}
</main>
{nav}
<script src="assets/course.js"></script>
</body>
</html>
"""


def _nav(prev, nxt) -> str:
    def link(item, arrow, cls):
        if item is None:
            return f'<span class="{cls}"></span>'
        name, (bn, en) = item
        text = (f'<span class="lang-bn">{html.escape(bn)}</span><span class="lang-sep"> · </span>'
                f'<span class="lang-en">{html.escape(en)}</span>')
        return f'<a class="{cls}" rel="{cls}" href="{name}.html">' + (f"← {text}" if cls == "prev" else f"{text} →") + "</a>"
    return f'<nav class="prevnext">{link(prev, "←", "prev")}{link(nxt, "→", "next")}</nav>'


CSS = """@font-face { font-family: "Noto Sans Bengali"; src: url("NotoSansBengali-Regular.ttf") format("truetype");
  font-weight: 400; font-display: swap; }
@font-face { font-family: "Noto Sans Bengali"; src: url("NotoSansBengali-Bold.ttf") format("truetype");
  font-weight: 700; font-display: swap; }
html { font-size: 17px; }
body { margin: 0 auto; max-width: 52rem; padding: 0 1rem 3rem; line-height: 1.6; color: #1b1b1b; background: #fff;
  font-family: "Noto Sans Bengali", system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
html[data-lang="bn"] .lang-en, html[data-lang="en"] .lang-bn,
html[data-lang="bn"] .lang-sep, html[data-lang="en"] .lang-sep { display: none !important; }
.bar { position: sticky; top: 0; z-index: 2; display: flex; flex-wrap: wrap; gap: .5rem; align-items: center;
  justify-content: space-between; padding: .5rem 0; background: #fff; border-bottom: 1px solid #ddd; }
.bar a.home { text-decoration: none; font-weight: 700; }
.switch button { font: inherit; font-size: .9rem; padding: .3rem .6rem; margin-left: .25rem; border: 1px solid #0a5bd3;
  background: #fff; color: #0a5bd3; border-radius: .4rem; cursor: pointer; }
.switch button[aria-pressed="true"] { background: #0a5bd3; color: #fff; }
.prevnext { display: flex; justify-content: space-between; gap: 1rem; margin: 1rem 0; font-size: .95rem; }
.prevnext a { text-decoration: none; }
.prevnext .next { text-align: right; margin-left: auto; }
a { color: #0a5bd3; }
h1 { font-size: 1.6rem; line-height: 1.3; } h2 { font-size: 1.3rem; margin-top: 2rem; } h3 { font-size: 1.1rem; }
blockquote.lang-en { margin: .5rem 0 1rem; padding: .1rem .9rem; border-left: 4px solid #8ab4f8; background: #f5f8ff; }
html[data-lang="en"] blockquote.lang-en { border: 0; background: none; padding: 0; margin: 0; }
.cell { margin: .6rem 0; }
.input_area, div.highlight { background: #f6f6f6; border-radius: .4rem; overflow-x: auto; }
pre { margin: 0; padding: .5rem .7rem; font-size: .85rem; line-height: 1.45; overflow-x: auto;
  font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, "Noto Sans Bengali", monospace; }
.output_area pre { background: #fff; border-left: 3px solid #e3e3e3; white-space: pre-wrap; }
.output_stderr pre { background: #fff5f5; }
img { max-width: 100%; height: auto; }
table { border-collapse: collapse; display: block; overflow-x: auto; font-size: .92rem; }
th, td { border: 1px solid #ddd; padding: .3rem .5rem; vertical-align: top; }
details { margin: .6rem 0; padding: .4rem .7rem; border: 1px solid #ddd; border-radius: .4rem; }
summary { cursor: pointer; font-weight: 700; }
math[display="block"] { margin: .6rem 0; overflow-x: auto; }
math { font-size: 1.08em; }
.widget-note { padding: .1rem .8rem; background: #fff8e1; border-left: 4px solid #f2b600; }
.prompt, .anchor-link { display: none; }
ul.toc { padding-left: 1.2rem; } ul.toc li { margin: .3rem 0; }
@media (max-width: 480px) { html { font-size: 16px; } body { padding: 0 .6rem 2rem; }
  .switch button { padding: .25rem .45rem; margin-left: .15rem; } pre { font-size: .8rem; } }
"""

JS = """(function () {
  var key = "attention-course-lang";
  function show(lang) {
    document.documentElement.setAttribute("data-lang", lang);
    var buttons = document.querySelectorAll("[data-set-lang]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", buttons[i].getAttribute("data-set-lang") === lang ? "true" : "false");
    }
  }
  show(document.documentElement.getAttribute("data-lang") || "both");
  document.addEventListener("click", function (event) {
    var lang = event.target.getAttribute && event.target.getAttribute("data-set-lang");
    if (!lang) { return; }
    show(lang);
    try { localStorage.setItem(key, lang); } catch (e) { /* private mode: the choice lasts this page */ }
  });
})();
"""


def _index(entries) -> str:
    lessons = [e for e in entries if not e[0].startswith("ex")]
    exercises = [e for e in entries if e[0].startswith("ex")]

    def items(group):
        return "\n".join(f'<li><a href="{n}.html"><span class="lang-bn">{html.escape(bn)}</span>'
                         f'<span class="lang-sep"> · </span><span class="lang-en">{html.escape(en)}</span></a></li>'
                         for n, (bn, en) in group)
    return f"""<h1><span class="lang-bn">{TITLE[0]}</span><span class="lang-sep"> · </span><span class="lang-en">{TITLE[1]}</span></h1>
<p class="lang-bn">বাংলা ও ইংরেজিতে, পাশাপাশি, attention mechanism শেখার কোর্স। এখানে প্রতিটি পাঠ পড়া যায়, কিছু চালাতে হয় না;
ছবি আর সংখ্যা নোটবুক থেকেই। নিজে চালাতে বা slider সরাতে নোটবুকটা Jupyter, Colab বা Binder-এ খোলো। ওপরের বোতামে ভাষা বেছে নাও।</p>
<p class="lang-en">A course on the attention mechanism in Bengali and English, side by side. Every lesson can be read here
without running anything; the figures and numbers come from the notebooks. To run the code or move the sliders, open
the notebook in Jupyter, Colab or Binder. Choose the language with the buttons above.</p>
<h2><span class="lang-bn">পাঠ</span><span class="lang-sep"> · </span><span class="lang-en">Lessons</span></h2>
<ul class="toc">
{items(lessons)}
</ul>
<h2 id="exercises"><span class="lang-bn">অনুশীলন</span><span class="lang-sep"> · </span><span class="lang-en">Exercises</span></h2>
<p class="lang-bn">অনুশীলনের উত্তর লিখে যাচাই করতে নোটবুকটা Jupyter বা Colab-এ খোলো; এখানে প্রশ্নগুলো পড়া যায়।</p>
<p class="lang-en">To write and check the answers, open an exercise in Jupyter or Colab; here you can read the questions.</p>
<ul class="toc">
{items(exercises)}
</ul>
"""


def _fresh(out: Path, css: str) -> None:
    """An empty ``out`` with the style, the language switch's script and the Bengali font."""
    if out.exists():
        shutil.rmtree(out)
    (out / "assets").mkdir(parents=True)
    (out / "assets" / "course.css").write_text(css, encoding="utf-8")
    (out / "assets" / "course.js").write_text(JS, encoding="utf-8")
    (out / "assets" / "code.css").write_text(HtmlFormatter(style="default").get_style_defs(".highlight"), encoding="utf-8")
    for font in ("NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf"):
        shutil.copyfile(ROOT / "helpers" / "fonts" / font, out / "assets" / font)


def build(out: Path = SITE) -> list[Path]:
    """Write the whole site into ``out``; returns the pages written."""
    _fresh(out, CSS)
    listing = pages()
    names = {n for n, _ in listing}
    rendered = [(n, *render(n, p, names, out)) for n, p in listing]
    entries = [(n, title) for n, _, title, _ in rendered]
    written = []
    for i, (name, body, title, n_math) in enumerate(rendered):
        prev = entries[i - 1] if i > 0 else None
        nxt = entries[i + 1] if i + 1 < len(entries) else None
        path = out / f"{name}.html"
        path.write_text(_page(title, body, _nav(prev, nxt)), encoding="utf-8")
        written.append(path)
    index = out / "index.html"
    index.write_text(_page(TITLE, _index(entries), _nav(None, entries[0])), encoding="utf-8")
    return [index] + written


DECK_CSS = """html, body { max-width: none; margin: 0; padding: 0; height: 100%; }
.reveal { font-family: "Noto Sans Bengali", system-ui, sans-serif; font-size: 32px; }
.reveal .slides { text-align: left; }
.reveal .slides section { height: 100%; overflow-y: auto; padding-right: .5rem; }
.reveal h1, .reveal h2, .reveal h3 { font-family: inherit; text-transform: none; }
.reveal h1 { font-size: 1.6em; } .reveal h2 { font-size: 1.3em; } .reveal h3 { font-size: 1.1em; }
.reveal pre { width: 100%; box-shadow: none; font-size: .6em; }
.reveal img { max-height: 560px; }
.reveal blockquote.lang-en { width: auto; font-style: normal; box-shadow: none; }
.switch { position: fixed; bottom: .4rem; left: .6rem; z-index: 30; font-size: 14px; }
"""


def _slide_groups(path: Path) -> list[list[str]]:
    """The cell ids of each slide of a lesson, from its slide metadata."""
    nb = nbformat.read(path, as_version=4)
    groups = []
    for cell in nb.cells:
        kind = cell.metadata.get("slideshow", {}).get("slide_type", "-")
        if kind == "skip":
            continue
        if kind in ("slide", "subslide") or not groups:
            groups.append([])
        groups[-1].append(cell.get("id"))
    return groups


def build_decks(out: Path = ROOT / "slides", only: list[str] | None = None) -> list[Path]:
    """A reveal.js deck per lesson (or the lessons named in ``only``) in ``out``; opens from file://."""
    _fresh(out, CSS + DECK_CSS)
    shutil.copytree(ROOT / "tests" / "tools" / "reveal.js", out / "reveal.js")
    lessons = [(n, p) for n, p in pages() if not n.startswith("ex") and (only is None or n in only)]
    names = {n for n, _ in lessons}
    written = []
    for name, path in lessons:
        body, (bn, en), _ = render(name, path, names, out)
        soup = BeautifulSoup(body, "html.parser")
        cells = {c["id"].removeprefix("cell-id="): c for c in soup.find_all("div", id=re.compile("^cell-id="))}
        sections = []
        for group in _slide_groups(path):
            parts = [str(cells[i]) for i in group if i in cells]
            if parts:
                sections.append("<section>\n" + "\n".join(parts) + "\n</section>")
        deck = _head((bn, en), ["reveal.js/reset.css", "reveal.js/reveal.css", "reveal.js/white.css",
                                "assets/code.css", "assets/course.css"]) + f"""<body>
{SWITCH}
<div class="reveal"><div class="slides">
{chr(10).join(sections)}
</div></div>
<script src="reveal.js/reveal.js"></script>
<script src="assets/course.js"></script>
<script>Reveal.initialize({{hash: true, width: 1280, height: 720, margin: 0.03, center: false, transition: "none"}});</script>
</body>
</html>
"""
        target = out / f"{name}.html"
        target.write_text(deck.replace('href="{0}.html"'.format(name), 'href="#"'), encoding="utf-8")
        written.append(target)
    return written


def main() -> int:
    if "--slides" in sys.argv[1:]:
        for p in build_decks():
            n = p.read_text(encoding="utf-8").count("<section>")
            print(f"{p.relative_to(ROOT)}: {n} slides, {p.stat().st_size / 1024:.0f} KB")
        return 0
    written = build()
    total = sum(f.stat().st_size for f in SITE.rglob("*") if f.is_file())
    for p in written:
        pictures = sum(f.stat().st_size for f in (SITE / "img" / p.stem).glob("*")) if (SITE / "img" / p.stem).exists() else 0
        print(f"{p.relative_to(ROOT)}: {p.stat().st_size / 1024:.0f} KB page + {pictures / 1024:.0f} KB figures")
    print(f"{len(written)} pages, {total / 1024 / 1024:.1f} MB in all: open {SITE / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
