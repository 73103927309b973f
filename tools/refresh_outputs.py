"""Re-execute chapter notebooks in place, each on a fresh kernel, and store their outputs.

    python tools/refresh_outputs.py                 # every notebook under chapters/
    python tools/refresh_outputs.py chapters/01_cross_correlation.ipynb

This is how an author updates the outputs that nbval then holds the notebooks to: one
fresh "Run All" per notebook (execution counts 1, 2, 3, ...), widget state stored so the
HTML book shows each widget as it was, no timing metadata. A cell that raises stops the
refresh and leaves the notebook file untouched.
"""

import pathlib
import sys

import nbformat
from nbclient import NotebookClient

ROOT = pathlib.Path(__file__).resolve().parent.parent


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
    nbformat.write(nb, path)


def main(argv):
    paths = [pathlib.Path(p).resolve() for p in argv] or sorted(
        p for p in (ROOT / "chapters").glob("*.ipynb")
    )
    for path in paths:
        print(f"refreshing {path.relative_to(ROOT)} ...", flush=True)
        refresh(path)
    print(f"refreshed {len(paths)} notebook(s)")


if __name__ == "__main__":
    main(sys.argv[1:])
