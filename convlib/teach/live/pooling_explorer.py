"""The pooling explorer: window, stride, padding, ceil_mode, max or average."""

import traitlets

from .widget import LiveWidget, Setting, esm, flag, matrix, one_of, whole_setting

LIMITS = {"kernel_size": (1, 4), "stride": (1, 4), "padding": (0, 2)}
INPUT = [[1, 5, 2, 0, 3, 1], [4, 2, 8, 1, 0, 2], [0, 3, 1, 6, 2, 7],
         [2, 9, 0, 1, 4, 1], [5, 1, 3, 2, 8, 0], [1, 0, 6, 3, 1, 4]]


class PoolingExplorer(LiveWidget):
    """Max or average pooling of a small input ``X``, computed in the browser as
    ``convlib.pool2d`` computes it: controls for the window size, stride, padding,
    ``ceil_mode`` and (average only) ``count_include_pad``; shows the output, its shape with
    the formula, and, pointing at an output cell, its window on the input.

    ``X``: at most 8 × 8 numbers (a list of rows or a 2-D tensor).

    Example::

        PoolingExplorer(kernel_size=2, stride=2, mode="avg")
    """

    _esm = esm("pooling_explorer")
    X = Setting(INPUT, "a list of 1 to 8 rows of 1 to 8 finite numbers", matrix(8, 8))
    mode = Setting("max", "'max' or 'avg'", one_of(["max", "avg"]))
    kernel_size = whole_setting(2, *LIMITS["kernel_size"])
    stride = whole_setting(2, *LIMITS["stride"])
    padding = whole_setting(0, *LIMITS["padding"])
    ceil_mode = Setting(False, "True or False", flag)
    count_include_pad = Setting(True, "True or False", flag)
    limits = traitlets.Dict(LIMITS).tag(sync=True)
    SETTINGS = ("mode", "kernel_size", "stride", "padding", "ceil_mode", "count_include_pad")
