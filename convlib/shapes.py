"""Output shapes of a correlation with padding, stride and dilation, and padding helpers.

Conventions (PyTorch's): ``padding`` p is the number of zero rows (or columns) added on
*each* side, so 2p in total; ``stride`` s is the step between window positions;
``dilation`` d spaces the kernel's taps d apart, so a kernel of size k spans d(k - 1) + 1.
Along one dimension of size n the output has

    floor((n + 2p - d(k - 1) - 1) / s) + 1

elements, which is floor((n - k + 2p + s) / s) for d = 1 and n - k + 1 for p = 0, s = 1.
A pooling window counts the same way (``pool_output_size``), with PyTorch's ``ceil_mode``.
"""

import torch.nn.functional as F

from .checks import as_int, as_matrix, as_pair


def unchecked_output_size(n, k, stride=1, padding=0, dilation=1):
    """The formula ``floor((n + 2p - d(k - 1) - 1) / s) + 1`` on plain ints, with no checks.

    Every output size in convlib comes from this one line; ``output_size`` checks its
    arguments first. A result below 1 means the (dilated) kernel does not fit.

    Example::

        >>> unchecked_output_size(8, 3, 2, 1)
        4
    """
    return (n + 2 * padding - dilation * (k - 1) - 1) // stride + 1


def output_size(n, k, *, stride=1, padding=0, dilation=1):
    """Output length of a correlation along one dimension.

    Args:
        n: input length.
        k: kernel length.
        stride: step between window positions.
        padding: zeros added on each side.
        dilation: spacing of the kernel's taps.

    Returns ``floor((n + 2p - d(k - 1) - 1) / s) + 1``. Raises ``ValueError`` for a
    non-positive n, k, stride or dilation, a negative padding, or a (dilated) kernel longer
    than the padded input; ``TypeError`` for what is not an int.

    Example::

        >>> output_size(8, 3, stride=2, padding=1)
        4
    """
    n, k = as_int("n", n, 1), as_int("kernel size", k, 1)
    p, s = as_int("padding", padding, 0), as_int("stride", stride, 1)
    d = as_int("dilation", dilation, 1)
    span = d * (k - 1) + 1
    if span > n + 2 * p:
        dilated = f" (dilated to span {span})" if d > 1 else ""
        raise ValueError(f"kernel size {k}{dilated} is larger than the padded input: "
                         f"n + 2p = {n} + 2·{p} = {n + 2 * p}")
    return unchecked_output_size(n, k, s, p, d)


def output_shape(input_shape, kernel_size, *, stride=1, padding=0, dilation=1):
    """Output shape of a 2-D correlation.

    Args:
        input_shape: (n_h, n_w).
        kernel_size: int or (k_h, k_w).
        stride, padding, dilation: int or (height, width).

    Shape:
        Returns (out_h, out_w), each by ``output_size``. Errors name the dimension that fails.

    Example::

        >>> output_shape((8, 8), 3, stride=2, padding=1)
        (4, 4)
        >>> output_shape((8, 8), (3, 5), stride=(3, 4), padding=(0, 1))
        (2, 2)
    """
    n = as_pair("input_shape", input_shape, minimum=1)
    k = as_pair("kernel_size", kernel_size, minimum=1)
    p = as_pair("padding", padding, minimum=0)
    s = as_pair("stride", stride, minimum=1)
    d = as_pair("dilation", dilation, minimum=1)
    shape = []
    for axis, name in enumerate(("height", "width")):
        try:
            shape.append(output_size(n[axis], k[axis], stride=s[axis], padding=p[axis],
                                     dilation=d[axis]))
        except ValueError as error:
            raise ValueError(f"in {name}: {error}") from None
    return tuple(shape)



def pool_output_size(n, kernel_size, *, stride=None, padding=0, ceil_mode=False):
    """Output length of a pooling window along one dimension, by PyTorch's rule.

    ``n``: input length, ``kernel_size``: window length k, ``stride`` (default k, as for
    PyTorch's pools), ``padding``: cells per side. The length is
    ``floor((n + 2p - k) / s) + 1``; with ``ceil_mode`` it is ``ceil((n + 2p - k) / s) + 1``,
    minus one if that last window would start in the right padding (at ``n + p`` or later,
    in padded coordinates): every window starts inside the input or its left padding, and
    the last one may reach past the padded input (a 1-long input, k = s = 3: one window).
    This is ATen's ``pooling_output_shape``. Raises ``ValueError`` where PyTorch's pools
    refuse: padding more than half the window, or no window at all (without ``ceil_mode``,
    a window longer than the padded input).

    Example::

        >>> pool_output_size(5, 2)                    # windows 2 apart: 2 fit
        2
        >>> pool_output_size(5, 2, ceil_mode=True)    # and a last, partial one
        3
    """
    k = as_int("kernel_size", kernel_size, 1)
    s = k if stride is None else as_int("stride", stride, 1)
    n, p = as_int("n", n, 1), as_int("padding", padding, 0)
    if not isinstance(ceil_mode, bool):
        raise TypeError(f"ceil_mode must be a bool, got {ceil_mode!r}")
    if 2 * p > k:
        raise ValueError(f"padding {p} is more than half the kernel_size {k} "
                         f"(PyTorch's pools allow at most k / 2 = {k / 2:g})")
    span = n + 2 * p - k
    out = (-(-span // s) if ceil_mode else span // s) + 1
    if ceil_mode and (out - 1) * s >= n + p:  # the last window would start in the padding
        out -= 1
    if out < 1:
        rule = (f"ceil((n + 2p - k) / s) + 1 = ceil(({n} + 2·{p} - {k}) / {s}) + 1"
                if ceil_mode else f"n + 2p = {n} + 2·{p} = {n + 2 * p}")
        raise ValueError(f"kernel_size {k} is larger than the padded input, "
                         f"no window fits: {rule}" + (f" = {out}" if ceil_mode else ""))
    return out


def pool_output_shape(input_shape, kernel_size, *, stride=None, padding=0, ceil_mode=False):
    """Output shape (out_h, out_w) of a 2-D pool; each argument is an int or a pair.

    ``input_shape``: (n_h, n_w); ``kernel_size``: (k_h, k_w) or int; ``stride``: int, pair
    or None (the kernel_size); ``padding``: int or pair. Errors name the dimension that fails.

    Example::

        >>> pool_output_shape((6, 7), 2)
        (3, 3)
    """
    n = as_pair("input_shape", input_shape, minimum=1)
    k = as_pair("kernel_size", kernel_size, minimum=1)
    s = k if stride is None else as_pair("stride", stride, minimum=1)
    p = as_pair("padding", padding, minimum=0)
    shape = []
    for axis, name in enumerate(("height", "width")):
        try:
            shape.append(pool_output_size(n[axis], k[axis], stride=s[axis], padding=p[axis],
                                          ceil_mode=ceil_mode))
        except ValueError as error:
            raise ValueError(f"in {name}: {error}") from None
    return tuple(shape)


def window_positions(n, k, *, stride=1, padding=0, dilation=1):
    """The input indices each output reads, along one dimension, in padded coordinates.

    Returns a list with one list per output position: the k indices (0 .. n + 2p - 1) of its
    taps. Index i < p or i >= n + p is padding.

    Example::

        >>> window_positions(5, 3, stride=2, padding=1)
        [[0, 1, 2], [2, 3, 4], [4, 5, 6]]
    """
    count = output_size(n, k, stride=stride, padding=padding, dilation=dilation)
    stride, dilation = as_int("stride", stride), as_int("dilation", dilation)
    return [[start * stride + tap * dilation for tap in range(k)] for start in range(count)]


def same_padding(k):
    """Padding (before, after) along one dimension that keeps the size for kernel size k.

    k - 1 rows in total: ceil((k - 1) / 2) before, floor((k - 1) / 2) after, so odd kernels
    get (k - 1) / 2 on each side and even kernels one more before than after.

    Example::

        >>> same_padding(3), same_padding(4)
        ((1, 1), (2, 1))
    """
    k = as_int("kernel size", k, 1)
    return ((k - 1) - (k - 1) // 2, (k - 1) // 2)


def pad_same(X, kernel_size):
    """Zero-pad image ``X`` (n_h, n_w) so that correlating it with a (k_h, k_w) kernel keeps
    the shape (n_h, n_w); works for even kernels too (top/left get the extra row/column).

    Example::

        >>> import torch
        >>> pad_same(torch.ones(5, 5), (3, 4)).shape  # then a 3x4 kernel gives 5x5
        torch.Size([7, 8])
    """
    X = as_matrix("X", X)
    k_h, k_w = as_pair("kernel_size", kernel_size, minimum=1)
    top, bottom = same_padding(k_h)
    left, right = same_padding(k_w)
    return F.pad(X, (left, right, top, bottom))


def comp_conv2d(conv2d, X):
    """Apply a PyTorch ``nn.Conv2d(1, 1, ...)`` to one image ``X`` (n_h, n_w), as d2l does.

    Adds the batch and channel dimensions, (1, 1, n_h, n_w), and strips them from the result,
    which has shape (out_h, out_w).

    Example::

        >>> import torch
        >>> conv = torch.nn.Conv2d(1, 1, kernel_size=3, padding=1)
        >>> comp_conv2d(conv, torch.ones(8, 8)).shape
        torch.Size([8, 8])
    """
    X = as_matrix("X", X)
    Y = conv2d(X.reshape((1, 1) + tuple(X.shape)))
    return Y.reshape(Y.shape[2:])


def explain_output_size(n, k, *, stride=1, padding=0, dilation=1):
    """The output-size formula with the numbers filled in, as one line of text.

    Raises like ``output_size`` when the setting is impossible.

    Example::

        >>> print(explain_output_size(8, 3, stride=2, padding=1))
        ⌊(8 + 2·1 − 1·(3 − 1) − 1) / 2⌋ + 1 = ⌊7 / 2⌋ + 1 = 4
    """
    out = output_size(n, k, stride=stride, padding=padding, dilation=dilation)
    n, k, padding = as_int("n", n), as_int("kernel size", k), as_int("padding", padding)
    stride, dilation = as_int("stride", stride), as_int("dilation", dilation)
    top = n + 2 * padding - dilation * (k - 1) - 1
    return (f"⌊({n} + 2·{padding} − {dilation}·({k} − 1) − 1) / {stride}⌋ + 1"
            f" = ⌊{top} / {stride}⌋ + 1 = {out}")


def transposed_output_size(n, k, *, stride=1, padding=0, output_padding=0, dilation=1):
    """Output length of a transposed convolution: ``(n - 1) s - 2p + d (k - 1) + a + 1``.

    ``n``: input length, ``k``: kernel length, ``padding`` p: rows removed from each side,
    ``stride`` s, ``output_padding`` a: rows added at the end (bottom or right), ``dilation``
    d. Raises ``ValueError`` for a non-positive n, k, stride or dilation, a negative padding
    or output_padding, an output_padding not smaller than max(stride, dilation)
    (PyTorch's rule), or a padding that leaves no output.

    Example::

        >>> transposed_output_size(4, 3, stride=2, padding=1, output_padding=1)
        8
    """
    n, k = as_int("n", n, 1), as_int("kernel size", k, 1)
    p, s = as_int("padding", padding, 0), as_int("stride", stride, 1)
    a, d = as_int("output_padding", output_padding, 0), as_int("dilation", dilation, 1)
    if a >= s and a >= d:
        raise ValueError(f"output_padding must be smaller than max(stride, dilation) = "
                         f"{max(s, d)}, got output_padding {a} with stride {s} and "
                         f"dilation {d}")
    out = (n - 1) * s - 2 * p + d * (k - 1) + a + 1
    if out < 1:
        raise ValueError(f"padding {p} leaves no output: (n - 1)s - 2p + d(k - 1) + a + 1 = "
                         f"({n} - 1)·{s} - 2·{p} + {d}·({k} - 1) + {a} + 1 = {out}")
    return out
