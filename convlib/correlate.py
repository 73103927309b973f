"""Two-dimensional cross-correlation and convolution of one image with one kernel.

Shapes: the input ``X`` is ``(n_h, n_w)``, the kernel ``K`` is ``(k_h, k_w)``; with padding
``p`` per side, stride ``s`` and dilation ``d`` the output height is
``floor((n_h + 2 p_h - d_h (k_h - 1) - 1) / s_h) + 1`` (the width likewise), which is
``n_h - k_h + 1`` without padding, stride and dilation.

``corr2d`` is the fast one (it picks an algorithm from ``convlib.algorithms``);
``corr2d_loop`` is the teaching loop; ``conv2d`` is true convolution.
"""

import torch
import torch.nn.functional as F

from .algorithms import METHODS
from .checks import as_matrix, as_pair, check_kernel_fits

DIRECT_MAX_TAPS = 25
"""Shift-and-add is used while k_h * k_w / (s_h * s_w) <= 25, FFT above (see ``choose_method``)."""

SMALL_OUTPUT = 160 * 160
"""Below this many outputs, ``F.conv2d``'s lower fixed cost beats shift-and-add."""

TOLERANCE = 1e-5
"""Every method agrees with ``F.conv2d`` to within ``TOLERANCE * sum|K| * max|X|`` (float32),
that is, relative to the largest value the output could take."""


def choose_method(kernel_shape, output_shape, stride=(1, 1), needs_grad=False):
    """The algorithm ``corr2d`` uses: ``"torch"``, ``"direct"`` or ``"fft"``.

    The rule, measured with ``benchmarks/correlate.py`` on this book's CPU (2 threads), for
    one image of 128² to 2048² and kernels of 2 to 31:

    - gradients needed (training): ``"torch"``, ``F.conv2d``, whose backward is tuned;
    - k_h k_w / (s_h s_w) > 25 (larger than 5×5 without stride): ``"fft"``, whose cost hardly
      depends on the kernel size, while the others grow with the number of taps;
    - otherwise, up to 160×160 outputs: ``"torch"`` (its fixed cost is the lowest);
    - otherwise ``"direct"`` shift-and-add: k_h k_w fused passes over the output.

    Every method handles every shape ``corr2d`` accepts, so the choice is only about speed.
    """
    if needs_grad:
        return "torch"
    if kernel_shape[0] * kernel_shape[1] > DIRECT_MAX_TAPS * stride[0] * stride[1]:
        return "fft"
    if output_shape[0] * output_shape[1] <= SMALL_OUTPUT:
        return "torch"
    return "direct"


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


def corr2d(X, K, padding=0, stride=1, dilation=1, method=None):
    """Cross-correlate image ``X`` (n_h, n_w) with kernel ``K`` (k_h, k_w), fast.

    ``padding`` (int or (p_h, p_w)) adds that many zero rows/columns on *each* side, as
    PyTorch's ``padding=`` does; ``stride`` (int or (s_h, s_w)) is the step of the window;
    ``dilation`` (int or (d_h, d_w)) spaces the kernel's taps apart. Integer inputs are
    accepted; the result is a float tensor of shape
    (floor((n_h + 2 p_h - d_h (k_h - 1) - 1) / s_h) + 1, same for the width).

    ``method``: ``None`` picks the fastest algorithm (``choose_method``), or one of
    ``"direct"``, ``"fft"``, ``"torch"``, ``"im2col"`` (see ``convlib.algorithms``). All agree
    with ``F.conv2d`` to within ``TOLERANCE`` times ``sum|K| * max|X|``. Gradients flow to
    ``X`` and ``K``.
    """
    X, K = as_matrix("X", X), as_matrix("K", K)
    padding = as_pair("padding", padding, minimum=0)
    stride = as_pair("stride", stride, minimum=1)
    dilation = as_pair("dilation", dilation, minimum=1)
    check_kernel_fits(X, K, padding, dilation)
    if method is None:
        needs_grad = torch.is_grad_enabled() and (X.requires_grad or K.requires_grad)
        out = tuple((X.shape[a] + 2 * padding[a] - dilation[a] * (K.shape[a] - 1) - 1)
                    // stride[a] + 1 for a in (0, 1))
        method = choose_method(K.shape, out, stride, needs_grad)
    elif method not in METHODS:
        raise ValueError(f"method must be None or one of {sorted(METHODS)}, got {method!r}")
    if X.dtype != K.dtype:
        dtype = torch.result_type(X, K)
        X, K = X.to(dtype), K.to(dtype)
    if padding != (0, 0):
        X = F.pad(X, (padding[1], padding[1], padding[0], padding[0]))
    return METHODS[method](X, K, stride, dilation)


def conv2d(X, K, padding=0, stride=1, dilation=1):
    """True 2-D convolution of ``X`` (n_h, n_w) with ``K`` (k_h, k_w): ``K`` is flipped first.

    Flipping the kernel in both axes (``K.flip(0, 1)``) is the only difference from
    ``corr2d``; shapes, padding, stride and dilation are the same.
    """
    K = as_matrix("K", K)
    return corr2d(X, K.flip(0, 1), padding=padding, stride=stride, dilation=dilation)
