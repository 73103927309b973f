"""Receptive fields of stacked correlations: their extent by the recurrence, and the
inputs themselves by gradients.

A stack is a list of layers, each a tuple ``(k, s)`` or ``(k, s, d)``: kernel size, stride
and dilation (default 1) along one axis, first layer first.
"""

import torch

from .checks import as_int
from .correlate import corr2d


def _layers(layers):
    """The stack as a list of (k, s, d) tuples of ints, checked."""
    if not isinstance(layers, (list, tuple)):
        raise TypeError(f"layers must be a list of (k, s) or (k, s, d) tuples, got {layers!r}")
    stack = []
    for i, layer in enumerate(layers):
        if not isinstance(layer, (list, tuple)) or len(layer) not in (2, 3):
            raise TypeError(f"layers[{i}] must be (k, s) or (k, s, d), got {layer!r}")
        k, s, d = (*layer, 1) if len(layer) == 2 else layer
        stack.append((as_int(f"layers[{i}] kernel size", k, 1),
                      as_int(f"layers[{i}] stride", s, 1),
                      as_int(f"layers[{i}] dilation", d, 1)))
    return stack


def receptive_field(layers):
    """Extent (along one axis) of the receptive field of one output of the stack.

    The extent is the number of input rows (or columns) from the first that affects the
    output to the last: the side of the smallest square that holds the receptive field.
    Walking back from one output (extent 1), each layer maps an extent r to
    ``s (r - 1) + d (k - 1) + 1``; without dilation that is ``1 + sum((k_l - 1) s_1 ... s_(l-1))``.
    The receptive field fills the whole square only when nothing skips inputs: a stride
    larger than the kernel, or a dilation above 1, can leave gaps (``influence`` shows them).

    Args:
        layers: a list of ``(k, s)`` or ``(k, s, d)`` tuples of positive ints, first layer
            first.

    Shape:
        Returns an int, the extent along one axis (the same along the other for square
        kernels).

    Example::

        >>> receptive_field([(3, 1), (3, 1)])          # two 3x3 layers see 5x5
        5
        >>> receptive_field([(2, 2), (3, 1)])          # a stride multiplies what follows
        6
        >>> receptive_field([(3, 1, 2)])               # a dilated 3x3 spans 5
        5
    """
    r = 1
    for k, s, d in reversed(_layers(layers)):
        r = s * (r - 1) + d * (k - 1) + 1
    return r


def influence(layers, input_size):
    """Which inputs change one output: the nonzero gradient of that output w.r.t. the input.

    Builds the stack from square all-ones kernels (no weight can cancel another; with no
    nonlinearity the gradient is the same at every input), runs an
    ``(input_size, input_size)`` input through it, and back-propagates from the output at
    the middle of the final map.

    Args:
        layers: as for ``receptive_field``.
        input_size: side of the square input, an int.

    Shape:
        Returns a bool tensor of shape (input_size, input_size): the receptive field of that
        output, gaps included.

    Example::

        >>> influence([(3, 1, 2)], 5).int()[2]        # a dilated kernel skips inputs
        tensor([1, 0, 1, 0, 1], dtype=torch.int32)
    """
    stack = _layers(layers)
    size = as_int("input_size", input_size, 1)
    X = torch.zeros(size, size, requires_grad=True)
    Y = X
    for k, s, d in stack:
        Y = corr2d(Y, torch.ones(k, k), stride=s, dilation=d)
    Y[Y.shape[0] // 2, Y.shape[1] // 2].backward()
    return X.grad != 0
