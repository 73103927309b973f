"""The sliding window you can point at: a small correlation, each output cell with its window."""

import traitlets

from .widget import LiveWidget, Setting, esm, matrix, whole_setting

LIMITS = {"padding": (0, 2), "stride": (1, 3)}
INPUT = [[3, 1, 0, 2, 1], [0, 2, 4, 1, 0], [1, 0, 3, 2, 2], [2, 1, 0, 1, 3], [0, 3, 1, 0, 2]]
KERNEL = [[1, 0, -1], [1, 0, -1], [1, 0, -1]]


class SlidingWindow(LiveWidget):
    """A small correlation, drawn as numbers: the input ``X``, the kernel ``K`` and the output.
    Hover, click or tab to an output cell: its window lights up on the input and the sum of
    products that makes it is written out. Sliders for padding and stride.

    ``X``: at most 8 × 8 numbers; ``K``: at most 4 × 4 (lists of rows, or 2-D tensors).

    Example::

        SlidingWindow(X=[[0, 1, 2], [3, 4, 5], [6, 7, 8]], K=[[0, 1], [2, 3]])
    """

    _esm = esm("sliding_window")
    X = Setting(INPUT, "a list of 1 to 8 rows of 1 to 8 finite numbers", matrix(8, 8))
    K = Setting(KERNEL, "a list of 1 to 4 rows of 1 to 4 finite numbers", matrix(4, 4))
    padding = whole_setting(0, *LIMITS["padding"])
    stride = whole_setting(1, *LIMITS["stride"])
    limits = traitlets.Dict(LIMITS).tag(sync=True)
    SETTINGS = ("X", "K", "padding", "stride")
