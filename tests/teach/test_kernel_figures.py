import matplotlib.pyplot as plt
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from convlib.teach.kernel_figures import (
    flip_figure,
    output_weights,
    receptive_field_figure,
    weights_figure,
)

X = torch.tensor([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]])
K = torch.tensor([[0.0, 1.0], [2.0, 3.0]])


def test_output_weights_are_the_layers_weights():
    torch.manual_seed(0)
    linear = nn.Linear(20, 20)
    conv = nn.Conv2d(1, 1, 3, padding=1)
    # the fully connected layer: row 2 * 5 + 3 of its weight matrix
    assert torch.equal(output_weights(linear, (4, 5), 2, 3), linear.weight[13].reshape(4, 5))
    # the convolution: its kernel, placed around the output, cut off at the border
    inner = output_weights(conv, (4, 5), 2, 3)
    assert torch.equal(inner[1:4, 2:5], conv.weight[0, 0].detach())
    assert (inner != 0).sum() == 9
    corner = output_weights(conv, (4, 5), 0, 0)
    assert torch.equal(corner[0:2, 0:2], conv.weight[0, 0, 1:, 1:].detach())
    assert (corner != 0).sum() == 4


def test_output_weights_refuses_a_layer_that_changes_the_size():
    with pytest.raises(ValueError, match=r"shape \[4, 5\] to shape \[2, 3\]"):
        output_weights(nn.Conv2d(1, 1, 3), (4, 5), 0, 0)


def test_weights_figure_counts_the_weights_each_output_reads():
    torch.manual_seed(0)
    fig = weights_figure(nn.Linear(64, 64), nn.Conv2d(1, 1, 3, padding=1), (8, 8),
                         outputs=((0, 0), (5, 4)))
    titles = [ax.get_title() for ax in fig.axes]
    assert titles == ["output (0, 0): 64 weights", "output (5, 4): 64 weights",
                      "output (0, 0): 4 weights", "output (5, 4): 9 weights"]
    plt.close(fig)


def test_flip_figure_shows_both_outputs_and_the_flipped_kernel():
    fig = flip_figure(X, K)
    texts = [t.get_text() for t in fig.axes[0].texts]
    correlation = F.conv2d(X[None, None], K[None, None])[0, 0]
    convolution = F.conv2d(X[None, None], K.flip(0, 1)[None, None])[0, 0]
    assert correlation.tolist() == [[19, 25], [37, 43]]
    numbers = sorted(float(t) for t in texts if t.isdigit())
    expected = (2 * X.flatten().tolist() + 2 * K.flatten().tolist()
                + K.flip(0, 1).flatten().tolist() + correlation.flatten().tolist()
                + convolution.flatten().tolist())
    assert numbers == sorted(expected)
    assert {"correlation", "convolution", "⋆", "*", "flip(K)"} <= set(texts)
    plt.close(fig)


def test_receptive_field_figure_shades_the_field():
    stacks = {"one": [(3, 1)], "three": [(3, 1)] * 3, "gaps": [(2, 3), (2, 1)]}
    fig = receptive_field_figure(stacks, 9)
    assert [ax.get_xlabel() for ax in fig.axes] == [
        "extent 3, 9 inputs", "extent 7, 49 inputs", "extent 5, 16 inputs"]
    shaded = [sum(p.get_facecolor()[:3] != (1.0, 1.0, 1.0) for p in ax.patches)
              for ax in fig.axes]
    assert shaded == [9, 49, 16]
    assert all(len(ax.patches) == 81 for ax in fig.axes)
    plt.close(fig)
