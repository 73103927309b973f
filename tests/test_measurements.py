"""The committed benchmark results are complete and agree with the figures derived from them."""

import math
import statistics

from convlib.measurements import benchmark_results


def test_results_cover_the_grid_and_name_the_machine():
    results = benchmark_results()
    assert results["machine"]["cpu"] and results["machine"]["threads"] >= 1
    grid = {(row["n"], row["k"]) for row in results["rows"]}
    assert grid == {(n, k) for n in (128, 512, 2048) for k in (2, 3, 7, 15, 31)}
    for row in results["rows"]:
        assert {"direct", "fft", "F.conv2d", "convlib"} <= set(row["seconds"])
        assert row["choice"] in ("direct", "fft", "torch")


def test_stored_goal_figures_follow_from_the_rows():
    results = benchmark_results()
    ratios = [r["seconds"]["convlib"] / r["seconds"]["F.conv2d"] for r in results["rows"]]
    geometric = math.exp(statistics.mean(map(math.log, ratios)))
    goals = results["goals"]
    assert math.isclose(goals["geometric_mean_convlib_over_conv2d"], geometric, rel_tol=1e-9)
    assert math.isclose(goals["max_convlib_over_conv2d"], max(ratios), rel_tol=1e-9)
