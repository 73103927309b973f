"""Two-dimensional cross-correlation and convolution of one image with one kernel.

Shapes: the input ``X`` is ``(n_h, n_w)``, the kernel ``K`` is ``(k_h, k_w)``; with padding
``p`` per side, stride ``s`` and dilation ``d`` the output height is
``floor((n_h + 2 p_h - d_h (k_h - 1) - 1) / s_h) + 1`` (the width likewise), which is
``n_h - k_h + 1`` without padding, stride and dilation.

``corr2d`` is the fast one (it picks an algorithm from ``convlib.algorithms`` by
``choose_method``; ``method_for`` names the one it would pick);
``corr2d_loop`` is the teaching loop; ``convolve2d`` is true convolution (SciPy's name:
``F.conv2d``, despite its name, is a cross-correlation).
"""

import math

import torch
import torch.nn.functional as F

from .algorithms import BLOCKED_MAX_TAPS, METHODS, kernel_rank
from .checks import as_matrix, as_pair, check_kernel_fits
from .shapes import unchecked_output_size

FFT_TAPS_PER_LOG2 = 40
"""The FFT is used once k_h k_w / (s_h s_w) exceeds this many times log2 of the input size."""

SMALL_OUTPUT = 160 * 160
"""Up to this many outputs, ``F.conv2d``'s low fixed cost wins for small kernels."""

TOLERANCE = 1e-5
"""Every method agrees with ``F.conv2d`` to within ``TOLERANCE * sum|K| * max|X|`` (float32),
that is, relative to the largest value the output could take."""


def choose_method(kernel_shape, output_shape, stride=(1, 1), needs_grad=False, rank=None):
    """The algorithm ``corr2d`` uses: one of ``"torch"``, ``"blocked"``, ``"strips"``,
    ``"separable"`` or ``"fft"``.

    ``rank`` is the kernel's rank (``convlib.algorithms.kernel_rank``), or ``None`` if it is
    not known. The rule compares *counts* (taps, outputs, log2 of the size), not times, so
    that it carries from one CPU to another; the constants were measured with
    ``benchmarks/correlate.py`` for one image of 128² to 2048² and kernels of 2 to 31:

    - gradients needed (training): ``"torch"``, ``F.conv2d``, whose backward is tuned;
    - at most 3×3 taps per stride step (k_h k_w <= 9 s_h s_w): ``"torch"`` up to 160²
      outputs (the lowest fixed cost), else ``"blocked"`` shift-and-add (about one pass
      over memory);
    - a kernel of rank one: ``"separable"``, k_h + k_w taps instead of k_h k_w;
    - k_h k_w / (s_h s_w) above 40 log2(out_h out_w s_h s_w), that is 40 log2 of about the
      input size: ``"fft"``, whose cost grows with log n, not with the kernel;
    - otherwise ``"strips"``, a depthwise ``F.conv2d`` over row strips.

    Every method handles every shape and every float dtype ``corr2d`` accepts (float16,
    bfloat16, float32, float64), so the choice is only about speed. ``"fft"`` computes
    float16 and bfloat16 in float32 (``torch.fft`` has no others), which is still the
    fastest for a large kernel: 300² by 31² in float16, about 50 ms against 190 ms for
    ``F.conv2d`` in float16 (2 threads).

    Example::

        >>> choose_method((3, 3), (512, 512))
        'blocked'
        >>> choose_method((31, 31), (482, 482))
        'fft'
    """
    if needs_grad:
        return "torch"
    (k_h, k_w), (out_h, out_w) = kernel_shape, output_shape
    taps, steps = k_h * k_w, stride[0] * stride[1]
    if taps <= BLOCKED_MAX_TAPS * steps:
        return "torch" if out_h * out_w <= SMALL_OUTPUT else "blocked"
    if rank == 1 and k_h > 1 and k_w > 1:
        return "separable"
    if taps > FFT_TAPS_PER_LOG2 * steps * math.log2(out_h * out_w * steps):
        return "fft"
    return "strips"


def _choose(X, K, out, stride):
    needs_grad = torch.is_grad_enabled() and (X.requires_grad or K.requires_grad)
    rank = None
    if (not needs_grad and K.shape[0] * K.shape[1] > BLOCKED_MAX_TAPS
            and out[0] * out[1] > SMALL_OUTPUT and min(K.shape) > 1):
        rank = kernel_rank(K)  # worth an SVD only when the image is large
    return choose_method(K.shape, out, stride, needs_grad, rank)


def method_for(X, K, *, stride=1, padding=0, dilation=1):
    """The name of the method ``corr2d(X, K, stride=..., padding=..., dilation=...)`` would use.

    Example::

        >>> method_for(torch.zeros(512, 512), torch.zeros(3, 3))
        'blocked'
    """
    X, K = as_matrix("X", X), as_matrix("K", K)
    padding = as_pair("padding", padding, minimum=0)
    stride = as_pair("stride", stride, minimum=1)
    dilation = as_pair("dilation", dilation, minimum=1)
    out = tuple(unchecked_output_size(X.shape[a], K.shape[a], stride[a], padding[a],
                                      dilation[a]) for a in (0, 1))
    return _choose(X, K, out, stride)


def corr2d_loop(X, K):
    """Cross-correlate one image with one kernel by the definition, in a double loop.

    The teaching version: ``Y[i, j] = (X[i:i + k_h, j:j + k_w] * K).sum()`` for every
    output position. Slow (microseconds per output): use ``corr2d`` for real images.

    Args:
        X: the image, a 2-D tensor.
        K: the kernel, a 2-D tensor no larger than ``X``.

    Shape:
        - X: (n_h, n_w); K: (k_h, k_w)
        - Output: (n_h - k_h + 1, n_w - k_w + 1), a float tensor.

    Example::

        >>> corr2d_loop(torch.arange(9.).reshape(3, 3), torch.tensor([[0., 1.], [2., 3.]]))
        tensor([[19., 25.],
                [37., 43.]])
    """
    X, K = as_matrix("X", X), as_matrix("K", K)
    check_kernel_fits(X, K)
    h, w = K.shape
    Y = X.new_zeros((X.shape[0] - h + 1, X.shape[1] - w + 1), dtype=torch.result_type(X, K))
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            Y[i, j] = (X[i:i + h, j:j + w] * K).sum()
    return Y


def corr2d(X, K, *, stride=1, padding=0, dilation=1, method=None):
    """Cross-correlate one image with one kernel, fast: ``Y[i, j] = sum(X[window] * K)``.

    This is what ``F.conv2d`` computes for one channel (no kernel flip).

    Args:
        X: the image, a 2-D tensor. Integer tensors are converted to floats.
        K: the kernel, a 2-D tensor on the same device as ``X``.
        stride: step of the window, int or (s_h, s_w).
        padding: zero rows and columns added on *each* side, int or (p_h, p_w).
        dilation: spacing of the kernel's taps, int or (d_h, d_w).
        method: ``None`` picks the fastest algorithm (``choose_method``), or one of
            ``"direct"``, ``"blocked"``, ``"strips"``, ``"separable"``, ``"fft"``,
            ``"torch"``, ``"im2col"`` (see ``convlib.algorithms``).

    Shape:
        - X: (n_h, n_w); K: (k_h, k_w)
        - Output: (out_h, out_w) with out_h = floor((n_h + 2 p_h - d_h (k_h - 1) - 1) / s_h) + 1,
          the width likewise (``convlib.shapes.output_shape``).

    Every method agrees with ``F.conv2d`` to within ``TOLERANCE * sum|K| * max|X|``.
    Gradients flow to ``X`` and ``K``. The result is on ``X``'s device.

    Example::

        >>> X = torch.arange(9.).reshape(3, 3)
        >>> corr2d(X, torch.tensor([[0., 1.], [2., 3.]]))
        tensor([[19., 25.],
                [37., 43.]])
        >>> corr2d(torch.ones(6, 6), torch.ones(3, 3), stride=2, padding=1).shape
        torch.Size([3, 3])
    """
    X, K = as_matrix("X", X), as_matrix("K", K)
    if type(padding) is int and type(stride) is int and type(dilation) is int \
            and padding == 0 and stride == 1 and dilation == 1:  # the common case, cheaply
        (n_h, n_w), (k_h, k_w) = X.shape, K.shape
        out = (n_h - k_h + 1, n_w - k_w + 1)
        if method is None and k_h * k_w <= BLOCKED_MAX_TAPS and 0 < out[0] \
                and 0 < out[1] and out[0] * out[1] <= SMALL_OUTPUT \
                and X.dtype is K.dtype and X.device == K.device:
            # choose_method's first rule, without the bookkeeping: a few microseconds
            # matter on a small image
            Y = F.conv2d(X.reshape(1, 1, n_h, n_w), K.reshape(1, 1, k_h, k_w))
            return Y.view(out)
        padding, stride, dilation = (0, 0), (1, 1), (1, 1)
        if k_h > n_h or k_w > n_w:
            check_kernel_fits(X, K)
    else:
        padding = as_pair("padding", padding, minimum=0)
        stride = as_pair("stride", stride, minimum=1)
        dilation = as_pair("dilation", dilation, minimum=1)
        check_kernel_fits(X, K, padding, dilation)
        out = tuple(unchecked_output_size(X.shape[a], K.shape[a], stride[a], padding[a],
                                          dilation[a]) for a in (0, 1))
    if X.dtype != K.dtype:
        dtype = torch.result_type(X, K)
        X, K = X.to(dtype), K.to(dtype)
    if X.device != K.device:
        raise ValueError(f"X and K must be on the same device, got X on {X.device} "
                         f"and K on {K.device}")
    if method is None:
        method = _choose(X, K, out, stride)
    elif method not in METHODS:
        raise ValueError(f"method must be None or one of {sorted(METHODS)}, got {method!r}")
    if padding != (0, 0):
        X = F.pad(X, (padding[1], padding[1], padding[0], padding[0]))
    return METHODS[method](X, K, stride, dilation)


def convolve2d(X, K, *, stride=1, padding=0, dilation=1):
    """True 2-D convolution of one image with one kernel: ``K`` is flipped first.

    Not what ``F.conv2d`` computes: PyTorch's ``conv2d`` is a cross-correlation, our
    ``corr2d``. The name is SciPy's (``scipy.signal.convolve2d``), but SciPy returns the full
    convolution by default (``mode="full"``); this one returns what ``corr2d`` returns, the
    valid part unless you pad (SciPy's ``mode="valid"``). Flipping the kernel in
    both axes (``K.flip(0, 1)``) is the only difference from ``corr2d``.

    Args:
        X: the image, a 2-D tensor.
        K: the kernel, a 2-D tensor.
        stride, padding, dilation: as for ``corr2d``.

    Shape:
        - X: (n_h, n_w); K: (k_h, k_w)
        - Output: as for ``corr2d`` (the valid part of the full convolution when padding is 0).

    Example::

        >>> X = torch.arange(9.).reshape(3, 3)
        >>> convolve2d(X, torch.tensor([[0., 1.], [2., 3.]]))
        tensor([[ 5., 11.],
                [23., 29.]])
    """
    K = as_matrix("K", K)
    return corr2d(X, K.flip(0, 1), stride=stride, padding=padding, dilation=dilation)
