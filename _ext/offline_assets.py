"""Serve MathJax and the Jupyter widget manager from the built site itself: no CDN.

Both come from package registries, pinned in this repository, and are never committed:

- MathJax 3 from the PyPI package ``sphinx-mathjax-offline`` (requirements.txt): only the
  ``tex-chtml`` bundle, its fonts and the parts it loads lazily are copied to
  ``_static/mathjax/`` (the whole distribution would add 24 MB to the site);
- the widget manager and what it loads, from npm (package.json and its lockfile, installed
  by ``npm ci``), copied to ``_static/widgets/``: RequireJS (``requirejs/require.js``), the
  html-manager's ``embed-amd.js`` and the icon fonts it expects beside it, and anywidget's
  front end (``anywidget/dist/index.js``, as ``anywidget.js``), which runs the book's live
  widgets (``convlib.teach.live``) from the ES module stored in each widget's state.

``_config.yml`` points Sphinx's ``mathjax_path`` at the MathJax copy, and myst-nb's
``nb_ipywidgets_js`` (the scripts of pages with widgets, in order) at RequireJS, then
``assets/widget-loader.js`` (it tells RequireJS where ``anywidget`` and the fonts are, from
its own URL, so every page depth works), then ``embed-amd.js``. ``embed.js``, which has no
module loader, could not load anywidget; the two together render every widget twice.
The build fails with a clear message if a package is missing.
"""

import importlib.util
import pathlib
import shutil

from sphinx.errors import ExtensionError

ROOT = pathlib.Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
WIDGET_DIST = NODE_MODULES / "@jupyter-widgets" / "html-manager" / "dist"
WIDGET_SCRIPTS = {  # served as _static/widgets/<name>: where npm installs each one
    "require.js": NODE_MODULES / "requirejs" / "require.js",
    "embed-amd.js": WIDGET_DIST / "embed-amd.js",
    "anywidget.js": NODE_MODULES / "anywidget" / "dist" / "index.js",
}
MATHJAX_PARTS = ["tex-chtml.js", "input/tex/extensions", "output/chtml/fonts/woff-v2",
                 "a11y", "ui"]
FONT_SUFFIXES = {".woff", ".woff2", ".ttf", ".eot", ".svg"}


def mathjax_source():
    spec = importlib.util.find_spec("sphinx-mathjax-offline")
    if spec is None or spec.origin is None:
        raise ExtensionError("MathJax is missing: pip install -r requirements.txt "
                             "(it pins sphinx-mathjax-offline)")
    return pathlib.Path(spec.origin).parent / "static" / "mathjax"


def check_sources(app):
    """Fail early, before any page is written, if an asset package is not installed."""
    mathjax_source()
    missing = [str(path.relative_to(ROOT)) for path in WIDGET_SCRIPTS.values()
               if not path.exists()]
    if missing:
        raise ExtensionError(f"the widget scripts are missing ({', '.join(missing)}): run "
                             "`npm ci` in the repository (package.json pins them)")


def copy_assets(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    static = pathlib.Path(app.outdir) / "_static"
    source = mathjax_source()
    for part in MATHJAX_PARTS:
        src, dst = source / part, static / "mathjax" / part
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst, dirs_exist_ok=True)
        else:
            shutil.copy2(src, dst)
    widgets = static / "widgets"
    widgets.mkdir(parents=True, exist_ok=True)
    for name, path in WIDGET_SCRIPTS.items():
        shutil.copy2(path, widgets / name)
    for path in WIDGET_DIST.iterdir():
        if path.suffix in FONT_SUFFIXES:
            shutil.copy2(path, widgets / path.name)


def setup(app):
    app.connect("builder-inited", check_sources)
    app.connect("build-finished", copy_assets)
    app.config.html_static_path.append(str(ROOT / "assets"))
    # before the widget manager, which calls MathJax 2's MathJax.Hub.Queue
    app.add_js_file("mathjax-hub-shim.js", priority=100)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
