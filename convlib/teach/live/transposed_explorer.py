"""The transposed-convolution explorer: stride, padding and output_padding."""

import traitlets

from .widget import LiveWidget, Setting, esm, matrix, whole_setting

LIMITS = {"stride": (1, 3), "padding": (0, 2), "output_padding": (0, 2)}
INPUT = [[1, 0, 2], [0, 3, 1], [2, 1, 0]]
KERNEL = [[1, 2], [0, 1]]


class TransposedExplorer(LiveWidget):
    """A transposed convolution of a small input ``X`` with a kernel ``K``, computed in the
    browser as ``convlib.conv_transpose2d`` computes it: sliders for stride, padding and
    output_padding; shows the output, its shape with the formula, and, pointing at an input
    cell, the stamp it adds into the output.

    ``X``: at most 5 × 5 numbers; ``K``: at most 4 × 4 (lists of rows or 2-D tensors).

    Example::

        TransposedExplorer(stride=2, padding=1, output_padding=1)
    """

    _esm = esm("transposed_explorer")
    X = Setting(INPUT, "a list of 1 to 5 rows of 1 to 5 finite numbers", matrix(5, 5))
    K = Setting(KERNEL, "a list of 1 to 4 rows of 1 to 4 finite numbers", matrix(4, 4))
    stride = whole_setting(2, *LIMITS["stride"])
    padding = whole_setting(0, *LIMITS["padding"])
    output_padding = whole_setting(0, *LIMITS["output_padding"])
    limits = traitlets.Dict(LIMITS).tag(sync=True)
    SETTINGS = ("X", "K", "stride", "padding", "output_padding")
