"""The pooling chapter's opening figure (convlib.teach.pooling_figures)."""

import matplotlib
import pytest
import torch

matplotlib.use("Agg")

from convlib.teach.pooling_figures import pooling_overview  # noqa: E402


def _cell_values(ax):
    return [float(t.get_text()) for t in ax.texts]


def test_panels_show_the_input_and_both_pools():
    X = torch.tensor([[1.0, 2, 5, 0], [3, 6, 1, 1], [0, 0, 9, 3], [4, 0, 3, 1]])
    fig = pooling_overview(X)
    inp, mx, avg = fig.axes[:3]
    assert _cell_values(inp) == X.flatten().tolist()
    assert _cell_values(mx) == [6, 5, 4, 9]
    assert _cell_values(avg) == [3, 1.75, 1, 4]
    # one outline per window on the input, and one per output cell on each pool
    assert len(inp.patches) == 4 and len(mx.patches) == len(avg.patches) == 4
    assert [p.get_edgecolor() for p in inp.patches] == [p.get_edgecolor() for p in mx.patches]


def test_rejects_a_shape_the_window_does_not_tile():
    with pytest.raises(ValueError, match="kernel_size 2.*\\[3, 4\\]"):
        pooling_overview(torch.zeros(3, 4))
