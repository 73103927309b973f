"""Widgets that compute in the reader's browser: they work in the built HTML with no kernel,
and the same ones work live in JupyterLab, Colab and VS Code (``anywidget``).

Python holds the settings (checked: a bad value keeps the old one and says why in the
widget) and ships the data; every number and pixel a widget shows is computed by its
JavaScript twin in ``js/``, which ``tests/book/test_live_widgets.py`` checks against ``convlib``
in a real browser. Each widget's root element has a stable class (``convlib-<name>``).

- ``KernelEditor``: a 3 × 3 kernel, typed or a preset, on the photograph
- ``ShapeExplorer``: n, k, padding, stride, dilation → window positions and output size
- ``SlidingWindow``: point at an output cell of a small correlation, see its window and sum
- ``PoolingExplorer``: window, stride, padding, ceil_mode, max/avg → output and shape
- ``TransposedExplorer``: stride, padding, output_padding → output and shape

Not imported by ``import convlib``: ``from convlib.teach.live import ShapeExplorer``.
"""

from .kernel_editor import KernelEditor
from .pooling_explorer import PoolingExplorer
from .shape_explorer import ShapeExplorer
from .sliding_window import SlidingWindow
from .transposed_explorer import TransposedExplorer

__all__ = ["KernelEditor", "PoolingExplorer", "ShapeExplorer", "SlidingWindow",
           "TransposedExplorer"]

CSS_CLASSES = {
    "KernelEditor": "convlib-kernel-editor",
    "ShapeExplorer": "convlib-shape-explorer",
    "SlidingWindow": "convlib-sliding-window",
    "PoolingExplorer": "convlib-pooling-explorer",
    "TransposedExplorer": "convlib-transposed-explorer",
}
"""The class each widget gives its root element in the page (the browser test finds them)."""
