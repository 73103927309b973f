"""convlib: the code an executable textbook on image convolution builds, chapter by chapter.

Modules, each named for what it holds:

- ``correlate``: ``corr2d`` (fast), ``corr2d_loop`` (the teaching loop), ``convolve2d``
  (true convolution; ``F.conv2d`` is a cross-correlation, our ``corr2d``)
- ``layers``: ``Conv2D``, the one-channel convolutional layer (kernel weight + scalar bias),
  and ``Conv2DMulti``, the multi-channel one (``nn.Conv2d``'s parameters and outputs)
- ``channels``: ``corr2d_multi`` (many input and output channels, groups), and what a layer
  costs (parameters, multiply–adds)
- ``receptive_field``: receptive fields of stacks, by recurrence and by gradients
- ``shapes``: output shapes with padding, stride and dilation; padding helpers
- ``pooling``: ``pool2d``, max and average pooling of one image or a stack of channels
- ``transposed``: ``conv_transpose2d`` (transposed convolution), ``correlation_matrix``
- ``algorithms``: the four ways ``corr2d`` can compute a correlation
- ``training``: learning a kernel by gradient descent, and the loss's Hessian
- ``images``: the stripes toy, the photograph and the named kernels (loaded on demand)
- ``datasets``: scikit-learn's handwritten digits as a seeded train/test split (imported
  on demand: ``from convlib.datasets import load_digits_tensors``)
- ``measurements``: the benchmark's shipped results
- ``checks``: input validation with errors that name the argument and its shape
- ``teach``: what only the pages use: figures, animations, widgets, exercise checkers
  (``from convlib.teach import check``); ``import convlib`` does not load it.

Every function takes its tensors (and a bias) first; every other argument is keyword-only and
has PyTorch's name: ``corr2d(X, K, stride=2, padding=1)`` as ``F.conv2d(X, K, stride=2,
padding=1)``.
"""

from .channels import corr2d_multi
from .correlate import convolve2d, corr2d, corr2d_loop
from .layers import Conv2D, Conv2DMulti
from .pooling import pool2d
from .receptive_field import influence, receptive_field
from .transposed import conv_transpose2d

__all__ = ["Conv2D", "Conv2DMulti", "conv_transpose2d", "convolve2d", "corr2d", "corr2d_loop",
           "corr2d_multi", "influence", "pool2d", "receptive_field"]
