"""What a first reader meets on a built chapter page, measured in the browser.

Used by tests/book/test_browser.py (which holds every chapter to the goals in ``GOALS``), and as a
script for authors:

    python tests/book/reader_metrics.py                       # every chapter of _build/html
    python tests/book/reader_metrics.py chapters/02_edge_detection.html

The main path is the page's prose outside code cells, outputs, dropdowns ("Going deeper"),
exercises and solutions, and everything from the "Exercises" section on.
"""

import re
import sys

GOALS = {
    "words": 1500,            # main-path words (the speed chapter: SPEED_WORDS)
    "code_share": 0.35,       # visible code and printed text, share of the page's height
    "asserts": 5,             # assert lines a reader sees
}
SPEED_WORDS = 2000
FIRST_SCREEN = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

MEASURE = r"""() => {
    const article = document.querySelector("article.bd-article") || document.body;
    const hidden = el => el.closest(
        "details:not([open]), .toggle-hidden, .tag_remove-cell, .hide-input, " +
        ".tag_hide-cell .cell_input, .tag_hide-input .cell_input");
    const visible = el => el.offsetParent !== null && el.getBoundingClientRect().height > 0;

    // main-path words
    const clone = article.cloneNode(true);
    let cut = false;
    for (const section of clone.querySelectorAll("section")) {
        const h = section.querySelector("h2");
        if (h && /^\s*Exercises/.test(h.textContent)) { cut = true; section.remove(); }
    }
    clone.querySelectorAll(
        ".cell, details, .dropdown, .toggle, .exercise, .solution, .admonition.dropdown, " +
        "mjx-container, .math, script, style, .headerlink, code, pre, figcaption"
    ).forEach(el => el.remove());
    const words = (clone.textContent.match(/[A-Za-z]\w*/g) || []).length;

    // visible code and printed text
    let codeHeight = 0, asserts = 0;
    for (const block of article.querySelectorAll(".cell_input, .cell_output .output.text_plain, " +
                                                   ".cell_output .output.stream, " +
                                                   ".cell_output .output.traceback")) {
        if (hidden(block) || !visible(block)) continue;
        codeHeight += block.getBoundingClientRect().height;
        if (block.classList.contains("cell_input")) {
            for (const line of block.textContent.split("\n")) {
                if (/^\s*assert\b/.test(line)) asserts += 1;
            }
        }
    }
    const pageHeight = article.getBoundingClientRect().height;

    // pictures: images, canvases, svgs and widgets a reader sees
    const pictures = [...article.querySelectorAll(
        "img, canvas, svg.figure, .widget-subarea > *, .jupyter-widgets")].filter(
        el => !hidden(el) && visible(el) && el.getBoundingClientRect().width > 80);
    const top = window.scrollY;
    const firstPicture = pictures.length ?
        Math.min(...pictures.map(el => el.getBoundingClientRect().top + top)) : null;

    // captions and crispness of output images
    const images = [...article.querySelectorAll(".cell_output img")].filter(
        el => !hidden(el) && visible(el) && el.getBoundingClientRect().width > 80);
    const uncaptioned = images.filter(el => {
        const fig = el.closest("figure");
        return !(fig && fig.querySelector("figcaption .caption-number"));
    }).filter(el => !el.id.startsWith("_anim_img")).length;
    const blurry = images.filter(
        el => el.naturalWidth < 1.5 * el.getBoundingClientRect().width).map(
        el => `${el.naturalWidth}px shown at ${Math.round(el.getBoundingClientRect().width)}px`);
    return {words, cut, code_share: codeHeight / pageHeight, asserts,
            first_picture: firstPicture, images: images.length, uncaptioned, blurry};
}"""


def measure(page):
    """The reader's metrics of the page open in ``page`` (a Playwright page)."""
    return page.evaluate(MEASURE)


def sideways(page):
    """How far the page scrolls sideways, in pixels (0: it fits the window)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def goals_for(page_path):
    goals = dict(GOALS)
    if "how_fast" in page_path:
        goals["words"] = SPEED_WORDS
    return goals


def problems(page_path, metrics):
    """Every goal the page misses, as readable lines."""
    goals, found = goals_for(page_path), []
    if metrics["words"] > goals["words"]:
        found.append(f"main path has {metrics['words']} words (goal <= {goals['words']})")
    if metrics["code_share"] > goals["code_share"]:
        found.append(f"visible code and printed text take {metrics['code_share']:.0%} of the "
                     f"page (goal <= {goals['code_share']:.0%})")
    if metrics["asserts"] > goals["asserts"]:
        found.append(f"{metrics['asserts']} visible assert lines (goal <= {goals['asserts']})")
    if metrics["first_picture"] is None or metrics["first_picture"] > FIRST_SCREEN["height"]:
        found.append(f"no picture in the first 1280x800 screen "
                     f"(first at {metrics['first_picture']})")
    if metrics["uncaptioned"]:
        found.append(f"{metrics['uncaptioned']} of {metrics['images']} images have no "
                     f"numbered caption")
    if metrics["blurry"]:
        found.append(f"images drawn at less than 1.5x their shown width: {metrics['blurry']}")
    return found


def main(argv):
    import functools
    import http.server
    import pathlib
    import threading

    from playwright.sync_api import sync_playwright

    html = pathlib.Path(__file__).resolve().parents[2] / "_build" / "html"
    pages = argv or sorted(str(p.relative_to(html)) for p in (html / "chapters").glob("0*.html"))
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(html))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for path in pages:
            page = browser.new_page(viewport=FIRST_SCREEN)
            page.goto(url + path, wait_until="load")
            page.wait_for_timeout(1500)
            metrics = measure(page)
            page.set_viewport_size(PHONE)
            page.wait_for_timeout(300)
            wide = sideways(page)
            page.close()
            print(f"{path}: words {metrics['words']}, code {metrics['code_share']:.0%}, "
                  f"asserts {metrics['asserts']}, first picture at {metrics['first_picture']}, "
                  f"images {metrics['images']} (uncaptioned {metrics['uncaptioned']}, "
                  f"blurry {len(metrics['blurry'])}), sideways at 390 px: {wide} px")
            for line in problems(path, metrics) + ([f"scrolls {wide} px sideways at 390 px"]
                                                   if wide > 0 else []):
                print("   -", line)
        browser.close()
    httpd.shutdown()


if __name__ == "__main__":
    main([re.sub(r"^_build/html/", "", a) for a in sys.argv[1:]])
