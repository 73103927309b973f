"""Re-execute chapter notebooks in place, each on a fresh kernel, and store their outputs.

    python tools/refresh_outputs.py                 # every notebook under chapters/
    python tools/refresh_outputs.py chapters/01_cross_correlation.ipynb

This is how an author updates the outputs that nbval then holds the notebooks to: one
fresh "Run All" per notebook (execution counts 1, 2, 3, ...), widget state stored so the
HTML book shows each widget as it was, no timing metadata. A cell that raises stops the
refresh and leaves the notebook file untouched.
"""

import json
import pathlib
import re
import sys

import nbformat
from nbclient import NotebookClient

ROOT = pathlib.Path(__file__).resolve().parent.parent


WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def prune_widget_state(nb):
    """Keep only the widget models a displayed widget needs.

    nbclient stores every widget the kernel ever created, including ones that were closed or
    never shown; the page needs only the models reachable from a displayed view.
    """
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    if not state:
        return
    todo = [out["data"][WIDGET_VIEW]["model_id"]
            for cell in nb.cells if cell.cell_type == "code"
            for out in cell.outputs if WIDGET_VIEW in out.get("data", {})]
    keep = set()
    while todo:
        model_id = todo.pop()
        if model_id in keep or model_id not in state:
            continue
        keep.add(model_id)
        todo.extend(re.findall(r"IPY_MODEL_([0-9a-f]+)", json.dumps(state[model_id])))
    nb.metadata["widgets"][WIDGET_STATE]["state"] = {k: v for k, v in state.items() if k in keep}


def merge_streams(nb):
    """Join consecutive stream outputs of the same name (stdout, stderr) in every code cell.

    The kernel sends a cell's prints in chunks, and a slow cell's chunks arrive as several
    outputs; how many depends on timing. One output per run of prints makes two refreshes of
    the same notebook store the same file.
    """
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        merged = []
        for out in cell.outputs:
            if (out.output_type == "stream" and merged
                    and merged[-1].output_type == "stream" and merged[-1].name == out.name):
                merged[-1].text += out.text
            else:
                merged.append(out)
        cell.outputs = merged


def refresh(path):
    """Execute the notebook at ``path`` top to bottom on a new kernel and write it back."""
    nb = nbformat.read(path, as_version=4)
    nb.metadata.pop("widgets", None)  # stale state from an earlier run
    client = NotebookClient(
        nb,
        kernel_name="python3",
        timeout=600,
        record_timing=False,
        store_widget_state=True,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    merge_streams(nb)
    prune_widget_state(nb)
    nbformat.write(nb, path)


def main(argv):
    paths = [pathlib.Path(p).resolve() for p in argv] or sorted(
        p for p in (ROOT / "chapters").glob("*.ipynb")
    )
    from convlib import fused

    if not fused.build():  # the chapters' kernels find it in its cache folder, as the tests do
        print(f"warning: convlib's fused loop cannot be built here: {fused.failure()}")
    for path in paths:
        print(f"refreshing {path.relative_to(ROOT)} ...", flush=True)
        refresh(path)
    print(f"refreshed {len(paths)} notebook(s)")


if __name__ == "__main__":
    main(sys.argv[1:])
