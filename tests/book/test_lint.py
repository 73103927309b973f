"""The code and the notebooks are ruff-clean (the chapters are read, so they are held to it too)."""

import re
import shutil
import subprocess

from conftest import ROOT


def ruff(*args):
    exe = shutil.which("ruff")
    assert exe, "ruff is not installed (it is pinned in requirements.txt)"
    return subprocess.run([exe, "check", *args], cwd=ROOT, capture_output=True, text=True)


def test_ruff_is_clean():
    result = ruff(".")
    assert result.returncode == 0, result.stdout + result.stderr


PAGE_WIDTH = 88
"""Characters a code block shows in a 1280-px window before it scrolls sideways: 90, measured
with assets/page-width.css (the theme alone shows 77); tests/book/test_browser.py measures the
built pages themselves."""


def test_notebook_code_fits_the_page():
    result = ruff("chapters", "--select", "E501", "--line-length", str(PAGE_WIDTH))
    assert result.returncode == 0, result.stdout + result.stderr


def test_notebook_outputs_fit_the_page():
    """Every line of printed output fits too (figures, HTML and widgets aside)."""
    import nbformat

    long_lines = []
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        for number, cell in enumerate(nbformat.read(path, as_version=4).cells):
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                if "text/html" in data or "image/png" in data:
                    continue
                text = output.get("text", "") or data.get("text/plain", "")
                long_lines += [f"{path.name} cell {number}: {line}"
                               for line in text.splitlines() if len(line) > PAGE_WIDTH]
    assert not long_lines, "\n".join(long_lines)


def test_no_directive_title_breaks_its_fence():
    """A backtick fence's info string cannot hold a backtick: "```{admonition} Going deeper:
    `ceil_mode`" renders as raw text in the page (and the -W build does not notice). Such
    titles use a colon fence (:::) or no backticks."""
    import nbformat

    broken = []
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        for number, cell in enumerate(nbformat.read(path, as_version=4).cells):
            if cell.cell_type != "markdown":
                continue
            for line in cell.source.splitlines():
                fence = re.match(r"^(`{3,})\{[\w-]+\}(.*)$", line)
                if fence and "`" in fence.group(2):
                    broken.append(f"{path.name} cell {number}: {line}")
    assert not broken, "\n".join(broken)


def test_the_fence_check_can_fail():
    line = "```{admonition} Going deeper: `ceil_mode`"
    assert "`" in re.match(r"^(`{3,})\{[\w-]+\}(.*)$", line).group(2)
