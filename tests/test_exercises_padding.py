"""Chapter 4, padding and stride: the checker table of its exercises
(``convlib.teach.exercises.padding``).

Every form of a right answer gets ✅; every wrong answer a ❌ hint that is true of it.
"""

import pytest
from checker_table import (
    WRONG_PAIRS,
    check_table,
    number_forms,
    number_wrongs,
    pair_forms,
    rights,
)

from convlib.teach.exercises import padding

TABLE = {
    "d2l-stride-case": rights(pair_forms((2, 2))) + WRONG_PAIRS + [
        ((3, 2), "(3, 2) is not it. Per dimension"), ((2, 3), "(2, 3) is not it"),
        ((1, 2), "(1, 2) is not it")],
    "same-padding-7": rights(number_forms(3)) + number_wrongs([6, 7, 2, 4]) + [
        (3.5, "3.5 is not a whole number")],
    "dilated-span": rights(number_forms(9)) + number_wrongs([11, 5, 10, 8]) + [
        (8.5, "8.5 is not a whole number")],
}


@pytest.mark.parametrize("name", sorted(TABLE))
def test_checker_table(name):
    check_table(name, TABLE[name])


def test_the_table_covers_every_exercise_of_the_chapter():
    assert set(padding.CHECKERS) == set(TABLE)
