"""Time every way of correlating one image with one kernel, on the same inputs.

    pip install -e ".[bench]"                      # optional peers: OpenCV and SciPy
    python benchmarks/correlate.py                 # the full grid, writes the results file
    python benchmarks/correlate.py --quick         # n = 128 only, nothing written
    python benchmarks/correlate.py --threads 1     # one thread (a busy machine: fairer)

Methods: the teaching loop (small cases only), every method in ``convlib.algorithms``
(im2col only while its column matrix fits in ``IM2COL_BUDGET``), F.conv2d,
``convlib.corr2d``'s own choice, and, when installed, OpenCV's ``cv2.filter2D`` and
``scipy.signal.correlate`` (both on the same float32 data; OpenCV computes a same-size output
that is cropped to the valid part, which gives it slightly more work). The methods of one
case are timed in interleaved rounds, so that a burst of load elsewhere on the machine hits
all of them alike; each time is the median over rounds, each round the mean of enough calls
to last about a millisecond, after one untimed call (so that no method pays for the state
of caches and memory allocator that the previous one left). Also measures the memory
bandwidth (one shift-and-add pass over arrays much larger than the caches). Prints a table
and the goal figures; writes everything with the machine's CPU, caches, memory, thread
count and library versions to
``convlib/data/benchmark_results.json``. Not part of the test suite: timings belong in a
benchmark, never in a test.
"""

import argparse
import json
import os
import pathlib
import platform
import statistics
import time

import numpy as np
import torch
import torch.nn.functional as F

from convlib import corr2d, corr2d_loop
from convlib.algorithms import METHODS, kernel_rank
from convlib.correlate import method_for
from convlib.measurements import RESULTS, TARGETS, cache_bytes, caches, goal_figures

try:
    import cv2
except ImportError:  # the peers are optional: pip install -e ".[bench]"
    cv2 = None
try:
    import scipy
    import scipy.signal
except ImportError:
    scipy = None

SIZES = (128, 512, 2048)
KERNELS = (2, 3, 7, 15, 31)
GAUSSIAN = ((512, 7), (512, 15), (2048, 7), (2048, 31))  # separable (rank-one) cases
LOOP_CASES = {(128, k) for k in KERNELS} | {(512, 3)}  # microseconds per output
IM2COL_BUDGET = 1e9  # bytes: im2col's column matrix holds k² copies of the image
ROUND_SECONDS = 1e-3  # each round calls a method until about this long has passed
OUT = RESULTS


def gaussian(k):
    """A k x k Gaussian blur kernel (rank one: the outer product of two 1-D Gaussians)."""
    g = torch.exp(-0.5 * (torch.arange(k) - (k - 1) / 2) ** 2 / (k / 6) ** 2)
    return torch.outer(g, g) / g.sum() ** 2


def peers(X, K):
    """The functions to time on (X, K), by name."""
    out_h, out_w = X.shape[0] - K.shape[0] + 1, X.shape[1] - K.shape[1] + 1
    Xn, Kn = X.numpy(), K.numpy()
    X4, K4 = X[None, None], K[None, None]
    fns = {}
    if (X.shape[0], K.shape[0]) in LOOP_CASES:
        fns["loop"] = lambda: corr2d_loop(X, K)
    if K.numel() * out_h * out_w * 4 <= IM2COL_BUDGET:
        fns["im2col"] = lambda: METHODS["im2col"](X, K)
    for name in ("direct", "blocked", "strips", "fft"):
        fns[name] = lambda name=name: METHODS[name](X, K)
    if kernel_rank(K) == 1:
        fns["separable"] = lambda: METHODS["separable"](X, K)
    fns["F.conv2d"] = lambda: F.conv2d(X4, K4)
    fns["convlib"] = lambda: corr2d(X, K)
    if cv2 is not None:
        fns["OpenCV"] = lambda: cv2.filter2D(Xn, -1, Kn, anchor=(0, 0),
                                             borderType=cv2.BORDER_CONSTANT)[:out_h, :out_w]
    if scipy is not None:
        fns["SciPy"] = lambda: scipy.signal.correlate(Xn, Kn, mode="valid")
    return fns


def check_peers_agree(fns, X, K):
    """Every function computes the same correlation (else its time means nothing), to within
    1e-4 of the largest possible output; the reference is the FFT in float64."""
    expected = METHODS["fft"](X.double(), K.double())  # float64 F.conv2d would unfold
    scale = (K.abs().sum() * X.abs().max()).item()
    for name, fn in fns.items():
        if name == "loop":
            continue
        got = torch.as_tensor(np.asarray(fn())).reshape(expected.shape).double()
        error = (got - expected).abs().max().item()
        assert error <= 1e-4 * scale, f"{name} disagrees with F.conv2d by {error}"


def time_case(fns, rounds):
    """Median seconds per call of each function, timed in interleaved rounds."""
    calls, samples = {}, {name: [] for name in fns}
    for name, fn in fns.items():  # warm-up, and how many calls make a round
        start = time.perf_counter()
        fn()
        once = time.perf_counter() - start
        calls[name] = max(1, min(1000, int(ROUND_SECONDS / max(once, 1e-7))))
        if once > 0.3:  # the slow ones (loop, im2col, F.conv2d on 2048²): fewer rounds
            samples[name].append(once)
    for r in range(rounds):
        for name, fn in fns.items():
            slow = samples[name] and samples[name][0] > 0.3
            if slow and r >= 2:
                continue
            if not slow:
                fn()  # untimed: what the previous method left in caches and allocator
            start = time.perf_counter()
            for _ in range(calls[name]):
                fn()
            samples[name].append((time.perf_counter() - start) / calls[name])
    return {name: statistics.median(s) for name, s in samples.items()}


def memory_bandwidth(elements, rounds=7):
    """Bytes per second of one shift-and-add pass, Y += w * X, on two float32 arrays of
    ``elements`` each (``main`` makes each array four times the largest cache, and at least
    128 MiB): it reads X and Y and writes Y, 12 bytes per element. Returns the median time
    and the bytes moved."""
    X, Y = torch.rand(elements), torch.rand(elements)
    Y.add_(X, alpha=0.5)
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        Y.add_(X, alpha=0.5)
        times.append(time.perf_counter() - start)
    return {"bytes_per_pass": 12 * elements, "seconds": statistics.median(times),
            "bytes_per_second": 12 * elements / statistics.median(times)}


def arithmetic_rate(n=2048, rounds=5):
    """Floating-point operations per second of a float32 matrix product of two n x n
    matrices (2 n^3 operations), the kind of work CPUs do fastest: the roof of the roofline."""
    A, B = torch.rand(n, n), torch.rand(n, n)
    A @ B
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        A @ B
        times.append(time.perf_counter() - start)
    return {"n": n, "seconds": statistics.median(times),
            "flops_per_second": 2 * n**3 / statistics.median(times)}


def largest_cache_bytes(info):
    return max((cache_bytes(size) for size in info["caches"].values()), default=0)


def cpu_name():
    try:
        for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine():
    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        memory = None
    if cv2 is not None:
        cv2.setNumThreads(torch.get_num_threads())  # the same threads as PyTorch
    return {"cpu": cpu_name(), "threads": torch.get_num_threads(),
            "vector_instructions": torch.backends.cpu.get_cpu_capability(), "caches": caches(),
            "memory_bytes": memory, "python": platform.python_version(),
            "torch": torch.__version__, "numpy": np.__version__,
            "opencv": cv2.__version__ if cv2 is not None else None,
            "opencv_threads": cv2.getNumThreads() if cv2 is not None else None,
            "scipy": scipy.__version__ if scipy is not None else None}


COLUMNS = ("im2col", "direct", "blocked", "strips", "separable", "fft", "F.conv2d",
           "convlib", "OpenCV", "SciPy")


def format_row(row):
    t = row["seconds"]
    cells = "".join(f"{t[m] * 1e3:9.3f}" if m in t else f"{'-':>9s}" for m in COLUMNS)
    return f"{row['n']:5d} {row['k']:3d} {row['kernel'][:5]:>6s}{cells}  {row['choice']}"


def run(cases, rounds):
    rows = []
    for n, k, kind in cases:
        torch.manual_seed(n * 100 + k)
        X = torch.rand(n, n)
        K = gaussian(k) if kind == "gaussian" else torch.randn(k, k)
        fns = peers(X, K)
        check_peers_agree(fns, X, K)
        # small images take microseconds, where noise is largest: three times the rounds
        seconds = time_case(fns, 3 * rounds if n <= 128 else rounds)
        rows.append({"n": n, "k": k, "kernel": kind, "choice": method_for(X, K),
                     "seconds": seconds})
        print(format_row(rows[-1]), flush=True)
    return rows


def print_goals(goals):
    print("\ngoal figures (random kernels; the target in brackets):")
    for key, label in (
            ("geomean_convlib_over_opencv", "geometric mean convlib / OpenCV"),
            ("max_convlib_over_opencv", "worst case convlib / OpenCV"),
            ("geomean_convlib_over_conv2d", "geometric mean convlib / F.conv2d"),
            ("max_added_at_128_seconds", "convlib - F.conv2d at 128², worst"),
            ("max_convlib_over_fastest", "convlib / fastest convlib method"),
            ("geomean_convlib_over_opencv_gaussian", "Gaussian kernels: convlib / OpenCV"),
            ("loop_over_convlib_512_k3", "teaching loop / convlib at 512², k=3")):
        value = goals.get(key)
        if value is None:
            continue
        shown = f"{value * 1e6:.1f} µs" if key.endswith("seconds") else f"{value:.3f}"
        target = TARGETS.get(key)
        mark = "" if target is None else f"  (<= {target * 1e6:.0f} µs)" \
            if key.endswith("seconds") else f"  (<= {target})"
        print(f"  {label:38s} {shown}{mark}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="n = 128 only; write nothing")
    parser.add_argument("--rounds", type=int, default=9, help="interleaved rounds per case")
    parser.add_argument("--threads", type=int, default=None,
                        help="threads for PyTorch and OpenCV (default: PyTorch's default)")
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    info = machine()
    print(f"{info['cpu']}, {info['threads']} threads, torch {info['torch']}, "
          f"OpenCV {info['opencv']}, SciPy {info['scipy']}")
    elements = max(1 << 25, largest_cache_bytes(info))  # 4 bytes each: 4x the largest cache
    bandwidth = memory_bandwidth(elements)
    print(f"memory bandwidth (Y += w X on two arrays of {4 * elements / 2**20:.0f} MiB): "
          f"{bandwidth['bytes_per_second'] / 1e9:.1f} GB/s")
    arithmetic = arithmetic_rate()
    print(f"arithmetic (a {arithmetic['n']}² float32 matrix product): "
          f"{arithmetic['flops_per_second'] / 1e9:.0f} GFLOP/s")
    print("times in ms (median)")
    print(f"{'n':>5s} {'k':>3s} {'kernel':>6s}" + "".join(f"{m[:8]:>9s}" for m in COLUMNS))
    sizes = (128,) if args.quick else SIZES
    cases = [(n, k, "random") for n in sizes for k in KERNELS]
    cases += [(n, k, "gaussian") for n, k in GAUSSIAN if n in sizes]
    rows = run(cases, args.rounds)
    goals = goal_figures(rows)
    print_goals(goals)
    bandwidth_after = memory_bandwidth(elements)
    drift = bandwidth_after["seconds"] / bandwidth["seconds"]
    verdict = ("close to 1: the machine was quiet" if 0.9 <= drift <= 1.1
               else "far from 1: the machine was busy; measure again")
    print(f"\nbandwidth measured again at the end: {drift:.2f} x the first time ({verdict})")
    if not args.quick:
        OUT.write_text(json.dumps({
            "machine": info,
            "unit": "seconds per call (median of interleaved rounds)",
            "memory_bandwidth": bandwidth,
            "memory_bandwidth_again": bandwidth_after,
            "arithmetic": arithmetic,
            "im2col_budget_bytes": IM2COL_BUDGET,
            "rows": rows,
            "targets": TARGETS,
            "goals": goals,
        }, indent=1) + "\n")
        print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
