"""Input checks shared by every convlib function.

Each check names the argument it rejects and shows the shape it got, in the style of
PyTorch's own errors: ``Expected K to be a 2-D tensor, got 3-D tensor of shape [1, 3, 3]``.
"""

import operator

import torch


def as_tensor(name, value, dims, layout=""):
    """Return ``value`` as a non-empty floating-point tensor with one of the ranks ``dims``.

    ``dims``: the allowed numbers of dimensions, e.g. ``(3, 4)``; ``layout``: what the
    dimensions mean, for the error message, e.g. ``"(c_i, n_h, n_w) or (N, c_i, n_h, n_w)"``.
    Integer tensors are converted to the default float dtype; float tensors are returned as
    they are. Raises ``TypeError`` for anything but a real tensor, ``ValueError`` for another
    rank or an empty tensor.

    Example::

        >>> as_tensor("K", torch.tensor([[1, 2]]), (2,))
        tensor([[1., 2.]])
        >>> as_tensor("K", torch.zeros(3), (2,))
        Traceback (most recent call last):
            ...
        ValueError: Expected K to be a 2-D tensor, got 1-D tensor of shape [3]
    """
    if not isinstance(value, torch.Tensor):
        raise TypeError(f"{name} must be a torch.Tensor, got {type(value).__name__}")
    if value.dtype == torch.bool or value.is_complex():
        raise TypeError(f"{name} must hold real numbers, got dtype {value.dtype}")
    if value.dim() not in dims:
        expected = " or ".join(f"{d}-D" for d in dims)
        meaning = f" {layout}" if layout else ""
        raise ValueError(f"Expected {name} to be a {expected} tensor{meaning}, got "
                         f"{value.dim()}-D tensor of shape {list(value.shape)}")
    if value.numel() == 0:
        raise ValueError(f"{name} must not be empty, got shape {list(value.shape)}")
    if not value.is_floating_point():
        value = value.to(torch.get_default_dtype())
    return value


def as_matrix(name, value):
    """Return ``value`` as a non-empty 2-D floating-point tensor, or raise (``as_tensor``).

    Integer tensors are accepted and converted to the default float dtype, so
    ``torch.tensor([[0, 1], [2, 3]])`` works as a kernel.

    Example::

        >>> as_matrix("X", torch.ones(2, 2, dtype=torch.int64)).dtype
        torch.float32
    """
    return as_tensor(name, value, (2,))


def as_int(name, value, minimum=None):
    """Return ``value`` as a Python int, accepting what PyTorch accepts as one.

    An ``int``, a NumPy integer (``np.int64(2)``) or a 0-d integer tensor
    (``torch.tensor(2)``) are accepted; ``bool`` and floats are not. Raises ``TypeError``
    naming ``name`` for anything else, ``ValueError`` if it is below ``minimum``.

    Example::

        >>> import numpy as np
        >>> as_int("stride", np.int64(2), minimum=1)
        2
    """
    if type(value) is not int:
        if isinstance(value, bool) or (isinstance(value, torch.Tensor) and (
                value.dim() != 0 or value.is_floating_point() or value.is_complex()
                or value.dtype == torch.bool)):
            raise TypeError(f"{name} must be an int, got {value!r}")
        try:
            value = operator.index(value)
        except TypeError:
            raise TypeError(f"{name} must be an int, got {value!r}") from None
    if minimum is not None and value < minimum:
        rule = {0: "non-negative", 1: "positive"}.get(minimum, f"at least {minimum}")
        raise ValueError(f"{name} must be {rule}, got {value}")
    return value


def as_pair(name, value, minimum=None):
    """Return ``value`` (an int, or a pair of ints, for height and width) as a tuple
    ``(rows, cols)`` of Python ints; each is checked by ``as_int``.

    Raises ``TypeError`` for anything but ints or a pair of them, ``ValueError`` below
    ``minimum``.

    Example::

        >>> as_pair("padding", 1, minimum=0)
        (1, 1)
        >>> as_pair("stride", (2, 3), minimum=1)
        (2, 3)
    """
    if type(value) is int and (minimum is None or value >= minimum):  # the common case
        return (value, value)
    if isinstance(value, (tuple, list, torch.Size)):
        if len(value) != 2:
            raise TypeError(f"{name} must be an int or a pair of ints, got {value!r}")
        try:
            pair = tuple(as_int(name, v) for v in value)
        except TypeError:
            raise TypeError(f"{name} must be an int or a pair of ints, got {value!r}") from None
    else:
        try:
            single = as_int(name, value)
        except TypeError:
            raise TypeError(f"{name} must be an int or a pair of ints, got {value!r}") from None
        pair = (single, single)
    if minimum is not None and min(pair) < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value!r}")
    return pair


def as_bool(name, value):
    """Return ``value`` if it is a ``bool``; raise ``TypeError`` naming ``name`` otherwise.

    Example::

        >>> as_bool("ceil_mode", True)
        True
    """
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be a bool, got {value!r}")
    return value


def check_kernel_fits(X, K, padding=(0, 0), dilation=(1, 1)):
    """Raise ``ValueError`` if kernel ``K`` (dilated) is larger than input ``X`` plus padding,
    naming every dimension (height, width) in which it does not fit.

    Example::

        >>> check_kernel_fits(torch.zeros(2, 5), torch.zeros(3, 3))
        Traceback (most recent call last):
            ...
        ValueError: kernel K of shape [3, 3] is larger than input X of shape [2, 5] in height
    """
    padded = (X.shape[-2] + 2 * padding[0], X.shape[-1] + 2 * padding[1])
    span = tuple(dilation[a] * (K.shape[a - 2] - 1) + 1 for a in (0, 1))
    too_large = [label for axis, label in enumerate(("height", "width"))
                 if span[axis] > padded[axis]]
    if too_large:
        where = "" if padding == (0, 0) else f" (padded to {list(padded)})"
        dilated = "" if dilation == (1, 1) else f" (dilated to span {list(span)})"
        raise ValueError(
            f"kernel K of shape {list(K.shape)}{dilated} is larger than input X of shape "
            f"{list(X.shape)}{where} in {' and '.join(too_large)}"
        )
