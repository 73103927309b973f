"""Teaching tools: what only the book's pages use (figures, animations, widgets, checkers).

They hold no maths of their own: they draw, animate or judge what the modules of ``convlib``
compute.

- ``plotting``: figures of the sliding window, the pooling window and the transposed
  convolution's stamps; heat maps, image grids, loss curves
- ``channel_figures``: channel slices, their partial results and the sum
- ``network_figures``: a small network's digits, training curves, kernels and feature maps
- ``animation``: animations of correlation, pooling and stamping that play in a static page
- ``widgets``: the training progress bar
- ``display``: how an image or a filter's output is shown (mapped to [0, 1], PNG bytes)
- ``live``: widgets whose maths runs in the reader's browser (anywidget): the kernel editor,
  the shape, pooling and transposed-convolution explorers, a sliding window to point at
- ``exercises``: ``check(name, answer)`` for the auto-checked exercises, one module per chapter
"""

from .exercises import check

__all__ = ["check"]
