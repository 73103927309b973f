"""The code and the notebooks are ruff-clean (the chapters are read, so they are held to it too)."""

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


def test_notebook_code_fits_the_page():
    """The book's code cells show about 88 characters before they scroll sideways."""
    result = ruff("chapters", "--select", "E501", "--line-length", "88")
    assert result.returncode == 0, result.stdout + result.stderr
