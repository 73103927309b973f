"""What every checker shares: the ``Feedback`` verdict and readers for the reader's answer.

Each reader takes the answer as typed and returns a ``Feedback`` (right, or a ❌ hint that is
true of that answer). A number may be typed as an int, a float, a NumPy scalar or a 0-d
tensor (``2 / eigvalsh(H).max()``); a pair as a tuple, a list, a ``torch.Size`` or a 1-D array
of two; a kernel as a 2-D tensor, a NumPy array or a nested list.
"""

import math
import numbers
from dataclasses import dataclass

import numpy as np
import torch


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer: ``ok`` and a one-line ``message``."""

    ok: bool
    message: str

    def __repr__(self):
        return ("✅ " if self.ok else "❌ ") + self.message


def _describe(answer):
    """A short, one-line description of an answer of the wrong kind."""
    if isinstance(answer, (torch.Tensor, np.ndarray)):
        kind = "tensor" if isinstance(answer, torch.Tensor) else "NumPy array"
        return f"a {kind} of shape {list(answer.shape)}"
    text = repr(answer.item() if isinstance(answer, np.generic) else answer)
    text = text if len(text) <= 40 else text[:37] + "..."
    kind = type(answer).__name__
    return f"{text} ({'an' if kind[0] in 'aeiou' else 'a'} {kind})"


def shown(value, spec, misleading):
    """``value`` formatted with ``spec``, or in full (``repr``) when the short form would
    mislead: when ``misleading(short value)`` is true, e.g. 6.9999999 shortened to 7 in a hint
    that says it is not a whole number."""
    text = format(value, spec)
    return repr(value) if misleading(float(text)) else text


def as_number(answer, kind="a number"):
    """The answer as a Python float, or a ``Feedback`` saying why it is not one number.

    Accepts int, float, NumPy scalars and 0-d tensors or arrays; rejects bools, strings,
    complex numbers, arrays of any other shape and nan or infinity.
    """
    if isinstance(answer, (torch.Tensor, np.ndarray)):
        if answer.ndim != 0:
            return Feedback(False, f"Give one number, got {_describe(answer)}.")
        is_bool = answer.dtype in (torch.bool, np.bool_)
        is_complex = (answer.is_complex() if isinstance(answer, torch.Tensor)
                      else np.iscomplexobj(answer))
        if is_bool or is_complex:
            return Feedback(False, f"Give {kind}, got {answer.dtype} value {answer.item()!r}.")
        answer = answer.item()
    if isinstance(answer, (bool, np.bool_)) or not isinstance(answer, numbers.Real):
        return Feedback(False, f"Give {kind}, got {_describe(answer)}.")
    value = float(answer)
    if not math.isfinite(value):
        return Feedback(False, f"Give a finite number, got {value}.")
    return value


def shape_pair(answer, expected, hint):
    """Judge a shape answer, a pair (rows, columns), against ``expected``."""
    if answer is None:
        return Feedback(False, "Replace None with your answer, a pair (rows, columns).")
    if isinstance(answer, (torch.Tensor, np.ndarray)) and answer.ndim == 1:
        answer = list(answer)
    if not (isinstance(answer, (tuple, list)) and len(answer) == 2):
        return Feedback(False, f"Give the shape as a pair (rows, columns), got "
                               f"{_describe(answer)}.")
    sizes = [as_number(size, "whole numbers") for size in answer]
    for size in sizes:
        if isinstance(size, Feedback):
            return Feedback(False, f"{size.message[:-1]} in the pair.")
        if not size.is_integer():
            text = shown(size, "g", float.is_integer)
            return Feedback(False, f"A size is a whole number, got {text} in the pair.")
    got = tuple(int(size) for size in sizes)
    if got == tuple(expected):
        return Feedback(True, f"Correct: {expected[0]}×{expected[1]}.")
    return Feedback(False, f"{got} is not it. {hint}")


def whole_number(answer, expected, hint):
    """Judge a whole-number answer against ``expected`` (an int); 3.0 counts as 3."""
    if answer is None:
        return Feedback(False, "Replace None with your answer, a whole number.")
    value = as_number(answer, "a whole number")
    if isinstance(value, Feedback):
        return value
    if not value.is_integer():
        return Feedback(False, f"{shown(value, 'g', float.is_integer)} is not a whole number.")
    if int(value) == expected:
        return Feedback(True, f"Correct: {expected}.")
    return Feedback(False, f"{int(value)} is not it. {hint}")


def approximately(answer, expected, hint, rel=0.02):
    """Judge a numeric answer: right when within ``rel`` (relative) of ``expected``."""
    if answer is None:
        return Feedback(False, "Replace None with your answer, a number.")
    value = as_number(answer)
    if isinstance(value, Feedback):
        return value
    if abs(value - expected) <= rel * abs(expected):
        return Feedback(True, f"Correct: {expected:.4g}.")
    text = shown(value, ".4g", lambda short: abs(short - expected) <= rel * abs(expected))
    return Feedback(False, f"{text} is not it. {hint}")


def kernel_tensor(answer, example="[[a, b], [c, d]]"):
    """The reader's kernel as a float tensor (k_h, k_w), or a ``Feedback`` saying why not.

    Accepts a 2-D tensor (a ``Parameter`` too), a 2-D NumPy array or a nested list of
    numbers; the result is detached from any autograd graph. An answer of another rank is
    told what it is, as typed ("a 1-D list of shape [3]"), and the form to type, ``example``.
    """
    if answer is None:
        return Feedback(False, "Replace None with your kernel, a 2-D tensor.")
    kind = ("tensor" if isinstance(answer, torch.Tensor) else
            "NumPy array" if isinstance(answer, np.ndarray) else type(answer).__name__)
    if isinstance(answer, (list, tuple, np.ndarray)):
        try:
            answer = torch.as_tensor(np.asarray(answer, dtype=np.float64))
        except (TypeError, ValueError):
            return Feedback(False, f"Give the kernel as a 2-D tensor of numbers, got "
                                   f"{_describe(answer)}.")
    if not isinstance(answer, torch.Tensor):
        return Feedback(False, f"Give the kernel as a 2-D tensor, got {_describe(answer)}.")
    if answer.dim() != 2:
        return Feedback(False, f"Give the kernel as a 2-D tensor, rows of numbers such as "
                               f"{example}; got a {answer.dim()}-D {kind} of shape "
                               f"{list(answer.shape)}.")
    if answer.dtype == torch.bool or answer.is_complex():
        return Feedback(False, f"Give a kernel of real numbers, got dtype {answer.dtype}.")
    if answer.numel() == 0:
        return Feedback(False, f"Your kernel is empty: shape {list(answer.shape)}.")
    K = answer.detach().float()
    if not torch.isfinite(K).all():
        return Feedback(False, "Your kernel has nan or infinite entries.")
    return K
