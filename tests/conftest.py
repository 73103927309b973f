import functools
import http.server
import pathlib
import threading

import pytest
from hypothesis import settings

ROOT = pathlib.Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"
CHROMIUM = pathlib.Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]

QUICK = False
"""True in the quick loop (``pytest -m "not slow"``): property tests run a tenth of their
examples. Plain ``pytest`` (the gate) runs them all."""


def pytest_configure(config):
    global QUICK
    QUICK = "not slow" in (config.getoption("markexpr", "") or "")


def pytest_collection_modifyitems(items):
    """The notebooks (nbval) and the browser tests are slow: the quick loop skips them.
    Before any notebook runs, the fused loop is compiled (once per machine, into its cache
    folder), so that every chapter's kernel finds it ready, as it was when the outputs were
    stored (tools/refresh_outputs.py does the same)."""
    for item in items:
        path = str(item.fspath)
        if path.endswith(".ipynb") or path.endswith("test_browser.py"):
            item.add_marker(pytest.mark.slow)
    if any(str(item.fspath).endswith(".ipynb") for item in items):
        from convlib import fused

        fused.build()


def examples(count):
    """Hypothesis settings for a property test: ``count`` examples in the gate, a tenth (at
    least 10) in the quick loop; no deadline (a shared CPU makes timings noisy)."""
    return settings(max_examples=max(10, count // 10) if QUICK else count, deadline=None)


@pytest.fixture(autouse=True)
def _seed():
    """Every unit test starts from the same random state."""
    import torch

    torch.manual_seed(0)


import matplotlib  # noqa: E402

matplotlib.use("Agg")  # tests draw figures without a screen


# The built book in a real browser (tests/book/test_browser.py, tests/book/test_live_widgets.py).


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    """The built book (_build/html) served on a free port of 127.0.0.1: its base URL."""
    assert (HTML / "index.html").exists(), \
        "build the book first (README command 1)"
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(HTML)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium, driven by Playwright (which downloads no browser)."""
    assert CHROMIUM.exists(), "install Debian's Chromium: apt-get install chromium"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                             args=CHROMIUM_ARGS)
        yield browser
        browser.close()
