"""A checker table: every form of a right answer gets ✅, every wrong answer a true ❌ hint.

Each chapter's test file (``tests/teach/test_exercises_<chapter>.py``) builds its own table and
hands it to ``check_table``. A row is ``(answer, expected)``:

- ``expected`` is ``True``: the answer is right, the verdict must be ✅;
- ``expected`` is a string: the answer is wrong, the verdict must be ❌ and its message must
  contain that string (a phrase chosen so that it is true of that answer; the test is how we
  know the hint does not lie).

The ``*_forms`` helpers spell one right answer the ways a reader types it.
"""

import numpy as np
import pytest
import torch

from convlib.teach import check


def number_forms(value):
    """``value`` as int (when whole), float, NumPy scalars and 0-d tensors."""
    forms = [float(value), np.float64(value), np.float32(value), torch.tensor(float(value)),
             torch.tensor(float(value), dtype=torch.float64)]
    if float(value).is_integer():
        whole = int(value)
        forms += [whole, np.int64(whole), torch.tensor(whole)]
        if abs(whole) < 2**31:
            forms.append(np.int32(whole))
    return forms


def pair_forms(pair):
    """A pair as tuple and list, of ints, floats, NumPy and 0-d tensor entries, and 1-D arrays."""
    a, b = pair
    return [(a, b), [a, b], (float(a), float(b)), (np.int64(a), np.int64(b)),
            (torch.tensor(a), torch.tensor(b)), torch.Size([a, b]), np.array([a, b]),
            torch.tensor([a, b])]


def kernel_forms(rows):
    """A kernel (nested lists of numbers) as float, double and int tensors, a Parameter,
    a NumPy array and the nested list itself."""
    forms = [torch.tensor(rows, dtype=torch.float32), torch.tensor(rows, dtype=torch.float64),
             torch.nn.Parameter(torch.tensor(rows, dtype=torch.float32)),
             np.array(rows, dtype=np.float64), rows]
    if all(float(v).is_integer() for row in rows for v in row):
        forms.append(torch.tensor(rows, dtype=torch.int64))
    return forms


def table_tests(chapter, table, functions=()):
    """The two tests of a chapter's checker table: every row of ``table`` (one test per
    exercise), and the table names every exercise of ``chapter`` (its checkers module), but
    ``functions``, the exercises whose answer is a function, tested on their own. A test
    file assigns them: ``test_checker_table, test_the_table_covers_the_chapter = ...``."""

    @pytest.mark.parametrize("name", sorted(table))
    def test_checker_table(name):
        check_table(name, table[name])

    def test_the_table_covers_the_chapter():
        assert set(chapter.CHECKERS) - set(functions) == set(table)

    return test_checker_table, test_the_table_covers_the_chapter


def rights(forms):
    """Rows saying every one of ``forms`` is right."""
    return [(form, True) for form in forms]


def check_table(name, table):
    """Check every row of ``table`` against ``check(name, answer)``; fail listing every miss."""
    misses = []
    for answer, expected in table:
        verdict = check(name, answer)
        text = repr(verdict)
        if expected is True:
            if not (verdict.ok and text.startswith("✅")):
                misses.append(f"{answer!r} ({type(answer).__name__}) should be right: {text}")
        elif verdict.ok or not text.startswith("❌"):
            misses.append(f"{answer!r} should be wrong: {text}")
        elif expected not in verdict.message:
            misses.append(f"{answer!r}: hint should say {expected!r}: {text}")
        elif "\n" in verdict.message:
            misses.append(f"{answer!r}: the hint should be one line: {text}")
    assert not misses, f"{name}:\n" + "\n".join(misses)


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
    (torch.ones(3), "2-D tensor, rows of numbers such as [["),
    (torch.ones(3), "got a 1-D tensor of shape [3]"),
    (torch.ones(1, 1, 3), "got a 3-D tensor of shape [1, 1, 3]"),
    ([[1, -2], [1]], "2-D tensor of numbers, got [[1, -2], [1]] (a list)"),
    ([["a", "b"]], "2-D tensor of numbers"),
    ("[[1, -2, 1]]", "2-D tensor, got '[[1, -2, 1]]' (a str)"),
    (torch.zeros(0, 3), "empty: shape [0, 3]"),
    (torch.tensor([[1.0, float("nan"), 1.0]]), "nan or infinite"),
    (torch.tensor([[True, False]]), "real numbers, got dtype torch.bool"),
]


def number_wrongs(near_misses):
    return WRONG_KINDS + [(value, "is not it") for value in near_misses]
