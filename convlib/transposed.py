"""Transposed convolution of one image with one kernel, and the matrix of a correlation.

Shapes: the input ``X`` is ``(n_h, n_w)``, the kernel ``K`` is ``(k_h, k_w)``. Each input
element adds ``X[i, j] * K`` (its taps ``d`` apart) into the output at rows ``i*s``,
``i*s + d``, ... and columns ``j*s``, ...; then ``padding`` p rows and columns are removed
at the top and left and only p - a at the bottom and right (``output_padding`` a; when a > p,
a - p rows and columns of zeros are appended). Along one dimension the output has

    (n - 1) s - 2p + d (k - 1) + a + 1

elements (``convlib.shapes.transposed_output_size``). With the ``output_padding`` that gives
back the correlation's input length (``output_padding_for``; 0 when s = 1), it is the
transpose of the matrix of ``corr2d(., K, stride=s, padding=p, dilation=d)``
(``correlation_matrix``), hence its name.
"""

import torch
import torch.nn.functional as F

from .checks import as_matrix, as_pair
from .correlate import corr2d
from .shapes import output_shape, output_size, transposed_output_size


def conv_transpose2d(X, K, *, stride=1, padding=0, output_padding=0, dilation=1):
    """Transposed convolution of one image with one kernel, as ``F.conv_transpose2d``: each
    input element adds ``X[i, j] * K`` into the output, stamps ``stride`` apart.

    Args:
        X: the image, a 2-D tensor. Integer tensors are converted to floats.
        K: the kernel, a 2-D tensor.
        stride: s, int or pair: the stamps' spacing.
        padding: p, int or pair: rows (columns) removed from each side of the result.
        output_padding: a, int or pair, smaller than max(stride, dilation) (PyTorch's rule):
            rows (columns) added at the bottom (right).
        dilation: d, int or pair: spacing of the kernel's taps.

    Shape:
        - X: (n_h, n_w); K: (k_h, k_w)
        - Output: ((n_h - 1) s_h - 2 p_h + d_h (k_h - 1) + a_h + 1, the width likewise)

    Gradients flow to ``X`` and ``K``. Raises ``ValueError`` for a setting with no output
    and ``TypeError`` for what is not a tensor or an int.

    Example::

        >>> conv_transpose2d(torch.tensor([[1., 2.], [3., 4.]]), torch.ones(2, 2))
        tensor([[ 1.,  3.,  2.],
                [ 4., 10.,  6.],
                [ 3.,  7.,  4.]])
        >>> conv_transpose2d(torch.ones(3, 3), torch.ones(3, 3), stride=2, padding=1).shape
        torch.Size([5, 5])
    """
    X, K = as_matrix("X", X), as_matrix("K", K)
    p = as_pair("padding", padding, minimum=0)
    s = as_pair("stride", stride, minimum=1)
    a = as_pair("output_padding", output_padding, minimum=0)
    d = as_pair("dilation", dilation, minimum=1)
    for axis, name in enumerate(("height", "width")):
        try:
            transposed_output_size(X.shape[axis], K.shape[axis], padding=p[axis], stride=s[axis],
                                   output_padding=a[axis],
                                   dilation=d[axis])
        except ValueError as error:
            raise ValueError(f"X of shape {list(X.shape)} and K of shape {list(K.shape)}, "
                             f"in {name}: {error}") from None
    if X.dtype != K.dtype:
        dtype = torch.result_type(X, K)
        X, K = X.to(dtype), K.to(dtype)
    Y = F.conv_transpose2d(X[None, None], K[None, None], padding=p, stride=s,
                           output_padding=a, dilation=d)
    return Y[0, 0]


def correlation_matrix(input_shape, K, *, stride=1, padding=0, dilation=1):
    """The matrix W with ``corr2d(X, K, stride=s, padding=p, dilation=d).flatten() ==
    W @ X.flatten()`` for every X of shape ``input_shape``.

    ``input_shape``: (n_h, n_w); ``K``: (k_h, k_w); ``stride``, ``padding``, ``dilation``:
    int or pair, as for ``corr2d``. Returns W of shape (out_h * out_w, n_h * n_w): column
    ``i * n_w + j`` is the correlation of the image with a single 1 at (i, j), flattened row
    by row. ``W.T`` is the transposed convolution with the same kernel, stride, padding and
    dilation, and the ``output_padding`` (``output_padding_for``) that gives back the shape
    (n_h, n_w). Raises ``ValueError`` naming ``input_shape`` and ``K`` if the (dilated)
    kernel does not fit the padded input.

    Example::

        >>> W = correlation_matrix((3, 3), torch.ones(2, 2))
        >>> W.shape                                  # 4 outputs, 9 inputs
        torch.Size([4, 9])
        >>> W[0]                                     # output (0, 0) reads inputs 0, 1, 3, 4
        tensor([1., 1., 0., 1., 1., 0., 0., 0., 0.])
    """
    n_h, n_w = as_pair("input_shape", input_shape, minimum=1)
    K = as_matrix("K", K)
    try:
        output_shape((n_h, n_w), tuple(K.shape), stride=stride, padding=padding,
                     dilation=dilation)
    except ValueError as error:
        raise ValueError(f"cannot correlate input_shape {(n_h, n_w)} with K of shape "
                         f"{list(K.shape)}: {error}") from None
    basis = torch.eye(n_h * n_w, dtype=K.dtype).reshape(n_h * n_w, n_h, n_w)
    columns = [corr2d(E, K, stride=stride, padding=padding, dilation=dilation).flatten()
               for E in basis]
    return torch.stack(columns, dim=1)


def stamp_positions(n, k, *, stride=1, dilation=1):
    """The output indices each input element writes to, along one dimension, before cropping.

    Returns a list with one list per input position i: the k indices ``i*s + t*d`` of its
    stamp, on a line of ``(n - 1) s + d (k - 1) + 1`` cells (padding p then removes the first
    and last p cells, and output_padding adds cells at the end).

    Example::

        >>> stamp_positions(3, 2, stride=2)
        [[0, 1], [2, 3], [4, 5]]
    """
    transposed_output_size(n, k, padding=0, stride=stride, output_padding=0,
                           dilation=dilation)  # checks the arguments
    return [[i * stride + t * dilation for t in range(k)] for i in range(n)]


def output_padding_for(n, k, *, stride=1, padding=0, dilation=1):
    """The output_padding that takes a correlation's output back to the input length ``n``.

    A correlation maps n to m = floor((n + 2p - d(k - 1) - 1) / s) + 1, and s different
    lengths n share that m; the transposed convolution with the same settings maps m to
    (m - 1) s - 2p + d (k - 1) + 1 + a, which is n for a = (n + 2p - d(k - 1) - 1) mod s.

    Example::

        >>> output_padding_for(8, 3, stride=2, padding=1)   # 8 -> 4, and 4 -> 7 + 1
        1
    """
    output_size(n, k, padding=padding, stride=stride, dilation=dilation)  # checks the arguments
    return (n + 2 * padding - dilation * (k - 1) - 1) % stride
