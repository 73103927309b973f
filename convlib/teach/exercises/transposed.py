"""Checkers for the chapter on transposed convolution."""

import numpy as np
import torch

from .answers import approximately, as_number, shape_pair, whole_number


def _ints(answer):
    """The answer as a tuple of ints if it reads as whole numbers (for choosing a hint): a
    number, or a tuple, list or 1-D tensor or array of them; else None."""
    if isinstance(answer, (torch.Tensor, np.ndarray)) and answer.ndim == 1:
        answer = list(answer)
    values = [as_number(v) for v in (answer if isinstance(answer, (tuple, list)) else [answer])]
    if all(isinstance(v, float) and v.is_integer() for v in values):
        return tuple(int(v) for v in values)
    return None


def transposed_shape(answer):
    """X of shape 3×5, K 3×3, stride 2, padding 1: the output is 5×9."""
    hint = "Per dimension: (n - 1)·s - 2p + (k - 1) + 1."
    if _ints(answer) == (7, 11):
        hint = "That is the size before padding: padding removes p rows on each side."
    elif _ints(answer) == (9, 13):
        hint = "In a transposed convolution padding removes rows and columns; it does not add."
    elif _ints(answer) == (6, 10):
        hint = "n stamps s apart span (n - 1)·s + k cells, not n·s + k - 1."
    return shape_pair(answer, (5, 9), hint)


def output_padding_back(answer):
    """Conv2d(k=3, s=2, p=1) takes 10×10 to 5×5; output_padding 1 takes it back to 10×10."""
    value = _ints(answer)
    hint = "Work out what size the transposed convolution gives with output_padding 0."
    if value == (0,):
        hint = "With output_padding 0, 5×5 goes to (5 - 1)·2 - 2 + 3 = 9×9, one short of 10."
    elif value and len(value) == 1 and value[0] >= 2:
        hint = ("PyTorch refuses an output_padding of 2 or more here: it must be smaller "
                "than max(stride, dilation) = max(2, 1) = 2.")
    return whole_number(answer, 1, hint)


def checkerboard_ratio(answer):
    """All-ones 3×3 kernel, stride 2, all-ones input: interior values 1, 2, 4; ratio 4.

    The ratio of two whole counts is exactly 4, so only a float-rounding difference is
    forgiven (``16 / 4`` and ``Y.max() / Y.min()`` are right; 3.95 is not).
    """
    hint = ("Count the stamps per dimension (k = 3, s = 2: 2 at even positions, 1 at odd "
            "ones); a 2-D output pixel gets the product of its row's and column's counts.")
    if _ints(answer) == (2,):
        hint = "2 is the ratio along one dimension; in 2-D the counts multiply."
    elif as_number(answer) == 0.25:
        hint = ("That is the smallest value divided by the largest; the ratio asked for is "
                "the largest divided by the smallest.")
    return approximately(answer, 4.0, hint, rel=1e-6)


CHECKERS = {
    "transposed-shape": transposed_shape,
    "output-padding-back": output_padding_back,
    "checkerboard-ratio": checkerboard_ratio,
}
