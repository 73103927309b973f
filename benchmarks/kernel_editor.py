"""How long the live kernel editor takes to redraw the filtered photograph in the browser.

    python benchmarks/kernel_editor.py          # needs the built book (README command 1)

For every built page with a kernel editor: the time from an edit (the input event) to the
new pixels on the 256 × 256 canvas, 21 edits after 5 that warm up the JavaScript engine, in
Debian's headless Chromium. Timings belong here, not in a test: they depend on the machine
and on what else it is doing.
"""

import functools
import http.server
import pathlib
import statistics
import threading

from playwright.sync_api import sync_playwright

HTML = pathlib.Path(__file__).resolve().parent.parent / "_build" / "html"
EDIT_AND_READ = """(root) => {
    const field = root.querySelector('[data-setting="kernel 4"]');
    const canvas = root.querySelector('canvas.convlib-filtered');
    const times = [];
    for (let r = -5; r < 21; r++) {
        field.value = String((r % 7) - 3 + 0.5);
        const start = performance.now();
        field.dispatchEvent(new Event('input', {bubbles: true}));
        canvas.getContext('2d').getImageData(0, 0, 1, 1);   // the pixels are there
        if (r >= 0) times.push(performance.now() - start);
    }
    return times;
}"""


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main():
    pages = sorted(str(p.relative_to(HTML)) for p in HTML.rglob("*.html")
                   if "convlib-kernel-editor" in p.read_text(encoding="utf-8", errors="ignore"))
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(HTML)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for path in pages:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(url + path, wait_until="load")
            page.wait_for_selector(".convlib-kernel-editor canvas", timeout=20000)
            times = page.locator(".convlib-kernel-editor").first.evaluate(EDIT_AND_READ)
            page.close()
            print(f"{path}: redraw median {statistics.median(times):.1f} ms over {len(times)} "
                  f"edits (min {min(times):.1f}, max {max(times):.1f})")
        browser.close()
    httpd.shutdown()


if __name__ == "__main__":
    main()
