"""Receptive fields of stacked correlations: their extent by the recurrence, and the
inputs themselves by gradients.

A stack is a list of layers, each a pair ``(k, s)``: kernel size and stride along one axis.
"""

import torch

from .checks import as_pair
from .correlate import corr2d


def receptive_field(layers):
    """Extent (along one axis) of the receptive field of one output of the stack.

    The extent is the number of input rows (or columns) from the first that affects the
    output to the last, the side of the smallest square that holds the receptive field.
    Walks back from one output (extent 1) with ``r_in = s * r_out + k - s`` per layer,
    that is ``1 + sum((k_l - 1) * s_1 * ... * s_(l-1))``. When no layer's stride exceeds
    its kernel size, the receptive field fills the whole ``r x r`` square; a stride larger
    than the kernel makes the windows skip inputs, which can leave gaps (``influence``
    shows them).
    ``layers``: a list of ``(k, s)`` pairs of positive ints, first layer first.
    """
    r = 1
    for i, (k, s) in enumerate(reversed(layers)):
        as_pair(f"layers[{len(layers) - 1 - i}]", (k, s), minimum=1)
        r = s * r + k - s
    return r


def influence(layers, input_size):
    """Which inputs change one output: the nonzero gradient of that output w.r.t. the input.

    Builds the stack from square all-ones kernels (no weight can cancel another; with no
    nonlinearity the gradient is the same at every input), runs a
    ``(input_size, input_size)`` input through it, and back-propagates from the output at
    the middle of the final map. Returns a bool tensor of shape (input_size, input_size):
    the receptive field of that output, gaps included.
    """
    X = torch.zeros(input_size, input_size, requires_grad=True)
    Y = X
    for k, s in layers:
        Y = corr2d(Y, torch.ones(k, k), stride=s)
    Y[Y.shape[0] // 2, Y.shape[1] // 2].backward()
    return X.grad != 0
