"""convlib: the code an executable textbook on image convolution builds, chapter by chapter.

Modules, each named for what it holds:

- ``correlate``: ``corr2d`` (fast), ``corr2d_loop`` (the teaching loop), ``conv2d``
  (true convolution)
- ``layers``: ``Conv2D``, the one-channel convolutional layer (kernel weight + scalar bias)
- ``receptive_field``: receptive fields of stacks, by recurrence and by gradients
- ``plotting``, ``animation``: figures and animations of the sliding window
- ``exercises``: ``check(name, answer)`` for the auto-checked exercises
- ``checks``: input validation with errors that name the argument and its shape
"""

from .correlate import conv2d, corr2d, corr2d_loop
from .exercises import check
from .layers import Conv2D
from .receptive_field import influence, receptive_field

__all__ = ["Conv2D", "check", "conv2d", "corr2d", "corr2d_loop", "influence",
           "receptive_field"]
