"""Binder and Colab can run the chapters, and the launch links point at the right notebooks."""

import json
import re

import yaml
from conftest import ROOT

CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
REPO = CONFIG["repository"]["url"]
CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))


def pins(path):
    return {line.split("==")[0]: line.split("==")[1] for line in
            (ROOT / path).read_text(encoding="utf-8").splitlines() if "==" in line}


def test_binder_pins_match_the_top_level():
    binder, top = pins("binder/requirements.txt"), pins("requirements.txt")
    assert binder["torch"] == top["torch"] == "2.13.0"
    assert all(top[name] == version for name, version in binder.items())
    text = (ROOT / "binder" / "requirements.txt").read_text(encoding="utf-8")
    assert "--extra-index-url https://download.pytorch.org/whl/cpu" in text
    assert text.rstrip().endswith("-e .")
    assert (ROOT / "binder" / "runtime.txt").read_text().strip() == "python-3.11"


def test_every_chapter_installs_convlib_on_colab_from_the_configured_repository():
    for path in CHAPTERS:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        first = "".join(next(c for c in cells if c["cell_type"] == "code")["source"])
        assert 'find_spec("convlib") is None' in first, path.name
        assert f'BOOK = "{REPO}"' in first and '"convlib @ git+{BOOK}"' in first, path.name


def test_launch_links_in_the_built_html_point_at_each_notebook():
    owner_repo = REPO.removeprefix("https://github.com/")
    for path in CHAPTERS:
        html = (ROOT / "_build" / "html" / "chapters" / f"{path.stem}.html").read_text(
            encoding="utf-8")
        links = set(re.findall(r'href="([^"]+)"', html))
        binder = (f"https://mybinder.org/v2/gh/{owner_repo}/main"
                  f"?urlpath=lab/tree/chapters/{path.name}")
        colab = f"https://colab.research.google.com/github/{owner_repo}/blob/main/chapters/{path.name}"
        assert binder in links, (path.name, [link for link in links if "binder" in link])
        assert colab in links, (path.name, [link for link in links if "colab" in link])
        assert f"../_sources/chapters/{path.name}" in links  # the download button
        assert REPO in links  # the repository button
