"""The refresh tool keeps only the widget state that displayed widgets need, and stores a
cell's consecutive prints as one output."""

import importlib.util

import nbformat
from conftest import ROOT

spec = importlib.util.spec_from_file_location("refresh", ROOT / "tools" / "refresh_outputs.py")
refresh = importlib.util.module_from_spec(spec)
spec.loader.exec_module(refresh)


def test_prune_keeps_what_displayed_views_reach():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("w")
    cell.outputs = [nbformat.v4.new_output(
        "display_data", data={refresh.WIDGET_VIEW: {"model_id": "aa"}, "text/plain": "w"})]
    nb.cells = [cell]
    nb.metadata["widgets"] = {refresh.WIDGET_STATE: {"state": {
        "aa": {"state": {"children": ["IPY_MODEL_bb"], "layout": "IPY_MODEL_cc"}},
        "bb": {"state": {"layout": "IPY_MODEL_dd"}},
        "cc": {"state": {}}, "dd": {"state": {}},
        "ee": {"state": {"layout": "IPY_MODEL_ff"}}, "ff": {"state": {}},  # never shown
    }}}
    refresh.prune_widget_state(nb)
    assert set(nb.metadata["widgets"][refresh.WIDGET_STATE]["state"]) == {"aa", "bb", "cc", "dd"}


def test_consecutive_prints_become_one_output():
    cell = nbformat.v4.new_code_cell("print")
    stream = nbformat.v4.new_output
    cell.outputs = [stream("stream", name="stdout", text="a\n"),
                    stream("stream", name="stdout", text="b\n"),
                    stream("stream", name="stderr", text="warning\n"),
                    stream("stream", name="stdout", text="c\n"),
                    stream("display_data", data={"text/plain": "x"}),
                    stream("stream", name="stdout", text="d\n")]
    nb = nbformat.v4.new_notebook()
    nb.cells = [cell, nbformat.v4.new_markdown_cell("text")]
    refresh.merge_streams(nb)
    texts = [out.get("text", out.get("data", {}).get("text/plain")) for out in cell.outputs]
    assert texts == ["a\nb\n", "warning\n", "c\n", "x", "d\n"]
