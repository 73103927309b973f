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

import torch
import torch.nn.functional as F

from . import fused as fused_loop
from .algorithms import METHODS, kernel_rank
from .checks import as_matrix, as_pair, check_kernel_fits
from .costs import cost_table, method_costs, predicted_seconds
from .shapes import unchecked_output_size

TOLERANCE = 1e-5
"""Every method agrees with ``F.conv2d`` to within ``TOLERANCE * sum|K| * max|X|`` (float32),
that is, relative to the largest value the output could take."""


def choose_method(kernel_shape, output_shape, *, stride=(1, 1), needs_grad=False, rank=None,
                  dtype=torch.float32, device="cpu", fused=False, threads=1):
    """The algorithm ``corr2d`` uses: the one the cost model predicts fastest.

    Args:
        kernel_shape, output_shape: (k_h, k_w) and (out_h, out_w), as tuples.
        stride: (s_h, s_w).
        needs_grad: gradients will be asked for (the forward + backward table).
        rank: the kernel's rank (``convlib.algorithms.kernel_rank``), or ``None`` if not
            known; ``"separable"`` is a candidate for rank one only.
        dtype, device: the tensors'. Off the CPU the answer is ``"torch"``: one
            ``F.conv2d`` call (cuDNN's choice), not CPU code.
        fused: whether the fused loop is ready (``convlib.fused.ready()``); ``corr2d``
            never compiles it on its own.
        threads: ``torch.get_num_threads()``.

    The model (``predicted_seconds``) was fitted to ``benchmarks/correlate.py`` on one
    machine: a fixed cost per call, a cost per multiply-add, per output, and per tap and
    output row (the FFT: per N log2 N and per N), for each method, dtype, thread count, and
    with gradients (forward + backward). On another CPU the coefficients differ, but mostly
    in proportion.

    Example::

        >>> choose_method((3, 3), (510, 510), fused=True)
        'fused'
        >>> choose_method((31, 31), (482, 482))
        'fft'
    """
    if torch.device(device).type != "cpu":
        return "torch"
    table = cost_table(dtype, needs_grad, threads)
    candidates = [m for m in method_costs()[table]
                  if (m != "fused" or (fused and dtype in fused_loop.DTYPES))
                  and (m != "separable" or (rank == 1 and min(kernel_shape) > 1))]
    return min(candidates, key=lambda m: predicted_seconds(m, kernel_shape, output_shape,
                                                           stride=stride, table=table))


SVD_SECONDS = 1e-4
"""About what ``kernel_rank``'s SVD of a kernel up to 31 x 31 costs: ``corr2d`` asks for the
rank only where ``"separable"`` would save more than this."""

_CHOICES = {}  # choose_method's answers by shapes and settings: a dictionary look-up per call


def _choose(X, K, out, stride):
    """``choose_method`` for these tensors. The kernel's rank (an SVD) is computed only where
    ``"separable"`` would win for a rank-one kernel by more than the SVD costs."""
    needs_grad = torch.is_grad_enabled() and (X.requires_grad or K.requires_grad)
    key = (K.shape, out, stride, needs_grad, X.dtype, X.is_cpu, fused_loop.ready(),
           torch.get_num_threads())
    found = _CHOICES.get(key)
    if found is None:
        kernel_shape = tuple(K.shape)
        settings = dict(stride=stride, needs_grad=needs_grad, dtype=X.dtype,
                        device=X.device, fused=key[6], threads=key[7])
        general = choose_method(kernel_shape, out, **settings)
        rank_one = choose_method(kernel_shape, out, rank=1, **settings)
        if rank_one == "separable":
            table = cost_table(X.dtype, needs_grad, key[7])
            saved = (predicted_seconds(general, kernel_shape, out, stride=stride, table=table)
                     - predicted_seconds(rank_one, kernel_shape, out, stride=stride,
                                         table=table))
            if saved < SVD_SECONDS:
                rank_one = general
        found = general, rank_one
        if len(_CHOICES) > 10_000:
            _CHOICES.clear()
        _CHOICES[key] = found
    general, rank_one = found
    if rank_one == "separable" and kernel_rank(K) == 1:
        return "separable"
    return general


def method_for(X, K, *, stride=1, padding=0, dilation=1):
    """The name of the method ``corr2d(X, K, stride=..., padding=..., dilation=...)`` would use.

    Example::

        >>> method_for(torch.zeros(2048, 2048), torch.eye(31))   # a large kernel: the FFT
        'fft'
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
            ``"direct"``, ``"blocked"``, ``"fused"``, ``"strips"``, ``"separable"``,
            ``"fft"``, ``"torch"``, ``"im2col"`` (see ``convlib.algorithms``).
            ``None`` picks ``"fused"`` only once its C loop is compiled on this machine
            (``convlib.fused.build()``, about 0.3 s once; ``method="fused"`` builds it
            too): ``corr2d`` never compiles on its own.

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
    if not (type(X) is torch.Tensor and type(K) is torch.Tensor and X.dim() == K.dim() == 2
            and X.is_floating_point() and K.is_floating_point() and X.numel() and K.numel()):
        X, K = as_matrix("X", X), as_matrix("K", K)  # checked, converted, or refused
    if type(padding) is int and type(stride) is int and type(dilation) is int \
            and padding == 0 and stride == 1 and dilation == 1:  # the common case, cheaply
        (n_h, n_w), (k_h, k_w) = X.shape, K.shape
        out = (n_h - k_h + 1, n_w - k_w + 1)
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
