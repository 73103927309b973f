"""Fixes to the theme's pages (the browser test checks each).

Code fits the page: ``assets/page-width.css`` widens the main column, so that a code block
shows about 90 characters in a 1280-px window (the theme's width shows 77).

Two fixes so the theme's pages run with no console errors:

- sphinx-thebe registers its inline configuration script twice on every page (once with
  filename ``None``, once with ``''``), and the second ``const THEBE_JS_URL`` throws
  "Identifier has already been declared": scripts with the same content are kept once.
- With no mode stored yet, the theme sets ``data-mode=""`` and logs "Got invalid theme
  mode"; ``sphinx-book-theme`` does not accept the ``default_mode`` option, so the template
  variable is set directly: ``auto``, which follows the reader's system (light or dark).
"""

import pathlib


def script_key(script):
    return (getattr(script, "filename", None) or "",
            tuple(sorted(getattr(script, "attributes", {}).items())))


def fix_page(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if scripts:
        seen, unique = set(), []
        for script in scripts:
            if script_key(script) not in seen:
                seen.add(script_key(script))
                unique.append(script)
        scripts[:] = unique
    if not context.get("default_mode"):
        context["default_mode"] = "auto"


def setup(app):
    app.connect("html-page-context", fix_page, priority=900)
    assets = str(pathlib.Path(__file__).resolve().parent.parent / "assets")
    if assets not in app.config.html_static_path:
        app.config.html_static_path.append(assets)
    app.add_css_file("page-width.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
