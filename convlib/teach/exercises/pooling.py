"""Checkers for the chapter on pooling."""

import numpy as np
import torch

from ...correlate import corr2d
from ...pooling import pool2d
from .answers import Feedback, as_number, kernel_tensor, shape_pair, shown, whole_number


def _number(answer):
    """The answer as a float when it is one number (as ``answers.as_number`` reads it)."""
    value = as_number(answer)
    return None if isinstance(value, Feedback) else value


def _pair(answer):
    """The answer as a pair of whole numbers (tuple, list, torch.Size, 1-D array), or None."""
    if isinstance(answer, (torch.Tensor, np.ndarray)) and answer.ndim == 1:
        answer = list(answer)
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        return None
    values = [_number(v) for v in answer]
    if None in values or not all(v.is_integer() for v in values):
        return None
    return tuple(int(v) for v in values)


def _ceil_shape(answer):
    hints = {
        (3, 3): "That is the floor-mode shape; ceil_mode rounds (n + 2p - k) / s up.",
        (4, 4): "In width a 4th window would start at 6, in the right padding: PyTorch "
                "drops a window that does not start inside the input or its left padding.",
        (3, 4): "Those are the right numbers in the wrong order: give (rows, columns), the "
                "height first.",
    }
    return shape_pair(answer, (4, 3), hints.get(_pair(answer), "Per dimension: "
                      "ceil((n + 2p - k) / s) + 1, minus 1 if the last window starts at "
                      "n + p or later."))


def _padded_max(answer):
    hint = ("0 is what zero padding would give; in a max pool a padded cell never wins "
            "(it acts as −∞)." if _number(answer) == 0 else
            "The top-left window covers four inputs, X[0:2, 0:2], and five padded cells.")
    return whole_number(answer, -15, hint)


def _pooled_shift(answer):
    value = _number(answer)
    hint = ("2 is the shift of the input; with stride 2, one pooled column stands for two "
            "input columns." if value == 2 else
            "A shift of 2 moves each edge into the next stride-2 window, so the pooled map "
            "moves too." if value == 0 else
            "The pooled map moves to the right, like the image: count that shift as "
            "positive." if value is not None and value < 0 else
            "Count pooled columns: each one stands for two input columns.")
    return whole_number(answer, 1, hint)


_LOW_PRECISION = {"torch.float16": "float16", "torch.bfloat16": "bfloat16",
                  "float16": "float16"}


def _average_kernel(answer):
    K = kernel_tensor(answer, "[[a, b, c], [d, e, f], [g, h, i]]")
    if isinstance(K, Feedback):
        return K
    if tuple(K.shape) != (3, 3):
        return Feedback(False, f"A 3×3 window needs a kernel of shape [3, 3], got "
                               f"{list(K.shape)}.")
    # 16 windows of a random 12×12 input: 16 equations for the 9 weights, so only the
    # mean passes (6 windows, as on a 6×9 input, would leave 3 directions free). Entries in
    # [1, 2) make a near miss such as 0.111 show in every window.
    X = torch.rand(12, 12, generator=torch.Generator().manual_seed(0)) + 1
    if torch.allclose(corr2d(X, K.detach(), stride=3), pool2d(X, 3, mode="avg"), atol=1e-4):
        return Feedback(True, "corr2d(X, K_avg, stride=3) equals pool2d(X, 3, mode='avg').")
    if torch.allclose(K, torch.ones(3, 3)):
        return Feedback(False, "That kernel sums each window; the mean divides the sum by 9.")
    if (K == 0).all():
        return Feedback(False, "Your kernel is all zeros: a mean gives each of the nine "
                               "cells the weight 1/9.")
    total = float(K.double().sum())
    text = shown(total, ".4g", lambda short: short == 1)
    low = _LOW_PRECISION.get(str(getattr(answer, "dtype", "")))
    if low and (K == torch.tensor(1 / 9).to(getattr(torch, low)).float()).all():
        # 1/9 itself, rounded to the reader's half-precision dtype
        return Feedback(False, f"In {low}, 1/9 is stored as {K[0, 0].item():.4g}, so the "
                               f"nine weights sum to {text}: give the kernel in float32.")
    if (K == K[0, 0]).all():
        good = ", good" if total > 0 else ""
        return Feedback(False, f"All nine weights are equal{good}; they sum to {text}, "
                               f"not 1: use 1/9 exactly.")
    if abs(total - 1) <= 1e-6:
        return Feedback(False, "Your weights sum to 1, but they are not all equal: a mean "
                               "gives every cell of the window the same weight.")
    return Feedback(False, f"corr2d(X, K_avg, stride=3) differs from pool2d(X, 3, mode='avg'): "
                           f"your weights are not all equal and sum to {text}; a mean "
                           f"gives every cell the same weight, and the weights sum to 1.")


CHECKERS = {
    "pool-ceil-shape": _ceil_shape,
    "max-pool-padded": _padded_max,
    "avg-pool-kernel": _average_kernel,
    "pooled-shift": _pooled_shift,
}
