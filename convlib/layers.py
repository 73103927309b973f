"""The convolutional layer, written from scratch: a kernel ``weight`` and a scalar ``bias``."""

import torch
from torch import nn

from .checks import as_pair
from .correlate import conv2d, corr2d

OPERATIONS = {"correlation": corr2d, "convolution": conv2d}


class Conv2D(nn.Module):
    """One-channel 2-D convolutional layer: ``forward(X) = corr2d(X, weight) + bias``.

    ``kernel_size`` is an int or (k_h, k_w). Parameters: ``weight`` of shape (k_h, k_w),
    initialised uniformly in [0, 1) as in d2l, and ``bias``, a scalar (shape ()) starting at 0.
    Input X: (n_h, n_w); output: (n_h - k_h + 1, n_w - k_w + 1). With
    ``operation="convolution"`` the layer computes a true convolution (the kernel flipped)
    instead, as the mathematicians' definition would have it.
    """

    def __init__(self, kernel_size, operation="correlation"):
        super().__init__()
        if operation not in OPERATIONS:
            raise ValueError(f"operation must be one of {sorted(OPERATIONS)}, got {operation!r}")
        self.kernel_size = as_pair("kernel_size", kernel_size, minimum=1)
        self.operation = operation
        self.weight = nn.Parameter(torch.rand(self.kernel_size))
        self.bias = nn.Parameter(torch.zeros(()))

    def forward(self, X):
        return OPERATIONS[self.operation](X, self.weight) + self.bias

    def extra_repr(self):
        extra = "" if self.operation == "correlation" else f", operation={self.operation!r}"
        return f"kernel_size={self.kernel_size}{extra}"
