"""convlib: the code an executable textbook on image convolution builds, chapter by chapter.

Modules, each named for what it holds:

- ``correlate``: ``corr2d`` (fast), ``corr2d_loop`` (the teaching loop), ``conv2d``
  (true convolution)
- ``checks``: input validation with errors that name the argument and its shape
"""

from .correlate import conv2d, corr2d, corr2d_loop

__all__ = ["conv2d", "corr2d", "corr2d_loop"]
