"""Correlation with many input and output channels, and what a multi-channel layer costs.

Shapes (PyTorch's): the input ``X`` is (c_i, n_h, n_w), or a batch (N, c_i, n_h, n_w) of N
images; the kernel ``K`` is (c_o, c_i / groups, k_h, k_w); the bias is (c_o,). Output
channel ``o`` is the sum, over the input channels of its group, of the one-channel
correlations ``corr2d(X[i], K[o, i])``, plus ``bias[o]``. With ``groups = g`` the c_i input
channels and the c_o kernels are split into g equal groups, and each group of kernels sees
only its own group of input channels (``groups = c_i``: each channel its own kernels, a
depthwise convolution).

The costs count what one such layer stores and computes:
``conv_parameters`` = c_o (c_i / g) k_h k_w (+ c_o for the bias), and
``multiply_adds`` = c_o (c_i / g) k_h k_w for each output position.
"""

import torch
import torch.nn.functional as F

from .checks import as_int, as_pair, as_tensor, check_kernel_fits


def check_groups(c_i, c_o, groups, shapes=""):
    """Raise ``ValueError`` unless ``groups`` divides both ``c_i`` and ``c_o``; return groups.

    Example::

        >>> check_groups(4, 8, 2)
        2


    ``shapes``: text naming where c_i and c_o come from, added to the message.
    """
    groups = as_int("groups", groups, 1)
    for label, count in (("input channels c_i", c_i), ("output channels c_o", c_o)):
        if count % groups:
            raise ValueError(f"{label} = {count} is not divisible by groups = "
                             f"{groups}{shapes}")
    return groups


def corr2d_multi(X, K, bias=None, *, stride=1, padding=0, dilation=1, groups=1):
    """Cross-correlate a multi-channel input with a stack of multi-channel kernels.

    Args:
        X: the input channels, or a batch of them.
        K: one kernel of c_i / groups channels per output channel.
        bias: one number per output channel, or None.
        stride, padding, dilation: int or (height, width), as in ``corr2d``.
        groups: split the channels into this many groups (it must divide c_i and c_o).

    Shape:
        - X: (c_i, n_h, n_w) or (N, c_i, n_h, n_w); K: (c_o, c_i / groups, k_h, k_w);
          bias: (c_o,)
        - Output: (c_o, out_h, out_w) or (N, c_o, out_h, out_w), with out_h =
          floor((n_h + 2 p_h - d_h (k_h - 1) - 1) / s_h) + 1 (the width likewise).

    Output channel
    ``o`` is ``sum_i corr2d(X[i], K[o, i]) + bias[o]`` over the input channels i of o's group.

    The arguments are checked here, with errors that name them and their shapes; the sum
    itself is handed to ``F.conv2d``. A Python loop over the c_o · c_i / g channel pairs,
    each a ``corr2d`` call, computes the same numbers (the chapter on channels checks it),
    but pays a call per pair and a pass over memory per partial result; ``F.conv2d`` does
    all pairs in one multi-threaded matrix product, and has a tuned backward for training.
    Integer inputs are accepted; the result is a float tensor. Gradients flow to every input.

    Example::

        >>> X = torch.ones(2, 4, 4)                # two channels
        >>> K = torch.ones(3, 2, 3, 3)             # three kernels of two channels each
        >>> corr2d_multi(X, K, padding=1).shape
        torch.Size([3, 4, 4])
        >>> corr2d_multi(X, K)[0]                  # 2 channels x 9 taps x 1
        tensor([[18., 18.],
                [18., 18.]])
    """
    X = as_tensor("X", X, (3, 4), "(c_i, n_h, n_w) or (N, c_i, n_h, n_w)")
    K = as_tensor("K", K, (4,), "(c_o, c_i / groups, k_h, k_w)")
    padding = as_pair("padding", padding, minimum=0)
    stride = as_pair("stride", stride, minimum=1)
    dilation = as_pair("dilation", dilation, minimum=1)
    c_i, c_o = X.shape[-3], K.shape[0]
    groups = check_groups(c_i, c_o, groups,
                 f" (X has shape {list(X.shape)}, K has shape {list(K.shape)})")
    if c_i != K.shape[1] * groups:
        raise ValueError(
            f"X has c_i = {c_i} channels (shape {list(X.shape)}) but K of shape "
            f"{list(K.shape)} with groups = {groups} expects {K.shape[1] * groups} "
            f"(K.shape[1] * groups)")
    if bias is not None:
        bias = as_tensor("bias", bias, (1,), f"of length c_o = {c_o}")
        if bias.shape[0] != c_o:
            raise ValueError(f"Expected bias to be of length c_o = {c_o} (K has shape "
                             f"{list(K.shape)}), got shape {list(bias.shape)}")
    check_kernel_fits(X, K, padding, dilation)
    tensors = [t for t in (X, K, bias) if t is not None]
    dtype = tensors[0].dtype
    for t in tensors[1:]:
        dtype = torch.promote_types(dtype, t.dtype)
    X, K = X.to(dtype), K.to(dtype)
    bias = None if bias is None else bias.to(dtype)
    batch = X if X.dim() == 4 else X[None]
    Y = F.conv2d(batch, K, bias, stride=stride, padding=padding, dilation=dilation,
                 groups=groups)
    return Y if X.dim() == 4 else Y[0]


def conv_parameters(c_i, c_o, kernel_size, *, groups=1, bias=True):
    """Number of learned numbers in a layer: c_o (c_i / groups) k_h k_w, plus c_o for a bias.

    ``kernel_size``: int or (k_h, k_w). This is
    ``sum(p.numel() for p in nn.Conv2d(c_i, c_o, kernel_size, groups=groups).parameters())``.

    Example::

        >>> conv_parameters(3, 64, 7)              # 64 * 3 * 7 * 7 weights + 64 biases
        9472
    """
    c_i, c_o = as_int("c_i", c_i, 1), as_int("c_o", c_o, 1)
    groups = check_groups(c_i, c_o, groups)
    k_h, k_w = as_pair("kernel_size", kernel_size, minimum=1)
    return c_o * (c_i // groups) * k_h * k_w + (c_o if bias else 0)


def multiply_adds(c_i, c_o, kernel_size, *, output_shape=(1, 1), groups=1):
    """Multiply–adds of one layer's forward pass on one image (the bias's additions aside).

    Each of the c_o output channels, at each of the out_h · out_w positions, sums
    (c_i / groups) k_h k_w products: c_o (c_i / groups) k_h k_w · out_h · out_w in all.
    ``output_shape`` (out_h, out_w) defaults to one position: the cost per output pixel.
    A FLOP counter (``torch.utils.flop_counter``) reports twice this: one multiply, one add.

    Example::

        >>> multiply_adds(3, 64, 7, output_shape=(112, 112))
        118013952
    """
    c_i, c_o = as_int("c_i", c_i, 1), as_int("c_o", c_o, 1)
    groups = check_groups(c_i, c_o, groups)
    k_h, k_w = as_pair("kernel_size", kernel_size, minimum=1)
    out_h, out_w = as_pair("output_shape", output_shape, minimum=1)
    return c_o * (c_i // groups) * k_h * k_w * out_h * out_w


def separable_parameters(c_i, c_o, kernel_size, *, bias=True):
    """Parameters of a depthwise-separable layer: a k_h × k_w depthwise convolution
    (c_i → c_i, groups = c_i) followed by a 1 × 1 convolution (c_i → c_o).

    Example::

        >>> separable_parameters(64, 128, 3)   # 64*9 + 64 and 64*128 + 128
        8960
"""
    return (conv_parameters(c_i, c_i, kernel_size, groups=c_i, bias=bias)
            + conv_parameters(c_i, c_o, 1, bias=bias))


def separable_multiply_adds(c_i, c_o, kernel_size, *, output_shape=(1, 1)):
    """Multiply–adds of the depthwise-separable layer: c_i k_h k_w + c_i c_o per position.

    Example::

        >>> separable_multiply_adds(64, 128, 3)  # 64*9 + 64*128
        8768
    """
    return (multiply_adds(c_i, c_i, kernel_size, output_shape=output_shape, groups=c_i)
            + multiply_adds(c_i, c_o, 1, output_shape=output_shape))

