"""Checkers for chapter 1, cross-correlation."""

import torch
import torch.nn.functional as F

from .answers import Feedback, _describe, as_number, shape_pair, whole_number

BATCH_SHAPES = [(3, 5, 6), (1, 5, 6), (2, 2, 6)]
"""The batches ``corr2d-batch`` tries, all with a 2 x 3 kernel: three images, a batch of one,
and images whose output has one row (a ``.squeeze()`` would drop those dimensions)."""


def _batch_corr2d(fn):
    if not callable(fn):
        return Feedback(False, f"Pass your function itself (not its result), got "
                               f"{_describe(fn)}.")
    # a generator of our own, so that checking leaves the reader's random numbers alone
    generator = torch.Generator().manual_seed(0)
    K = torch.randn(2, 3, generator=generator)
    for shape in BATCH_SHAPES:
        X = torch.randn(shape, generator=generator)
        expected = F.conv2d(X[:, None], K[None, None])[:, 0]
        got = fn(X, K)
        if not isinstance(got, torch.Tensor):
            return Feedback(False, f"Your function should return a tensor, got "
                                   f"{type(got).__name__}.")
        if tuple(got.shape) != tuple(expected.shape):
            return Feedback(False, f"For X of shape {list(shape)} and K of shape [2, 3] the "
                                   f"result should have shape {list(expected.shape)}, got "
                                   f"{list(got.shape)}.")
        if not torch.allclose(got.detach().float(), expected, atol=1e-4):
            flipped = F.conv2d(X[:, None], K.flip(0, 1)[None, None])[:, 0]
            if torch.allclose(got.detach().float(), flipped, atol=1e-4):
                return Feedback(False, "You computed a convolution: the kernel is flipped. "
                                       "Correlate with K as it is.")
            return Feedback(False, f"For X of shape {list(shape)} the shape is right but the "
                                   f"values differ from F.conv2d: is each image correlated "
                                   f"with the same K?")
    return Feedback(True, "Your batched corr2d agrees with F.conv2d on batches of 3, 1 "
                          "and 2 images.")


def _receptive_field(answer):
    value = as_number(answer, "a whole number") if answer is not None else None
    if value == 49:
        return Feedback(False, "49 is the number of inputs in the region, its area. The "
                               "question asks how wide it is: one side of the square.")
    return whole_number(
        answer, 7, "Walk back from one output: r = 1, then r_in = s * r_out + k - s per layer.")


CHECKERS = {
    "corr-shape": lambda a: shape_pair(
        a, (4, 5), "The output has n - k + 1 rows and columns, with n = (6, 8), k = (3, 4)."),
    "receptive-field-3x3": _receptive_field,
    "corr2d-batch": _batch_corr2d,
}
