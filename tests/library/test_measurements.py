"""The committed benchmark results are complete and agree with the figures derived from them.

No timing happens here: these tests read the stored file (timings belong in the benchmark).
"""

import json
import math
import statistics

import pytest

from convlib.algorithms import METHODS
from convlib.costs import cost_features, fit_costs
from convlib.measurements import (
    CONVLIB_METHODS,
    TARGETS,
    benchmark_results,
    cache_bytes,
    fastest_method,
    goal_figures,
)

RESULTS = benchmark_results()
THREADS = sorted({r["threads"] for r in RESULTS["rows"]})
GRID = [r for r in RESULTS["rows"] if r["kernel"] == "random"]


def geomean(values):
    return math.exp(statistics.mean(map(math.log, values)))


def test_results_cover_the_grid_at_one_and_two_threads_and_name_the_machine():
    machine = RESULTS["machine"]
    assert machine["cpu"] and machine["cores"] >= 1 and machine["c_compiler"]
    for library in ("torch", "numpy", "python", "opencv", "scipy"):
        assert library in machine  # None when a peer was not installed
    assert THREADS == [1, 2]
    for threads in THREADS:
        rows = [r for r in GRID if r["threads"] == threads]
        grid = {(row["n"], row["k"]) for row in rows}
        assert grid == {(n, k) for n in (128, 512, 2048) for k in (2, 3, 7, 15, 31)}
        assert len(rows) == len(grid)
    for row in RESULTS["rows"]:
        assert set(CONVLIB_METHODS) - {"im2col", "separable"} <= set(row["seconds"])
        assert row["choice"] in METHODS and "convlib" in row["seconds"]
        assert all(t > 0 for t in row["seconds"].values())
        assert row["opencv_threads"] == row["threads"]  # like with like
    assert 0 < RESULTS["compile_seconds"] < 20


def test_gaussian_rows_are_separable_and_time_the_separable_method():
    gaussian = [r for r in RESULTS["rows"] if r["kernel"] == "gaussian"]
    assert gaussian
    for row in gaussian:
        assert "separable" in row["seconds"]


def test_memory_bandwidth_is_bytes_over_seconds():
    bw = RESULTS["memory_bandwidth"]
    assert math.isclose(bw["bytes_per_second"], bw["bytes_per_pass"] / bw["seconds"],
                        rel_tol=1e-9)


@pytest.mark.parametrize("threads", [1, 2])
def test_stored_goal_figures_follow_from_the_rows(threads):
    """Recomputed here independently of goal_figures, and by goal_figures."""
    goals = RESULTS["goals"][str(threads)]
    rows = [r for r in RESULTS["rows"] if r["threads"] == threads]
    grid = [r for r in rows if r["kernel"] == "random"]
    assert goals == goal_figures(rows)
    assert RESULTS["targets"] == TARGETS
    over_conv2d = [r["seconds"]["convlib"] / r["seconds"]["F.conv2d"] for r in grid]
    assert math.isclose(goals["geomean_convlib_over_conv2d"], geomean(over_conv2d),
                        rel_tol=1e-9)
    assert math.isclose(goals["max_convlib_over_conv2d"], max(over_conv2d), rel_tol=1e-9)
    if RESULTS["machine"]["opencv"]:
        over_cv = [r["seconds"]["convlib"] / r["seconds"]["OpenCV"] for r in grid]
        assert math.isclose(goals["geomean_convlib_over_opencv"], geomean(over_cv),
                            rel_tol=1e-9)
        assert math.isclose(goals["max_convlib_over_opencv"], max(over_cv), rel_tol=1e-9)
    to_fastest = max(r["seconds"]["convlib"] / min(r["seconds"][m] for m in CONVLIB_METHODS
                                                  if m in r["seconds"])
                     for r in rows)
    assert math.isclose(goals["max_convlib_over_fastest"], to_fastest, rel_tol=1e-9)
    column = {"torch": "F.conv2d"}
    choice = max(r["seconds"][column.get(r["choice"], r["choice"])]
                 / min(r["seconds"][m] for m in CONVLIB_METHODS if m in r["seconds"])
                 for r in rows)
    assert math.isclose(goals["max_choice_over_fastest"], choice, rel_tol=1e-9)


def test_goal_figures_on_made_up_rows():
    rows = [{"n": 128, "k": 3, "kernel": "random", "choice": "torch",
             "seconds": {"F.conv2d": 2.0, "convlib": 3.0, "OpenCV": 1.5, "fft": 4.0}},
            {"n": 512, "k": 3, "kernel": "random", "choice": "fused",
             "seconds": {"F.conv2d": 8.0, "convlib": 1.0, "OpenCV": 2.0, "fft": 0.5,
                         "fused": 0.9, "loop": 100.0}}]
    goals = goal_figures(rows)
    assert goals["geomean_convlib_over_conv2d"] == pytest.approx((1.5 * 0.125) ** 0.5)
    assert goals["max_convlib_over_opencv"] == pytest.approx(2.0)
    assert goals["max_convlib_over_fastest"] == pytest.approx(2.0)  # 1.0 / fft's 0.5
    assert goals["max_choice_over_fastest"] == pytest.approx(1.8)  # fused's 0.9 / 0.5
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


def test_fit_costs_recovers_the_costs_rows_were_made_from():
    """Rows timed by a made-up model (fixed cost, per multiply-add, per output; the FFT per
    N log2 N and per N) give back that model's coefficients."""
    made_up = {"fused": [4e-6, 2e-11, 3e-10, 1e-9], "fft": [5e-5, 1e-9, 2e-9, 0.0],
               "F.conv2d": [1e-5, 3e-10, 0.0, 2e-9], "blocked": [2e-5, 1e-10, 5e-10, 0.0],
               "strips": [3e-5, 5e-11, 1e-9, 4e-9]}
    rows = []
    for n in (100, 300, 900):
        for k in (2, 5, 11, 17):
            seconds = {}
            for column, c in made_up.items():
                method = "torch" if column == "F.conv2d" else column
                f = cost_features(method, (k, k), (n - k + 1, n - k + 1))
                seconds[column] = sum(a * b for a, b in zip(c, f, strict=True))
            rows.append({"threads": 2, "n": n, "k": k, "kernel": "random", "seconds": seconds})
    tables = fit_costs({"rows": rows})
    assert list(tables) == ["float32 2"]
    for column, c in made_up.items():
        got = tables["float32 2"]["torch" if column == "F.conv2d" else column]
        assert got == pytest.approx(c, rel=1e-6, abs=1e-15), column


def test_cost_features_count_the_work():
    assert cost_features("fused", (3, 3), (10, 10)) == [1.0, 900.0, 100.0, 90.0]
    assert cost_features("separable", (3, 5), (10, 10)) == [1.0, 800.0, 100.0, 80.0]
    assert cost_features("fused", (3, 3), (5, 5), stride=(2, 2)) == [1.0, 729.0, 81.0, 81.0]
    assert cost_features("blocked", (3, 3), (5, 5), stride=(2, 2)) == [1.0, 225.0, 25.0, 45.0]
    assert cost_features("fft", (3, 3), (30, 30)) == [1.0, 1024.0 * 10, 1024.0, 0.0]
    assert cost_features("fft", (2, 2), (2047, 2047))[2] == 2048.0**2


def test_the_shipped_cost_model_was_fitted_to_a_run_on_the_same_kind_of_cpu():
    """The rule's coefficients come from a run of the benchmark (``--fit``) on the CPU of the
    shipped results; its choices are checked against those results in test_algorithms."""
    from convlib.costs import COSTS, method_costs

    fitted = json.loads(COSTS.read_text())["fitted_to"]
    assert fitted["cpu"] == RESULTS["machine"]["cpu"]
    assert set(method_costs()) == {"float32 1", "float32 2", "float64 2", "float32 grad 2"}
    for table in method_costs().values():
        for coefficients in table.values():
            assert len(coefficients) == 4 and min(coefficients) >= 0


def test_fit_costs_reads_f_conv2d_under_either_name():
    """The grid rows name F.conv2d's column "F.conv2d", the float64 and gradient rows
    "torch" (the method's name): both are fitted. The float64 table had no torch entry."""
    c = [1e-5, 3e-10, 1e-9, 2e-9]
    rows = []
    for n, k in [(100, 2), (300, 5), (900, 11), (200, 17), (600, 3)]:
        f = cost_features("torch", (k, k), (n - k + 1, n - k + 1))
        rows.append({"threads": 2, "n": n, "k": k, "dtype": "float64",
                     "seconds": {"torch": sum(a * b for a, b in zip(c, f, strict=True))}})
    tables = fit_costs({"rows": [], "float64_rows": rows, "grad_rows": rows})
    assert tables["float64 2"]["torch"] == pytest.approx(c, rel=1e-6)
    assert tables["float32 grad 2"]["torch"] == pytest.approx(c, rel=1e-6)
