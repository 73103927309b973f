"""nbval compares nothing for a cell that never ran: hold every chapter to one fresh Run All,
stored by the refresh tool (a cell's prints as one output)."""

import json
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb"))


def problems(nb):
    """Why the notebook dict ``nb`` is not the output of one fresh Run All (empty if it is)."""
    found = []
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    counts = [c.get("execution_count") for c in code]
    never_ran = sum(n is None for n in counts)
    if never_ran:
        found.append(f"{never_ran} code cell(s) were never executed")
    elif counts != list(range(1, len(counts) + 1)):
        found.append(f"execution counts {counts} are not one fresh run (1, 2, 3, ...)")
    for c in code:
        outputs = c.get("outputs", [])
        for out in outputs:
            if out.get("output_type") == "error":
                found.append(f"a stored output is an error: {out.get('ename')}")
        # the refresh tool merges these
        for before, after in zip(outputs, outputs[1:], strict=False):
            if before.get("output_type") == after.get("output_type") == "stream" and \
                    before.get("name") == after.get("name"):
                found.append("a cell's prints are stored as several outputs")
                break
    return found


def test_there_are_chapter_notebooks():
    assert NOTEBOOKS, "no notebooks found under chapters/"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_carries_one_fresh_run(path):
    found = problems(json.loads(path.read_text(encoding="utf-8")))
    assert not found, f"{path.name}: " + "; ".join(found) + \
        " -- refresh it with: python tools/refresh_outputs.py " + str(path.relative_to(ROOT))


def _nb(counts, error=False, split=False):
    cells = [{"cell_type": "code", "execution_count": n, "outputs": []} for n in counts]
    if error:
        cells[-1]["outputs"].append({"output_type": "error", "ename": "ValueError"})
    if split:
        cells[0]["outputs"] += [{"output_type": "stream", "name": "stdout", "text": text}
                                for text in ("a\n", "b\n")]
    return {"cells": cells + [{"cell_type": "markdown", "source": ""}]}


@pytest.mark.parametrize("counts, error, expected", [
    ([1, 2, 3], False, 0),
    ([1, None, 3], False, 1),
    ([None, None], False, 1),
    ([1, 3, 4], False, 1),
    ([2, 3, 4], False, 1),
    ([1, 2], True, 1),
])
def test_the_freshness_check_itself(counts, error, expected):
    assert len(problems(_nb(counts, error))) == expected


def test_split_prints_are_caught():
    assert problems(_nb([1, 2], split=True)) == ["a cell's prints are stored as several outputs"]
