"""The checkers of the chapter on channels, judged on answers as readers type them.

Each row: an answer, whether it is right, and a piece of the ❌ hint it must get (a hint
that is true of that answer). ``answers.py`` is being rewritten (on another branch) to read
NumPy scalars, 0-d tensors (and perhaps whole floats) as numbers; the rows in those forms
are in ``test_numpy_and_tensor_answers``, which runs them once the shared readers accept the
form, and marks them xfail until then.
"""

import numpy as np
import pytest
import torch

from convlib import check
from convlib.teach.exercises.answers import approximately, whole_number
from convlib.teach.exercises.channels import CHECKERS, SAVING

PARAMS, SHAPE, STACKED, SAVE = ("groups-parameters", "multi-channel-shape",
                                "stacked-kernel-size", "separable-saving")

ROWS = [
    # (exercise, answer, right?, part of the message)
    (PARAMS, 12864, True, "Correct: 12864"),
    (PARAMS, None, False, "Replace None"),
    (PARAMS, 51264, False, "with groups = 4 each kernel sees only 32 / 4 = 8"),
    (PARAMS, 12800, False, "add the biases"),
    (PARAMS, 51200, False, "only c_i / groups = 8 channels"),
    (PARAMS, 3264, False, "still 64 kernels"),
    (PARAMS, 12865, False, "c_o · (c_i / groups) · k_h · k_w weights"),
    (PARAMS, "12864", False, "Give a whole number"),
    (PARAMS, True, False, "Give a whole number"),
    (PARAMS, [12864], False, "Give a whole number"),
    (PARAMS, 12864.5, False, "not a whole number"),
    (SHAPE, (16, 15, 15), True, "Correct: (16, 15, 15)"),
    (SHAPE, [16, 15, 15], True, "Correct"),
    (SHAPE, torch.Size([16, 15, 15]), True, "Correct"),
    (SHAPE, (np.int64(16), np.int64(15), np.int64(15)), True, "Correct"),
    (SHAPE, tuple(torch.tensor([16, 15, 15])), True, "Correct"),
    (SHAPE, (16.0, 15.0, 15.0), True, "Correct"),
    (SHAPE, None, False, "Replace None"),
    (SHAPE, (3, 15, 15), False, "one channel per kernel: c_o, not c_i"),
    (SHAPE, (16, 16, 16), False, "does not keep the size"),
    (SHAPE, (16, 14, 14), False, "n + 2p = 34, and the final + 1"),
    (SHAPE, (16, 28, 28), False, "ignores both the padding (add 2p) and the stride"),
    (SHAPE, np.array([16, 15, 15]), True, "Correct"),
    (SHAPE, torch.tensor([16, 15, 15]), True, "Correct"),
    (SHAPE, torch.tensor([16, 14, 14]), False, "n + 2p = 34"),
    (SHAPE, np.array([[16, 15, 15]]), False, "three numbers"),
    (SHAPE, (16, 15, 14), False, "floor((n + 2p - k) / s) + 1"),
    (SHAPE, (15, 15), False, "three numbers"),
    (SHAPE, (1, 16, 15, 15), False, "three numbers"),
    (SHAPE, "16x15x15", False, "three numbers"),
    (SHAPE, 3600, False, "three numbers"),
    (SHAPE, (16, 15, "15"), False, "three whole numbers"),
    (SHAPE, (True, 15, 15), False, "three whole numbers"),
    (STACKED, 7, True, "Correct: 7"),
    (STACKED, None, False, "Replace None"),
    (STACKED, 8, False, "share all but one column"),
    (STACKED, 15, False, "Sizes do not multiply"),
    (STACKED, 5, False, "together more than 5"),
    (STACKED, 6, False, "Count the inputs"),
    (STACKED, (7, 7), False, "Give a whole number"),
    (SAVE, 8.41, True, "Correct: 8.409"),
    (SAVE, SAVING, True, "Correct"),
    (SAVE, 73728 / 8768, True, "Correct"),
    (SAVE, np.float64(8.409), True, "Correct"),
    (SAVE, None, False, "Replace None"),
    (SAVE, 9, False, "if the depthwise convolution were free; it costs c_i · k_h"),
    (SAVE, 9.0, False, "if the depthwise convolution were free"),
    (SAVE, 128, False, "if the 1 × 1 convolution were free; it costs c_i · c_o"),
    (SAVE, 8.405, True, "Correct"),
    (SAVE, 8.414, True, "Correct"),
    (SAVE, 8.40, False, "round it to two decimals"),
    (SAVE, 8.42, False, "the 128 biases of the standard layer"),
    (SAVE, 73856 / 8768, False, "the 128 biases of the standard layer"),
    (SAVE, 8.44, False, "Standard:"),
    (SAVE, 8.243, False, "ratio of parameters"),
    (SAVE, 8.3, False, "Standard: c_o · c_i · k_h · k_w per position"),
    (SAVE, 8, False, "Standard:"),
    (SAVE, "8.41", False, "Give a number"),
    (SAVE, [8.41], False, "Give a number"),
]


@pytest.mark.parametrize("name, answer, right, message", ROWS)
def test_answers_are_judged(name, answer, right, message):
    verdict = check(name, answer)
    assert verdict.ok is right, verdict
    assert repr(verdict).startswith("✅" if right else "❌")
    assert message in verdict.message, verdict


# Rows in forms the shared readers of answers.py read only after its rewrite.
LATER = [
    (PARAMS, 12864.0, True, "Correct"),
    (PARAMS, np.int64(12864), True, "Correct"),
    (PARAMS, torch.tensor(12864), True, "Correct"),
    (PARAMS, np.int64(51264), False, "32 / 4 = 8"),
    (PARAMS, torch.tensor(12800), False, "add the biases"),
    (STACKED, 7.0, True, "Correct"),
    (STACKED, np.int32(7), True, "Correct"),
    (STACKED, torch.tensor(7), True, "Correct"),
    (STACKED, torch.tensor(8), False, "the windows overlap"),
    (SAVE, np.float32(8.41), True, "Correct"),
    (SAVE, torch.tensor(8.41), True, "Correct"),
    (SAVE, torch.tensor(SAVING, dtype=torch.float64), True, "Correct"),
    (SAVE, torch.tensor(9.0), False, "if the depthwise convolution were free"),
    (SAVE, np.float32(8.243), False, "ratio of parameters"),
]
READERS = {PARAMS: whole_number, STACKED: whole_number, SAVE: approximately}


@pytest.mark.parametrize("name, answer, right, message", LATER)
def test_numpy_and_tensor_answers(name, answer, right, message):
    reader = READERS[name]
    if not reader(answer, answer.item() if hasattr(answer, "item") else answer, "").ok:
        pytest.xfail(f"answers.{reader.__name__} does not read {type(answer).__name__} "
                     f"{answer!r} as a number yet (it is being rewritten on another branch)")
    verdict = check(name, answer)
    assert verdict.ok is right, verdict
    assert message in verdict.message, verdict


def test_every_checker_has_rows():
    assert {row[0] for row in ROWS} == set(CHECKERS)
    assert all(check(name, None).message.startswith("Replace None") for name in CHECKERS)
