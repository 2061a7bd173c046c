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
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from browser_support import (expect_dot, free_port, image_src, jupyter_server, loopback_page, private_home, readout,
                             require_chromium, settled_readout, slider, summary, time_key_presses, wait_new_image,
                             write_naive_notebook)
from helpers import attention as A

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
PLAYGROUND = ROOT / "notebooks" / "09-playground.ipynb"
playwright = require_chromium()


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on 127.0.0.1 with a random token and private config, serving a copy of the playground."""
    base = tmp_path_factory.mktemp("lab")
    work = base / "work"
    work.mkdir()
    shutil.copy(PLAYGROUND, work / "playground.ipynb")       # the repo's notebook is never written to
    write_naive_notebook(work / "naive.ipynb")
    env = dict(os.environ, **private_home(base), JUPYTER_PATH=str(Path(sys.prefix) / "share" / "jupyter"))
    settings = Path(env["JUPYTERLAB_SETTINGS_DIR"]) / "@jupyterlab"
    for ext, body in [("apputils-extension/notification.jupyterlab-settings",
                       {"fetchNews": "false", "checkForUpdates": False}),
                      ("docmanager-extension/plugin.jupyterlab-settings", {"autosave": False})]:
        (settings / ext).parent.mkdir(parents=True, exist_ok=True)
        (settings / ext).write_text(json.dumps(body))
    port, token = free_port(), secrets.token_hex(16)
    cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
           "--port-retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={work}",
           "--ServerApp.allow_remote_access=False", "--LabApp.news_url=None",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
           "--LabApp.extension_manager=readonly"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    url = f"http://127.0.0.1:{port}"
    with jupyter_server(cmd, env, work, base / "server.log", url, token):
        yield {"url": url, "token": token}


@pytest.fixture(scope="module")
def page(lab, tmp_path_factory):
    with loopback_page(playwright, tmp_path_factory.mktemp("chromium-profile"),
                       f"{lab['url']}/lab/tree/playground.ipynb?reset&token={lab['token']}") as pg:
        yield pg


def wait_idle(page):
    page.locator("#jp-main-statusbar .jp-StatusBar-Item", has_text=re.compile(r"\| Idle")).first.wait_for()


def run_all(page):
    wait_idle(page)
    page.locator("#jp-MainMenu .lm-MenuBar-item", has_text="Run").click()
    page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click()
    page.locator(".attention-readout").wait_for()
    wait_idle(page)


def test_playground_in_a_real_browser(page, report):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    run_all(page)
    explorer = page.locator(".widget-image").first
    explorer.scroll_into_view_if_needed()
    expect_dot(page, 4.0, [2.0, 5.0, 1.0])
    page.screenshot(path=str(ARTIFACTS / "1-start.png"))

    # keyboard: focus the s_t handle and press ArrowRight; time each step to a new figure
    handle = slider(page, "sₜ").locator(".noUi-handle")
    times = time_key_presses(page, handle, ".widget-image")
    wait_new_image(page, "")
    got = readout(page)
    assert got["s"] == pytest.approx(4.8)
    expect_dot(page, 4.8, [2.0, 5.0, 1.0])
    report(f"browser, JupyterLab + ipywidgets 8: explorer key press to new figure {summary(times)}; "
           f"target <= 150 ms; screenshots in {ARTIFACTS}")

    # mouse: drag the s_t handle to the left end of its track
    old = image_src(page)
    box = slider(page, "sₜ").locator(".noUi-target").bounding_box()
    hbox = handle.bounding_box()
    page.mouse.move(hbox["x"] + hbox["width"] / 2, hbox["y"] + hbox["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + 0.1 * box["width"], box["y"] + box["height"] / 2, steps=8)
    page.mouse.up()
    wait_new_image(page, old)
    s_dragged = settled_readout(page)["s"]
    assert s_dragged < 0, f"dragging left should make s_t negative, got {s_dragged}"
    expect_dot(page, s_dragged, [2.0, 5.0, 1.0])
    assert np.argmax(readout(page)["alpha"]) == 2            # attention moves to the smallest h
    page.screenshot(path=str(ARTIFACTS / "2-dragged.png"))

    # typing: h_2 = 1.5 into the slider's readout
    old = image_src(page)
    box_h2 = slider(page, "h₂").locator(".widget-readout")
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


def test_presenting_on_a_projector_the_sliders_stay_live(page, report):
    """A teacher presents from JupyterLab itself: View → Appearance → Presentation Mode (larger type)
    and Simple Interface (one notebook), the file panel hidden, on a 1280 × 720 projector; the explorer keeps working."""
    page.set_viewport_size({"width": 1280, "height": 720})
    for command in ("application:toggle-presentation-mode", "application:toggle-mode"):
        page.locator("#jp-MainMenu .lm-MenuBar-item", has_text="View").click()
        page.locator('.lm-Menu-item[data-type="submenu"]', has_text="Appearance").first.click()
        page.locator(f'.lm-Menu-item[data-command="{command}"]').click()
    page.keyboard.press("Escape")
    page.keyboard.press("Control+b")                                                     # the file panel away
    page.locator("#jp-left-stack").wait_for(state="hidden")
    assert page.locator(".jp-LabShell.jp-mod-presentationMode").count() == 1
    explorer = page.locator(".widget-image").first
    explorer.scroll_into_view_if_needed()
    before = readout(page)["s"]
    handle = slider(page, "sₜ").locator(".noUi-handle")
    old = image_src(page)
    handle.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    wait_new_image(page, old)
    settled = settled_readout(page)
    after = settled["s"]
    assert after == pytest.approx(before + 0.3, abs=1e-6)          # three steps of 0.1
    np.testing.assert_allclose(sum(settled["alpha"]), 1.0, atol=1e-3)
    slider(page, "sₜ").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "5-presenting-1280x720.png"))
    report(f"browser, presenting (JupyterLab Presentation Mode, 1280x720): slider moved sₜ {before:g} → {after:g}, "
           f"figure redrawn; screenshot {ARTIFACTS / '5-presenting-1280x720.png'}")
    page.keyboard.press("Escape")
    page.keyboard.press("Control+b")
    for command in ("application:toggle-presentation-mode", "application:toggle-mode"):    # back, for the next test
        page.locator("#jp-MainMenu .lm-MenuBar-item", has_text="View").click()
        page.locator('.lm-Menu-item[data-type="submenu"]', has_text="Appearance").first.click()
        page.locator(f'.lm-Menu-item[data-command="{command}"]').click()
    page.set_viewport_size({"width": 1500, "height": 1900})


def test_naive_replot_baseline_in_the_same_browser(page, lab, report):
    """The same figure drawn from scratch on every move, timed the same way: the explorer's baseline."""
    page.goto(f"{lab['url']}/lab/tree/naive.ipynb?reset&token={lab['token']}")
    wait_idle(page)
    page.locator("#jp-MainMenu .lm-MenuBar-item", has_text="Run").click()
    page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click()
    page.locator(".naive-image").wait_for()
    wait_idle(page)
    handle = slider(page, "naive").locator(".noUi-handle")
    times = time_key_presses(page, handle, ".naive-image")
    report(f"browser, JupyterLab + ipywidgets 8: naive full re-plot, same run: {summary(times)}")

