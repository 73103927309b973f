"""The pooling chapter's checkers: every right answer ✅, every wrong one ❌ with a true hint.

The expected answers are derived with PyTorch here, not copied from the checkers.
"""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from convlib import check, corr2d
from convlib.images import stripes

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


# (exercise, right answers, [(wrong answer, words its hint must contain)])
TABLE = [
    ("pool-ceil-shape", [(4, 3), [4, 3], torch.Size([4, 3])], [
        (None, ["Replace None"]),
        ((3, 3), ["floor-mode"]),           # forgot ceil_mode
        ((4, 4), ["right padding"]),        # forgot the start-inside rule
        ((3, 4), ["ceil((n + 2p - k) / s) + 1"]),
        ((4, 3, 1), ["pair"]), ("4x3", ["pair"]), (12, ["pair"]),
    ]),
    ("max-pool-padded", [-15, -15.0], [
        (None, ["Replace None"]),
        (0, ["zero padding", "never wins"]),  # the zero-padding mistake
        (0.0, ["zero padding"]),
        (-20, ["X[0:2, 0:2]"]), (-14.99, ["X[0:2, 0:2]"]), (-5, ["X[0:2, 0:2]"]),
        ("-15", ["a number"]), (True, ["a number"]), ([-15], ["a number"]),
    ]),
    ("pooled-shift", [1, 1.0], [
        (None, ["Replace None"]),
        (2, ["shift of the input"]),
        (0, ["next stride-2 window"]),
        (3, ["pooled columns"]), (1.5, ["pooled columns"]),
        ("1", ["a number"]), ((1,), ["a number"]),
    ]),
    ("avg-pool-kernel", [torch.full((3, 3), 1 / 9), torch.ones(3, 3, dtype=torch.int64) / 9,
                         torch.full((3, 3), 1 / 9, dtype=torch.float64),
                         [[1 / 9] * 3] * 3, np.full((3, 3), 1 / 9)], [
        (None, ["Replace None"]),
        (torch.ones(3, 3), ["sums each window", "by 9"]),
        (torch.full((2, 2), 1 / 4), ["shape [3, 3]", "[2, 2]"]),
        (torch.full((3, 3), 0.111), ["differs"]),     # a near miss: sums to 0.999
        (torch.eye(3) / 3, ["differs"]),
        (_kernel_the_old_checker_accepted(), ["differs"]),  # the reviewer's counterexample
        (torch.full((1, 3, 3), 1 / 9), ["2-D tensor"]),
        ("1/9", ["2-D tensor"]),
    ]),
]


@pytest.mark.parametrize("name, rights, wrongs", TABLE, ids=[row[0] for row in TABLE])
def test_checker_table(name, rights, wrongs):
    for right in rights:
        verdict = check(name, right)
        assert verdict.ok and repr(verdict).startswith("✅"), right
    for wrong, words in wrongs:
        verdict = check(name, wrong)
        assert not verdict.ok and repr(verdict).startswith("❌"), wrong
        for word in words:
            assert word in verdict.message, (wrong, verdict.message)


# Right answers typed as NumPy scalars and 0-d tensors (e.g. the result of `.max()`):
# accepted once answers.py's readers take them (a change made on another branch); on
# this branch alone these rows fail.
AFTER_ANSWERS_REWRITE = [
    ("pool-ceil-shape", [(np.int64(4), np.int64(3)), (torch.tensor(4), torch.tensor(3))]),
    ("max-pool-padded", [np.int64(-15), np.float32(-15), torch.tensor(-15.0),
                         torch.tensor(-15), PADDED_MAX]),
    ("pooled-shift", [np.int64(1), torch.tensor(1)]),
]


@pytest.mark.parametrize("name, rights", AFTER_ANSWERS_REWRITE,
                         ids=[row[0] for row in AFTER_ANSWERS_REWRITE])
def test_numpy_scalars_and_0d_tensors_are_right_answers(name, rights):
    for right in rights:
        verdict = check(name, right)
        assert verdict.ok and repr(verdict).startswith("✅"), (right, verdict.message)


def test_avg_kernel_checker_accepts_only_the_mean():
    """Any 3×3 kernel 0.01 away from 1/9, in any direction, is wrong."""
    generator = torch.Generator().manual_seed(1)
    for _ in range(50):
        direction = torch.randn(3, 3, generator=generator)
        K = torch.full((3, 3), 1 / 9) + 0.01 * direction / direction.norm()
        assert not check("avg-pool-kernel", K).ok, K
