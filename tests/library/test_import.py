"""``import convlib`` loads the maths only: no plotting, imaging, widget or teaching modules,
and it reads nothing from the machine (the cache sizes are read the first time they are used)."""

import json
import subprocess
import sys

HEAVY = ("matplotlib", "PIL", "ipywidgets", "IPython", "anywidget", "sklearn", "scipy",
         "convlib.teach", "convlib.images", "convlib.measurements")


def modules_after(statement):
    code = (f"import json, sys; {statement}; "
            "print(json.dumps(sorted(sys.modules)))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    return json.loads(result.stdout)


def test_import_convlib_loads_the_maths_only():
    loaded = modules_after("import convlib")
    assert "convlib.correlate" in loaded and "torch" in loaded
    heavy = [m for m in loaded if m.split(".")[0] in HEAVY or m.startswith(HEAVY)]
    assert not heavy, heavy


def test_the_heavy_list_catches_a_teaching_import():
    """The check above can fail: importing the teaching tools loads matplotlib."""
    loaded = modules_after("import convlib.teach.plotting")
    assert "matplotlib" in loaded and "convlib.teach" in loaded


def test_import_reads_no_cache_sizes():
    code = ("import convlib.algorithms as a; "
            "print(a.machine_block_size.cache_info().currsize)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "0"
