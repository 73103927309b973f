"""Checkers for chapter 2, edge detection."""

import torch
import torch.nn.functional as F

from .answers import Feedback, kernel_tensor


def _response(X, K):
    """The largest |output| of correlating image ``X`` (h, w) with kernel ``K`` (k_h, k_w)."""
    return F.conv2d(X[None, None], K[None, None])[0, 0].abs().max().item()


def _corner_kernel(answer):
    K = kernel_tensor(answer, "[[a, b], [c, d]]")
    if isinstance(K, Feedback):
        return K
    if tuple(K.shape) != (2, 2):
        return Feedback(False, f"The exercise asks for a 2 × 2 kernel, got shape "
                               f"{list(K.shape)}.")
    K = K.double()  # the reader's float32 weights, exactly; the sums below in float64
    if not K.any():
        return Feedback(False, "It gives 0 at the corners of the staircase "
                               "torch.tril(torch.ones(6, 6)) too, as on every image: all its "
                               "entries are 0.")
    # "gives 0" up to rounding, relative to the kernel's size: c * [[1, -1], [-1, 1]] is
    # right for every c, and a near miss such as [[1, -1], [-1, 1.000005]] is not
    tolerance = 1e-6 * K.abs().sum().item()
    vertical = torch.zeros(6, 6, dtype=torch.float64)
    vertical[:, 3:] = 1
    staircase = torch.tril(torch.ones(6, 6, dtype=torch.float64))  # an edge with corners
    flat = torch.ones(6, 6, dtype=torch.float64)
    if _response(flat, K) > tolerance:
        return Feedback(False, f"It responds to a flat image (its entries sum to "
                               f"{K.sum().item():.3g}): make them sum to 0.")
    if _response(vertical, K) > tolerance:
        return Feedback(False, "It responds to a vertical edge: make every column of the "
                               "kernel sum to 0.")
    if _response(vertical.T, K) > tolerance:
        return Feedback(False, "It responds to a horizontal edge: make every row of the "
                               "kernel sum to 0.")
    if _response(staircase, K) <= tolerance:  # cannot happen for 2 x 2: kept as a guard
        return Feedback(False, "It gives 0 at the corners of the staircase "
                               "torch.tril(torch.ones(6, 6)) too.")
    return Feedback(True, "It fires at the staircase's corners; flat images and straight "
                          "edges give 0.")


SECOND_DIFFERENCE = torch.tensor([[1.0, -2.0, 1.0]])


def _wrong_value(value, expected):
    """``value`` with enough digits to show how far it is from ``expected``: 2.0008, not 2."""
    for digits in range(4, 18):
        text = f"{value:.{digits}g}"
        if abs(float(text) - value) <= abs(value - expected) / 10:
            return text
    return repr(value)


def _second_difference(answer):
    K = kernel_tensor(answer, "[[a, b, c]]")
    if isinstance(K, Feedback):
        return K
    if tuple(K.shape) != (1, 3):
        return Feedback(False, f"f(j) - 2 f(j+1) + f(j+2) reads three neighbours in one row: "
                               f"use a kernel of shape [1, 3], got {list(K.shape)}.")
    j = torch.arange(10.0)
    for name, row, expected in [("1", torch.ones(10), 0.0), ("j", j, 0.0), ("j²", j**2, 2.0)]:
        got = F.conv2d(row[None, None, None], K[None, None])[0, 0, 0]
        if not torch.allclose(got, torch.full_like(got, expected), atol=1e-4):
            worst = int((got - expected).abs().argmax())  # the first of the worst
            value = _wrong_value(got[worst].item() + 0.0, expected)  # + 0.0: no "-0"
            return Feedback(False, f"On the row f(j) = {name} it should give {expected:g} "
                                   f"everywhere; at j = {worst} it gives {value}.")
    if not torch.allclose(K, SECOND_DIFFERENCE, atol=1e-4):  # the three rows above force it
        return Feedback(False, f"It is not [[1, -2, 1]]: got {K.tolist()}.")
    return Feedback(True, "[[1, -2, 1]] gives f(j) - 2 f(j+1) + f(j+2): 0 on lines, 2 on j².")


CHECKERS = {
    "corner-kernel": _corner_kernel,
    "second-difference": _second_difference,
}
