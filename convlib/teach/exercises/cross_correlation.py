"""Checkers for chapter 1, cross-correlation."""

import torch
import torch.nn.functional as F

from .answers import Feedback, shape_pair, whole_number


def _batch_corr2d(fn):
    if not callable(fn):
        return Feedback(False, f"Pass your function itself (not its result), got {fn!r}.")
    X, K = torch.randn(3, 5, 6), torch.randn(2, 3)
    expected = F.conv2d(X[:, None], K[None, None])[:, 0]
    got = fn(X, K)
    if not isinstance(got, torch.Tensor):
        return Feedback(False, f"Your function should return a tensor, got {type(got).__name__}.")
    if tuple(got.shape) != tuple(expected.shape):
        return Feedback(False, f"For X of shape [3, 5, 6] and K of shape [2, 3] the result "
                               f"should have shape {list(expected.shape)}, got {list(got.shape)}.")
    if not torch.allclose(got.float(), expected, atol=1e-4):
        return Feedback(False, "The shape is right but the values differ from F.conv2d: "
                               "is each image correlated with the same K?")
    return Feedback(True, "Your batched corr2d agrees with F.conv2d on a batch of 3.")


CHECKERS = {
    "corr-shape": lambda a: shape_pair(
        a, (4, 5), "The output has n - k + 1 rows and columns, with n = (6, 8), k = (3, 4)."),
    "receptive-field-3x3": lambda a: whole_number(
        a, 7, "Walk back from one output: r = 1, then r_in = s * r_out + k - s per layer."),
    "corr2d-batch": _batch_corr2d,
}
