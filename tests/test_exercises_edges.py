"""Chapter 2, edge detection: the checker table of its exercises
(``convlib.teach.exercises.edges``).

Every form of a right answer gets ✅; every wrong answer a ❌ hint that is true of it.
"""

import pytest
import torch
from checker_table import (
    WRONG_KERNELS,
    check_table,
    kernel_forms,
    rights,
)

from convlib.teach.exercises import edges

TABLE = {
    "diagonal-kernel": rights(kernel_forms([[1, -1], [-1, 1]]) + kernel_forms([[-2, 2], [2, -2]])
                              + kernel_forms([[0.5, -0.5], [-0.5, 0.5]])) + WRONG_KERNELS + [
        ([[1, 0], [0, 0]], "responds to a flat image (its entries sum to 1)"),
        ([[1, 0], [0, -1]], "responds to a vertical edge"),
        ([[1, 1], [-1, -1]], "responds to a horizontal edge"),
        ([[0, 0], [0, 0]], "gives 0 on the diagonal edge"),
        ([[0]], "gives 0 on the diagonal edge")],
    "second-difference": rights(kernel_forms([[1, -2, 1]])) + WRONG_KERNELS + [
        ([[-1, 2, -1]], "On the row f(j) = j² it should give 2 everywhere, got [-2.0"),
        ([[1, -1, 0]], "On the row f(j) = j it should give 0 everywhere, got [-1.0"),
        ([[1, -2, 2]], "On the row f(j) = 1 it should give 0 everywhere, got [1.0"),
        ([[0, 1, -2, 1]], "use a kernel of shape [1, 3], got [1, 4]"),
        ([[1, -2, 1, 0]], "use a kernel of shape [1, 3], got [1, 4]"),
        ([[1], [-2], [1]], "use a kernel of shape [1, 3], got [3, 1]"),
        ([[1, -2, 1], [0, 0, 0]], "use a kernel of shape [1, 3], got [2, 3]"),
        (torch.ones(1, 11), "use a kernel of shape [1, 3], got [1, 11]")],
}


@pytest.mark.parametrize("name", sorted(TABLE))
def test_checker_table(name):
    check_table(name, TABLE[name])


def test_the_table_covers_every_exercise_of_the_chapter():
    assert set(edges.CHECKERS) == set(TABLE)
