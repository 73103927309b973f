"""The shape explorer: how n, k, padding, stride and dilation set a correlation's output size."""

import traitlets

from .widget import LiveWidget, esm, whole_setting

LIMITS = {"n": (1, 12), "k": (1, 7), "padding": (0, 4), "stride": (1, 4), "dilation": (1, 3)}


class ShapeExplorer(LiveWidget):
    """Sliders for input size, kernel size, padding, stride and dilation (one dimension); in
    the browser it draws every window position and gives the output size with its formula
    (``convlib.shapes.output_size``'s rule), or says why a setting has no output.

    Example::

        ShapeExplorer(n=6, k=3, padding=1, stride=2)
    """

    _esm = esm("shape_explorer")
    n = whole_setting(6, *LIMITS["n"])
    k = whole_setting(3, *LIMITS["k"])
    padding = whole_setting(1, *LIMITS["padding"])
    stride = whole_setting(2, *LIMITS["stride"])
    dilation = whole_setting(1, *LIMITS["dilation"])
    limits = traitlets.Dict(LIMITS).tag(sync=True)
    SETTINGS = ("n", "k", "padding", "stride", "dilation")
