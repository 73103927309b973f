"""How to show an image or a filter's output: mapped to [0, 1], or as PNG bytes.

An edge map has negative values and a blurred photo has values in [0, 1]; ``display_mode``
says which way a kernel's output should be shown and ``to_unit_range`` maps it.
"""

import io

import torch

from ..checks import as_matrix

DISPLAY_MODES = ("auto", "clip", "signed")
"""How ``to_unit_range`` shows an image: see there."""


def display_mode(K):
    """How to show the output of correlating a photo with kernel ``K`` (k_h, k_w).

    ``"clip"`` when the weights sum to more than 0 (a blur, sharpen, emboss: the output is a
    picture, brightness kept or scaled), ``"signed"`` otherwise (an edge map: flat regions
    go to 0, which is shown mid-gray).
    """
    return "clip" if as_matrix("K", K).sum().item() > 1e-6 else "signed"


def to_unit_range(Y, mode="auto"):
    """Map an image or a filter's output Y (h, w) to [0, 1] for display.

    ``mode="clip"``: values are clipped to [0, 1], as for a photograph (a sharpened photo's
    few overshoots below 0 and above 1 saturate). ``mode="signed"``: 0 is mid-gray and the
    99th percentile of the magnitudes reaches black or white (the few strongest edges
    saturate, so the many weaker ones stay visible), as for an edge map.
    ``mode="auto"`` (default): ``"signed"`` if Y has a negative value, else ``"clip"``; pass
    ``display_mode(K)`` instead when the kernel is known.
    """
    if mode not in DISPLAY_MODES:
        raise ValueError(f"mode must be one of {', '.join(map(repr, DISPLAY_MODES))}, "
                         f"got {mode!r}")
    Y = as_matrix("Y", Y).detach()
    if mode == "auto":
        mode = "signed" if Y.min() < 0 else "clip"
    if mode == "signed":
        scale = torch.quantile(Y.abs().flatten().float(), 0.99).clamp_min(1e-12)
        return (0.5 + 0.5 * Y / scale).clamp(0, 1)
    return Y.clamp(0, 1)


def png_bytes(Y, mode="auto"):
    """The image (h, w), mapped by ``to_unit_range(Y, mode)``, as 8-bit grayscale PNG bytes."""
    from PIL import Image

    pixels = (to_unit_range(Y, mode) * 255).round().to(torch.uint8).numpy()
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, format="png")
    return buffer.getvalue()
