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
        return Feedback(False, "It responds to a flat image: make the kernel's entries sum to 0.")
    if response(vertical) > 1e-5 or response(vertical.T) > 1e-5:
        return Feedback(False, "It still responds to vertical or horizontal edges: make every "
                               "row and every column of the kernel sum to 0.")
    if response(diagonal) < 1e-5:
        return Feedback(False, "It is blind to the diagonal edge too: it must not be all zeros.")
    return Feedback(True, "It fires on the diagonal edge and ignores vertical and horizontal "
                          "ones.")


def _second_difference(answer):
    K = kernel_tensor(answer)
    if isinstance(K, Feedback):
        return K
    if K.shape[0] != 1:
        return Feedback(False, f"Use a single row (shape [1, k]), got shape {list(K.shape)}.")
    j = torch.arange(10.0)
    for name, row, expected in [("j", j, 0.0), ("j²", j**2, 2.0), ("1", torch.ones(10), 0.0)]:
        if K.shape[1] > 10:
            return Feedback(False, "Use a short kernel: three entries are enough.")
        got = F.conv2d(row[None, None, None], K[None, None])[0, 0, 0]
        if not torch.allclose(got, torch.full_like(got, expected), atol=1e-4):
            return Feedback(False, f"On the row f(j) = {name} it should give {expected:g} "
                                   f"everywhere, got {[round(v, 3) for v in got.tolist()[:4]]}...")
    return Feedback(True, "It gives f(j) - 2 f(j+1) + f(j+2): 0 on lines, 2 on j².")


CHECKERS = {
    "diagonal-kernel": _diagonal_kernel,
    "second-difference": _second_difference,
}
