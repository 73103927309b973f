"""What every checker shares: the ``Feedback`` verdict and readers for the reader's answer.

Each reader takes the answer as typed and returns a ``Feedback`` (right, or a ❌ hint that is
true of that answer).
"""

from dataclasses import dataclass

import torch


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer: ``ok`` and a one-line ``message``."""

    ok: bool
    message: str

    def __repr__(self):
        return ("✅ " if self.ok else "❌ ") + self.message


def shape_pair(answer, expected, hint):
    """Judge a shape answer, a pair (rows, columns), against ``expected``."""
    if answer is None:
        return Feedback(False, "Replace None with your answer, a pair (rows, columns).")
    if not (isinstance(answer, (tuple, list)) and len(answer) == 2):
        return Feedback(False, f"Give the shape as a pair (rows, columns), got {answer!r}.")
    if tuple(answer) == expected:
        return Feedback(True, f"Correct: {expected[0]}×{expected[1]}.")
    return Feedback(False, f"{tuple(answer)} is not it. {hint}")


def whole_number(answer, expected, hint):
    """Judge a whole-number answer against ``expected`` (an int)."""
    if answer is None:
        return Feedback(False, "Replace None with your answer, a whole number.")
    if not isinstance(answer, int) or isinstance(answer, bool):
        return Feedback(False, f"Give a whole number, got {answer!r}.")
    if answer == expected:
        return Feedback(True, f"Correct: {expected}.")
    return Feedback(False, f"{answer} is not it. {hint}")


def approximately(answer, expected, hint, rel=0.02):
    """Judge a numeric answer: right when within ``rel`` (relative) of ``expected``."""
    if answer is None:
        return Feedback(False, "Replace None with your answer, a number.")
    if not isinstance(answer, (int, float)) or isinstance(answer, bool):
        return Feedback(False, f"Give a number, got {answer!r}.")
    if abs(answer - expected) <= rel * abs(expected):
        return Feedback(True, f"Correct: {expected:.4g}.")
    return Feedback(False, f"{answer:.4g} is not it. {hint}")


def kernel_tensor(answer):
    """The reader's kernel as a float tensor, or a ``Feedback`` saying why it is not one."""
    if answer is None:
        return Feedback(False, "Replace None with your kernel, a 2-D tensor.")
    if not isinstance(answer, torch.Tensor) or answer.dim() != 2:
        return Feedback(False, f"Give the kernel as a 2-D tensor, got {answer!r}.")
    return answer.float()
