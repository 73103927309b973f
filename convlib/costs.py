"""The cost model ``corr2d`` chooses its method by: a predicted time for each method.

For each method, ``seconds = c · cost_features(...)``: a fixed cost per call, a cost per
multiply-add, per output, and per tap and output row (the FFT: per N log2 N and per N). The
coefficients c are fitted (``fit_costs``) to a run of ``benchmarks/correlate.py`` on one
machine, one table per dtype, thread count and gradients or not, and shipped in
``data/method_costs.json``; ``convlib.correlate.choose_method`` takes the method with the
smallest prediction.
"""

import functools
import json
import math
import pathlib

import torch

from .algorithms import fast_length

COSTS = pathlib.Path(__file__).with_name("data") / "method_costs.json"
"""The cost model's coefficients, fitted by ``benchmarks/correlate.py --fit``
(``convlib.measurements.fit_costs``) to a run on one machine."""

@functools.cache
def method_costs():
    """The fitted cost tables (``COSTS``): ``{"float32 1": {method: coefficients}, ...}``.

    Example::

        >>> sorted(method_costs())
        ['float32 1', 'float32 2', 'float32 grad 2', 'float64 2']
    """
    return json.loads(COSTS.read_text(encoding="utf-8"))["tables"]


def cost_table(dtype=torch.float32, needs_grad=False, threads=1):
    """The name of the table that models ``dtype``, gradients or not, and ``threads``: the
    measured table with the most threads up to ``threads``; float16 and bfloat16 use
    float32's, and float64 with gradients float32's with gradients.

    Example::

        >>> cost_table(torch.float32, False, 8), cost_table(torch.float64, False, 1)
        ('float32 2', 'float64 2')
    """
    kind = "float64" if dtype == torch.float64 and not needs_grad else "float32"
    kind += " grad" if needs_grad else ""
    measured = sorted(int(name.rsplit(" ", 1)[1]) for name in method_costs()
                      if name.rsplit(" ", 1)[0] == kind)
    fewer = [t for t in measured if t <= threads]
    return f"{kind} {fewer[-1] if fewer else measured[0]}"


def predicted_seconds(method, kernel_shape, output_shape, *, stride=(1, 1), table="float32 2"):
    """The cost model's time for one call: its coefficients (``method_costs()[table]``) times
    ``convlib.measurements.cost_features``: a fixed cost per call, plus a cost per
    multiply-add, per output, and per tap and output row (the FFT: per N log2 N and per N).

    Example::

        >>> predicted_seconds("fused", (3, 3), (510, 510)) < predicted_seconds(
        ...     "torch", (3, 3), (510, 510))
        True
    """
    coefficients = method_costs()[table][method]
    features = cost_features(method, kernel_shape, output_shape, stride)
    return sum(c * f for c, f in zip(coefficients, features, strict=True))


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
"""The grid rows' column of a method where the names differ (the float64 and gradient rows
use the method's own name)."""


def fit_costs(results):
    """Fit the cost model (``cost_features``) of every method to a benchmark run: one table
    per dtype, gradients or not, and thread count, named like ``"float32 2"``,
    ``"float64 2"`` or ``"float32 grad 2"``; each maps a method to its coefficients
    (seconds per call, per feature).

    Example::

        >>> from convlib.measurements import benchmark_results
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
            column = method if name.startswith("float64") or " grad " in name \
                else COST_COLUMNS.get(method, method)
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
