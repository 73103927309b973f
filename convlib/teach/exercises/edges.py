"""Checkers for chapter 2, edge detection."""

import torch
import torch.nn.functional as F

from .answers import Feedback, kernel_tensor


def _diagonal_kernel(answer):
    K = kernel_tensor(answer)
    if isinstance(K, Feedback):
        return K
    size = max(K.shape) + 4
    vertical = torch.zeros(size, size)
    vertical[:, size // 2:] = 1
    diagonal = torch.tril(torch.ones(size, size))
    flat = torch.ones(size, size)

    def response(X):
        return F.conv2d(X[None, None], K[None, None])[0, 0].abs().max().item()

    if response(flat) > 1e-5:
        return Feedback(False, f"It responds to a flat image (its entries sum to "
                               f"{K.sum().item():.3g}): make them sum to 0.")
    if response(vertical) > 1e-5:
        return Feedback(False, "It responds to a vertical edge: make every column of the "
                               "kernel sum to 0.")
    if response(vertical.T) > 1e-5:
        return Feedback(False, "It responds to a horizontal edge: make every row of the "
                               "kernel sum to 0.")
    if response(diagonal) < 1e-5:
        return Feedback(False, "It gives 0 on the diagonal edge of torch.tril(torch.ones(6, 6)) "
                               "too.")
    return Feedback(True, "It sees the diagonal edge; flat, vertical and horizontal give 0.")


SECOND_DIFFERENCE = torch.tensor([[1.0, -2.0, 1.0]])


def _second_difference(answer):
    K = kernel_tensor(answer)
    if isinstance(K, Feedback):
        return K
    if tuple(K.shape) != (1, 3):
        return Feedback(False, f"f(j) - 2 f(j+1) + f(j+2) reads three neighbours in one row: "
                               f"use a kernel of shape [1, 3], got {list(K.shape)}.")
    j = torch.arange(10.0)
    for name, row, expected in [("1", torch.ones(10), 0.0), ("j", j, 0.0), ("j²", j**2, 2.0)]:
        got = F.conv2d(row[None, None, None], K[None, None])[0, 0, 0]
        if not torch.allclose(got, torch.full_like(got, expected), atol=1e-4):
            return Feedback(False, f"On the row f(j) = {name} it should give {expected:g} "
                                   f"everywhere, got {[round(v, 3) for v in got.tolist()[:4]]}...")
    if not torch.allclose(K, SECOND_DIFFERENCE, atol=1e-4):  # the three rows above force it
        return Feedback(False, f"It is not [[1, -2, 1]]: got {K.tolist()}.")
    return Feedback(True, "[[1, -2, 1]] gives f(j) - 2 f(j+1) + f(j+2): 0 on lines, 2 on j².")


CHECKERS = {
    "diagonal-kernel": _diagonal_kernel,
    "second-difference": _second_difference,
}
