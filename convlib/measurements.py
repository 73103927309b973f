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
