"""The benchmark's measurements, shipped with convlib so that every copy of the book has them.

``benchmarks/correlate.py`` writes ``convlib/data/benchmark_results.json``; the chapter
"How fast is a convolution?" reads it. ``goal_figures`` derives the summary figures from the
rows (the benchmark stores them, a test checks that they follow from the stored rows).
"""

import json
import math
import pathlib
import statistics

RESULTS = pathlib.Path(__file__).with_name("data") / "benchmark_results.json"

CONVLIB_METHODS = ("im2col", "direct", "blocked", "fused", "strips", "separable", "fft",
                   "F.conv2d")
"""The methods ``corr2d`` can choose among (``F.conv2d`` is its ``"torch"`` method)."""

TARGETS = {
    "geomean_convlib_over_opencv": 0.8,
    "max_convlib_over_opencv": 4.0,
    "geomean_convlib_over_conv2d": 0.5,
    "max_choice_over_fastest": 1.3,
}
"""The goals (issue 23): each figure of ``goal_figures`` should be at most this, at each
thread count, with convlib and its peers given the same number of threads."""


def benchmark_results(path=RESULTS):
    """The measured times as a dict: ``machine`` (cpu, cores, caches, memory, versions),
    ``memory_bandwidth``, ``pass_rates`` (one pass at each image size, by thread count),
    ``rows`` (one per case and thread count: ``threads``, ``n``, ``k``, ``kernel``
    ("random" or "gaussian"), the method ``choice`` and ``seconds`` per method),
    ``grad_rows`` (forward + backward), ``float64_rows``, ``knobs`` (strip heights, block
    sizes), ``compile_seconds`` (the fused loop), ``targets`` and ``goals`` (by thread count).

    Example::

        >>> run = benchmark_results()
        >>> "machine" in run and "rows" in run and run["rows"][0]["n"] > 0
        True
    """
    return json.loads(pathlib.Path(path).read_text(encoding="utf-8"))


def cache_bytes(size):
    """Bytes of a cache size as the benchmark stores it, e.g. ``"32768K"`` (lscpu's K, M
    and G are powers of 1024) or a plain number of bytes.

    Example::

        >>> cache_bytes("48K"), cache_bytes("2M")
        (49152, 2097152)
    """
    if not isinstance(size, str) or not size.strip():
        raise TypeError(f"Expected size to be a string like '48K', got {size!r}")
    text = size.strip().upper().removesuffix("IB").removesuffix("B")
    scale = {"K": 2**10, "M": 2**20, "G": 2**30}.get(text[-1:], 1)
    number = text[:-1] if scale > 1 else text
    try:
        return int(float(number) * scale)
    except ValueError:
        raise ValueError(f"Expected size like '48K' or '32M', got {size!r}") from None


def caches():
    """This machine's data cache sizes by level, as Linux reports them (sysfs), e.g.
    ``{"L1": "48K", "L2": "2048K", "L3": "307200K"}``; empty where they cannot be read.

    Example::

        >>> isinstance(caches(), dict)
        True
    """
    found = {}
    for index in sorted(pathlib.Path("/sys/devices/system/cpu/cpu0/cache").glob("index*")):
        try:
            if (index / "type").read_text().strip() != "Instruction":
                found["L" + (index / "level").read_text().strip()] = \
                    (index / "size").read_text().strip()
        except OSError:
            pass
    return found


def _geomean(values):
    return math.exp(statistics.mean(math.log(v) for v in values)) if values else None


def fastest_method(row):
    """The name of the fastest of ``corr2d``'s methods in one row.

    Example::

        >>> fastest_method({"seconds": {"direct": 2.0, "fft": 0.5, "F.conv2d": 1.0}})
        'fft'
    """
    times = row["seconds"]
    return min((m for m in CONVLIB_METHODS if m in times), key=times.get)


def goal_figures(rows):
    """The summary figures of the benchmark rows of one thread count, over the random
    kernels (the grid) unless the name says otherwise; ratios are times, so below 1 means
    convlib is faster. ``max_choice_over_fastest`` compares the method ``corr2d`` chose (its
    own column) with the fastest of convlib's methods: how good the rule is;
    ``max_convlib_over_fastest`` times ``corr2d`` itself, so it adds the few microseconds
    ``corr2d`` spends checking its input and choosing, which show on the smallest images.

    Example::

        >>> rows = [r for r in benchmark_results()["rows"] if r["threads"] == 1]
        >>> goal_figures(rows)["max_choice_over_fastest"] >= 1
        True
    """
    grid = [r for r in rows if r.get("kernel", "random") == "random"]

    def ratios(peer, among=grid):
        return [r["seconds"]["convlib"] / r["seconds"][peer] for r in among
                if peer in r["seconds"]]

    gaussian = [r for r in rows if r.get("kernel") == "gaussian"]
    to_fastest = [r["seconds"]["convlib"] / r["seconds"][fastest_method(r)] for r in rows]
    column = {"torch": "F.conv2d"}
    choice_to_fastest = [r["seconds"][column.get(r["choice"], r["choice"])]
                         / r["seconds"][fastest_method(r)] for r in rows]
    loop = [r["seconds"]["loop"] / r["seconds"]["convlib"] for r in grid
            if (r["n"], r["k"]) == (512, 3) and "loop" in r["seconds"]]
    return {
        "geomean_convlib_over_opencv": _geomean(ratios("OpenCV")),
        "max_convlib_over_opencv": max(ratios("OpenCV"), default=None),
        "geomean_convlib_over_scipy": _geomean(ratios("SciPy")),
        "geomean_convlib_over_conv2d": _geomean(ratios("F.conv2d")),
        "max_convlib_over_conv2d": max(ratios("F.conv2d")),
        "max_choice_over_fastest": max(choice_to_fastest),
        "max_convlib_over_fastest": max(to_fastest),
        "geomean_convlib_over_opencv_gaussian": _geomean(ratios("OpenCV", gaussian)),
        "loop_over_convlib_512_k3": loop[0] if loop else None,
    }


def cost_features(method, kernel_shape, output_shape, stride=(1, 1)):
    """What a method's time grows with, for the cost model ``seconds = c · features``:
    ``[1, multiply-adds, outputs, taps × output rows]``: a fixed cost per call, the
    arithmetic, the memory, and the loop over the taps that starts anew for each output row
    (what a small image with a large kernel pays most). For the FFT
    ``[1, N log2 N, N, 0]``, with N the padded input's pixels. ``fused`` computes every
    stride-1 output and keeps every s-th; ``separable`` has k_h + k_w taps (one rank-one
    term).

    Example::

        >>> cost_features("fused", (3, 3), (10, 10))
        [1.0, 900.0, 100.0, 90.0]
        >>> cost_features("fft", (3, 3), (30, 30))[2]     # the 32 x 32 input
        1024.0
    """
    (k_h, k_w), (out_h, out_w) = kernel_shape, output_shape
    if method == "fft":
        from .algorithms import fast_length

        N = fast_length((out_h - 1) * stride[0] + k_h) * fast_length((out_w - 1) * stride[1]
                                                                      + k_w)
        return [1.0, float(N * math.log2(N)), float(N), 0.0]
    if method == "fused":
        out_h, out_w = (out_h - 1) * stride[0] + 1, (out_w - 1) * stride[1] + 1
    taps = k_h + k_w if method == "separable" else k_h * k_w
    return [1.0, float(out_h * out_w * taps), float(out_h * out_w), float(taps * out_h)]


def _fit(features, seconds):
    """Least squares on relative errors, with no negative cost: c >= 0 minimising
    sum over rows of (c · f / t - 1)^2 (a coefficient that comes out negative is dropped and
    the rest fitted again)."""
    import torch

    A = torch.tensor(features, dtype=torch.float64)
    t = torch.tensor(seconds, dtype=torch.float64)
    scaled = A / t[:, None]
    keep = list(range(A.shape[1]))
    while True:
        c = torch.linalg.lstsq(scaled[:, keep], torch.ones(len(t), 1, dtype=torch.float64),
                               driver="gelsd").solution[:, 0]
        if (c >= 0).all():
            break
        keep = [j for j, value in zip(keep, c.tolist(), strict=True) if value > 0]
    coefficients = [0.0] * A.shape[1]
    for j, value in zip(keep, c.tolist(), strict=True):
        coefficients[j] = value
    return coefficients


COST_COLUMNS = {"torch": "F.conv2d"}
"""The benchmark's column of a method where the names differ."""


def fit_costs(results):
    """Fit the cost model (``cost_features``) of every method to a benchmark run: one table
    per dtype, gradients or not, and thread count, named like ``"float32 2"``,
    ``"float64 2"`` or ``"float32 grad 2"``; each maps a method to its coefficients
    (seconds per call, per feature).

    Example::

        >>> costs = fit_costs(benchmark_results())
        >>> sorted(costs["float32 1"])
        ['blocked', 'fft', 'fused', 'separable', 'strips', 'torch']
    """
    groups = {}
    for row in results["rows"]:
        groups.setdefault(f"float32 {row['threads']}", []).append(row)
    for row in results.get("float64_rows", []):
        groups.setdefault(f"float64 {row['threads']}", []).append(row)
    for row in results.get("grad_rows", []):
        groups.setdefault(f"float32 grad {row['threads']}", []).append(row)
    tables = {}
    for name, rows in groups.items():
        table = {}
        for method in ("blocked", "fused", "strips", "separable", "fft", "torch", "direct"):
            column = COST_COLUMNS.get(method, method)
            if " grad " in name and method == "torch":
                column = "torch"
            if method == "direct" and " grad " not in name:
                continue  # without gradients, blocked does the same passes faster
            timed = [r for r in rows if column in r["seconds"]]
            if not timed:
                continue
            features = [cost_features(method, (r["k"], r["k"]),
                                      (r["n"] - r["k"] + 1, r["n"] - r["k"] + 1))
                        for r in timed]
            table[method] = _fit(features, [r["seconds"][column] for r in timed])
        tables[name] = table
    return tables
