"""Chapter 4, padding and stride: the checker table of its exercises
(``convlib.teach.exercises.padding``).

Every form of a right answer gets ✅; every wrong answer a ❌ hint that is true of it.
"""

import warnings

import torch
from checker_table import (
    WRONG_PAIRS,
    number_forms,
    number_wrongs,
    pair_forms,
    rights,
    table_tests,
)

from convlib.teach import check
from convlib.teach.exercises import padding

TABLE = {
    # input 7x12, kernel (2, 4), padding (1, 2), stride (2, 3): (4, 5)
    "stride-by-hand": rights(pair_forms((4, 5))) + WRONG_PAIRS + [
        ((5, 4), "(5, 4) is not it: 5 is the width and 4 the height; give (rows, columns)"),
        ((4, 4), "(4, 4) is not it: the height is right, the width is not"),  # p_w, not 2p_w
        ((4, 6), "the height is right, the width is not"),
        ((3, 5), "(3, 5) is not it: the width is right, the height is not"),  # no padding
        ((3, 3), "(3, 3) is not it. Per dimension"),  # no padding at all
        ((8, 13), "(8, 13) is not it. Per dimension"),  # no stride
        ((2, 2), "(2, 2) is not it. Per dimension"),  # the d2l example of the page
        ((3.9999999, 5), "got 3.9999999 in the pair"),  # never shown rounded to 4
        ((4, 5.0000001), "got 5.0000001 in the pair"),
        (torch.tensor([3., 5.], requires_grad=True),  # a tensor a reader trained
         "(3, 5) is not it: the width is right, the height is not")],
    "same-padding-7": rights(number_forms(3)) + number_wrongs([6, 7, 2, 4]) + [
        (6, "2p rows in total"),  # the total, not per side
        (3.5, "3.5 is not a whole number"),
        (2.9999999999999996, "2.9999999999999996 is not a whole number"),
        (3.0000003, "3.0000003 is not a whole number")],
    "dilated-span": rights(number_forms(9)) + number_wrongs([11, 5, 10, 8]) + [
        (8.5, "8.5 is not a whole number"),
        (8.9999999, "8.9999999 is not a whole number")],
}


test_checker_table, test_the_table_covers_the_chapter = table_tests(padding, TABLE)


def test_a_wrong_pair_that_requires_grad_gets_its_hint_without_a_warning():
    """PyTorch warns (once per session, unless told to warn always) when a tensor that
    requires grad is turned into a Python number with float(); the checker must not."""
    answer = torch.tensor([3., 5.], requires_grad=True)
    warn_always = torch.is_warn_always_enabled()
    torch.set_warn_always(True)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            verdict = check("stride-by-hand", answer)
    finally:
        torch.set_warn_always(warn_always)
    assert verdict.message.startswith("(3, 5) is not it: the width is right"), verdict
