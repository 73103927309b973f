"""The benchmark's measurements, shipped with convlib so that every copy of the book has them.

``benchmarks/correlate.py`` writes ``convlib/data/benchmark_results.json``; the chapter
"How fast is a convolution?" plots it.
"""

import json
import pathlib

RESULTS = pathlib.Path(__file__).with_name("data") / "benchmark_results.json"


def benchmark_results(path=RESULTS):
    """The measured times as a dict: ``machine`` (cpu, threads, torch), ``rows`` (one per
    (n, k): the method ``choice`` and ``seconds`` per method) and the ``goals`` figures."""
    return json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
