"""The live widgets (convlib.teach.live): their Python side, and their JavaScript twins in the
built book, checked against convlib in a real browser with the network blocked.

The browser tests find every live widget on every built page by its root's CSS class, drive
its controls through random seeded settings (the keyboard for sliders and check boxes, the
mouse or the keyboard for the cells you point at), read what the page shows (numbers in its
tables and readout, the drawn windows, the canvas's pixels) and compare it with convlib
computed here. Needs the built book (README command 1) and Chromium, as tests/book/test_browser.py.
"""

import base64
import json
import random
import re
import tomllib
import urllib.parse

import pytest
import torch
from conftest import HTML, ROOT

import convlib
from convlib.images import KERNELS, load_photo
from convlib.shapes import output_size, pool_output_shape, window_positions
from convlib.teach.display import display_mode, to_unit_range
from convlib.teach.live import (
    CSS_CLASSES,
    KernelEditor,
    PoolingExplorer,
    ShapeExplorer,
    SlidingWindow,
    TransposedExplorer,
)
from convlib.teach.live.kernel_editor import gray_bytes
from convlib.teach.live.widget import JS, esm

WIDGETS = [KernelEditor, ShapeExplorer, SlidingWindow, PoolingExplorer, TransposedExplorer]


# ---------------------------------------------------------------- Python side (fast)


@pytest.mark.parametrize("widget", WIDGETS, ids=lambda w: w.__name__)
def test_each_es_module_imports_nothing_and_names_its_root(widget):
    """_esm runs from a Blob URL in a static page: an import could not be resolved."""
    module = widget._esm
    assert not re.search(r"^\s*import\b|\bimport\s*\(|\bfrom\s+['\"]", module, re.MULTILINE)
    assert module.rstrip().endswith("export default { render };")
    assert f'"{CSS_CLASSES[widget.__name__]}"' in module


@pytest.mark.parametrize("widget, name, bad", [
    (ShapeExplorer, "n", 13), (ShapeExplorer, "stride", 0), (ShapeExplorer, "k", "3"),
    (ShapeExplorer, "dilation", True), (ShapeExplorer, "padding", 1.5),
    (SlidingWindow, "X", [[1, 2], [3]]), (SlidingWindow, "K", [[float("nan")]]),
    (SlidingWindow, "stride", -1), (PoolingExplorer, "mode", "min"),
    (PoolingExplorer, "ceil_mode", 1), (PoolingExplorer, "kernel_size", 9),
    (TransposedExplorer, "output_padding", 3), (TransposedExplorer, "X", "abc"),
    (KernelEditor, "kernel", [[1, 2, 3]]), (KernelEditor, "preset", "blur"),
])
def test_a_bad_setting_keeps_the_old_value_and_says_why(widget, name, bad):
    w = widget()
    before = getattr(w, name)
    setattr(w, name, bad)   # no exception
    assert getattr(w, name) == before
    assert w.message.startswith(f"{name} must be ") and repr(bad) in w.message
    assert f"it stays {before!r}" in w.message
    w.close()


def test_a_bad_constructor_argument_shows_a_message_not_a_traceback():
    w = ShapeExplorer(n=100, k=3)
    assert (w.n, w.k) == (6, 3) and "n must be a whole number from 1 to 12" in w.message
    w.close()
    editor = KernelEditor(image=torch.zeros(3, 4))
    assert editor.size == 256 and "image must be a square 2-D tensor" in editor.message
    editor.close()


def test_good_settings_are_kept_and_tensors_become_lists():
    w = SlidingWindow(X=torch.arange(6.0).reshape(2, 3), K=[[1, -1]], stride=2)
    assert w.X == [[0, 1, 2], [3, 4, 5]] and w.K == [[1, -1]] and w.stride == 2
    assert w.message == ""
    assert repr(w) == "SlidingWindow(X=<2×3>, K=<1×2>, stride=2)"
    assert repr(PoolingExplorer(mode="avg")) == "PoolingExplorer(mode='avg')"
    w.close()


def test_kernel_editor_ships_the_photo_as_8_bit_gray_and_the_presets():
    editor = KernelEditor(preset="sharpen")
    levels = torch.frombuffer(bytearray(base64.b64decode(editor.photo)), dtype=torch.uint8)
    assert editor.size == 256 and levels.numel() == 256 * 256
    assert torch.equal(levels.reshape(256, 256), gray_bytes(load_photo(size=256)))
    assert editor.presets == KERNELS and editor.kernel == KERNELS["sharpen"]
    editor.preset = "emboss"   # a preset loads its kernel
    assert editor.kernel == KERNELS["emboss"]
    assert repr(editor) == "KernelEditor(preset='emboss')"
    editor.kernel = [[0, 0, 0], [0, 2, 0], [0, 0, 0]]
    editor.preset = "custom"
    assert repr(editor) == "KernelEditor(kernel=[[0, 0, 0], [0, 2, 0], [0, 0, 0]])"
    editor.close()


def test_the_js_files_are_package_data():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["convlib.teach.live"]
    files = {p.relative_to(JS.parent).as_posix() for p in JS.iterdir()}
    matched = {f for f in files if any(__import__("fnmatch").fnmatch(f, g) for g in globs)}
    assert matched == files and {"js/common.js", "js/live.css"} <= files
    assert esm("shape_explorer").startswith((JS / "common.js").read_text(encoding="utf-8"))


def test_npm_and_pypi_anywidget_are_the_same_version():
    """The page's anywidget front end (npm) must be the one the Python side (PyPI) expects."""
    import anywidget

    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    npm = lock["packages"]["node_modules/anywidget"]["version"]
    assert json.loads((ROOT / "package.json").read_text())["dependencies"]["anywidget"] == npm
    for path in ("requirements.txt", "binder/requirements.txt"):
        assert f"anywidget=={npm}\n" in (ROOT / path).read_text(encoding="utf-8"), path
    assert anywidget.__version__ == npm
    installed = ROOT / "node_modules" / "anywidget" / "package.json"
    if installed.exists():
        assert json.loads(installed.read_text())["version"] == npm


# ---------------------------------------------------------------- in the built book

PAGES = sorted(str(p.relative_to(HTML)) for p in HTML.rglob("*.html")
               if not p.relative_to(HTML).parts[0].startswith("_")) if HTML.exists() else []


def widgets_on(page_path):
    """The live widget classes whose ES module is in a page's stored widget state."""
    source = (HTML / page_path).read_text(encoding="utf-8")
    return [css for css in CSS_CLASSES.values() if f'\\"{css}\\"' in source or f'"{css}"' in source]


FOUND = [(page, css) for page in PAGES for css in widgets_on(page)]
EDITOR_PAGES = sorted({page for page, css in FOUND if css == "convlib-kernel-editor"})
ONE_OF_EACH = sorted({css: (page, css) for page, css in FOUND}.values())

READ = """(root) => {
  const error = root.querySelector(':scope > .convlib-live-error');
  const tables = [...root.querySelectorAll('table.convlib-live-grid')].map((t) => ({
    caption: t.caption.textContent,
    cells: [...t.rows].map((r) => [...r.cells].map((c) => c.textContent.trim())),
    marked: [...t.querySelectorAll('td.convlib-in-window')].map(
      (td) => [Number(td.dataset.row), Number(td.dataset.col)]),
    selected: [...t.querySelectorAll('td.convlib-selected')].map(
      (td) => [Number(td.dataset.row), Number(td.dataset.col)]),
  }));
  const windows = [...root.querySelectorAll('g.convlib-window')].map(
    (g) => [...g.querySelectorAll('rect.convlib-tap')].map((r) => Number(r.dataset.index)));
  const controls = {};
  for (const c of root.querySelectorAll('[data-setting]')) {
    controls[c.dataset.setting] = c.type === 'checkbox' ? c.checked :
      c.type === 'range' ? Number(c.value) : c.value;
  }
  const canvas = root.querySelector('canvas.convlib-filtered');
  let pixels = null;
  if (canvas) {
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let text = '';
    for (let i = 0; i < data.length; i += 4) text += String.fromCharCode(data[i]);
    pixels = btoa(text);
  }
  return {
    error: error.hidden ? null : error.textContent,
    readout: root.querySelector(':scope > .convlib-live-readout').textContent,
    tables, windows, controls, pixels,
    view: root.querySelector('.convlib-live-view').innerHTML,
  };
}"""


def shown_numbers(table, padding=0):
    """The numbers a table shows, without ``padding`` cells on each side."""
    rows = table["cells"][padding:len(table["cells"]) - padding]
    return torch.tensor([[float(x.replace("−", "-")) for x in row[padding:len(row) - padding]]
                         for row in rows])


def table(shown, caption_start):
    found = [t for t in shown["tables"] if t["caption"].startswith(caption_start)]
    assert len(found) == 1, (caption_start, [t["caption"] for t in shown["tables"]])
    return found[0]


def shown_shape(shown, word="output"):
    match = re.search(rf"{word} (\d+) × (\d+)", shown["readout"])
    assert match, shown["readout"]
    return int(match[1]), int(match[2])


def expect_error(shown, call):
    """If convlib refuses the setting, the widget says so and shows no output; returns
    whether it did."""
    try:
        call()
    except ValueError:
        assert shown["error"] and shown["error"].startswith("Impossible setting:"), shown
        assert not shown["tables"] and not shown["windows"] and shown["readout"] == ""
        return True
    assert shown["error"] is None, shown["error"]
    return False


def window_cells(i, j, k_h, k_w, stride, rows, cols):
    return sorted([i * stride + a, j * stride + b] for a in range(k_h) for b in range(k_w)
                  if i * stride + a < rows and j * stride + b < cols)


# Each widget: its sliders/menus/check boxes (data-setting -> convlib's name), how to point
# at a cell (which table), and the check of what it shows against convlib.

def check_shape_explorer(shown, s, rng, point):
    n, k, p, st, d = (s["input size n"], s["kernel size k"], s["padding p"], s["stride s"],
                      s["dilation d"])
    if expect_error(shown, lambda: output_size(n, k, padding=p, stride=st, dilation=d)):
        return
    out = output_size(n, k, padding=p, stride=st, dilation=d)
    assert f"input {n} → output {out}" in shown["readout"]
    assert shown["readout"].endswith(f"= {out}")
    assert shown["windows"] == window_positions(n, k, padding=p, stride=st, dilation=d)


def check_sliding_window(shown, s, rng, point):
    p, st = s["padding"], s["stride"]
    X = shown_numbers(table(shown, "input"), padding=p)
    K = shown_numbers(table(shown, "kernel"))
    if expect_error(shown, lambda: convlib.corr2d(X, K, padding=p, stride=st)):
        return
    Y = convlib.corr2d(X, K, padding=p, stride=st)
    assert shown_shape(shown) == tuple(Y.shape)
    assert torch.allclose(shown_numbers(table(shown, "output")), Y, atol=0.006)
    i, j = point(shown, "output", Y.shape)
    shown = point.read()
    padded = table(shown, "input")
    assert table(shown, "output")["selected"] == [[i, j]]
    assert sorted(padded["marked"]) == window_cells(i, j, *K.shape, st, X.shape[0] + 2 * p,
                                                    X.shape[1] + 2 * p)
    sum_text = re.search(rf"Y\[{i}, {j}\] = .* = (-?[\d.]+)$", shown["readout"].split("input")[0])
    assert sum_text and abs(float(sum_text[1]) - Y[i, j].item()) < 0.006, shown["readout"]


def check_pooling_explorer(shown, s, rng, point):
    p = s["padding"]
    if shown["tables"]:   # else a refused setting: the input read last time
        point.data["X"] = shown_numbers(table(shown, "input"), padding=p)
    X = point.data["X"]
    kw = dict(mode=s["mode"], stride=s["stride"], padding=p, ceil_mode=s["ceil_mode"],
              count_include_pad=s["count_include_pad"])
    if expect_error(shown, lambda: convlib.pool2d(X, s["window"], **kw)):
        return
    Y = convlib.pool2d(X, s["window"], **kw)
    assert tuple(Y.shape) == pool_output_shape(tuple(X.shape), s["window"], padding=p,
                                               stride=s["stride"], ceil_mode=s["ceil_mode"])
    assert shown_shape(shown) == tuple(Y.shape)
    assert shown["readout"].endswith(f"= {Y.shape[0]}")
    assert torch.allclose(shown_numbers(table(shown, "output")), Y, atol=0.006)
    i, j = point(shown, "output", Y.shape)
    shown = point.read()
    rows = len(table(shown, "input")["cells"])
    assert sorted(table(shown, "input")["marked"]) == window_cells(
        i, j, s["window"], s["window"], s["stride"], rows, rows)


def check_transposed_explorer(shown, s, rng, point):
    if shown["tables"]:
        point.data["X"] = shown_numbers(table(shown, "input"))
        point.data["K"] = shown_numbers(table(shown, "kernel"))
    X, K = point.data["X"], point.data["K"]
    kw = dict(stride=s["stride"], padding=s["padding"], output_padding=s["output_padding"])
    if expect_error(shown, lambda: convlib.conv_transpose2d(X, K, **kw)):
        return
    Y = convlib.conv_transpose2d(X, K, **kw)
    assert shown_shape(shown) == tuple(Y.shape)
    assert shown["readout"].endswith(f"= {Y.shape[0]}")
    assert torch.allclose(shown_numbers(table(shown, "output")), Y, atol=0.006)
    i, j = point(shown, "input", X.shape)
    shown = point.read()
    st, p = s["stride"], s["padding"]
    stamp = sorted([i * st + u - p, j * st + v - p] for u in range(K.shape[0])
                   for v in range(K.shape[1])
                   if 0 <= i * st + u - p < Y.shape[0] and 0 <= j * st + v - p < Y.shape[1])
    assert sorted(table(shown, "output")["marked"]) == stamp


def expected_levels(photo, K):
    """What the kernel editor must draw: convlib.corr2d, mapped as png_bytes maps it."""
    Y = convlib.corr2d(photo, K, padding=1)
    return (to_unit_range(Y, display_mode(K)) * 255).round()


def check_kernel_editor(shown, s, rng, point):
    K = torch.tensor([[s[f"kernel {3 * r + c}"] for c in range(3)] for r in range(3)],
                     dtype=torch.float32)
    if s["preset"] != "custom":   # the fields show the preset, to 4 digits
        assert torch.allclose(K, torch.tensor(KERNELS[s["preset"]], dtype=torch.float32), atol=1e-4)
        K = torch.tensor(KERNELS[s["preset"]], dtype=torch.float32)
    levels = torch.frombuffer(bytearray(base64.b64decode(shown["pixels"])), dtype=torch.uint8)
    drawn = levels.reshape(256, 256).float()
    diff = (drawn - expected_levels(point.data["photo"], K)).abs()
    # within 2 gray levels everywhere, and no shift of the whole picture (float32 sums in a
    # different order, and the edge map's 99th percentile, move a few pixels by one level)
    assert diff.max() <= 2 and diff.mean() < 0.25, (K.tolist(), diff.max(), diff.mean())
    total = K.sum().item()
    said = re.match(r"Kernel sum (-?[\d.]+): ", shown["readout"])   # to 4 digits
    assert said and abs(float(said[1]) - total) <= 5e-4 * max(1, abs(total)), shown["readout"]


CHECKS = {
    "convlib-shape-explorer": check_shape_explorer,
    "convlib-sliding-window": check_sliding_window,
    "convlib-pooling-explorer": check_pooling_explorer,
    "convlib-transposed-explorer": check_transposed_explorer,
    "convlib-kernel-editor": check_kernel_editor,
}


class Widget:
    """One live widget in an open page: read it, change one control, point at a cell."""

    def __init__(self, page, css, index, rng):
        self.page, self.rng = page, rng
        self.root = page.locator(f".{css}").nth(index)
        self.data = {}

    def read(self):
        shown = self.root.evaluate(READ)
        controls = dict(shown["controls"])
        for key, value in controls.items():
            if re.fullmatch(r"kernel \d", key):   # an entry of the kernel editor
                controls[key] = float(value) if re.fullmatch(r"-?[\d.]+", value) else value
            elif isinstance(value, float):   # a slider's value arrives as 3.0
                controls[key] = int(value)
        shown["settings"] = controls
        return shown

    def controls(self):
        return self.root.locator("[data-setting]")

    def change(self, control):
        """Give ``control`` another value, as a reader would: keyboard or typing."""
        kind = control.evaluate("c => c.tagName === 'SELECT' ? 'select' : c.type")
        if kind == "range":
            lo, hi, now = (int(control.get_attribute(a)) if a != "value" else
                           int(control.input_value()) for a in ("min", "max", "value"))
            target = self.rng.choice([v for v in range(lo, hi + 1) if v != now])
            control.focus()
            key = "ArrowRight" if target > now else "ArrowLeft"
            for _ in range(abs(target - now)):
                control.press(key)
        elif kind == "checkbox":
            control.focus()
            control.press("Space")
        elif kind == "select":
            options = control.evaluate("c => [...c.options].map(o => o.value)")
            now = control.input_value()
            choices = [o for o in options if o != now and o != "custom"]
            control.select_option(self.rng.choice(choices))
        else:  # a kernel entry: a number with at most one decimal, as a reader types it
            value = self.rng.choice([-4, -2, -1, -1, 0, 0, 1, 1, 2, 8]) + \
                self.rng.choice([0, 0, 0, 0.5, -0.25])
            control.fill(f"{value:g}")

    def set(self, name, value):
        """Drive the control ``name`` to ``value`` with the keyboard (a menu: pick it)."""
        control = self.root.locator(f"[data-setting='{name}']")
        kind = control.evaluate("c => c.tagName === 'SELECT' ? 'select' : c.type")
        if kind == "range":
            now = int(control.input_value())
            control.focus()
            for _ in range(abs(value - now)):
                control.press("ArrowRight" if value > now else "ArrowLeft")
        elif kind == "checkbox":
            if control.is_checked() != value:
                control.focus()
                control.press("Space")
        elif kind == "select":
            control.select_option(value)
        else:
            control.fill(str(value))

    def __call__(self, shown, which, shape):
        """Point at a random cell of the table whose caption starts with ``which``: hover,
        click or Tab to it and arrow-key once; returns the (row, column) pointed at."""
        i, j = self.rng.randrange(shape[0]), self.rng.randrange(shape[1])
        grid = [t for t in self.root.locator("table.convlib-live-grid").all()
                if t.locator("caption").inner_text().startswith(which)][0]
        how = self.rng.choice(["hover", "click", "keys"])
        if how == "keys" and j > 0:
            self.page.mouse.move(0, 0)   # else the pointer, resting on a cell, wins
            grid.locator(f"button[data-row='{i}'][data-col='{j - 1}']").focus()
            self.page.keyboard.press("ArrowRight")
        else:
            button = grid.locator(f"button[data-row='{i}'][data-col='{j}']")
            button.hover() if how == "hover" else button.click()
        return i, j


def open_offline(browser, server, page_path, width, problems):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.route("**/*", lambda route: route.continue_()
               if urllib.parse.urlsplit(route.request.url).hostname in ("127.0.0.1", "localhost")
               or route.request.url.startswith(("data:", "blob:")) else
               (problems.append(f"asked the network: {route.request.url}"), route.abort()))
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
            if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.goto(server + page_path, wait_until="load")
    page.wait_for_selector(".convlib-live", timeout=20000)
    return page


# Settings a random walk rarely reaches, where a rule has a special case: each is driven
# through the controls and checked like the random ones.
CORNERS = {
    "convlib-shape-explorer": [  # no output; a dilated kernel that just fits
        {"padding p": 0, "dilation d": 3, "kernel size k": 3, "input size n": 6},
        {"input size n": 7, "stride s": 2},
    ],
    "convlib-pooling-explorer": [  # ceil_mode's last window would start in the padding
        {"mode": "avg", "window": 2, "padding": 1, "stride": 4, "ceil_mode": True},
        {"count_include_pad": False},
        {"window": 1, "padding": 1},   # padding more than half the window
        {"mode": "max", "window": 3, "stride": 3, "padding": 1},
    ],
    "convlib-transposed-explorer": [  # output_padding not below the stride; no output
        {"stride": 1, "output_padding": 1, "padding": 0},
        {"output_padding": 0, "padding": 2},
        {"stride": 3, "padding": 1, "output_padding": 2},
    ],
    "convlib-sliding-window": [{"padding": 2, "stride": 3}],
    "convlib-kernel-editor": [{"preset": "box blur"}, {"kernel 0": "0.2"}, {"preset": "identity"}],
}


def drive(page, css, steps, seed):
    """Drive every instance of ``css`` on ``page`` through ``steps`` random changes of one
    control each, checking what it shows against convlib after every change. Returns, per
    control, how many changes changed what the widget shows."""
    effects = {}
    count = page.locator(f".{css}").count()
    assert count >= 1
    for index in range(count):
        rng = random.Random(f"{seed}-{css}-{index}")
        widget = Widget(page, css, index, rng)
        if css == "convlib-kernel-editor":
            widget.data["photo"] = original_photo(widget)
        check = CHECKS[css]
        shown = widget.read()
        check(shown, shown["settings"], rng, widget)
        names = list(shown["settings"])
        for step in range(steps):
            name = names[step % len(names)]
            control = widget.root.locator(f"[data-setting='{name}']")
            if control.is_disabled():
                continue
            before = widget.read()
            widget.change(control)
            shown = widget.read()
            effects[name] = effects.get(name, 0) + (signature(shown) != signature(before))
            check(shown, shown["settings"], rng, widget)
        for corner in CORNERS[css]:
            for name, value in corner.items():
                widget.set(name, value)
            shown = widget.read()
            assert all(shown["settings"][name] == (float(value) if name.startswith("kernel ")
                                                    else value)
                       for name, value in corner.items()), (corner, shown["settings"])
            check(shown, shown["settings"], rng, widget)
    return effects


def signature(shown):
    """Everything the widget shows beside its controls: drawing, tables, text, pixels."""
    return shown["view"] + shown["readout"] + (shown["error"] or "") + (shown["pixels"] or "")


def original_photo(widget):
    """The kernel editor's input canvas, as floats level / 255; it must be the book's photo."""
    text = widget.root.locator("canvas").first.evaluate("""(c) => {
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let t = ''; for (let i = 0; i < d.length; i += 4) t += String.fromCharCode(d[i]);
        return btoa(t); }""")
    levels = torch.frombuffer(bytearray(base64.b64decode(text)), dtype=torch.uint8)
    assert torch.equal(levels.reshape(256, 256), gray_bytes(load_photo(size=256)))
    return levels.reshape(256, 256).float() / 255


def test_there_are_live_widgets_to_check():
    assert {css for _, css in FOUND} == set(CSS_CLASSES.values()), FOUND


@pytest.mark.slow
@pytest.mark.parametrize("page_path, css", FOUND)
def test_live_widget_agrees_with_convlib_at_1280_px(server, browser, page_path, css):
    """>= 20 random settings per widget (one control changed at a time, every control in
    turn), each checked against convlib; every control changes what the widget shows."""
    problems = []
    page = open_offline(browser, server, page_path, 1280, problems)
    effects = drive(page, css, steps=25 if css != "convlib-kernel-editor" else 30, seed=1280)
    page.close()
    assert not problems, "\n".join(problems)
    idle = [name for name, changed in effects.items() if not changed]
    assert not idle, f"these controls never changed what {css} shows: {idle}"


LAYOUT_PROBLEMS = """(root) => {
  const bad = [];
  for (const c of root.querySelectorAll('[data-setting], button')) {
    const name = c.dataset.setting || c.textContent;
    const r = c.getBoundingClientRect();
    c.scrollIntoView({block: 'center'});
    const q = c.getBoundingClientRect();
    const top = document.elementFromPoint(q.x + q.width / 2, q.y + q.height / 2);
    if (r.width < 12 || r.height < 12) {
      bad.push(`${name}: ${r.width} x ${r.height} px`);
    } else if (!(top === c || c.contains(top) || [...(c.labels || [])].includes(top))) {
      bad.push(`${name}: covered by ${top && top.outerHTML.slice(0, 60)}`);
    }
    if (q.right > window.innerWidth + 1) bad.push(`${name}: off the page`);
    if (c.dataset.setting && !(c.labels && c.labels.length) && !c.getAttribute('aria-label')) {
      bad.push(`${name}: no label`);
    }
  }
  if (document.documentElement.scrollWidth > window.innerWidth) {
    bad.push('the page scrolls sideways');
  }
  return bad;
}"""


@pytest.mark.slow
@pytest.mark.parametrize("page_path, css", FOUND)
def test_live_widget_works_at_390_px(server, browser, page_path, css):
    """On a phone: every control is visible, wide enough to use and on top (not hidden
    under the picture), the widget fits the page, and a few random settings still agree."""
    problems = []
    page = open_offline(browser, server, page_path, 390, problems)
    layout = page.locator(f".{css}").first.evaluate(LAYOUT_PROBLEMS)
    assert not layout, layout
    effects = drive(page, css, steps=6, seed=390)
    page.close()
    assert not problems, "\n".join(problems)
    assert any(effects.values()), effects


@pytest.mark.slow
@pytest.mark.parametrize("page_path, css", ONE_OF_EACH)
def test_live_widget_is_readable_in_dark_mode(server, browser, page_path, css):
    """In dark mode the readout is light text on the dark page (not on a light box)."""
    problems = []
    page = open_offline(browser, server, page_path, 1280, problems)
    page.emulate_media(color_scheme="dark")
    page.wait_for_function("document.documentElement.dataset.theme === 'dark'")
    colours = page.locator(f".{css}").first.evaluate("""(root) => {
        const rgb = (s) => s.match(/[\\d.]+/g).slice(0, 3).map(Number);
        let e = root, bg = null;
        while (e) { const c = getComputedStyle(e).backgroundColor;
                    if (!c.startsWith('rgba(0, 0, 0, 0)')) { bg = c; break; } e = e.parentElement; }
        return {text: rgb(getComputedStyle(root.querySelector('.convlib-live-readout')).color),
                background: bg ? rgb(bg) : [255, 255, 255]};
    }""")
    page.close()

    def luminance(rgb):
        lin = [(c / 255) / 12.92 if c <= 10 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    text, background = luminance(colours["text"]), luminance(colours["background"])
    assert (text + 0.05) / (background + 0.05) >= 4.5, colours   # WCAG AA, light on dark
    assert not problems, "\n".join(problems)


@pytest.mark.slow
@pytest.mark.parametrize("page_path", EDITOR_PAGES)
def test_kernel_editor_says_which_entry_is_not_a_number(server, browser, page_path):
    problems = []
    page = open_offline(browser, server, page_path, 1280, problems)
    widget = Widget(page, "convlib-kernel-editor", 0, random.Random(0))
    before = widget.read()
    widget.root.locator("[data-setting='kernel 5']").fill("1/9")
    after = widget.read()
    assert after["error"].startswith("Not a number: row 2, column 3 ('1/9')"), after["error"]
    assert after["pixels"] == before["pixels"]   # the last valid kernel stays drawn
    widget.root.locator("[data-setting='kernel 5']").fill("0.5")
    assert widget.read()["error"] is None and widget.read()["pixels"] != before["pixels"]
    page.close()
    assert not problems, "\n".join(problems)
