"""Time every way of correlating one image with one kernel, on the same inputs.

    pip install -e ".[bench]"                      # optional peers: OpenCV and SciPy
    python benchmarks/correlate.py                 # the full grid, writes the results file
    python benchmarks/correlate.py --quick         # n = 128 only, nothing written
    python benchmarks/correlate.py --threads 1     # one thread only (default: 1 and 2)

The whole grid runs once for each thread count (``--threads``, default 1 and 2), and every
library in a row is given that row's threads: PyTorch and convlib by
``torch.set_num_threads``, OpenCV by ``cv2.setNumThreads``, SciPy always one (it has no
threads). Methods: the teaching loop (small cases, at the most threads only), every method
in ``convlib.algorithms`` (im2col only while its column matrix fits in ``IM2COL_BUDGET``;
``fused`` after ``convlib.fused.build()``, whose compile time is stored), F.conv2d,
``convlib.corr2d``'s own choice, and, when installed, OpenCV's ``cv2.filter2D`` and
``scipy.signal.correlate`` (both on the same float32 data; OpenCV computes a same-size output
that is cropped to the valid part, which gives it slightly more work). The methods of one
case are timed in interleaved rounds, so that a burst of load elsewhere on the machine hits
all of them alike, in a new order each round, so that none always follows the same one.
Each time is the median over rounds, each round the mean of enough calls to last about a
millisecond, after one untimed call (so that no method pays for the state of caches and
memory allocator that the previous one left). Also measures the memory
bandwidth (one shift-and-add pass over arrays much larger than the caches, and over arrays
of each image size, where the data actually is), forward + backward times (gradients),
float64 times, and how strip height and block size change ``strips`` and ``blocked``.
Prints tables and the goal figures for each thread count; writes everything with the
machine's CPU, caches, memory and library versions to
``convlib/data/benchmark_results.json``. Not part of the test suite: timings belong in a
benchmark, never in a test.
"""

import argparse
import functools
import json
import os
import pathlib
import platform
import random
import statistics
import tempfile
import time

import numpy as np
import torch
import torch.nn.functional as F

import convlib.algorithms as algorithms
import convlib.correlate as correlate
import convlib.costs as costs
from convlib import corr2d, corr2d_loop, fused
from convlib.algorithms import METHODS, kernel_rank
from convlib.correlate import method_for
from convlib.costs import COSTS, fit_costs
from convlib.measurements import (
    RESULTS,
    TARGETS,
    cache_bytes,
    caches,
    goal_figures,
)

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
GRAD_CASES = [(n, k) for n in SIZES for k in (2, 3, 7, 15, 31)]
GRAD_METHODS = ("direct", "fused", "strips", "fft", "torch")
DIRECT_GRAD_MAX_TAPS = 49  # autograd through k² shifted copies: slow and memory-hungry beyond
FLOAT64_CASES = [(n, k) for n in SIZES for k in KERNELS]
FLOAT64_METHODS = ("blocked", "fused", "strips", "fft", "torch")
FLOAT64_STRIPS_BUDGET = 2.5e8  # multiply-adds: float64 strips run at ~0.3 GFLOP/s (seconds)
STRIP_HEIGHTS = (16, 64, 256, 1024)  # STRIP_ROWS tried at 2048², k = 7
BLOCK_SIZES = (1 << 15, 1 << 17, 1 << 19, 1 << 21)  # blocked's outputs per thread, 2048², k = 3
IM2COL_BUDGET = 1e9  # bytes: im2col's column matrix holds k² copies of the image
ROUND_SECONDS = 1e-3  # each round calls a method until about this long has passed
OUT = RESULTS


def gaussian(k):
    """A k x k Gaussian blur kernel (rank one: the outer product of two 1-D Gaussians)."""
    g = torch.exp(-0.5 * (torch.arange(k) - (k - 1) / 2) ** 2 / (k / 6) ** 2)
    return torch.outer(g, g) / g.sum() ** 2


def set_threads(threads):
    """Give PyTorch (and so convlib) and OpenCV the same number of threads."""
    torch.set_num_threads(threads)
    if cv2 is not None:
        cv2.setNumThreads(threads)


def peers(X, K, loop=True, only=None):
    """The functions to time on (X, K), by name (only those named in ``only``, if given)."""
    out_h, out_w = X.shape[0] - K.shape[0] + 1, X.shape[1] - K.shape[1] + 1
    Xn, Kn = X.numpy(), K.numpy()
    X4, K4 = X[None, None], K[None, None]
    fns = {}
    if loop and (X.shape[0], K.shape[0]) in LOOP_CASES:
        fns["loop"] = lambda: corr2d_loop(X, K)
    if K.numel() * out_h * out_w * 4 <= IM2COL_BUDGET:
        fns["im2col"] = lambda: METHODS["im2col"](X, K)
    for name in ("direct", "blocked", "fused", "strips", "fft"):
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
    return {name: fn for name, fn in fns.items() if only is None or name in only}


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
    """Median seconds per call of each function, timed in interleaved rounds, in a new order
    each round (seeded): on the stored machine a method timed always right after the same
    long single-threaded one ran up to 1.7 times slower than the same calls elsewhere."""
    calls, samples = {}, {name: [] for name in fns}
    order, shuffle = list(fns), random.Random(0).shuffle
    for name, fn in fns.items():  # warm-up, and how many calls make a round
        start = time.perf_counter()
        fn()
        once = time.perf_counter() - start
        calls[name] = max(1, min(1000, int(ROUND_SECONDS / max(once, 1e-7))))
        if once > 0.3:  # the slow ones (loop, im2col, F.conv2d on 2048²): fewer rounds
            samples[name].append(once)
    for r in range(rounds):
        shuffle(order)
        for name in order:
            fn = fns[name]
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


def pass_rate(elements, rounds=7):
    """Bytes per second of one shift-and-add pass, Y += w * X, on two float32 arrays of
    ``elements`` each: it reads X and Y and writes Y, 12 bytes per element. Returns the
    median time and the bytes moved."""
    X, Y = torch.rand(elements), torch.rand(elements)
    Y.add_(X, alpha=0.5)
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(max(1, (1 << 22) // elements)):  # small arrays: several passes
            Y.add_(X, alpha=0.5)
        times.append((time.perf_counter() - start) / max(1, (1 << 22) // elements))
    return {"elements": elements, "bytes_per_pass": 12 * elements,
            "seconds": statistics.median(times),
            "bytes_per_second": 12 * elements / statistics.median(times)}


def memory_bandwidth(elements, rounds=7):
    """``pass_rate`` on arrays four times the largest cache (and at least 128 MiB): main
    memory's bandwidth."""
    return pass_rate(elements, rounds)


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
    return {"cpu": cpu_name(), "cores": os.cpu_count(),
            "default_threads": torch.get_num_threads(),
            "vector_instructions": torch.backends.cpu.get_cpu_capability(), "caches": caches(),
            "memory_bytes": memory, "python": platform.python_version(),
            "torch": torch.__version__, "numpy": np.__version__,
            "opencv": cv2.__version__ if cv2 is not None else None,
            "scipy": scipy.__version__ if scipy is not None else None,
            "c_compiler": fused.compiler()}


def compile_seconds():
    """Seconds to compile the fused loop for float32 and float64 from nothing (into an empty
    folder); then ``fused.build()`` makes it ready in the normal cache folder."""
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        for dtype in fused.DTYPES:
            fused._compile(dtype, pathlib.Path(tmp) / fused.library_path(dtype).name)
        seconds = time.perf_counter() - start
    assert fused.build(), fused.failure()
    return seconds


COLUMNS = ("im2col", "direct", "blocked", "fused", "strips", "separable", "fft", "F.conv2d",
           "convlib", "OpenCV", "SciPy")


def format_row(row, columns=COLUMNS):
    t = row["seconds"]
    cells = "".join(f"{t[m] * 1e3:9.3f}" if m in t else f"{'-':>9s}" for m in columns)
    return f"{row['threads']:2d} {row['n']:5d} {row['k']:3d} {row['kernel'][:5]:>6s}{cells}" \
        f"  {row['choice']}"


def header(columns=COLUMNS):
    return f"{'t':>2s} {'n':>5s} {'k':>3s} {'kernel':>6s}" + "".join(f"{m[:8]:>9s}"
                                                                   for m in columns)


def run(cases, rounds, threads, loop, only=None):
    rows = []
    for n, k, kind in cases:
        torch.manual_seed(n * 100 + k)
        X = torch.rand(n, n)
        K = gaussian(k) if kind == "gaussian" else torch.randn(k, k)
        fns = peers(X, K, loop, only)
        check_peers_agree(fns, X, K)
        # small images take microseconds, where noise is largest: three times the rounds
        seconds = time_case(fns, 3 * rounds if n <= 128 else rounds)
        rows.append({"threads": threads,
                     "opencv_threads": cv2.getNumThreads() if cv2 is not None else None,
                     "n": n, "k": k, "kernel": kind, "choice": method_for(X, K),
                     "seconds": seconds})
        print(format_row(rows[-1]), flush=True)
    return rows


def gradient_steps(Xg, Kg, G, names):
    """For each method name, a function that computes the correlation of Xg and Kg (with
    ``corr2d``'s choice for "convlib") and backpropagates G into both."""
    def step(method):
        Xg.grad = Kg.grad = None
        Y = corr2d(Xg, Kg) if method == "convlib" else corr2d(Xg, Kg, method=method)
        Y.backward(G)
        return Xg.grad, Kg.grad

    return {name: lambda name=name: step(name) for name in names}


def run_gradients(rounds, threads):
    """Forward + backward (gradients of the image and the kernel) of each method."""
    rows = []
    for n, k in GRAD_CASES:
        torch.manual_seed(n * 100 + k)
        X, K = torch.rand(n, n), torch.randn(k, k)
        G = torch.randn(n - k + 1, n - k + 1)
        Xg, Kg = X.clone().requires_grad_(), K.clone().requires_grad_()
        names = [m for m in GRAD_METHODS if m != "direct" or k * k <= DIRECT_GRAD_MAX_TAPS]
        steps = gradient_steps(Xg, Kg, G, [*names, "convlib"])
        expected = [g.clone() for g in steps["torch"]()]
        for name, step in steps.items():  # the same gradients, else their times mean nothing
            for got, e in zip(step(), expected, strict=True):
                assert torch.allclose(got, e, rtol=1e-3, atol=1e-3 * e.abs().max().item()), name
        seconds = time_case(steps, rounds)
        rows.append({"threads": threads, "n": n, "k": k,
                     "choice": method_for(Xg, Kg), "seconds": seconds})
        print(format_row({**rows[-1], "kernel": "grad"}, list(steps)), flush=True)
    return rows


def float64_fns(X, K):
    """The float64 methods on (X, K); F.conv2d only while the column matrix it builds in
    float64 (oneDNN has no float64 kernels: PyTorch falls back to im2col) fits the budget,
    and strips (the same fallback, per strip) only up to ``FLOAT64_STRIPS_BUDGET``."""
    out = (X.shape[0] - K.shape[0] + 1) * (X.shape[1] - K.shape[1] + 1)
    names = [m for m in FLOAT64_METHODS
             if (m != "torch" or K.numel() * out * 8 <= IM2COL_BUDGET)
             and (m != "strips" or K.numel() * out <= FLOAT64_STRIPS_BUDGET)]
    fns = {name: lambda name=name: METHODS[name](X, K) for name in names}
    fns["convlib"] = lambda: corr2d(X, K)
    if cv2 is not None:
        Xn, Kn = X.numpy(), K.numpy()
        fns["OpenCV"] = lambda: cv2.filter2D(Xn, -1, Kn, anchor=(0, 0),
                                             borderType=cv2.BORDER_CONSTANT)
    return fns


def run_float64(rounds, threads):
    rows = []
    for n, k in FLOAT64_CASES:
        torch.manual_seed(n * 100 + k)
        X, K = torch.rand(n, n, dtype=torch.float64), torch.randn(k, k, dtype=torch.float64)
        fns = float64_fns(X, K)
        seconds = time_case(fns, rounds)
        rows.append({"threads": threads, "n": n, "k": k, "dtype": "float64",
                     "choice": method_for(X, K), "seconds": seconds})
        print(format_row({**rows[-1], "kernel": "f64"}, list(fns)), flush=True)
    return rows


def run_knobs(rounds):
    """``strips`` at 2048², k = 7 for several ``STRIP_ROWS``, and ``blocked`` at 2048², k = 3
    for several block sizes: what the two constants really change."""
    torch.manual_seed(0)
    X = torch.rand(2048, 2048)
    K7, K3 = torch.randn(7, 7), torch.randn(3, 3)
    saved_rows, saved_block = algorithms.STRIP_ROWS, algorithms.machine_block_size
    try:
        strip = {}
        for rows in STRIP_HEIGHTS:
            algorithms.STRIP_ROWS = rows
            strip[rows] = time_case({"strips": lambda: algorithms.strips(X, K7)},
                                    rounds)["strips"]
        algorithms.STRIP_ROWS = saved_rows
        block = {}
        for size in BLOCK_SIZES:
            algorithms.machine_block_size = functools.partial(int, size)
            block[size] = time_case({"blocked": lambda: algorithms.blocked(X, K3)},
                                    rounds)["blocked"]
    finally:
        algorithms.STRIP_ROWS, algorithms.machine_block_size = saved_rows, saved_block
    print("strips at 2048², k = 7, by STRIP_ROWS: " + ", ".join(
        f"{r}: {t * 1e3:.1f} ms" for r, t in strip.items()))
    print("blocked at 2048², k = 3, by outputs per thread: " + ", ".join(
        f"{s}: {t * 1e3:.2f} ms" for s, t in block.items()))
    return {"strip_rows_seconds": {str(r): t for r, t in strip.items()},
            "block_size_seconds": {str(s): t for s, t in block.items()},
            "machine_block_size": saved_block()}


def shift_and_add(X, K):
    """The k_h k_w passes of shift-and-add as one expression, for ``torch.compile``."""
    k_h, k_w = K.shape
    out_h, out_w = X.shape[0] - k_h + 1, X.shape[1] - k_w + 1
    return sum(K[a, b] * X[a:a + out_h, b:b + out_w] for a in range(k_h) for b in range(k_w))


def compile_probe(rounds):
    """The other way to fuse: ``torch.compile`` of ``shift_and_add`` (Inductor writes one C++
    loop for it). Its compile time with an empty cache (the first call in a process also
    loads the compiler stack) and per new shape, and its time per call beside the fused
    loop and OpenCV, at 512², k = 3 and 2048², k = 7."""
    probe = {}
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["TORCHINDUCTOR_CACHE_DIR"] = tmp  # cold: nothing compiled before
        compiled = torch.compile(shift_and_add, dynamic=False)
        for n, k in ((512, 3), (2048, 7)):
            torch.manual_seed(n * 100 + k)
            X, K = torch.rand(n, n), torch.randn(k, k)
            start = time.perf_counter()
            compiled(X, K)
            seconds = time.perf_counter() - start
            assert torch.allclose(compiled(X, K), METHODS["fused"](X, K), atol=1e-4 * k * k)
            fns = {name: fn for name, fn in peers(X, K, loop=False).items()
                   if name in ("fused", "OpenCV")}
            fns["torch.compile"] = functools.partial(compiled, X, K)
            probe[f"{n} {k}"] = {"compile_seconds": seconds, "seconds": time_case(fns, rounds)}
            print(f"torch.compile at {n}², k = {k}: compiled in {seconds:.1f} s; " + ", ".join(
                f"{m} {t * 1e3:.3f} ms" for m, t in probe[f"{n} {k}"]["seconds"].items()))
    del os.environ["TORCHINDUCTOR_CACHE_DIR"]
    return probe


def bare_op_seconds(rounds):
    """The cost of one PyTorch call that does almost nothing (adding to one float)."""
    x = torch.zeros(1)
    return time_case({"op": lambda: x.add_(1.0)}, 3 * rounds)["op"]


RULE_COLUMNS = ("blocked", "fused", "strips", "separable", "fft", "F.conv2d")
"""The methods ``choose_method`` chooses among (F.conv2d is its "torch")."""


def fit_pass(cases, thread_counts, rounds=5):
    """A first, shorter pass over the rule's candidates only, to fit the cost model to this
    machine (``convlib.measurements.fit_costs``) before the measured run uses it."""
    rows = []
    for threads in thread_counts:
        set_threads(threads)
        rows += run(cases, rounds, threads, loop=False, only=RULE_COLUMNS)
    set_threads(max(thread_counts))
    return fit_costs({"rows": rows, "grad_rows": run_gradients(rounds, max(thread_counts)),
                      "float64_rows": run_float64(rounds, max(thread_counts))})


def print_goals(goals, threads):
    print(f"\ngoal figures at {threads} thread(s) each (random kernels; the target in "
          f"brackets):")
    for key, label in (
            ("geomean_convlib_over_opencv", "geometric mean convlib / OpenCV"),
            ("max_convlib_over_opencv", "worst case convlib / OpenCV"),
            ("geomean_convlib_over_conv2d", "geometric mean convlib / F.conv2d"),
            ("max_choice_over_fastest", "chosen method / fastest convlib method"),
            ("max_convlib_over_fastest", "corr2d (choosing too) / fastest method"),
            ("geomean_convlib_over_opencv_gaussian", "Gaussian kernels: convlib / OpenCV"),
            ("loop_over_convlib_512_k3", "teaching loop / convlib at 512², k=3")):
        value = goals.get(key)
        if value is None:
            continue
        target = TARGETS.get(key)
        mark = "" if target is None else f"  (<= {target})" + \
            ("  met" if value <= target else "  NOT met")
        print(f"  {label:38s} {value:.3f}{mark}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="n = 128 only; write nothing")
    parser.add_argument("--rounds", type=int, default=9, help="interleaved rounds per case")
    parser.add_argument("--fit", action="store_true",
                        help="first fit the cost model to this machine (a shorter pass over "
                             "the rule's candidates) and write it for the rule; the measured "
                             "run then uses it")
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2],
                        help="thread counts for PyTorch and OpenCV alike (default: 1 2)")
    args = parser.parse_args()
    info = machine()
    print(f"{info['cpu']}, {info['cores']} cores, torch {info['torch']}, "
          f"OpenCV {info['opencv']}, SciPy {info['scipy']}, C compiler {info['c_compiler']}")
    compiled = compile_seconds()
    print(f"fused loop compiled (float32 and float64) in {compiled:.2f} s")
    most = max(args.threads)
    set_threads(most)
    elements = max(1 << 25, largest_cache_bytes(info))  # 4 bytes each: 4x the largest cache
    bandwidth = memory_bandwidth(elements)
    print(f"memory bandwidth at {most} threads (Y += w X on two arrays of "
          f"{4 * elements / 2**20:.0f} MiB): {bandwidth['bytes_per_second'] / 1e9:.1f} GB/s")
    arithmetic = arithmetic_rate()
    print(f"arithmetic (a {arithmetic['n']}² float32 matrix product): "
          f"{arithmetic['flops_per_second'] / 1e9:.0f} GFLOP/s")
    sizes = (128,) if args.quick else SIZES
    cases = [(n, k, "random") for n in sizes for k in KERNELS]
    cases += [(n, k, "gaussian") for n, k in GAUSSIAN if n in sizes]
    if args.fit and not args.quick:
        print("\nfitting the cost model (5 rounds, the rule's candidates only)")
        tables = fit_pass(cases, args.threads)
        COSTS.write_text(json.dumps({"fitted_to": info, "tables": tables}, indent=1) + "\n")
        costs.method_costs.cache_clear()
        correlate._CHOICES.clear()
        print(f"wrote the fitted cost model to {COSTS}")
    rows, goals, passes = [], {}, {}
    for threads in args.threads:
        set_threads(threads)
        passes[str(threads)] = {str(n): pass_rate(n * n) for n in sizes}
        print(f"\n{threads} thread(s) each; one pass Y += w X at n x n: " + ", ".join(
            f"{n}²: {p['bytes_per_second'] / 1e9:.0f} GB/s"
            for n, p in passes[str(threads)].items()))
        print("times in ms (median)")
        print(header())
        these = run(cases, args.rounds, threads, loop=threads == most)
        rows += these
        goals[str(threads)] = goal_figures(these)
        print_goals(goals[str(threads)], threads)
    set_threads(most)
    extra = {}
    if not args.quick:
        print(f"\nforward + backward, {most} threads, ms")
        extra["grad_rows"] = run_gradients(args.rounds, most)
        print(f"\nfloat64, {most} threads, ms")
        extra["float64_rows"] = run_float64(args.rounds, most)
        print()
        extra["knobs"] = run_knobs(args.rounds)
        extra["bare_op_seconds"] = bare_op_seconds(args.rounds)
        print(f"one bare PyTorch call: {extra['bare_op_seconds'] * 1e6:.1f} µs")
        extra["torch_compile"] = compile_probe(args.rounds)
    bandwidth_after = memory_bandwidth(elements)
    drift = bandwidth_after["seconds"] / bandwidth["seconds"]
    verdict = ("close to 1: the machine was quiet" if 0.9 <= drift <= 1.1
               else "far from 1: the machine was busy; measure again")
    print(f"\nbandwidth measured again at the end: {drift:.2f} x the first time ({verdict})")
    results = {
        "machine": info,
        "unit": "seconds per call (median of interleaved rounds)",
        "compile_seconds": compiled,
        "memory_bandwidth": bandwidth,
        "memory_bandwidth_again": bandwidth_after,
        "pass_rates": passes,
        "arithmetic": arithmetic,
        "im2col_budget_bytes": IM2COL_BUDGET,
        "rows": rows,
        **extra,
        "targets": TARGETS,
        "goals": goals,
    }
    if not args.quick:
        OUT.write_text(json.dumps(results, indent=1) + "\n")
        print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
