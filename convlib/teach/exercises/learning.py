"""Checkers for chapter 3, learning a kernel."""

import torch

from .answers import Feedback, approximately, as_number, kernel_tensor


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


LARGEST_EIGENVALUE = 60.0  # of the d2l experiment's Hessian [[36, 24], [24, 36]]


def _largest_stable_lr(answer):
    """The bound 2 / 60 = 1/30: rates below it converge, at and above it they do not."""
    if answer is None:
        return Feedback(False, "Replace None with your answer, a number.")
    lr = as_number(answer)
    if isinstance(lr, Feedback):
        return lr
    bound = 2 / LARGEST_EIGENVALUE
    factor = abs(1 - lr * LARGEST_EIGENVALUE)
    if lr <= 0:
        return Feedback(False, f"A learning rate is positive, got {lr:g}.")
    if lr > bound * (1 + 1e-5):  # float32 rounding of 2 / 60 may land a hair above
        return Feedback(False, f"At lr = {lr:.4g} gradient descent diverges: the steep "
                               f"direction (eigenvalue 60) grows by |1 - lr·60| = "
                               f"{factor:.3g} per step.")
    if lr < bound * (1 - 2e-3):
        return Feedback(False, f"lr = {lr:.4g} converges, but so does every rate up to a "
                               f"larger bound: where does |1 - lr·λ_max| reach 1?")
    return Feedback(True, "Correct: 2 / λ_max = 2 / 60 = 1/30; every smaller rate converges.")


CHECKERS = {
    "largest-stable-lr": _largest_stable_lr,
    "horizontal-kernel": _horizontal_kernel,
    "mean-loss-factor": lambda a: approximately(
        a, 42, "The mean divides the sum by the number of outputs: how many are in 6x7?",
        rel=1e-4),
}
