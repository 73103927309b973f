import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _seed():
    """Every unit test starts from the same random state."""
    import torch

    torch.manual_seed(0)


import matplotlib  # noqa: E402

matplotlib.use("Agg")  # tests draw figures without a screen
