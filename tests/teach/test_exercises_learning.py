"""Chapter 3, learning a kernel: the checker table of its exercises
(``convlib.teach.exercises.learning``).

Every form of a right answer gets ✅; every wrong answer a ❌ hint that is true of it.
"""

import numpy as np
import torch
from checker_table import (
    WRONG_KERNELS,
    WRONG_KINDS,
    kernel_forms,
    number_forms,
    number_wrongs,
    rights,
    table_tests,
)

from convlib.teach.exercises import learning

CONV2D_WEIGHT = torch.nn.Parameter(torch.tensor([[[[1.0], [-1.0]]]]))  # nn.Conv2d(1, 1, (2, 1))

TABLE = {
    "largest-stable-lr": rights(number_forms(1 / 30) + [0.0333, 2 / 60.000004,
                                                        2 / torch.tensor(60.0)]
                                # the bound as the page rounds it, 1/30 ≈ 0.033
                                + [0.033, np.float32(0.033), 0.0332])
    + WRONG_KINDS + [
        (0.034, "At lr = 0.034 gradient descent diverges"),
        # a factor just above 1 is shown with the digits that say so, not rounded to "1"
        (0.0334, "At lr = 0.0334 gradient descent diverges"),
        (0.0334, "grows by a factor |1 - lr·60| = 1.004 per step"),
        ((1 / 30) * (1 + 2e-5), "grows by a factor |1 - lr·60| = 1.00004 per step"),
        # ... and the rate itself is not shortened into 0.03333, a rate that converges
        ((1 / 30) * (1 + 2e-5), "At lr = 0.033334 gradient descent diverges"),
        (0.1, "grows by a factor |1 - lr·60| = 5 per step"),
        (0.0329, "lr = 0.0329 converges, but so does every rate up to a larger bound"),
        (0.016, "lr = 0.016 converges"),
        (0, "A learning rate is positive, got 0"),
        (-0.03, "A learning rate is positive, got -0.03")],
    "horizontal-kernel": rights(kernel_forms([[1], [-1]])
                                + [torch.tensor([[1.005], [-0.995]]),
                                   # an nn.Conv2d weight, shape (1, 1, 2, 1)
                                   CONV2D_WEIGHT, CONV2D_WEIGHT.detach().numpy()])
    + WRONG_KERNELS + [
        ([[1, -1]], "has shape [2, 1], got [1, 2]"),
        (torch.ones(1, 1, 1, 2), "has shape [2, 1], got [1, 2]"),
        (torch.ones(2, 1, 2, 1), "4-D tensor of shape [2, 1, 2, 1]"),
        ([[0.9], [-1]], "the largest error is 0.1."),
        ([[0.9], [-1]], "Train for more steps"),
        # an error just above 0.01 is not shown rounded to 0.010
        ([[1.0101], [-1]], "the largest error is 0.0101."),
        # the sign slipped: more training would not help
        ([[-1], [1]], "The sign is flipped: that is -[[1], [-1]]."),
        ([[-1.003], [0.998]], "The sign is flipped"),
        # a flipped kernel not yet within 0.01: the flip is named, with how far it is
        ([[-0.98], [1.02]], "flipped: its largest difference from -[[1], [-1]] is 0.02."),
        ([[-0.85], [0.9]], "flipped: its largest difference from -[[1], [-1]] is 0.15."),
        # far from both: no flip is claimed
        ([[-0.5], [0.5]], "Not there yet: the largest error is 1.5."),
        # an nn.Conv2d weight as a nested list (weight.tolist()), right or wrong
        ([[[[1.0], [-1.0]]]], True),
        ([[[[1.0, -1.0]]]], "has shape [2, 1], got [1, 2]"),
        ([[[[0.9], [-1.0]]]], "the largest error is 0.1.")],
    "mean-loss-factor": rights(number_forms(42) + [41.999996, np.float32(41.999996),
                                                   torch.tensor(41.999996)])
    + number_wrongs([41, 43, 6, 7, 84, 41.9]) + [
        # multiplied by 1/42 is divided by 42: the hint says which the question asks
        (1 / 42, "the question asks what it is divided by"),
        (1 / 42, "0.02381 = 1/42 is the factor the Hessian is multiplied by"),
        (np.float32(1 / 42), "the question asks what it is divided by"),
        (torch.tensor(1 / 42), "the question asks what it is divided by"),
        # ... also when the reader rounded 1/42, and the hint does not call it exactly 1/42
        (0.0238, "0.0238 is about 1/42 = 0.02381, the factor the Hessian is multiplied by"),
        (0.024, "0.024 is about 1/42 = 0.02381"),
        (0.0238, "the question asks what it is divided by"),
        (0.02, "0.02 is not it")],
}


test_checker_table, test_the_table_covers_the_chapter = table_tests(learning, TABLE)
