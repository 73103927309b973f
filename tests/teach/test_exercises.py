"""What every checker shares: a crashing answer or an unknown name is a one-line message, and
the table helper of ``checker_table`` can fail. Each chapter's checkers have their own table
(``tests/teach/test_exercises_<chapter>.py``)."""

import pytest
from checker_table import check_table

from convlib.teach import check


def test_a_crashing_answer_is_a_message_not_a_traceback():
    def broken(X, K):
        raise RuntimeError("boom")
    verdict = check("corr2d-batch", broken)
    assert not verdict.ok and "RuntimeError: boom" in verdict.message


def test_unknown_exercise_lists_the_names():
    verdict = check("no-such-exercise", 1)
    assert not verdict.ok and "corr-shape" in verdict.message


def test_the_table_can_fail():
    """check_table catches a right answer marked wrong and a hint that does not say it."""
    with pytest.raises(AssertionError, match="should be right"):
        check_table("receptive-field-3x3", [(9, True)])
    with pytest.raises(AssertionError, match="should be wrong"):
        check_table("receptive-field-3x3", [(7, "is not it")])
    with pytest.raises(AssertionError, match="hint should say"):
        check_table("receptive-field-3x3", [(9, "a phrase it does not contain")])

