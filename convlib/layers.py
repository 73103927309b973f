"""Convolutional layers written from scratch: one channel (``Conv2D``), many (``Conv2DMulti``)."""

import math

import torch
from torch import nn

from .channels import check_groups, corr2d_multi
from .checks import as_int, as_pair
from .correlate import convolve2d, corr2d

OPERATIONS = {"correlation": corr2d, "convolution": convolve2d}


class Conv2D(nn.Module):
    """One-channel 2-D convolutional layer: ``forward(X) = corr2d(X, weight) + bias``.

    Parameters: ``weight`` of shape (k_h, k_w), initialised uniformly in [0, 1) as in d2l,
    and ``bias``, a scalar (shape ()) starting at 0.

    Args:
        kernel_size: int or (k_h, k_w).
        operation: ``"correlation"`` (what deep learning calls convolution) or
            ``"convolution"`` (the kernel flipped first, as the mathematicians' definition
            would have it).

    Shape:
        - Input: (n_h, n_w)
        - Output: (n_h - k_h + 1, n_w - k_w + 1)

    Example::

        >>> layer = Conv2D((1, 2))
        >>> layer(torch.ones(6, 8)).shape
        torch.Size([6, 7])
        >>> layer
        Conv2D(kernel_size=(1, 2))
    """

    def __init__(self, kernel_size, *, operation="correlation"):
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


class Conv2DMulti(nn.Module):
    """Multi-channel 2-D convolutional layer: ``forward(X) = corr2d_multi(X, weight, bias, ...)``.

    Parameters: ``weight`` of shape (c_o, c_i / groups, k_h, k_w) and ``bias`` of shape (c_o,)
    (or no bias with ``bias=False``), initialised as ``nn.Conv2d`` initialises its own, so the
    two layers are interchangeable. The arguments are ``nn.Conv2d``'s, in its order, and the
    text form is its own.

    Args:
        in_channels: c_i. out_channels: c_o.
        kernel_size, stride, padding, dilation: int or (height, width).
        groups: split the channels into this many groups (it must divide c_i and c_o).
        bias: whether the layer has a bias.

    Shape:
        - Input: (c_i, n_h, n_w) or (N, c_i, n_h, n_w)
        - Output: (c_o, out_h, out_w) or (N, c_o, out_h, out_w), out_h as in ``corr2d``.

    Example::

        >>> layer = Conv2DMulti(3, 8, 3, stride=2, padding=1)
        >>> layer(torch.ones(3, 32, 32)).shape
        torch.Size([8, 16, 16])
        >>> layer
        Conv2DMulti(3, 8, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1))
    """

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0,
                 dilation=1, groups=1, bias=True):
        super().__init__()
        in_channels = as_int("in_channels", in_channels, 1)
        out_channels = as_int("out_channels", out_channels, 1)
        groups = check_groups(in_channels, out_channels, groups)
        self.in_channels, self.out_channels, self.groups = in_channels, out_channels, groups
        self.kernel_size = as_pair("kernel_size", kernel_size, minimum=1)
        self.padding = as_pair("padding", padding, minimum=0)
        self.stride = as_pair("stride", stride, minimum=1)
        self.dilation = as_pair("dilation", dilation, minimum=1)
        self.weight = nn.Parameter(torch.empty(
            (out_channels, in_channels // groups) + self.kernel_size))
        self.bias = nn.Parameter(torch.empty(out_channels)) if bias else None
        # nn.Conv2d's initialisation: uniform in +-1/sqrt(fan_in) for the bias, and the
        # equivalent kaiming_uniform_ (a = sqrt(5)) bound for the weight
        nn.init.kaiming_uniform_(self.weight, a=math.sqrt(5))
        if self.bias is not None:
            bound = 1 / math.sqrt(self.weight[0].numel())
            nn.init.uniform_(self.bias, -bound, bound)

    def forward(self, X):
        return corr2d_multi(X, self.weight, self.bias, stride=self.stride, padding=self.padding,
                            dilation=self.dilation, groups=self.groups)

    def extra_repr(self):
        text = (f"{self.in_channels}, {self.out_channels}, kernel_size={self.kernel_size}, "
                f"stride={self.stride}")  # nn.Conv2d's text: stride always shown
        for name, default in (("padding", (0, 0)), ("dilation", (1, 1))):
            if getattr(self, name) != default:
                text += f", {name}={getattr(self, name)}"
        if self.groups != 1:
            text += f", groups={self.groups}"
        return text + ("" if self.bias is not None else ", bias=False")
