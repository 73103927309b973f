"""Two-dimensional cross-correlation and convolution of one image with one kernel.

Shapes: the input ``X`` is ``(n_h, n_w)``, the kernel ``K`` is ``(k_h, k_w)``; with padding
``p`` per side and stride ``s`` the output is
``(floor((n_h + 2 p_h - k_h) / s_h) + 1, floor((n_w + 2 p_w - k_w) / s_w) + 1)``,
which is ``(n_h - k_h + 1, n_w - k_w + 1)`` without padding and stride.
"""

import torch
import torch.nn.functional as F

from .checks import as_matrix, as_pair, check_kernel_fits


def corr2d_loop(X, K):
    """Cross-correlate ``X`` (n_h, n_w) with ``K`` (k_h, k_w) by the definition, in a loop.

    The teaching version: a double loop over output positions. Returns a float tensor of
    shape (n_h - k_h + 1, n_w - k_w + 1). Slow (microseconds per output): use ``corr2d``
    for real images.
    """
    X, K = as_matrix("X", X), as_matrix("K", K)
    check_kernel_fits(X, K)
    h, w = K.shape
    Y = torch.zeros((X.shape[0] - h + 1, X.shape[1] - w + 1), dtype=torch.result_type(X, K))
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            Y[i, j] = (X[i:i + h, j:j + w] * K).sum()
    return Y


def corr2d(X, K, padding=0, stride=1, dilation=1):
    """Cross-correlate image ``X`` (n_h, n_w) with kernel ``K`` (k_h, k_w).

    ``padding`` (int or (p_h, p_w)) adds that many zero rows/columns on *each* side, as
    PyTorch's ``padding=`` does; ``stride`` (int or (s_h, s_w)) is the step of the window;
    ``dilation`` (int or (d_h, d_w)) spaces the kernel's taps apart. Integer inputs are
    accepted; the result is a float tensor of shape
    (floor((n_h + 2 p_h - d_h (k_h - 1) - 1) / s_h) + 1, same for the width).
    Gradients flow to ``X`` and ``K``.
    """
    X, K = as_matrix("X", X), as_matrix("K", K)
    padding = as_pair("padding", padding, minimum=0)
    stride = as_pair("stride", stride, minimum=1)
    dilation = as_pair("dilation", dilation, minimum=1)
    check_kernel_fits(X, K, padding, dilation)
    dtype = torch.result_type(X, K)
    out = F.conv2d(X.to(dtype)[None, None], K.to(dtype)[None, None],
                   padding=padding, stride=stride, dilation=dilation)
    return out[0, 0]


def conv2d(X, K, padding=0, stride=1, dilation=1):
    """True 2-D convolution of ``X`` (n_h, n_w) with ``K`` (k_h, k_w): ``K`` is flipped first.

    Flipping the kernel in both axes (``K.flip(0, 1)``) is the only difference from
    ``corr2d``; shapes, padding, stride and dilation are the same.
    """
    K = as_matrix("K", K)
    return corr2d(X, K.flip(0, 1), padding=padding, stride=stride, dilation=dilation)
