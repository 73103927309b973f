"""The checkers of the chapter on transposed convolution, as a table of answers.

Every right answer, in each form a reader may type it, gets ✅; every wrong one gets ❌ and a
hint that is true of that answer. Right answers typed as NumPy scalars and 0-d tensors are in
``test_right_answers_as_numpy_scalars_and_tensors``.
"""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from convlib import check
from convlib.shapes import transposed_output_size
from convlib.transposed import conv_transpose2d


def expected_shape():
    out = F.conv_transpose2d(torch.zeros(1, 1, 3, 5), torch.zeros(1, 1, 3, 3), stride=2,
                             padding=1)
    return tuple(out.shape[2:])


def expected_output_padding():
    return next(a for a in range(2) if F.conv_transpose2d(
        torch.zeros(1, 1, 5, 5), torch.zeros(1, 1, 3, 3), stride=2, padding=1,
        output_padding=a).shape[-1] == 10)


def expected_ratio():
    Y = F.conv_transpose2d(torch.ones(1, 1, 6, 6), torch.ones(1, 1, 3, 3), stride=2)[0, 0]
    interior = Y[2:-2, 2:-2]
    return float(interior.max() / interior.min())


def test_the_expected_answers_come_from_pytorch():
    assert expected_shape() == (5, 9)
    assert expected_output_padding() == 1
    assert expected_ratio() == 4.0
    assert transposed_output_size(5, 3, 1, 2, 1) == 10


RIGHT = [
    ("transposed-shape", (5, 9)),
    ("transposed-shape", [5, 9]),
    ("transposed-shape", (5.0, 9.0)),
    ("transposed-shape", (np.int64(5), np.int64(9))),
    ("transposed-shape", (torch.tensor(5), torch.tensor(9))),
    ("output-padding-back", 1),
    ("checkerboard-ratio", 4),
    ("checkerboard-ratio", 4.0),
    ("checkerboard-ratio", 4.04),          # within 2 %
    ("checkerboard-ratio", np.float64(4.0)),
]


@pytest.mark.parametrize("name, answer", RIGHT)
def test_right_answers(name, answer):
    verdict = check(name, answer)
    assert verdict.ok and repr(verdict).startswith("✅"), verdict


NEEDS_ANSWERS_REWRITE = [
    ("output-padding-back", 1.0),
    ("output-padding-back", np.int64(1)),
    ("output-padding-back", torch.tensor(1)),
    ("checkerboard-ratio", np.float32(4.0)),
    ("checkerboard-ratio", np.int64(4)),
    ("checkerboard-ratio", torch.tensor(4.0)),
    ("checkerboard-ratio", torch.tensor(4)),
]


@pytest.mark.parametrize("name, answer", NEEDS_ANSWERS_REWRITE)
def test_right_answers_as_numpy_scalars_and_tensors(name, answer):
    verdict = check(name, answer)
    assert verdict.ok and repr(verdict).startswith("✅"), verdict


WRONG = [
    # (name, answer, a fragment the ❌ message must contain)
    ("transposed-shape", None, "Replace None"),
    ("transposed-shape", (7, 11), "size before padding"),          # forgot the padding
    ("transposed-shape", (9, 13), "padding removes rows"),         # added it instead
    ("transposed-shape", (6, 10), "(n - 1)·s + k cells"),          # n·s instead of (n-1)·s
    ("transposed-shape", (9, 5), "(n - 1)·s - 2p + (k - 1) + 1"),  # height and width swapped
    ("transposed-shape", (5, 9, 1), "a pair (rows, columns)"),
    ("transposed-shape", 45, "a pair (rows, columns)"),
    ("transposed-shape", "5x9", "a pair (rows, columns)"),
    ("output-padding-back", None, "Replace None"),
    ("output-padding-back", 0, "= 9×9, one short of 10"),
    ("output-padding-back", 2, "not smaller than the stride (2)"),
    ("output-padding-back", 3, "not smaller than the stride (2)"),
    ("output-padding-back", "1", "whole number"),
    ("output-padding-back", (1, 1), "whole number"),
    ("output-padding-back", True, "whole number"),
    ("checkerboard-ratio", None, "Replace None"),
    ("checkerboard-ratio", 2, "ratio along one dimension"),
    ("checkerboard-ratio", 3.8, "counts"),                         # near miss, beyond 2 %
    ("checkerboard-ratio", 1, "counts"),
    ("checkerboard-ratio", "4", "a number"),
    ("checkerboard-ratio", [4], "a number"),
]


@pytest.mark.parametrize("name, answer, fragment", WRONG)
def test_wrong_answers_get_a_true_hint(name, answer, fragment):
    verdict = check(name, answer)
    assert not verdict.ok and repr(verdict).startswith("❌"), verdict
    assert fragment in verdict.message, verdict.message


def test_the_hints_are_true():
    # (7, 11) is the size before cropping p = 1 on each side
    assert tuple(conv_transpose2d(torch.ones(3, 5), torch.ones(3, 3), stride=2).shape) \
        == (7, 11)
    # output_padding 0 gives 9x9; 2 is refused by PyTorch
    assert transposed_output_size(5, 3, 1, 2, 0) == 9
    with pytest.raises(RuntimeError, match="output padding must be smaller"):
        F.conv_transpose2d(torch.ones(1, 1, 5, 5), torch.ones(1, 1, 3, 3), stride=2,
                           padding=1, output_padding=2)
    # along one dimension the counts are 2 and 1: ratio 2
    row = F.conv_transpose1d(torch.ones(1, 1, 6), torch.ones(1, 1, 3), stride=2)[0, 0]
    assert set(row[2:-2].tolist()) == {1.0, 2.0}
