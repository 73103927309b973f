"""Chapter 3, learning a kernel: the checker table of its exercises
(``convlib.teach.exercises.learning``).

Every form of a right answer gets ✅; every wrong answer a ❌ hint that is true of it.
"""

import numpy as np
import pytest
import torch
from checker_table import (
    WRONG_KERNELS,
    WRONG_KINDS,
    check_table,
    kernel_forms,
    number_forms,
    number_wrongs,
    rights,
)

from convlib.teach.exercises import learning

TABLE = {
    "largest-stable-lr": rights(number_forms(1 / 30) + [0.0333, 2 / 60.000004,
                                                        2 / torch.tensor(60.0)])
    + WRONG_KINDS + [
        (0.034, "At lr = 0.034 gradient descent diverges"),
        (0.0334, "At lr = 0.0334 gradient descent diverges"),
        (0.1, "grows by |1 - lr·60| = 5 per step"),
        (0.0332, "lr = 0.0332 converges, but so does every rate up to a larger bound"),
        (0.016, "lr = 0.016 converges"),
        (0, "A learning rate is positive, got 0"),
        (-0.03, "A learning rate is positive, got -0.03")],
    "horizontal-kernel": rights(kernel_forms([[1], [-1]])
                                + [torch.tensor([[1.005], [-0.995]])]) + WRONG_KERNELS + [
        ([[1, -1]], "has shape [2, 1], got [1, 2]"),
        ([[0.9], [-1]], "the largest error is 0.100"),
        ([[-1], [1]], "the largest error is 2.000")],
    "mean-loss-factor": rights(number_forms(42) + [41.999996, np.float32(41.999996),
                                                   torch.tensor(41.999996)])
    + number_wrongs([41, 43, 6, 7, 84, 41.9, 1 / 42]),
}


@pytest.mark.parametrize("name", sorted(TABLE))
def test_checker_table(name):
    check_table(name, TABLE[name])


def test_the_table_covers_every_exercise_of_the_chapter():
    assert set(learning.CHECKERS) == set(TABLE)
