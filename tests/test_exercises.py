import numpy as np
import pytest
import torch
import torch.nn.functional as F
from checker_table import (
    check_table,
    kernel_forms,
    number_forms,
    pair_forms,
    rights,
)

from convlib import check


def test_batch_corr2d_checker():
    assert check("corr2d-batch", lambda X, K: F.conv2d(X[:, None], K[None, None])[:, 0]).ok
    # a plausible mistake: correlating with the flipped kernel
    def flipped_kernel(X, K):
        return F.conv2d(X[:, None], K.flip(0, 1)[None, None])[:, 0]
    flipped = check("corr2d-batch", flipped_kernel)
    assert not flipped.ok and "values differ" in flipped.message
    assert "shape" in check("corr2d-batch", lambda X, K: X).message
    assert "tensor" in check("corr2d-batch", lambda X, K: None).message
    assert "function itself" in check("corr2d-batch", torch.zeros(2)).message


def test_a_crashing_answer_is_a_message_not_a_traceback():
    def broken(X, K):
        raise RuntimeError("boom")
    verdict = check("corr2d-batch", broken)
    assert not verdict.ok and "RuntimeError: boom" in verdict.message


def test_unknown_exercise_lists_the_names():
    verdict = check("no-such-exercise", 1)
    assert not verdict.ok and "corr-shape" in verdict.message


WRONG_KINDS = [  # answers of the wrong kind, wrong for every numeric exercise
    (None, "Replace None"),
    (True, "got True (a bool)"),
    (np.bool_(True), "got True (a bool"),
    ("7", "got '7' (a str)"),
    (float("nan"), "finite number, got nan"),
    (float("inf"), "finite number, got inf"),
    (torch.tensor(float("nan")), "finite number, got nan"),
    (torch.tensor([3.0]), "one number, got a tensor of shape [1]"),
    (torch.tensor([3.0, 4.0]), "one number, got a tensor of shape [2]"),
    (np.array([3, 4]), "one number, got a NumPy array of shape [2]"),
    ([3], "got [3] (a list)"),
    (3 + 0j, "(a complex)"),
    (torch.tensor(True), "got torch.bool value True"),
]
WRONG_PAIRS = [
    (None, "Replace None"),
    ((4, 5, 1), "a pair (rows, columns), got (4, 5, 1) (a tuple)"),
    (20, "a pair (rows, columns), got 20 (an int)"),
    ("4x5", "a pair (rows, columns), got '4x5' (a str)"),
    (torch.zeros(2, 2), "a pair (rows, columns), got a tensor of shape [2, 2]"),
    ((4.5, 5), "whole number, got 4.5 in the pair"),
    (("4", "5"), "got '4' (a str) in the pair"),
    ((True, 5), "got True (a bool) in the pair"),
]
WRONG_KERNELS = [
    (None, "Replace None"),
    (torch.ones(3), "2-D tensor, got 1-D tensor of shape [3]"),
    (torch.ones(1, 1, 3), "2-D tensor, got 3-D tensor of shape [1, 1, 3]"),
    ([[1, -2], [1]], "2-D tensor of numbers, got [[1, -2], [1]] (a list)"),
    ([["a", "b"]], "2-D tensor of numbers"),
    ("[[1, -2, 1]]", "2-D tensor, got '[[1, -2, 1]]' (a str)"),
    (torch.zeros(0, 3), "empty: shape [0, 3]"),
    (torch.tensor([[1.0, float("nan"), 1.0]]), "nan or infinite"),
    (torch.tensor([[True, False]]), "real numbers, got dtype torch.bool"),
]


def number_wrongs(near_misses):
    return WRONG_KINDS + [(value, "is not it") for value in near_misses]


TABLE = {
    # chapter 1
    "corr-shape": rights(pair_forms((4, 5))) + WRONG_PAIRS + [
        ((5, 4), "(5, 4) is not it. The output has n - k + 1 rows"),
        ([4, 6], "(4, 6) is not it"), ((3, 5), "(3, 5) is not it")],
    "receptive-field-3x3": rights(number_forms(7)) + number_wrongs([9, 6, 8, 5]) + [
        (7.5, "7.5 is not a whole number"), (np.float32(6.999), "6.999 is not a whole number")],
    # chapter 2
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
    # chapter 3
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
    # chapter 4
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


def test_the_table_covers_every_exercise_of_chapters_1_to_4():
    from convlib.teach.exercises import cross_correlation, edges, learning, padding

    names = set()
    for chapter in (cross_correlation, edges, learning, padding):
        names |= set(chapter.CHECKERS)
    assert names - {"corr2d-batch"} == set(TABLE)  # corr2d-batch: a function, tested above


def test_the_table_can_fail():
    """check_table catches a right answer marked wrong and a hint that does not say it."""
    with pytest.raises(AssertionError, match="should be right"):
        check_table("receptive-field-3x3", [(9, True)])
    with pytest.raises(AssertionError, match="should be wrong"):
        check_table("receptive-field-3x3", [(7, "is not it")])
    with pytest.raises(AssertionError, match="hint should say"):
        check_table("receptive-field-3x3", [(9, "a phrase it does not contain")])
