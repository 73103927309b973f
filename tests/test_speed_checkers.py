"""The chapter "How fast is a convolution?"'s new checker gives true verdicts."""

import pytest

from convlib.teach.exercises.speed import CHECKERS


@pytest.mark.parametrize("answer", [300, 300.0])
def test_bytes_per_output_right(answer):
    assert CHECKERS["bytes-per-output-5x5"](answer).ok


@pytest.mark.parametrize("answer, words", [
    (200, ["not it", "3 float32"]),  # 8 bytes per pass: forgot one access
    (25, ["not it"]),
    (None, ["Replace None"]),
    ("300", ["Give a number"]),
])
def test_bytes_per_output_wrong(answer, words):
    feedback = CHECKERS["bytes-per-output-5x5"](answer)
    assert not feedback.ok
    for word in words:
        assert word in feedback.message
