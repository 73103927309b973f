"""Chapter 1, cross-correlation: the checker table of its exercises
(``convlib.teach.exercises.cross_correlation``).

Every form of a right answer gets ✅; every wrong answer a ❌ hint that is true of it.
"""

import numpy as np
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

import convlib
from convlib.teach import check
from convlib.teach.exercises import cross_correlation

TABLE = {
    "corr-shape": rights(pair_forms((4, 5))) + WRONG_PAIRS + [
        ((5, 4), "(5, 4) is not it. The output has n - k + 1 rows"),
        ([4, 6], "(4, 6) is not it"), ((3, 5), "(3, 5) is not it"),
        # a hint never rounds the answer into the right one ("got 5 in the pair")
        ((4, 4.9999999), "got 4.9999999 in the pair")],
    "receptive-field-3x3": rights(number_forms(7)) + number_wrongs([9, 6, 8, 5]) + [
        (7.5, "7.5 is not a whole number"), (np.float32(6.999), "6.999 is not a whole number"),
        # not "7 is not a whole number"
        (6.9999999, "6.9999999 is not a whole number"),
        (7.0000001, "7.0000001 is not a whole number"),
        # the area, not the width
        (49, "its area"), (49.0, "its area"), (torch.tensor(49), "one side of the square")],
}


# corr2d-batch takes a function: tested below
test_checker_table, test_the_table_covers_the_chapter = table_tests(
    cross_correlation, TABLE, functions=("corr2d-batch",))


def test_batch_corr2d_checker():
    assert check("corr2d-batch", lambda X, K: F.conv2d(X[:, None], K[None, None])[:, 0]).ok
    # a plausible mistake: correlating with the flipped kernel
    def flipped_kernel(X, K):
        return F.conv2d(X[:, None], K.flip(0, 1)[None, None])[:, 0]
    flipped = check("corr2d-batch", flipped_kernel)
    assert not flipped.ok and "convolution" in flipped.message
    assert "flipped" in flipped.message
    # other right answers: a loop over the batch, a float64 result
    assert check("corr2d-batch",
                 lambda X, K: torch.stack([convlib.corr2d(x, K) for x in X])).ok
    assert check("corr2d-batch", lambda X, K: F.conv2d(
        X[:, None].double(), K[None, None].double())[:, 0]).ok
    # right values, but wrong for every K: one image's result for all
    first = check("corr2d-batch",
                  lambda X, K: convlib.corr2d(X[0], K).expand(X.shape[0], -1, -1))
    assert not first.ok and "values differ" in first.message
    assert "shape" in check("corr2d-batch", lambda X, K: X).message
    assert "tensor" in check("corr2d-batch", lambda X, K: None).message
    assert "function itself" in check("corr2d-batch", torch.zeros(2)).message
    # the likeliest way to pass a result: a whole batch, whose repr has many lines
    result = check("corr2d-batch", torch.zeros(3, 4, 4))
    assert not result.ok and "function itself" in result.message
    assert "a tensor of shape [3, 4, 4]" in result.message
    assert "\n" not in result.message


def test_batch_corr2d_checker_tries_a_batch_of_one_and_a_one_row_output():
    # .squeeze() drops the batch dimension of a batch of one and the row dimension of a
    # one-row output: right on a batch of 3 images of 5 x 6, wrong on these
    def squeezed(X, K):
        return F.conv2d(X[:, None], K[None, None]).squeeze()
    verdict = check("corr2d-batch", squeezed)
    assert not verdict.ok and "shape" in verdict.message
    assert "\n" not in verdict.message


def test_batch_corr2d_checker_leaves_the_readers_random_numbers_alone():
    torch.manual_seed(0)
    expected = torch.rand(3)
    torch.manual_seed(0)
    check("corr2d-batch", lambda X, K: F.conv2d(X[:, None], K[None, None])[:, 0])
    assert torch.equal(torch.rand(3), expected)
