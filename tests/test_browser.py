"""A real-browser test of the playground: JupyterLab + Playwright + Debian's Chromium.

Everything stays on 127.0.0.1: the server listens only there, Chromium runs with flags that
keep it off every outside host, and every request to any other host is aborted.  The test
opens the playground, runs it, moves the s_t slider by keyboard and by mouse, types a new
h_2 value, switches the score function, and checks that the figure changes and that the
readout matches what helpers.attention computes.  Screenshots go to test-artifacts/browser/
for a person to look at; the median slider-to-new-figure time is printed.
"""

from __future__ import annotations

import json
import os
import re
import secrets
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

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
PLAYGROUND = ROOT / "notebooks" / "09-playground.ipynb"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--disable-extensions", "--disable-default-apps",
    "--no-default-browser-check", "--metrics-recording-only", "--disable-breakpad", "--no-pings",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]

if not CHROMIUM:
    if os.environ.get("CI"):
        raise RuntimeError("Chromium is missing in CI: .ci/run should have installed it")
    pytest.skip("Chromium is not installed (apt-get install chromium); skipping the browser test",
                allow_module_level=True)
playwright = pytest.importorskip("playwright.sync_api")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on 127.0.0.1 with a random token and private config, serving a copy of the playground."""
    base = tmp_path_factory.mktemp("lab")
    work, home = base / "work", base / "home"
    work.mkdir()
    shutil.copy(PLAYGROUND, work / "playground.ipynb")       # the repo's notebook is never written to
    settings = home / ".jupyter" / "lab" / "user-settings" / "@jupyterlab"
    for ext, body in [("apputils-extension/notification.jupyterlab-settings",
                       {"fetchNews": "false", "checkForUpdates": False}),
                      ("docmanager-extension/plugin.jupyterlab-settings", {"autosave": False})]:
        (settings / ext).parent.mkdir(parents=True, exist_ok=True)
        (settings / ext).write_text(json.dumps(body))
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ, HOME=str(home), JUPYTER_CONFIG_DIR=str(home / ".jupyter"),
               JUPYTER_DATA_DIR=str(home / ".local/share/jupyter"), IPYTHONDIR=str(home / ".ipython"),
               JUPYTERLAB_SETTINGS_DIR=str(home / ".jupyter" / "lab" / "user-settings"),
               JUPYTER_PATH=str(Path(sys.prefix) / "share" / "jupyter"))
    cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
           "--port-retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={work}",
           "--ServerApp.allow_remote_access=False", "--LabApp.news_url=None",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
           "--LabApp.extension_manager=readonly"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    log = open(base / "server.log", "w")
    server = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=work)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.time() > deadline or server.poll() is not None:
                raise RuntimeError("JupyterLab did not start:\n" + (base / "server.log").read_text()[-3000:])
            time.sleep(0.3)
        yield {"url": url, "token": token, "home": home}
    finally:
        server.terminate()                       # stops its kernels too
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture(scope="module")
def page(lab, tmp_path_factory):
    profile = tmp_path_factory.mktemp("chromium-profile")
    (profile / "Default").mkdir()
    (profile / "Default" / "Preferences").write_text(json.dumps({
        "autofill": {"enabled": False}, "signin": {"allowed": False},
        "translate": {"enabled": False}, "browser": {"has_seen_welcome_page": True}}))
    outside = []
    with playwright.sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(str(profile), executable_path=CHROMIUM, headless=True,
                                                   args=CHROMIUM_FLAGS, viewport={"width": 1500, "height": 1900})

        def only_loopback(route):
            host = urlparse(route.request.url).hostname
            if route.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
                return route.continue_()
            outside.append(route.request.url)
            return route.abort()

        ctx.route("**/*", only_loopback)
        pg = ctx.pages[0] if ctx.pages else ctx.new_page()
        pg.set_default_timeout(60_000)
        pg.goto(f"{lab['url']}/lab/tree/playground.ipynb?reset&token={lab['token']}")
        yield pg
        ctx.close()
    assert not outside, f"the browser tried to reach outside hosts: {outside[:5]}"


def wait_idle(page):
    page.locator("#jp-main-statusbar .jp-StatusBar-Item", has_text=re.compile(r"\| Idle")).first.wait_for()


def run_all(page):
    wait_idle(page)
    page.locator("#jp-MainMenu .lm-MenuBar-item", has_text="Run").click()
    page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click()
    page.locator(".attention-readout").wait_for()
    wait_idle(page)


def image_src(page) -> str:
    return page.locator(".widget-image").first.get_attribute("src") or ""


def readout(page) -> dict:
    """The numbers in the explorer's readout table."""
    table = page.locator(".attention-readout")
    num = lambda s: float(s.replace("\u2212", "-"))
    return {"s": num(re.search(r"= (\S+)", table.locator("th").first.inner_text()).group(1)),
            "e": [num(x) for x in table.locator("td.score").all_inner_texts()],
            "alpha": [num(x) for x in table.locator("td.weight").all_inner_texts()]}


def slider(page, label: str):
    """The slider whose description is exactly ``label`` (e.g. "s_t", "h_2")."""
    return page.locator(".widget-slider").filter(
        has=page.locator(".widget-label", has_text=re.compile(f"^{re.escape(label)}$"))).first


def wait_new_image(page, old: str) -> str:
    page.wait_for_function("old => { const i = document.querySelector('.widget-image');"
                           " return i && i.src && i.src !== old; }", arg=old)
    time.sleep(0.15)                                     # let a burst of updates settle
    page.wait_for_function("() => true")
    return image_src(page)


def expect_dot(page, s, h):
    got = readout(page)
    c, alpha, e = A.attend(s, h)
    assert got["s"] == pytest.approx(s)
    np.testing.assert_allclose(got["e"], e, rtol=1e-5)
    np.testing.assert_allclose(got["alpha"], alpha, rtol=1e-4, atol=1e-7)


def test_playground_in_a_real_browser(page, report):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    run_all(page)
    explorer = page.locator(".widget-image").first
    explorer.scroll_into_view_if_needed()
    expect_dot(page, 4.0, [2.0, 5.0, 1.0])
    page.screenshot(path=str(ARTIFACTS / "1-start.png"))

    # keyboard: focus the s_t handle and press ArrowRight; time each step to a new figure
    handle = slider(page, "s_t").locator(".noUi-handle")
    times = []
    for _ in range(8):
        old = image_src(page)
        handle.focus()
        start = page.evaluate("performance.now()")
        page.keyboard.press("ArrowRight")
        page.wait_for_function("old => document.querySelector('.widget-image').src !== old", arg=old)
        times.append(page.evaluate("performance.now()") - start)
    wait_new_image(page, "")
    got = readout(page)
    assert got["s"] == pytest.approx(4.8)
    expect_dot(page, 4.8, [2.0, 5.0, 1.0])
    median = statistics.median(times)
    report(f"browser: slider-to-new-figure median {median:.0f} ms over {len(times)} key presses "
           f"(min {min(times):.0f}, max {max(times):.0f}); target <= 150 ms; screenshots in {ARTIFACTS}")

    # mouse: drag the s_t handle to the left end of its track
    old = image_src(page)
    box = slider(page, "s_t").locator(".noUi-target").bounding_box()
    hbox = handle.bounding_box()
    page.mouse.move(hbox["x"] + hbox["width"] / 2, hbox["y"] + hbox["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + 0.1 * box["width"], box["y"] + box["height"] / 2, steps=8)
    page.mouse.up()
    wait_new_image(page, old)
    page.wait_for_timeout(400)
    s_dragged = readout(page)["s"]
    assert s_dragged < 0, f"dragging left should make s_t negative, got {s_dragged}"
    expect_dot(page, s_dragged, [2.0, 5.0, 1.0])
    assert np.argmax(readout(page)["alpha"]) == 2            # attention moves to the smallest h
    page.screenshot(path=str(ARTIFACTS / "2-dragged.png"))

    # typing: h_2 = 1.5 into the slider's readout
    old = image_src(page)
    box_h2 = slider(page, "h_2").locator(".widget-readout")
    box_h2.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("1.5")
    page.keyboard.press("Enter")
    wait_new_image(page, old)
    page.wait_for_timeout(300)
    expect_dot(page, s_dragged, [2.0, 1.5, 1.0])

    # the score function
    old = image_src(page)
    page.locator(".widget-dropdown select").first.select_option("general")
    wait_new_image(page, old)
    page.wait_for_timeout(300)
    got = readout(page)
    assert not np.allclose(got["e"], A.score_dot(s_dragged, [2.0, 1.5, 1.0]))
    np.testing.assert_allclose(sum(got["alpha"]), 1.0, atol=1e-4)
    page.screenshot(path=str(ARTIFACTS / "3-general.png"))
    explorer.screenshot(path=str(ARTIFACTS / "4-figure.png"))
    assert (ARTIFACTS / "4-figure.png").stat().st_size > 20_000
