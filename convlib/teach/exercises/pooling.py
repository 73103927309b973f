"""Checkers for the chapter on pooling."""

import numpy as np
import torch

from ...correlate import corr2d
from ...pooling import pool2d
from .answers import Feedback, approximately, kernel_tensor, shape_pair


def _number(answer):
    """The answer as a float when it is one number (int, float, NumPy scalar, 0-d tensor)."""
    if isinstance(answer, bool):
        return None
    if isinstance(answer, (int, float, np.number)) or (
            isinstance(answer, torch.Tensor) and answer.dim() == 0):
        return float(answer)
    return None


def _pair(answer):
    """The answer as a pair of whole numbers, or None."""
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        return None
    values = [_number(v) for v in answer]
    if None in values or any(v != int(v) for v in values):
        return None
    return tuple(int(v) for v in values)


def _ceil_shape(answer):
    hints = {
        (3, 3): "That is the floor-mode shape; ceil_mode rounds (n + 2p - k) / s up.",
        (4, 4): "In width a 4th window would start at 6, in the right padding: PyTorch "
                "drops a window that does not start inside the input or its left padding.",
    }
    return shape_pair(answer, (4, 3), hints.get(_pair(answer), "Per dimension: "
                      "ceil((n + 2p - k) / s) + 1, minus 1 if the last window starts at "
                      "n + p or later."))


def _padded_max(answer):
    hint = ("0 is what zero padding would give; in a max pool a padded cell never wins "
            "(it acts as −∞)." if _number(answer) == 0 else
            "The top-left window covers four inputs, X[0:2, 0:2], and five padded cells.")
    return approximately(answer, -15, hint, rel=0)


def _pooled_shift(answer):
    value = _number(answer)
    hint = ("2 is the shift of the input; with stride 2, one pooled column stands for two "
            "input columns." if value == 2 else
            "A shift of 2 moves each edge into the next stride-2 window, so the pooled map "
            "moves too." if value == 0 else
            "Count pooled columns: each one stands for two input columns.")
    return approximately(answer, 1, hint, rel=0)


def _average_kernel(answer):
    K = kernel_tensor(answer)
    if isinstance(K, Feedback):
        return K
    if tuple(K.shape) != (3, 3):
        return Feedback(False, f"A 3×3 window needs a kernel of shape [3, 3], got "
                               f"{list(K.shape)}.")
    # 16 windows of a random 12×12 input: 16 equations for the 9 weights, so only the
    # mean passes (6 windows, as on a 6×9 input, would leave 3 directions free). Entries in
    # [1, 2) make a near miss such as 0.111 show in every window.
    X = torch.rand(12, 12, generator=torch.Generator().manual_seed(0)) + 1
    if torch.allclose(corr2d(X, K.detach(), stride=3), pool2d(X, 3, "avg"), atol=1e-4):
        return Feedback(True, "corr2d(X, K, stride=3) equals pool2d(X, 3, 'avg').")
    if torch.allclose(K, torch.ones(3, 3)):
        return Feedback(False, "That kernel sums each window; the mean divides the sum by 9.")
    return Feedback(False, "corr2d(X, K, stride=3) differs from pool2d(X, 3, 'avg'): every "
                           "cell of the window counts the same, and the weights sum to 1.")


CHECKERS = {
    "pool-ceil-shape": _ceil_shape,
    "max-pool-padded": _padded_max,
    "avg-pool-kernel": _average_kernel,
    "pooled-shift": _pooled_shift,
}
