"""Chapter 2, edge detection: the checker table of its exercises
(``convlib.teach.exercises.edges``).

Every form of a right answer gets ✅; every wrong answer a ❌ hint that is true of it.
"""

import numpy as np
import torch
from checker_table import (
    WRONG_KERNELS,
    kernel_forms,
    rights,
    table_tests,
)

from convlib.teach.exercises import edges

TABLE = {
    "corner-kernel": rights(kernel_forms([[1, -1], [-1, 1]]) + kernel_forms([[-2, 2], [2, -2]])
                              + kernel_forms([[0.5, -0.5], [-0.5, 0.5]])) + WRONG_KERNELS + [
        ([[1, 0], [0, 0]], "responds to a flat image (its entries sum to 1)"),
        ([[1, 0], [0, -1]], "responds to a vertical edge"),
        ([[1, 1], [-1, -1]], "responds to a horizontal edge"),
        ([[0, 0], [0, 0]], "gives 0 at the corners of the staircase"),
        # right up to a factor, however small: tolerances are relative to the kernel
        (torch.tensor([[1, -1], [-1, 1]]) * 1e-5, True),
        (torch.tensor([[1, -1], [-1, 1]]) * 1e-6, True),
        (torch.tensor([[1, -1], [-1, 1]]) * 1e6, True),
        # a near miss is not right: it responds to a flat image with 5e-6
        ([[1, -1], [-1, 1.000005]], "responds to a flat image (its entries sum to 5.01e-06)"),
        ([[1e-5, 0], [0, -1e-5]], "responds to a vertical edge"),
        # the exercise asks for 2 x 2
        ([[1, -1, 0], [-1, 1, 0], [0, 0, 0]], "a 2 × 2 kernel, got shape [3, 3]"),
        ([[1, -1]], "a 2 × 2 kernel, got shape [1, 2]"),
        ([[0]], "a 2 × 2 kernel, got shape [1, 1]"),
        # a kernel typed flat is described as typed, with the form to type
        ([1, -1, -1, 1], "such as [[a, b], [c, d]]; got a 1-D list of shape [4]"),
        ((1, -1, -1, 1), "got a 1-D tuple of shape [4]"),
        (np.array([1, -1, -1, 1]), "got a 1-D NumPy array of shape [4]"),
        ([[[1, -1], [-1, 1]]], "got a 3-D list of shape [1, 2, 2]"),
        (torch.tensor([1, -1, -1, 1]), "got a 1-D tensor of shape [4]")],
    "second-difference": rights(kernel_forms([[1, -2, 1]])) + WRONG_KERNELS + [
        ([[-1, 2, -1]], "On the row f(j) = j² it should give 2 everywhere; at j = 0 it "
                        "gives -2."),
        ([[1, -1, 0]], "On the row f(j) = j it should give 0 everywhere; at j = 0 it gives -1."),
        ([[1, -2, 2]], "On the row f(j) = 1 it should give 0 everywhere; at j = 0 it gives 1."),
        # near misses: the hint shows the worst value, with the digits that make it wrong
        ([[1, -2, 0.9999]], "f(j) = 1 it should give 0 everywhere; at j = 0 it gives -0.0001."),
        ([[1.0002, -2, 1]], "f(j) = 1 it should give 0 everywhere; at j = 0 it gives 0.0002."),
        ([[1, -2, 1.00001]], "f(j) = j² it should give 2 everywhere; at j = 7 it gives 2.0008."),
        ([[1, -2, 1.001]], "f(j) = 1 it should give 0 everywhere; at j = 0 it gives 0.001."),
        ([[0, 1, -2, 1]], "use a kernel of shape [1, 3], got [1, 4]"),
        ([[1, -2, 1, 0]], "use a kernel of shape [1, 3], got [1, 4]"),
        ([[1], [-2], [1]], "use a kernel of shape [1, 3], got [3, 1]"),
        ([[1, -2, 1], [0, 0, 0]], "use a kernel of shape [1, 3], got [2, 3]"),
        (torch.ones(1, 11), "use a kernel of shape [1, 3], got [1, 11]"),
        # a kernel typed flat is described as typed, with the form to type
        ([1, -2, 1], "a 2-D tensor, rows of numbers such as [[a, b, c]]; got a 1-D list of "
                     "shape [3]."),
        ([np.int64(1), np.int64(-2), np.int64(1)], "got a 1-D list of shape [3]"),
        (np.array([1.0, -2.0, 1.0]), "got a 1-D NumPy array of shape [3]"),
        ([], "got a 1-D list of shape [0]")],
}


test_checker_table, test_the_table_covers_the_chapter = table_tests(edges, TABLE)
