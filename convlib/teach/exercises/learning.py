"""Checkers for chapter 3, learning a kernel."""

import torch

from .answers import Feedback, approximately, kernel_tensor


def _horizontal_kernel(answer):
    K = kernel_tensor(answer)
    if isinstance(K, Feedback):
        return K
    if tuple(K.shape) != (2, 1):
        return Feedback(False, f"A kernel that differences along the height has shape [2, 1], "
                               f"got {list(K.shape)}.")
    error = (K.detach() - torch.tensor([[1.0], [-1.0]])).abs().max().item()
    if error > 0.01:
        return Feedback(False, f"Not there yet: the largest error is {error:.3f}. Train for "
                               "more steps (or check the sign of the target).")
    return Feedback(True, "Learned [[1], [-1]] to within 0.01.")


CHECKERS = {
    "largest-stable-lr": lambda a: approximately(
        a, 1 / 30, "Gradient descent is stable when lr < 2 / (largest Hessian eigenvalue)."),
    "horizontal-kernel": _horizontal_kernel,
    "mean-loss-factor": lambda a: approximately(
        a, 42, "The mean divides the sum by the number of outputs: how many are in 6x7?", rel=0),
}
