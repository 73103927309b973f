"""The committed benchmark results are complete and agree with the figures derived from them.

No timing happens here: these tests read the stored file (timings belong in the benchmark).
"""

import math
import statistics

import pytest

from convlib.algorithms import METHODS
from convlib.measurements import (
    CONVLIB_METHODS,
    TARGETS,
    benchmark_results,
    cache_bytes,
    fastest_method,
    goal_figures,
)

RESULTS = benchmark_results()
GRID = [r for r in RESULTS["rows"] if r["kernel"] == "random"]


def geomean(values):
    return math.exp(statistics.mean(map(math.log, values)))


def test_results_cover_the_grid_and_name_the_machine():
    machine = RESULTS["machine"]
    assert machine["cpu"] and machine["threads"] >= 1
    for library in ("torch", "numpy", "python", "opencv", "scipy"):
        assert library in machine  # None when a peer was not installed
    grid = {(row["n"], row["k"]) for row in GRID}
    assert grid == {(n, k) for n in (128, 512, 2048) for k in (2, 3, 7, 15, 31)}
    assert len(GRID) == len(grid)
    for row in RESULTS["rows"]:
        assert {"direct", "blocked", "strips", "fft", "F.conv2d", "convlib"} <= set(row["seconds"])
        assert row["choice"] in METHODS
        assert all(t > 0 for t in row["seconds"].values())


def test_gaussian_rows_are_separable_and_time_the_separable_method():
    gaussian = [r for r in RESULTS["rows"] if r["kernel"] == "gaussian"]
    assert gaussian
    for row in gaussian:
        assert "separable" in row["seconds"]
        assert row["choice"] == "separable"


def test_memory_bandwidth_is_bytes_over_seconds():
    bw = RESULTS["memory_bandwidth"]
    assert math.isclose(bw["bytes_per_second"], bw["bytes_per_pass"] / bw["seconds"],
                        rel_tol=1e-9)


def test_stored_goal_figures_follow_from_the_rows():
    """Recomputed here independently of goal_figures, and by goal_figures."""
    goals = RESULTS["goals"]
    assert goals == goal_figures(RESULTS["rows"])
    assert RESULTS["targets"] == TARGETS
    over_conv2d = [r["seconds"]["convlib"] / r["seconds"]["F.conv2d"] for r in GRID]
    assert math.isclose(goals["geomean_convlib_over_conv2d"], geomean(over_conv2d),
                        rel_tol=1e-9)
    assert math.isclose(goals["max_convlib_over_conv2d"], max(over_conv2d), rel_tol=1e-9)
    if RESULTS["machine"]["opencv"]:
        over_cv = [r["seconds"]["convlib"] / r["seconds"]["OpenCV"] for r in GRID]
        assert math.isclose(goals["geomean_convlib_over_opencv"], geomean(over_cv),
                            rel_tol=1e-9)
        assert math.isclose(goals["max_convlib_over_opencv"], max(over_cv), rel_tol=1e-9)
    added = max(r["seconds"]["convlib"] - r["seconds"]["F.conv2d"]
                for r in GRID if r["n"] == 128)
    assert math.isclose(goals["max_added_at_128_seconds"], added, rel_tol=1e-9)
    to_fastest = max(r["seconds"]["convlib"] / min(r["seconds"][m] for m in CONVLIB_METHODS
                                                  if m in r["seconds"])
                     for r in RESULTS["rows"])
    assert math.isclose(goals["max_convlib_over_fastest"], to_fastest, rel_tol=1e-9)


def test_goal_figures_on_made_up_rows():
    rows = [{"n": 128, "k": 3, "kernel": "random",
             "seconds": {"F.conv2d": 2.0, "convlib": 3.0, "OpenCV": 1.5, "fft": 4.0}},
            {"n": 512, "k": 3, "kernel": "random",
             "seconds": {"F.conv2d": 8.0, "convlib": 1.0, "OpenCV": 2.0, "fft": 0.5,
                         "loop": 100.0}}]
    goals = goal_figures(rows)
    assert goals["geomean_convlib_over_conv2d"] == pytest.approx((1.5 * 0.125) ** 0.5)
    assert goals["max_convlib_over_opencv"] == pytest.approx(2.0)
    assert goals["max_added_at_128_seconds"] == pytest.approx(1.0)
    assert goals["max_convlib_over_fastest"] == pytest.approx(2.0)  # 1.0 / fft's 0.5
    assert goals["loop_over_convlib_512_k3"] == pytest.approx(100.0)
    assert goals["geomean_convlib_over_scipy"] is None
    assert fastest_method(rows[0]) == "F.conv2d"


def test_cache_bytes_reads_lscpu_sizes():
    assert cache_bytes("48K") == 48 * 1024
    assert cache_bytes("32768K") == 32 * 1024**2 == cache_bytes("32 MiB")
    assert cache_bytes("1M") == cache_bytes("1024K")
    assert cache_bytes("512") == 512


@pytest.mark.parametrize("bad", ["", "K", "lots"])
def test_cache_bytes_rejects_unreadable_sizes(bad):
    with pytest.raises((ValueError, TypeError), match="Expected size"):
        cache_bytes(bad)


def test_cache_bytes_rejects_a_number():
    with pytest.raises(TypeError, match="Expected size"):
        cache_bytes(48)


def test_stored_caches_are_readable_and_smaller_than_the_bandwidth_arrays():
    results = benchmark_results()
    caches = [cache_bytes(s) for s in results["machine"]["caches"].values()]
    assert caches == sorted(caches)
    per_array = results["memory_bandwidth"]["bytes_per_pass"] / 3  # X read, Y read+write
    assert per_array > max(caches)


def test_the_shipped_run_has_its_peers_and_its_roof():
    """The chapter's sentences about OpenCV and SciPy, and its roofline, are checked against the
    shipped results only when these are in them: the shipped run must have them, so that no
    check on the page is skipped."""
    results = benchmark_results()
    assert results["machine"]["opencv"] and results["machine"]["scipy"]
    assert all({"OpenCV", "SciPy"} <= set(row["seconds"]) for row in results["rows"])
    assert results["arithmetic"]["flops_per_second"] > 0
    assert results["machine"]["vector_instructions"]
