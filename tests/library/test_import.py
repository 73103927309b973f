"""``import convlib`` loads the maths only: no plotting, imaging, widget or teaching modules,
and it reads nothing from the machine (the cache sizes are read the first time they are used)."""

import json
import subprocess
import sys

import pytest

HEAVY = ("matplotlib", "PIL", "ipywidgets", "IPython", "anywidget", "sklearn", "scipy",
         "convlib.teach", "convlib.images", "convlib.measurements", "convlib.datasets")


def after(statement):
    """The modules loaded, and how many block sizes were read, after ``statement`` runs in a
    fresh interpreter."""
    code = (f"import json, sys; {statement}; import convlib.algorithms as a; "
            "print(json.dumps([sorted(sys.modules), "
            "a.machine_block_size.cache_info().currsize]))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    return json.loads(result.stdout)


def heavy(modules):
    return [m for m in modules if m.split(".")[0] in HEAVY or m.startswith(HEAVY)]


def test_import_convlib_loads_the_maths_only_and_reads_no_cache_sizes():
    loaded, blocks_read = after("import convlib")
    assert "convlib.correlate" in loaded and "torch" in loaded
    assert not heavy(loaded), heavy(loaded)
    assert blocks_read == 0


@pytest.mark.slow
def test_the_check_catches_a_teaching_import():
    """The check above can fail: the teaching tools load matplotlib, and a correlation by
    the blocked method reads the block size."""
    loaded, blocks_read = after(
        "import convlib.teach.plotting, convlib, torch; "
        "convlib.corr2d(torch.zeros(600, 600), torch.zeros(3, 3), method='blocked')")
    assert "matplotlib" in heavy(loaded) and "convlib.teach" in heavy(loaded)
    assert blocks_read == 1
