"""convlib: the code an executable textbook on image convolution builds, chapter by chapter.

Modules, each named for what it holds:

- ``correlate``: ``corr2d`` (fast), ``corr2d_loop`` (the teaching loop), ``conv2d``
  (true convolution)
- ``layers``: ``Conv2D``, the one-channel convolutional layer (kernel weight + scalar bias)
- ``receptive_field``: receptive fields of stacks, by recurrence and by gradients
- ``shapes``: output shapes with padding, stride and dilation; padding helpers
- ``transposed``: ``conv_transpose2d`` (transposed convolution), ``correlation_matrix``
- ``algorithms``: the four ways ``corr2d`` can compute a correlation
- ``training``: learning a kernel by gradient descent, and the loss's Hessian
- ``images``: the stripes toy, the photograph and the named kernels
- ``measurements``: the benchmark's shipped results
- ``checks``: input validation with errors that name the argument and its shape
- ``teach``: what only the pages use: figures, animations, widgets, exercise checkers
"""

from .correlate import conv2d, corr2d, corr2d_loop
from .layers import Conv2D
from .receptive_field import influence, receptive_field
from .teach.exercises import check

__all__ = ["Conv2D", "check", "conv2d", "corr2d", "corr2d_loop", "influence",
           "receptive_field"]
