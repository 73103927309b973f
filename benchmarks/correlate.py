"""Time every way of correlating one image with one kernel, on the same inputs.

    python benchmarks/correlate.py                 # the full grid, writes the results file
    python benchmarks/correlate.py --quick         # n = 128 only, nothing written

Methods: the teaching loop (small cases only), im2col (unfold + matmul), shift-and-add
(direct), FFT, F.conv2d, and convlib.corr2d's own choice. Each time is the median of
repeats after one warm-up call. Prints a table with the ratio convlib / F.conv2d and the
goal figures; writes the results with the machine's CPU and thread count. Not part of the
test suite: timings belong in a benchmark, never in a test.
"""

import argparse
import json
import math
import pathlib
import platform
import statistics
import time

import torch
import torch.nn.functional as F

from convlib import corr2d, corr2d_loop
from convlib.algorithms import METHODS
from convlib.correlate import choose_method
from convlib.measurements import RESULTS

SIZES = (128, 512, 2048)
KERNELS = (2, 3, 7, 15, 31)
LOOP_CASES = {(128, k) for k in KERNELS} | {(512, 3)}  # about 10 µs per output
IM2COL_BUDGET = 4e9  # bytes: im2col's column matrix holds k² copies of the image
OUT = RESULTS  # convlib/data/benchmark_results.json, shipped with the package for the speed chapter


def median_time(fn, args, repeats):
    """Median wall time of ``fn(*args)`` over ``repeats`` calls, after one warm-up call."""
    fn(*args)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def torch_conv2d(X, K):
    return F.conv2d(X[None, None], K[None, None])


def cpu_name():
    try:
        for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def run(sizes):
    torch.manual_seed(0)
    rows = []
    for n in sizes:
        X = torch.rand(n, n)
        for k in KERNELS:
            K = torch.randn(k, k)
            repeats = 5 if n >= 2048 else 11
            times = {}
            if (n, k) in LOOP_CASES:
                times["loop"] = median_time(corr2d_loop, (X, K), 1)
            if k * k * n * n * 4 <= IM2COL_BUDGET:
                times["im2col"] = median_time(METHODS["im2col"], (X, K), repeats)
            for name in ("direct", "fft"):
                times[name] = median_time(METHODS[name], (X, K), repeats)
            times["F.conv2d"] = median_time(torch_conv2d, (X, K), repeats)
            times["convlib"] = median_time(corr2d, (X, K), repeats)
            choice = choose_method(K.shape, (n - k + 1, n - k + 1))
            rows.append({"n": n, "k": k, "choice": choice, "seconds": times})
            print(format_row(rows[-1]), flush=True)
    return rows


def format_row(row):
    t = row["seconds"]
    cells = " ".join(f"{t[m] * 1e3:10.3f}" if m in t else f"{'-':>10s}"
                     for m in ("loop", "im2col", "direct", "fft", "F.conv2d", "convlib"))
    return (f"{row['n']:5d} {row['k']:3d} {cells}   {t['convlib'] / t['F.conv2d']:6.3f}"
            f"  {row['choice']}")


def goals(rows):
    ratios = [r["seconds"]["convlib"] / r["seconds"]["F.conv2d"] for r in rows]
    to_best = [r["seconds"]["convlib"] / min(v for m, v in r["seconds"].items()
                                             if m not in ("convlib", "loop"))
               for r in rows]
    loop = [r["seconds"]["loop"] / r["seconds"]["convlib"] for r in rows
            if r["n"] == 512 and r["k"] == 3 and "loop" in r["seconds"]]
    return {
        "geometric_mean_convlib_over_conv2d": math.exp(statistics.mean(map(math.log, ratios))),
        "max_convlib_over_conv2d": max(ratios),
        "max_convlib_over_fastest": max(to_best),
        "loop_over_convlib_512_k3": loop[0] if loop else None,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="n = 128 only; write nothing")
    args = parser.parse_args()
    print(f"{cpu_name()}, {torch.get_num_threads()} threads, torch {torch.__version__}")
    print("times in ms (median)")
    print(f"{'n':>5s} {'k':>3s} " + " ".join(f"{m:>10s}" for m in (
        "loop", "im2col", "direct", "fft", "F.conv2d", "convlib")) + "   convlib/F.conv2d")
    rows = run((128,) if args.quick else SIZES)
    summary = goals(rows)
    print("\ngoal figures:")
    geo = summary["geometric_mean_convlib_over_conv2d"]
    print(f"  geometric mean convlib / F.conv2d = {geo:.3f}  (goal <= 0.5)")
    print(f"  worst case convlib / F.conv2d     = {summary['max_convlib_over_conv2d']:.3f}"
          "  (goal <= 1.0)")
    print(f"  worst case convlib / fastest      = {summary['max_convlib_over_fastest']:.3f}"
          "  (goal <= 1.5)")
    if summary["loop_over_convlib_512_k3"]:
        print(f"  teaching loop / convlib, 512² k=3 = {summary['loop_over_convlib_512_k3']:.0f}x"
              "  (goal >= 1000x)")
    if not args.quick:
        OUT.write_text(json.dumps({
            "machine": {"cpu": cpu_name(), "threads": torch.get_num_threads(),
                        "torch": torch.__version__, "python": platform.python_version()},
            "unit": "seconds (median after a warm-up)",
            "rows": rows,
            "goals": summary,
        }, indent=1) + "\n")
        print(f"\nwrote {OUT}")


if __name__ == "__main__":
    main()
