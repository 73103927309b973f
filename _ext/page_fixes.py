"""Two fixes so the theme's pages run with no console errors (the browser test checks).

- sphinx-thebe registers its inline configuration script twice on every page (once with
  filename ``None``, once with ``''``), and the second ``const THEBE_JS_URL`` throws
  "Identifier has already been declared": scripts with the same content are kept once.
- With no mode stored yet, the theme sets ``data-mode=""`` and logs "Got invalid theme
  mode"; ``sphinx-book-theme`` does not accept the ``default_mode`` option, so the template
  variable is set directly: ``auto``, which follows the reader's system (light or dark).
"""


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
    return {"parallel_read_safe": True, "parallel_write_safe": True}
