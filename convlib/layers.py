"""The convolutional layer, written from scratch: a kernel ``weight`` and a scalar ``bias``."""

import torch
from torch import nn

from .checks import as_pair
from .correlate import corr2d


class Conv2D(nn.Module):
    """One-channel 2-D convolutional layer: ``forward(X) = corr2d(X, weight) + bias``.

    ``kernel_size`` is an int or (k_h, k_w). Parameters: ``weight`` of shape (k_h, k_w),
    initialised uniformly in [0, 1) as in d2l, and ``bias``, a scalar (shape ()) starting at 0.
    Input X: (n_h, n_w); output: (n_h - k_h + 1, n_w - k_w + 1).
    """

    def __init__(self, kernel_size):
        super().__init__()
        self.kernel_size = as_pair("kernel_size", kernel_size, minimum=1)
        self.weight = nn.Parameter(torch.rand(self.kernel_size))
        self.bias = nn.Parameter(torch.zeros(()))

    def forward(self, X):
        return corr2d(X, self.weight) + self.bias

    def extra_repr(self):
        return f"kernel_size={self.kernel_size}"
