"""Checkers for the auto-checked exercises: ``check(name, answer)`` prints ✅ or a ❌ hint.

A checker never raises: whatever the reader passes (a wrong type, a function that crashes),
the answer is a ``Feedback`` whose text is one readable line.
"""

from dataclasses import dataclass

import torch
import torch.nn.functional as F


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer: ``ok`` and a one-line ``message``."""

    ok: bool
    message: str

    def __repr__(self):
        return ("✅ " if self.ok else "❌ ") + self.message


def _shape_2d(answer, expected, hint):
    if answer is None:
        return Feedback(False, "Replace None with your answer, a pair (rows, columns).")
    if not (isinstance(answer, (tuple, list)) and len(answer) == 2):
        return Feedback(False, f"Give the shape as a pair (rows, columns), got {answer!r}.")
    if tuple(answer) == expected:
        return Feedback(True, f"Correct: {expected[0]}×{expected[1]}.")
    return Feedback(False, f"{tuple(answer)} is not it. {hint}")


def _number(answer, expected, hint):
    if answer is None:
        return Feedback(False, "Replace None with your answer, a whole number.")
    if not isinstance(answer, int) or isinstance(answer, bool):
        return Feedback(False, f"Give a whole number, got {answer!r}.")
    if answer == expected:
        return Feedback(True, f"Correct: {expected}.")
    return Feedback(False, f"{answer} is not it. {hint}")


def _batch_corr2d(fn):
    if not callable(fn):
        return Feedback(False, f"Pass your function itself (not its result), got {fn!r}.")
    X, K = torch.randn(3, 5, 6), torch.randn(2, 3)
    expected = F.conv2d(X[:, None], K[None, None])[:, 0]
    got = fn(X, K)
    if not isinstance(got, torch.Tensor):
        return Feedback(False, f"Your function should return a tensor, got {type(got).__name__}.")
    if tuple(got.shape) != tuple(expected.shape):
        return Feedback(False, f"For X of shape [3, 5, 6] and K of shape [2, 3] the result "
                               f"should have shape {list(expected.shape)}, got {list(got.shape)}.")
    if not torch.allclose(got.float(), expected, atol=1e-4):
        return Feedback(False, "The shape is right but the values differ from F.conv2d: "
                               "is each image correlated with the same K?")
    return Feedback(True, "Your batched corr2d agrees with F.conv2d on a batch of 3.")


def _kernel(answer):
    """The reader's kernel as a float tensor, or a Feedback saying why it is not one."""
    if answer is None:
        return Feedback(False, "Replace None with your kernel, a 2-D tensor.")
    if not isinstance(answer, torch.Tensor) or answer.dim() != 2:
        return Feedback(False, f"Give the kernel as a 2-D tensor, got {answer!r}.")
    return answer.float()


def _diagonal_kernel(answer):
    K = _kernel(answer)
    if isinstance(K, Feedback):
        return K
    size = max(K.shape) + 4
    vertical = torch.zeros(size, size)
    vertical[:, size // 2:] = 1
    diagonal = torch.tril(torch.ones(size, size))
    flat = torch.ones(size, size)

    def response(X):
        return F.conv2d(X[None, None], K[None, None])[0, 0].abs().max().item()

    if response(flat) > 1e-5:
        return Feedback(False, "It responds to a flat image: make the kernel's entries sum to 0.")
    if response(vertical) > 1e-5 or response(vertical.T) > 1e-5:
        return Feedback(False, "It still responds to vertical or horizontal edges: make every "
                               "row and every column of the kernel sum to 0.")
    if response(diagonal) < 1e-5:
        return Feedback(False, "It is blind to the diagonal edge too: it must not be all zeros.")
    return Feedback(True, "It fires on the diagonal edge and ignores vertical and horizontal "
                          "ones.")


def _second_difference(answer):
    K = _kernel(answer)
    if isinstance(K, Feedback):
        return K
    if K.shape[0] != 1:
        return Feedback(False, f"Use a single row (shape [1, k]), got shape {list(K.shape)}.")
    j = torch.arange(10.0)
    for name, row, expected in [("j", j, 0.0), ("j²", j**2, 2.0), ("1", torch.ones(10), 0.0)]:
        if K.shape[1] > 10:
            return Feedback(False, "Use a short kernel: three entries are enough.")
        got = F.conv2d(row[None, None, None], K[None, None])[0, 0, 0]
        if not torch.allclose(got, torch.full_like(got, expected), atol=1e-4):
            return Feedback(False, f"On the row f(j) = {name} it should give {expected:g} "
                                   f"everywhere, got {[round(v, 3) for v in got.tolist()[:4]]}...")
    return Feedback(True, "It gives f(j) - 2 f(j+1) + f(j+2): 0 on lines, 2 on j².")


def _approx(answer, expected, hint, rel=0.02):
    if answer is None:
        return Feedback(False, "Replace None with your answer, a number.")
    if not isinstance(answer, (int, float)) or isinstance(answer, bool):
        return Feedback(False, f"Give a number, got {answer!r}.")
    if abs(answer - expected) <= rel * abs(expected):
        return Feedback(True, f"Correct: {expected:.4g}.")
    return Feedback(False, f"{answer:.4g} is not it. {hint}")


def _horizontal_kernel(answer):
    K = _kernel(answer)
    if isinstance(K, Feedback):
        return K
    if tuple(K.shape) != (2, 1):
        return Feedback(False, f"A kernel that differences along the height has shape [2, 1], "
                               f"got {list(K.shape)}.")
    error = (K.detach() - torch.tensor([[1.0], [-1.0]])).abs().max().item()
    if error > 0.01:
        return Feedback(False, f"Not there yet: the largest error is {error:.3f}. Train for "
                               "more steps (or check the sign of the target).")
    return Feedback(True, "Learned [[1], [-1]] to within 0.01.")


CHECKERS = {
    "corr-shape": lambda a: _shape_2d(
        a, (4, 5), "The output has n - k + 1 rows and columns, with n = (6, 8), k = (3, 4)."),
    "receptive-field-3x3": lambda a: _number(
        a, 7, "Walk back from one output: r = 1, then r_in = s * r_out + k - s per layer."),
    "corr2d-batch": _batch_corr2d,
    "diagonal-kernel": _diagonal_kernel,
    "second-difference": _second_difference,
    "largest-stable-lr": lambda a: _approx(
        a, 1 / 30, "Gradient descent is stable when lr < 2 / (largest Hessian eigenvalue)."),
    "horizontal-kernel": _horizontal_kernel,
    "d2l-stride-case": lambda a: _shape_2d(
        a, (2, 2), "Per dimension: floor((n - k + 2p + s) / s), with the width's own p_w and s_w."),
    "same-padding-7": lambda a: _number(
        a, 3, "Padding is per side here: 2p rows in total must make up for k - 1 = 6 lost rows."),
    "dilated-span": lambda a: _number(
        a, 9, "A dilated kernel spans d(k - 1) + 1 inputs."),
    "flops-2048-31": lambda a: _approx(
        a, 2 * 31 * 31 * 2018 * 2018, "2 · k_h · k_w · out_h · out_w, with out = n - k + 1.",
        rel=0.01),
    "im2col-gigabytes": lambda a: _approx(
        a, 31 * 31 * 2018 * 2018 * 4 / 1e9, "k_h · k_w rows, out_h · out_w columns, 4 bytes "
        "per float32, divided by 10^9.", rel=0.02),
    "mean-loss-factor": lambda a: _approx(
        a, 42, "The mean divides the sum by the number of outputs: how many are in 6x7?", rel=0),
}


def check(name, answer):
    """Check the reader's ``answer`` to the exercise called ``name``; returns a ``Feedback``."""
    if name not in CHECKERS:
        return Feedback(False, f"No exercise is called {name!r}; the names are "
                               f"{', '.join(sorted(CHECKERS))}.")
    try:
        return CHECKERS[name](answer)
    except Exception as error:  # the reader's code failed: say so, in one line
        return Feedback(False, f"Running your answer raised {type(error).__name__}: {error}")
