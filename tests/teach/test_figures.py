"""Every figure and animation in the book has alt text, and every figure an opaque background
(readable in dark mode)."""

import base64
import io
import json
import re

import pytest
from conftest import ROOT
from PIL import Image

NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb"))


def figure_cells(path):
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "code":
            continue
        images = [out["data"]["image/png"] for out in cell.get("outputs", [])
                  if "image/png" in out.get("data", {})]
        if images:
            yield cell, images


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_figures_have_alt_text(path):
    for cell, _ in figure_cells(path):
        alt = cell["metadata"].get("mystnb", {}).get("image", {}).get("alt", "")
        assert len(alt) > 20, f"{path.name}: a figure cell has no alt text:\n{cell['source']}"


def animations(path):
    """The HTML of every stored jshtml animation in the notebook at ``path``."""
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        for out in cell.get("outputs", []) if cell["cell_type"] == "code" else []:
            html = "".join(out.get("data", {}).get("text/html", ""))
            if "_anim_img" in html:
                yield html


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_animations_have_alt_text(path):
    """``to_html(anim, alt=...)`` puts a description on the frame image."""
    for html in animations(path):
        alt = re.search(r'<img alt="([^"]*)"[^>]*id="_anim_img', html)
        assert alt and len(alt.group(1)) > 20, f"{path.name}: an animation has no alt text"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_figures_are_opaque(path):
    """A transparent figure shows black text on the dark theme's dark background."""
    for cell, images in figure_cells(path):
        for data in images:
            image = Image.open(io.BytesIO(base64.b64decode(data)))
            if image.mode in ("RGBA", "LA"):
                assert image.getchannel("A").getextrema()[0] == 255, \
                    f"{path.name}: a figure has transparent pixels:\n{cell['source']}"


def test_a_transparent_figure_is_caught(tmp_path):
    buffer = io.BytesIO()
    Image.new("RGBA", (4, 4), (0, 0, 0, 0)).save(buffer, format="png")
    nb = {"cells": [{"cell_type": "code", "metadata": {}, "source": "x",
                     "outputs": [{"data": {"image/png": base64.b64encode(
                         buffer.getvalue()).decode()}}]}]}
    path = tmp_path / "t.ipynb"
    path.write_text(json.dumps(nb))
    with pytest.raises(AssertionError, match="transparent"):
        test_figures_are_opaque(path)
    with pytest.raises(AssertionError, match="alt text"):
        test_figures_have_alt_text(path)


def test_an_animation_without_alt_text_is_caught(tmp_path):
    html = '<div><img id="_anim_img0123"></div>'
    nb = {"cells": [{"cell_type": "code", "metadata": {}, "source": "x",
                     "outputs": [{"data": {"text/html": html}}]}]}
    path = tmp_path / "t.ipynb"
    path.write_text(json.dumps(nb))
    with pytest.raises(AssertionError, match="no alt text"):
        test_animations_have_alt_text(path)
