"""Chapter 7, transposed convolution: the checker table of its exercises
(``convlib.teach.exercises.transposed``).

Every form of a right answer gets ✅; every wrong answer a ❌ hint that is true of it. The
expected answers are derived with PyTorch here, not copied from the checkers.
"""

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from checker_table import (
    WRONG_PAIRS,
    number_forms,
    number_wrongs,
    pair_forms,
    rights,
    table_tests,
)

from convlib.shapes import transposed_output_size
from convlib.teach.exercises import transposed
from convlib.transposed import conv_transpose2d


def expected_shape():
    out = F.conv_transpose2d(torch.zeros(1, 1, 3, 5), torch.zeros(1, 1, 3, 3), stride=2,
                             padding=1)
    return tuple(out.shape[2:])


def expected_output_padding():
    return next(a for a in range(2) if F.conv_transpose2d(
        torch.zeros(1, 1, 5, 5), torch.zeros(1, 1, 3, 3), stride=2, padding=1,
        output_padding=a).shape[-1] == 10)


def interior():
    Y = F.conv_transpose2d(torch.ones(1, 1, 6, 6), torch.ones(1, 1, 3, 3), stride=2)[0, 0]
    return Y[2:-2, 2:-2]


def test_the_expected_answers_come_from_pytorch():
    assert expected_shape() == (5, 9)
    assert expected_output_padding() == 1
    assert float(interior().max() / interior().min()) == 4.0
    assert transposed_output_size(5, 3, padding=1, stride=2, output_padding=1) == 10


TABLE = {
    "transposed-shape": rights(pair_forms((5, 9))) + WRONG_PAIRS + [
        ((7, 11), "(7, 11) is not it. That is the size before padding"),  # forgot padding
        (torch.tensor([7, 11]), "size before padding"),  # the same, as a 1-D tensor
        (np.array([7, 11]), "size before padding"),
        ([7.0, 11], "size before padding"),
        ((9, 13), "padding removes rows and columns; it does not add"),   # added it
        (torch.tensor([9, 13]), "it does not add"),
        ((6, 10), "(n - 1)·s + k cells, not n·s + k - 1"),               # n·s, not (n-1)·s
        (np.array([6, 10]), "(n - 1)·s + k cells"),
        ((9, 5), "(9, 5) is not it. Per dimension: (n - 1)·s - 2p + (k - 1) + 1"),  # swapped
        ((5, 10), "(5, 10) is not it. Per dimension"),
        ((5, 9.5), "whole number, got 9.5 in the pair"),
        ((5, 9, 1), "a pair (rows, columns)"), (45, "a pair (rows, columns)"),
    ],
    "output-padding-back": rights(number_forms(1) + [np.array(1)])
    + number_wrongs([9, 10, -1]) + [
        (0, "0 is not it. With output_padding 0, 5×5 goes to (5 - 1)·2 - 2 + 3 = 9×9"),
        (np.int64(0), "one short of 10"), (torch.tensor(0), "one short of 10"),
        # 2 and more are refused: output_padding must be smaller than max(s, d); the hint
        # must not read as if 1 (not smaller than the dilation 1) were refused too
        (2, "2 is not it. PyTorch refuses an output_padding of 2 or more here: it must be "
            "smaller than max(stride, dilation) = max(2, 1) = 2."),
        (3, "smaller than max(stride, dilation) = max(2, 1) = 2"),
        (torch.tensor(2.0), "of 2 or more here"), (9, "of 2 or more here"),
        (1.5, "1.5 is not a whole number"),
        (0.9999999, "0.9999999 is not a whole number"),   # not rounded into the answer
        ((1, 1), "whole number"), ([1], "whole number"),
    ],
    "checkerboard-ratio": rights(number_forms(4) + [
        np.array(4.0), 16 / 4, interior().max() / interior().min()])
    + number_wrongs([3.8, 1, 9, 3.95, 4.05, 3.999]) + [   # near misses are wrong too
        (2, "2 is not it. 2 is the ratio along one dimension; in 2-D the counts multiply"),
        (torch.tensor(2.0), "ratio along one dimension"),
        (0.25, "0.25 is not it. That is the smallest value divided by the largest"),
        (np.float32(0.25), "smallest value divided by the largest"),
        (1, "1 is not it. Count the stamps per dimension"),
        (3.9999, "3.9999 is not it"),                      # not rounded into the answer
        (4 + 1e-9, True),                                  # float rounding is forgiven
        ("4", "a number"), ([4], "a number"),
    ],
}


test_checker_table, test_the_table_covers_the_chapter = table_tests(transposed, TABLE)


def test_the_hints_are_true():
    # (7, 11) is the size before cropping p = 1 on each side; (9, 13) adds p instead
    assert tuple(conv_transpose2d(torch.ones(3, 5), torch.ones(3, 3), stride=2).shape) \
        == (7, 11)
    assert (3 - 1) * 2 + 2 * 1 + 3 == 9 and (5 - 1) * 2 + 2 * 1 + 3 == 13
    # (6, 10) is n·s + k - 1, less the padding, per dimension
    assert (3 * 2 + 3 - 1 - 2, 5 * 2 + 3 - 1 - 2) == (6, 10)
    # output_padding 0 gives 9x9; 2 and 3 are refused by PyTorch, 1 is not
    assert transposed_output_size(5, 3, padding=1, stride=2, output_padding=0) == 9
    for a in (2, 3):
        with pytest.raises(RuntimeError, match="output padding must be smaller"):
            F.conv_transpose2d(torch.ones(1, 1, 5, 5), torch.ones(1, 1, 3, 3), stride=2,
                               padding=1, output_padding=a)
    F.conv_transpose2d(torch.ones(1, 1, 5, 5), torch.ones(1, 1, 3, 3), stride=2, padding=1,
                       output_padding=1)
    # along one dimension the counts are 2 and 1: ratio 2; min / max is 0.25
    row = F.conv_transpose1d(torch.ones(1, 1, 6), torch.ones(1, 1, 3), stride=2)[0, 0]
    assert set(row[2:-2].tolist()) == {1.0, 2.0}
    assert float(interior().min() / interior().max()) == 0.25
