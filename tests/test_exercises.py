import pytest
import torch
import torch.nn.functional as F

from convlib import check


@pytest.mark.parametrize("name, right, wrongs", [
    ("corr-shape", (4, 5), [None, (5, 4), "4x5", (4, 5, 1), 20]),
    ("receptive-field-3x3", 7, [None, 9, 7.0, "7", True]),
])
def test_answers_are_judged(name, right, wrongs):
    assert check(name, right).ok
    assert repr(check(name, right)).startswith("✅")
    for wrong in wrongs:
        verdict = check(name, wrong)
        assert not verdict.ok and repr(verdict).startswith("❌"), wrong


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


def test_chapter_3_checkers():
    assert check("largest-stable-lr", 1 / 30).ok and check("largest-stable-lr", 0.0333).ok
    assert not check("largest-stable-lr", 0.016).ok
    assert check("horizontal-kernel", torch.tensor([[1.0], [-1.0]])).ok
    assert not check("horizontal-kernel", torch.tensor([[1.0, -1.0]])).ok
    assert not check("horizontal-kernel", torch.tensor([[0.9], [-1.0]])).ok
    assert check("mean-loss-factor", 42).ok and not check("mean-loss-factor", 41).ok


def test_chapter_2_checkers():
    assert check("diagonal-kernel", torch.tensor([[1.0, -1.0], [-1.0, 1.0]])).ok
    assert check("diagonal-kernel", torch.tensor([[-2.0, 2.0], [2.0, -2.0]])).ok
    assert "flat image" in check("diagonal-kernel", torch.tensor([[1.0, 0.0], [0.0, 0.0]])).message
    assert "vertical or horizontal" in check("diagonal-kernel",
                                             torch.tensor([[1.0, 0.0], [0.0, -1.0]])).message
    assert "blind" in check("diagonal-kernel", torch.zeros(2, 2)).message
    assert "2-D tensor" in check("diagonal-kernel", [[1, -1], [-1, 1]]).message
    assert check("second-difference", torch.tensor([[1.0, -2.0, 1.0]])).ok
    assert not check("second-difference", torch.tensor([[-1.0, 2.0, -1.0]])).ok  # sign
    assert "single row" in check("second-difference", torch.tensor([[1.0], [-2.0], [1.0]])).message
    assert "short" in check("second-difference", torch.ones(1, 11)).message


def test_chapter_4_and_5_checkers():
    assert check("d2l-stride-case", (2, 2)).ok and not check("d2l-stride-case", (3, 2)).ok
    assert check("same-padding-7", 3).ok and not check("same-padding-7", 6).ok
    assert check("dilated-span", 9).ok and not check("dilated-span", 11).ok
    assert check("flops-2048-31", 2 * 31 * 31 * 2018 * 2018).ok
    assert not check("flops-2048-31", 2 * 31 * 31 * 2048 * 2048).ok  # out is n - k + 1
    assert check("im2col-gigabytes", 15.65).ok and not check("im2col-gigabytes", 3.9).ok
    assert "a number" in check("im2col-gigabytes", "15 GB").message
