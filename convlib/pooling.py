"""Max and average pooling of one image or a stack of channels, checked like PyTorch's.

``pool2d`` slides a window over each channel separately and keeps the largest value
("max") or the mean ("avg") of each window. It agrees with ``F.max_pool2d`` and
``F.avg_pool2d`` (tested), but is computed here from strided views of the padded input, so
the rules are in plain sight: padding is −∞ for max (a padded cell never wins) and zeros for
avg, and ``count_include_pad`` decides whether those zeros count in the mean.
"""

import torch
import torch.nn.functional as F

from .checks import as_pair, as_tensor
from .shapes import pool_output_shape

MODES = ("max", "avg")


def as_images(name, value):
    """Return ``value`` as a float tensor of shape (c, n_h, n_w) and whether it was 2-D.

    Example::

        >>> images, was_2d = as_images("X", torch.zeros(4, 5))
        >>> images.shape, was_2d
        (torch.Size([1, 4, 5]), True)

    Accepts (n_h, n_w) or (c, n_h, n_w); raises ``TypeError``/``ValueError`` naming ``name``.
    """
    value = as_tensor(name, value, (2, 3), "(n_h, n_w) or (c, n_h, n_w)")
    return (value[None], True) if value.dim() == 2 else (value, False)


def _window_counts(n, k, p, s, out, include_pad):
    """How many cells each window along one axis averages over: a length-``out`` tensor."""
    start = torch.arange(out) * s - p          # window starts, in input coordinates
    end = torch.minimum(start + k, torch.tensor(n + p))
    if not include_pad:
        start, end = start.clamp(min=0), torch.minimum(end, torch.tensor(n))
    return (end - start).to(torch.get_default_dtype())


def _first_maximum(windows, n, p, extra, k, s, out):
    """The largest value of each window, taken from the cell ``F.max_pool2d`` takes it from,
    so that the gradient goes where PyTorch's does: the first maximal input cell in row-major
    order within the window (never a padded cell, even when the window's maximum is -∞),
    or the last NaN if the window holds any."""
    flat = windows.flatten(-2)  # (c, out_h, out_w, k_h k_w), row-major within each window
    inside = F.pad(torch.ones(1, *n, device=flat.device),
                   (p[1], p[1] + extra[1], p[0], p[0] + extra[0]))
    inside = inside.unfold(1, k[0], s[0]).unfold(2, k[1], s[1])[:, :out[0], :out[1]]
    inside = inside.flatten(-2) > 0
    with torch.no_grad():
        top = flat.amax(dim=-1, keepdim=True)
        first = ((flat == top) & inside).to(torch.uint8).argmax(dim=-1)  # first of the ties
        nan = flat.isnan()
        order = torch.arange(1, flat.shape[-1] + 1, device=flat.device)
        last_nan = (nan * order).argmax(dim=-1)
        index = torch.where(nan.any(dim=-1), last_nan, first)
    return flat.gather(-1, index[..., None])[..., 0]


def pool2d(X, kernel_size, *, mode="max", stride=None, padding=0, ceil_mode=False,
           count_include_pad=True):
    """Max or average pooling of one image or a stack of channels, channel by channel.

    The same values as ``F.max_pool2d`` / ``F.avg_pool2d``, and the same gradients: for max,
    each window's gradient goes to its first largest cell (row by row), not shared between
    tied cells.

    Args:
        X: the image (2-D) or channels (3-D). Integer tensors are converted to floats.
        kernel_size: the window, int or (k_h, k_w).
        mode: ``"max"`` or ``"avg"``.
        stride: int or (s_h, s_w); default the window.
        padding: cells added on each side, int or pair, at most half the window (−∞ for
            max, zeros for avg).
        ceil_mode: round the output size up: a last, partial window, as long as it starts
            inside the input or its left padding.
        count_include_pad: for ``"avg"``, whether padded zeros count in the mean.

    Shape:
        - X: (n_h, n_w) or (c, n_h, n_w)
        - Output: (out_h, out_w) or (c, out_h, out_w), as
          ``convlib.shapes.pool_output_shape`` gives.

    Example::

        >>> X = torch.arange(9.).reshape(3, 3)
        >>> pool2d(X, 2, stride=1)
        tensor([[4., 5.],
                [7., 8.]])
        >>> pool2d(X, 2, mode="avg", stride=1)
        tensor([[2., 3.],
                [5., 6.]])
    """
    images, was_2d = as_images("X", X)
    if not isinstance(mode, str):
        raise TypeError(f"mode must be a str, 'max' or 'avg', got {mode!r}")
    if mode not in MODES:
        raise ValueError(f"mode must be 'max' or 'avg', got {mode!r}")
    for name, flag in (("ceil_mode", ceil_mode), ("count_include_pad", count_include_pad)):
        if not isinstance(flag, bool):
            raise TypeError(f"{name} must be a bool, got {flag!r}")
    k = as_pair("kernel_size", kernel_size, minimum=1)
    s = k if stride is None else as_pair("stride", stride, minimum=1)
    p = as_pair("padding", padding, minimum=0)
    n = tuple(images.shape[1:])
    try:
        out = pool_output_shape(n, k, stride=s, padding=p, ceil_mode=ceil_mode)
    except ValueError as error:
        raise ValueError(f"cannot pool X of shape {list(X.shape)} with kernel_size {list(k)}, "
                         f"padding {list(p)}: {error}") from None

    # Pad p per side, plus, on the right, whatever a last ceil_mode window hangs over.
    extra = [max(0, (out[a] - 1) * s[a] + k[a] - (n[a] + 2 * p[a])) for a in (0, 1)]
    fill = float("-inf") if mode == "max" else 0.0
    padded = F.pad(images, (p[1], p[1] + extra[1], p[0], p[0] + extra[0]), value=fill)
    windows = padded.unfold(1, k[0], s[0]).unfold(2, k[1], s[1])  # (c, out_h, out_w, k_h, k_w)
    windows = windows[:, :out[0], :out[1]]
    if mode == "max":
        Y = _first_maximum(windows, n, p, extra, k, s, out)
    else:
        counts = [_window_counts(n[a], k[a], p[a], s[a], out[a], count_include_pad)
                  for a in (0, 1)]
        Y = windows.sum(dim=(-2, -1)) / torch.outer(*counts).to(windows.dtype)
    return Y[0] if was_2d else Y
