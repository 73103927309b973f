import pathlib

import pytest
from hypothesis import settings

ROOT = pathlib.Path(__file__).resolve().parent.parent

QUICK = False
"""True in the quick loop (``pytest -m "not slow"``): property tests run a tenth of their
examples. Plain ``pytest`` (the gate) runs them all."""


def pytest_configure(config):
    global QUICK
    QUICK = "not slow" in (config.getoption("markexpr", "") or "")


def examples(count):
    """Hypothesis settings for a property test: ``count`` examples in the gate, a tenth (at
    least 10) in the quick loop; no deadline (a shared CPU makes timings noisy)."""
    return settings(max_examples=max(10, count // 10) if QUICK else count, deadline=None)


@pytest.fixture(autouse=True)
def _seed():
    """Every unit test starts from the same random state."""
    import torch

    torch.manual_seed(0)


import matplotlib  # noqa: E402

matplotlib.use("Agg")  # tests draw figures without a screen
