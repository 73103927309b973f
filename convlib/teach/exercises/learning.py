"""Checkers for chapter 3, learning a kernel."""

import numpy as np
import torch

from .answers import Feedback, as_number, kernel_tensor, shown


def _side_of(value, limit):
    """``value`` with the fewest significant digits (3 or more) that still show which side
    of ``limit`` it is on: 1.004, not 1, for a factor just above 1."""
    for digits in range(3, 18):
        text = format(value, f".{digits}g")
        if (float(text) > limit) == (value > limit) and float(text) != limit:
            return text
    return repr(value)


TARGET = torch.tensor([[1.0], [-1.0]])  # corr2d(X.T, K.T) is made with K.T = [[1], [-1]]


FLIP_NAMED_WITHIN = 0.2  # this close to -TARGET, the hint names the sign flip


def _conv2d_weight_as_kernel(answer):
    """An nn.Conv2d weight, (out, in, k_h, k_w) = (1, 1, ., .), as its (k_h, k_w) kernel,
    whether given as a tensor, a NumPy array or a nested list (``weight.tolist()``)."""
    if isinstance(answer, (list, tuple)):
        try:
            as_array = np.asarray(answer, dtype=np.float64)
        except (TypeError, ValueError):
            return answer  # not numbers in a box: kernel_tensor says why
        if as_array.ndim == 4:
            answer = as_array
    if (isinstance(answer, (torch.Tensor, np.ndarray)) and answer.ndim == 4
            and tuple(answer.shape[:2]) == (1, 1)):
        return answer[0, 0]
    return answer


def _horizontal_kernel(answer):
    answer = _conv2d_weight_as_kernel(answer)
    K = kernel_tensor(answer, "[[a], [b]]")
    if isinstance(K, Feedback):
        return K
    if tuple(K.shape) != (2, 1):
        return Feedback(False, f"A kernel that differences along the height has shape [2, 1], "
                               f"got {list(K.shape)}.")
    error = (K - TARGET).abs().max().item()
    if error <= 0.01:
        return Feedback(True, "Learned [[1], [-1]] to within 0.01.")
    flip_error = (K + TARGET).abs().max().item()
    if flip_error <= FLIP_NAMED_WITHIN:
        how_close = ("that is -[[1], [-1]]" if flip_error <= 0.01 else
                     f"its largest difference from -[[1], [-1]] is {flip_error:.2g}")
        return Feedback(False, f"The sign is flipped: {how_close}. Check your target: "
                               "it is corr2d(X.T, K.T), with K = [[1, -1]].")
    return Feedback(False, f"Not there yet: the largest error is "
                           f"{_side_of(error, 0.01)}. Train for more steps, or check "
                           "your target.")


LARGEST_EIGENVALUE = 60.0  # of the d2l experiment's Hessian [[36, 24], [24, 36]]


def _largest_stable_lr(answer):
    """The bound 2 / 60 = 1/30: rates below it converge, at and above it they do not.

    1/30 given to two significant digits, 0.033 (as the chapter rounds it), counts too.
    """
    if answer is None:
        return Feedback(False, "Replace None with your answer, a number.")
    lr = as_number(answer)
    if isinstance(lr, Feedback):
        return lr
    if lr <= 0:
        return Feedback(False, f"A learning rate is positive, got {lr:g}.")
    bound = 2 / LARGEST_EIGENVALUE
    above = bound * (1 + 1e-5)  # float32 rounding of 2 / 60 may land a hair above
    below = bound * (1 - 0.012)  # 0.033 is 1 % below
    if lr > above:
        factor = abs(1 - lr * LARGEST_EIGENVALUE)
        return Feedback(False, f"At lr = {_side_of(lr, above)} gradient descent diverges: the "
                               f"steep direction (eigenvalue 60) grows by a factor "
                               f"|1 - lr·60| = {_side_of(factor, 1)} per step.")
    if lr < below:
        return Feedback(False, f"lr = {_side_of(lr, below)} converges, but so does every rate "
                               f"up to a larger bound: where does |1 - lr·λ_max| reach 1?")
    return Feedback(True, "Correct: 2 / λ_max = 2 / 60 = 1/30 ≈ 0.0333; every smaller rate "
                          "converges.")


MEAN_DIVIDES_BY = 42  # the 6 x 7 outputs of the stripes image


def _mean_loss_factor(answer):
    """The number the Hessian is divided by when the sum becomes the mean: 42."""
    if answer is None:
        return Feedback(False, "Replace None with your answer, a number.")
    value = as_number(answer)
    if isinstance(value, Feedback):
        return value
    if abs(value - MEAN_DIVIDES_BY) <= 1e-4 * MEAN_DIVIDES_BY:
        return Feedback(True, f"Correct: {MEAN_DIVIDES_BY}.")
    inverse = 1 / MEAN_DIVIDES_BY
    if abs(value - inverse) <= 0.02 * inverse:  # 1/42, perhaps rounded: 0.0238, 0.024
        if abs(value - inverse) <= 1e-4 * inverse:
            what = f"{value:.4g} = 1/{MEAN_DIVIDES_BY} is"
        else:
            what = f"{value:.4g} is about 1/{MEAN_DIVIDES_BY} = {inverse:.4g},"
        return Feedback(False, f"{what} the factor the Hessian is multiplied by; the question "
                               "asks what it is divided by.")
    text = shown(value, ".4g", lambda short: abs(short - MEAN_DIVIDES_BY)
                 <= 1e-4 * MEAN_DIVIDES_BY)
    return Feedback(False, f"{text} is not it. The mean divides the sum by the number of "
                           "outputs: how many are in 6x7?")


CHECKERS = {
    "largest-stable-lr": _largest_stable_lr,
    "horizontal-kernel": _horizontal_kernel,
    "mean-loss-factor": _mean_loss_factor,
}
