"""Receptive fields of stacked correlations: by the recurrence, and by gradients.

A stack is a list of layers, each a pair ``(k, s)``: kernel size and stride along one axis.
"""

import torch

from .checks import as_pair
from .correlate import corr2d


def receptive_field(layers):
    """Size (along one axis) of the input region that one output of the stack sees.

    Walks back from one output (size 1) with ``r_in = s * r_out + k - s`` per layer.
    ``layers``: a list of ``(k, s)`` pairs of positive ints, first layer first.
    """
    r = 1
    for i, (k, s) in enumerate(reversed(layers)):
        as_pair(f"layers[{len(layers) - 1 - i}]", (k, s), minimum=1)
        r = s * r + k - s
    return r


def influence(layers, input_size):
    """Which inputs change one output: the nonzero gradient of that output w.r.t. the input.

    Builds the stack from square all-ones kernels (no weight can cancel another), runs a
    ``(input_size, input_size)`` input through it, and back-propagates from the output at
    the middle of the final map. Returns a bool tensor of shape (input_size, input_size).
    """
    X = torch.rand(input_size, input_size, requires_grad=True)
    Y = X
    for k, s in layers:
        Y = corr2d(Y, torch.ones(k, k), stride=s)
    Y[Y.shape[0] // 2, Y.shape[1] // 2].backward()
    return X.grad != 0
