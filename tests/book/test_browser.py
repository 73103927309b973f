"""The built book in a real browser, offline: every page loads with no errors, shows its math,
its widgets and its animations. Screenshots land in _build/screenshots/ to look at.

Needs the built book (README command 1) and Debian's Chromium at /usr/bin/chromium
(`apt-get install chromium`; .ci/run installs it). Playwright drives that browser: it never
downloads one of its own.
"""

import urllib.parse

import pytest
from conftest import HTML, ROOT

SCREENSHOTS = ROOT / "_build" / "screenshots"
PAGES = sorted(str(p.relative_to(HTML)) for p in HTML.rglob("*.html")
               if not p.relative_to(HTML).parts[0].startswith("_")) if HTML.exists() else []


def widget_views(source):
    """How many stored widget views a page's HTML holds."""
    return source.count('type="application/vnd.jupyter.widget-view+json"')


def open_settled(page, url, source):
    """Open ``url`` in ``page`` and wait until the page has done what it does after ``load``:
    no request is left unanswered, its fonts are loaded, MathJax has typeset every formula
    and every stored widget view in ``source`` (the page's HTML) is rendered.

    Explicit conditions, not Playwright's "networkidle" (no request for 500 ms): that event
    sometimes never fires (seen here once in 60 loads, with no request pending), which timed
    the test out.
    """
    pending = set()
    page.on("request", lambda request: pending.add(request))
    page.on("requestfinished", lambda request: pending.discard(request))
    page.on("requestfailed", lambda request: pending.discard(request))
    page.goto(url, wait_until="load")
    page.wait_for_function("document.fonts.status === 'loaded'", timeout=15000)
    if 'class="math' in source:
        page.wait_for_selector("mjx-container", timeout=15000)
        page.wait_for_function(
            "document.querySelectorAll('mjx-container').length >= "
            "document.querySelectorAll('.math').length", timeout=15000)
    views = widget_views(source)
    if views:
        # a standard widget renders as .jupyter-widgets, an anywidget (convlib.teach.live)
        # as a bare .lm-Widget that its ES module fills: count filled views of either kind
        page.wait_for_function(
            f"document.querySelectorAll('.widget-subarea > :not(:empty)').length >= {views}",
            timeout=15000)
    for _ in range(150):  # what typesetting and widgets asked for (fonts): 15 s at most
        if not pending:
            break
        page.wait_for_timeout(100)
    assert not pending, f"requests unanswered after 15 s: {[r.url for r in pending]}"
    page.wait_for_function("document.fonts.status === 'loaded'", timeout=15000)


def test_there_are_pages_to_check():
    assert "index.html" in PAGES and any(p.startswith("chapters/") for p in PAGES), PAGES


@pytest.mark.parametrize("page_path", PAGES)
def test_page_renders_offline(server, browser, page_path):
    source = (HTML / page_path).read_text(encoding="utf-8")
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    problems, blocked = [], []

    def only_loopback(route):
        host = urllib.parse.urlsplit(route.request.url).hostname
        if route.request.url.startswith("data:") or host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", only_loopback)
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
            if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed request: {r.url}"))
    page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}")
            if r.status >= 400 else None)

    open_settled(page, server + page_path, source)

    if 'class="math' in source:  # MathJax typeset every formula
        assert page.locator(".math:not(:has(mjx-container))").count() == 0
    if widget_views(source):  # every stored widget view is rendered from the stored state
        if "ImageModel" in source:
            assert page.locator("img.widget-image").count() >= 1
    if "_anim_slider" in source:  # every animation has its controls
        sliders = source.count('type="range"')
        assert page.locator("input[type=range][id^=_anim_slider]").count() == sliders > 0
        assert page.locator("button[title='Play']").count() >= 1 or \
            page.locator(".anim-buttons button").count() >= 1

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = page_path.replace("/", "_").removesuffix(".html")
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    if page_path.startswith("chapters/"):  # and as a reader with a dark system theme sees it
        page.emulate_media(color_scheme="dark")
        page.wait_for_function("document.documentElement.dataset.theme === 'dark'")
        page.screenshot(path=str(SCREENSHOTS / f"{name}-dark.png"), full_page=True)
    page.close()
    assert not blocked, f"the page asked for the network: {blocked}"
    assert not problems, "\n".join(problems)


def test_no_page_is_heavier_than_2_mb():
    """A page's HTML, with its inline images and animation frames, stays under 2 MB."""
    heavy = {p: (HTML / p).stat().st_size for p in PAGES if (HTML / p).stat().st_size > 2e6}
    assert not heavy, heavy


WIDE_BLOCKS = """() => {
    const blocks = document.querySelectorAll(
        "div.cell_input pre, div.cell_output pre, div.cell_output .output, " +
        "div.highlight pre, article pre");
    const wide = [];
    for (const block of blocks) {
        if (block.scrollWidth > block.clientWidth + 1) {
            const text = (block.textContent || "").trim().split("\\n")[0].slice(0, 90);
            const what = text || block.outerHTML.slice(0, 90);
            wide.push(`${block.scrollWidth} > ${block.clientWidth} px: ${what}`);
        }
    }
    const contents = document.querySelector(".bd-sidebar-secondary");
    if (contents && contents.scrollWidth > contents.clientWidth + 1) {
        wide.push(`the Contents column: ${contents.scrollWidth} > ${contents.clientWidth} px`);
    }
    if (document.documentElement.scrollWidth > window.innerWidth) {
        wide.push(`the page: ${document.documentElement.scrollWidth} > ${window.innerWidth} px`);
    }
    return [...new Set(wide)];
}"""


@pytest.mark.parametrize("page_path", PAGES)
def test_no_code_or_output_scrolls_sideways_at_1280_px(server, browser, page_path):
    """A reader on a 1280-px-wide laptop window sees every line of code and output whole
    (no block scrolls sideways: scrollWidth > clientWidth), and the Contents column fits."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.route("**/*", lambda route: route.continue_()
               if urllib.parse.urlsplit(route.request.url).hostname in ("127.0.0.1", "localhost")
               or route.request.url.startswith("data:") else route.abort())
    open_settled(page, server + page_path, (HTML / page_path).read_text(encoding="utf-8"))
    wide = page.evaluate(WIDE_BLOCKS)
    page.close()
    assert not wide, f"{page_path}: these blocks scroll sideways at 1280 px:\n" + "\n".join(wide)


CHAPTER_PAGES = [p for p in PAGES if p.startswith("chapters/0")]


@pytest.mark.parametrize("page_path", CHAPTER_PAGES)
def test_a_first_reader_meets_a_short_plain_chapter(server, browser, page_path):
    """The reader's goals (tests/book/reader_metrics.py): a main path of at most 1,500 words (the
    speed chapter 2,000), at most 5 visible asserts, visible code and printed text at most
    35 % of the page, a picture in the first 1280 x 800 screen, a numbered caption on every
    figure, and every image drawn at 1.5 times its shown width or more."""
    from reader_metrics import FIRST_SCREEN, measure, problems

    page = browser.new_page(viewport=FIRST_SCREEN)
    open_settled(page, server + page_path, (HTML / page_path).read_text(encoding="utf-8"))
    found = problems(page_path, measure(page))
    page.close()
    assert not found, f"{page_path}:\n" + "\n".join(found)


@pytest.mark.parametrize("page_path", PAGES)
def test_no_page_scrolls_sideways_on_a_phone(server, browser, page_path):
    """At 390 px (a phone) the page fits its width: long headings wrap, wide equations and
    tables scroll inside their own box."""
    from reader_metrics import PHONE, sideways

    page = browser.new_page(viewport=PHONE)
    open_settled(page, server + page_path, (HTML / page_path).read_text(encoding="utf-8"))
    wide = sideways(page)
    page.close()
    assert wide <= 0, f"{page_path} scrolls {wide} px sideways at 390 px"
