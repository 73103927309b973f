"""A checker table: every form of a right answer gets ✅, every wrong answer a true ❌ hint.

Each chapter's test file (``tests/test_exercises_<chapter>.py``) builds its own table and
hands it to ``check_table``. A row is ``(answer, expected)``:

- ``expected`` is ``True``: the answer is right, the verdict must be ✅;
- ``expected`` is a string: the answer is wrong, the verdict must be ❌ and its message must
  contain that string (a phrase chosen so that it is true of that answer; the test is how we
  know the hint does not lie).

The ``*_forms`` helpers spell one right answer the ways a reader types it.
"""

import numpy as np
import torch

from convlib import check


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
