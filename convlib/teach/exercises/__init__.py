"""Checkers for the auto-checked exercises: ``check(name, answer)`` prints ✅ or a ❌ hint.

One module per chapter holds that chapter's checkers (a dict ``CHECKERS`` from exercise name
to a function of the answer); ``answers`` holds what they share. A checker never raises:
whatever the reader passes (a wrong type, a function that crashes), the answer is a
``Feedback`` whose text is one readable line.
"""

from . import (
    channels,
    cross_correlation,
    edges,
    learning,
    network,
    padding,
    pooling,
    speed,
    transposed,
)
from .answers import Feedback

CHECKERS = {}
for _chapter in (cross_correlation, edges, learning, padding, channels, pooling, transposed,
                 network, speed):
    CHECKERS.update(_chapter.CHECKERS)


def check(name, answer):
    """Check the reader's ``answer`` to the exercise called ``name``; returns a ``Feedback``."""
    if name not in CHECKERS:
        return Feedback(False, f"No exercise is called {name!r}; the names are "
                               f"{', '.join(sorted(CHECKERS))}.")
    try:
        return CHECKERS[name](answer)
    except Exception as error:  # the reader's code failed: say so, in one line
        return Feedback(False, f"Running your answer raised {type(error).__name__}: {error}")
