"""Chapter 6, pooling: the checker table of its exercises
(``convlib.teach.exercises.pooling``).

Every form of a right answer gets ✅; every wrong answer a ❌ hint that is true of it. The
expected answers are derived with PyTorch here, not copied from the checkers.
"""

import numpy as np
import torch
import torch.nn.functional as F
from checker_table import (
    WRONG_KERNELS,
    WRONG_KINDS,
    WRONG_PAIRS,
    kernel_forms,
    number_forms,
    pair_forms,
    rights,
    table_tests,
)

from convlib import corr2d
from convlib.images import stripes
from convlib.teach import check
from convlib.teach.exercises import pooling

CEIL_SHAPE = tuple(F.max_pool2d(torch.zeros(1, 1, 8, 5), (3, 2), 2, (0, 1),
                                ceil_mode=True).shape[2:])
PADDED_MAX = F.max_pool2d(torch.arange(16.0).reshape(1, 1, 4, 4) - 20, 3, 2, 1)[0, 0, 0, 0]


def _pooled_shift():
    """How far the pooled edge map moves when the band moves 2 columns (stride-2 2×2 pool)."""
    K = torch.tensor([[1.0, -1.0]])
    maps = [F.max_pool2d(corr2d(stripes(6, 12, dark), K).abs()[None, None], 2)[0, 0]
            for dark in ((2, 6), (4, 8))]
    return next(d for d in range(maps[0].shape[1])
                if torch.equal(maps[0][:, :maps[0].shape[1] - d], maps[1][:, d:]))


def _kernel_the_old_checker_accepted():
    """A wrong 3×3 kernel that matches the mean on 6 stride-3 windows of one 6×9 input.

    1/9 plus a vector of the null space of that input's 6×9 window matrix: 6 windows give
    6 equations for 9 unknowns, so a checker that compares only there accepts it.
    """
    X = torch.randn(6, 9, generator=torch.Generator().manual_seed(0)).double()
    windows = X.unfold(0, 3, 3).unfold(1, 3, 3).reshape(-1, 9)   # (6, 9)
    null = torch.linalg.svd(windows).Vh[-1]                        # windows @ null ≈ 0
    K = (torch.full((9,), 1 / 9, dtype=torch.float64) + 1.5 * null).reshape(3, 3)
    assert (K - 1 / 9).abs().max() > 0.3                            # far from the mean
    assert torch.allclose(windows @ K.flatten(), windows.mean(1), atol=1e-6)
    return K.float()


def test_the_expected_answers():
    assert CEIL_SHAPE == (4, 3) and PADDED_MAX.item() == -15 and _pooled_shift() == 1


MEAN_KERNEL = [[1 / 9] * 3] * 3

TABLE = {
    "pool-ceil-shape": rights(pair_forms(CEIL_SHAPE)) + WRONG_PAIRS + [
        ((3, 3), "(3, 3) is not it. That is the floor-mode shape"),   # forgot ceil_mode
        (np.array([3, 3]), "floor-mode"),                  # the hints read every pair form
        ((torch.tensor(3), torch.tensor(3)), "floor-mode"),
        ((4, 4), "(4, 4) is not it. In width a 4th window would start at 6"),
        ((3, 4), "right numbers in the wrong order"),     # rows and columns swapped
        ((5, 3), "(5, 3) is not it. Per dimension"),
        ((4, 2), "(4, 2) is not it. Per dimension"),
    ],
    "max-pool-padded": rights(number_forms(-15) + [PADDED_MAX, np.array(-15.0)])
    + WRONG_KINDS + [
        (0, "0 is not it. 0 is what zero padding would give"),
        (0.0, "never wins"), (np.array(0), "zero padding"), (torch.tensor(0.0), "zero padding"),
        (-20, "-20 is not it. The top-left window covers"), (-5, "-5 is not it"),
        (-16, "-16 is not it"),
        (-14.5, "-14.5 is not a whole number"),
        (-14.999, "-14.999 is not a whole number"),       # not rounded into the answer
        (-15.0001, "-15.0001 is not a whole number"),
    ],
    "pooled-shift": rights(number_forms(1) + [np.array(1)]) + WRONG_KINDS + [
        (2, "2 is not it. 2 is the shift of the input"),
        (np.array(2), "shift of the input"), (torch.tensor(2.0), "shift of the input"),
        (0, "0 is not it. A shift of 2 moves each edge into the next stride-2 window"),
        (-1, "moves to the right, like the image"),     # the right size, the wrong sign
        (3, "3 is not it. Count pooled columns"),
        (1.5, "1.5 is not a whole number"),
        (0.99999, "0.99999 is not a whole number"),      # not rounded into the answer
    ],
    "avg-pool-kernel": rights(kernel_forms(MEAN_KERNEL) + [
        torch.ones(3, 3, dtype=torch.int64) / 9, torch.ones(3, 3) / 9,
        tuple(tuple(row) for row in MEAN_KERNEL), torch.full((3, 3), 0.11111)])
    + WRONG_KERNELS + [
        (torch.ones(3, 3), "That kernel sums each window; the mean divides the sum by 9"),
        (torch.full((2, 2), 1 / 4), "needs a kernel of shape [3, 3], got [2, 2]"),
        (torch.full((1, 3, 3), 1 / 9), "2-D tensor"), ("1/9", "2-D tensor"),
        # a near miss, as the printed 0.1111 of torch.full((3, 3), 1 / 9) invites
        ([[0.1111] * 3] * 3, "All nine weights are equal, good; they sum to 0.9999, not 1"),
        (torch.full((3, 3), 0.111), "they sum to 0.999, not 1"),
        (torch.full((3, 3), 1 / 9 + 1e-5), "All nine weights are equal, good; they sum "
                                           "to 1.0000"),   # not rounded into 1
        (torch.zeros(3, 3), "Your kernel is all zeros: a mean gives each of the nine "
                            "cells the weight 1/9"),   # a placeholder, not "good"
        (torch.full((3, 3), -1 / 9), "All nine weights are equal; they sum to -1, not 1"),
        # 1/9 itself, but in half precision: the advice names the dtype, not "use 1/9"
        (torch.full((3, 3), 1 / 9, dtype=torch.float16),
         "In float16, 1/9 is stored as 0.1111, so the nine weights sum to 0.9998"),
        (torch.full((3, 3), 1 / 9, dtype=torch.bfloat16),
         "In bfloat16, 1/9 is stored as 0.1113, so the nine weights sum to 1.002"),
        (np.full((3, 3), 1 / 9, dtype=np.float16), "In float16, 1/9 is stored as 0.1111"),
        (torch.full((3, 3), 0.5, dtype=torch.float16), "they sum to 4.5, not 1"),
        (torch.eye(3) / 3, "Your weights sum to 1, but they are not all equal"),
        (_kernel_the_old_checker_accepted(), "differs from pool2d(X, 3, mode='avg'): your "
                                             "weights are not all equal"),
    ],
}


test_checker_table, test_the_table_covers_the_chapter = table_tests(pooling, TABLE)


def test_avg_kernel_checker_accepts_only_the_mean():
    """Any 3×3 kernel 0.01 away from 1/9, in any direction, is wrong."""
    generator = torch.Generator().manual_seed(1)
    for _ in range(50):
        direction = torch.randn(3, 3, generator=generator)
        K = torch.full((3, 3), 1 / 9) + 0.01 * direction / direction.norm()
        assert not check("avg-pool-kernel", K).ok, K
