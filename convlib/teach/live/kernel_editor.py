"""The kernel editor: type a 3 × 3 kernel or pick a preset, and see the photograph filtered."""

import base64

import torch
import traitlets

from ...images import KERNELS, load_photo
from .widget import LiveWidget, Setting, esm, matrix, one_of

PHOTO_SIZE = 256


def gray_bytes(image):
    """An image (h, w) with values in [0, 1] as 8-bit gray levels: round(255 · value)."""
    return (image.clamp(0, 1) * 255).round().to(torch.uint8)


def photo_levels(image):
    """The image the editor ships, as (h, w) uint8 gray levels, or a message if unusable."""
    if not isinstance(image, torch.Tensor) or image.dim() != 2 or image.shape[0] != image.shape[1] \
            or not 16 <= image.shape[0] <= 512 or not torch.isfinite(image).all():
        shape = list(image.shape) if isinstance(image, torch.Tensor) else type(image).__name__
        return None, (f"image must be a square 2-D tensor from 16 × 16 to 512 × 512 with values "
                      f"in [0, 1], got {shape}; showing the photograph instead.")
    return gray_bytes(image.float()), ""


class KernelEditor(LiveWidget):
    """A 3 × 3 kernel editor: nine number fields, a preset menu, and the photograph next to
    the photograph correlated with the kernel (padding 1, so the size is kept), redrawn in
    the browser at every keystroke. Shown as ``convlib.teach.display.png_bytes`` shows it.

    ``image``: a square (h, w) tensor with values in [0, 1] (default: the 256 × 256
    photograph), shipped as 8-bit gray levels. ``preset``: a name in
    ``convlib.images.KERNELS``.

    Example::

        KernelEditor(preset="sharpen")
    """

    _esm = esm("kernel_editor")
    preset = Setting("sobel x", "one of " + ", ".join(map(repr, [*KERNELS, "custom"])),
                     one_of([*KERNELS, "custom"]))
    kernel = Setting(KERNELS["sobel x"], "3 rows of 3 finite numbers", matrix(3, 3, 3, 3))
    presets = traitlets.Dict(KERNELS).tag(sync=True)
    photo = traitlets.Unicode("").tag(sync=True)   # base64 of size × size gray levels
    size = traitlets.Int(PHOTO_SIZE).tag(sync=True)
    SETTINGS = ("preset",)

    def __repr__(self):
        if self.preset == "custom":
            return f"KernelEditor(kernel={self.kernel!r})"
        return f"KernelEditor(preset={self.preset!r})"

    def __init__(self, preset="sobel x", image=None, **kwargs):
        levels, problem = (None, "") if image is None else photo_levels(image)
        if levels is None:
            levels = gray_bytes(load_photo(size=PHOTO_SIZE))
        super().__init__(**kwargs)
        self.size = levels.shape[0]
        self.photo = base64.b64encode(levels.numpy().tobytes()).decode("ascii")
        self.preset = preset
        if problem:
            self.message = problem

    @traitlets.observe("preset")
    def _load_preset(self, change):
        if change["new"] in KERNELS:
            self.kernel = KERNELS[change["new"]]

    def image(self):
        """The photograph as the widget holds it: (size, size) float values level / 255."""
        levels = torch.frombuffer(bytearray(base64.b64decode(self.photo)), dtype=torch.uint8)
        return levels.reshape(self.size, self.size).float() / 255
