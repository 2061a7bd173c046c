"""What the real-browser tests share: Chromium kept on 127.0.0.1, a local Jupyter server, timing.

Used by tests/test_browser.py (JupyterLab, ipywidgets 8) and tests/colab (the classic Notebook
6.5 with ipywidgets 7.7.1, as on Google Colab).  See ../shared/guides/browser-testing.md for
why each Chromium flag is there: together they keep the browser off every outside host, and
every request to any host but 127.0.0.1 is also aborted and reported.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import numpy as np
import pytest

from helpers import attention as A

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--disable-extensions", "--disable-default-apps",
    "--no-default-browser-check", "--metrics-recording-only", "--disable-breakpad", "--no-pings",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
HOW_TO_ENABLE = ("Chromium নেই, তাই আসল browser-এ test বাদ গেল; চালাতে চাইলে sudo apt-get install chromium দিয়ে "
                 "Chromium install করো, তারপর আবার make test চালাও। / Chromium is not installed, so the real-browser "
                 "tests are skipped. To run them, install Debian's browser (sudo apt-get install chromium), then run "
                 "make test again.")


def require_chromium():
    """Skip the calling test module when Chromium is missing (CI must have it: .ci/run installs it)."""
    if not CHROMIUM:
        if os.environ.get("CI"):
            raise RuntimeError("Chromium is missing in CI: .ci/run should have installed it")
        pytest.skip(HOW_TO_ENABLE, allow_module_level=True)
    return pytest.importorskip("playwright.sync_api")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def private_home(base: Path) -> dict:
    """Environment variables that give a Jupyter server and its kernels a private, empty home."""
    home = base / "home"
    home.mkdir(parents=True, exist_ok=True)
    return {"HOME": str(home), "JUPYTER_CONFIG_DIR": str(home / ".jupyter"),
            "JUPYTER_DATA_DIR": str(home / ".local/share/jupyter"), "IPYTHONDIR": str(home / ".ipython"),
            "JUPYTERLAB_SETTINGS_DIR": str(home / ".jupyter" / "lab" / "user-settings")}


@contextlib.contextmanager
def jupyter_server(cmd: list[str], env: dict, cwd: Path, log_path: Path, url: str, token: str):
    """Start a Jupyter server (already told to listen on 127.0.0.1 only); stop it and its kernels after."""
    log = open(log_path, "w")
    server = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=cwd)
    try:
        deadline = time.time() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.time() > deadline or server.poll() is not None:
                raise RuntimeError("the Jupyter server did not start:\n" + log_path.read_text()[-3000:])
            time.sleep(0.3)
        yield
    finally:
        server.terminate()                       # stops its kernels too
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@contextlib.contextmanager
def loopback_page(playwright_api, profile: Path, url: str, viewport=(1500, 1900)):
    """A page of headless Chromium that can reach 127.0.0.1 and nothing else.

    Every other request is aborted and fails the test: the notebooks fetch nothing from
    another site (their Colab and Binder links are plain text, not pictures).
    """
    (profile / "Default").mkdir(parents=True, exist_ok=True)
    (profile / "Default" / "Preferences").write_text(json.dumps({
        "autofill": {"enabled": False}, "signin": {"allowed": False},
        "translate": {"enabled": False}, "browser": {"has_seen_welcome_page": True}}))
    outside = []
    with playwright_api.sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(str(profile), executable_path=CHROMIUM, headless=True,
                                                   args=CHROMIUM_FLAGS,
                                                   viewport={"width": viewport[0], "height": viewport[1]})

        def only_loopback(route):
            host = urlparse(route.request.url).hostname
            if route.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
                return route.continue_()
            outside.append(route.request.url)
            return route.abort()

        ctx.route("**/*", only_loopback)
        page = ctx.pages[0] if ctx.pages else ctx.new_page()
        page.set_default_timeout(90_000)
        page.goto(url)
        yield page
        ctx.close()
    assert not outside, f"the browser tried to reach outside hosts: {outside[:5]}"


def image_src(page, selector: str = ".widget-image") -> str:
    return page.locator(selector).first.get_attribute("src") or ""


def time_key_presses(page, handle, image_selector: str, key: str = "ArrowRight", presses: int = 8) -> list[float]:
    """Milliseconds from each key press on a focused slider handle until the figure's image changes."""
    times = []
    for _ in range(presses):
        old = image_src(page, image_selector)
        handle.focus()
        start = page.evaluate("performance.now()")
        page.keyboard.press(key)
        page.wait_for_function("([sel, old]) => { const i = document.querySelector(sel);"
                               " return i && i.src && i.src !== old; }", arg=[image_selector, old])
        times.append(page.evaluate("performance.now()") - start)
    return times


def wait_new_image(page, old: str, selector: str = ".widget-image") -> str:
    """Wait until the figure differs from ``old`` and a burst of updates has settled."""
    page.wait_for_function("([sel, old]) => { const i = document.querySelector(sel);"
                           " return i && i.src && i.src !== old; }", arg=[selector, old])
    time.sleep(0.15)
    page.wait_for_function("() => true")
    return image_src(page, selector)


def slider(page, label: str):
    """The slider whose description is exactly ``label`` (e.g. "sₜ", "h₂"), in ipywidgets 7 or 8."""
    return page.locator(".widget-slider").filter(
        has=page.locator(".widget-label", has_text=re.compile(f"^{re.escape(label)}$"))).first


def readout(page) -> dict:
    """The numbers in the explorer's readout table."""
    table = page.locator(".attention-readout")
    num = lambda s: float(s.replace("\u2212", "-"))
    return {"s": num(re.search(r"= (\S+)", table.locator("th").first.inner_text()).group(1)),
            "e": [num(x) for x in table.locator("td.score").all_inner_texts()],
            "alpha": [num(x) for x in table.locator("td.weight").all_inner_texts()]}


def settled_readout(page, quiet_ms: int = 400, timeout_s: float = 30) -> dict:
    """The readout once it has stopped changing (after a drag or a burst of key presses)."""
    last, deadline = readout(page), time.time() + timeout_s
    while True:
        page.wait_for_timeout(quiet_ms)
        now = readout(page)
        if now == last or time.time() > deadline:
            return now
        last = now


def expect_dot(page, s, h):
    """The readout shows what helpers.attention computes for query ``s`` and states ``h`` (dot score)."""
    got = settled_readout(page)
    c, alpha, e = A.attend(s, h)
    assert got["s"] == pytest.approx(s), f"the readout shows {got}, expected s_t = {s}, h = {h}"
    np.testing.assert_allclose(got["e"], e, rtol=1e-5)
    np.testing.assert_allclose(got["alpha"], alpha, rtol=1e-4, atol=1e-7)


def summary(times: list[float]) -> str:
    return (f"median {statistics.median(times):.0f} ms over {len(times)} key presses "
            f"(min {min(times):.0f}, max {max(times):.0f})")


# A "naive" explorer for the baseline: the same four-panel figure, drawn from scratch and
# encoded on every move (what a plain interactive_output re-plot does), in an Image widget.
NAIVE_CELL = '''import ipywidgets as W
from helpers.plots import LiveAttentionFigure, figure_bytes
from helpers.widgets import AttentionExplorer
_ex = AttentionExplorer()                       # only for its numbers
naive_slider = W.FloatSlider(value=4.0, min=-5, max=5, step=0.1, description="naive")
naive_image = W.Image(format="png", layout=W.Layout(width="840px"))
naive_image.add_class("naive-image")

def _redraw(change=None):
    _ex._queries[0] = naive_slider.value
    H, S, e, weights, C = _ex.compute()
    live = LiveAttentionFigure(fmt="svg")       # "svg" here only means: no blitting set-up
    live.draw(H, S, e, weights, C, 0)
    naive_image.value = figure_bytes(live.figure, "png")

naive_slider.observe(_redraw, "value")
_redraw()
W.VBox([naive_slider, naive_image])'''


def write_naive_notebook(path: Path) -> None:
    import nbformat
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(NAIVE_CELL)]
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    nbformat.write(nb, path)
