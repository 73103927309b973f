"""Figures of chapter 4: window positions side by side, a row padded several ways, and the
frequency response of a 1-D kernel.

The window drawings reuse ``convlib.teach.plotting.draw_window_positions`` and its colours.
"""

import math

import matplotlib.pyplot as plt
import torch

from ..shapes import output_size
from .plotting import INPUT, PADDING, draw_window_positions

PAD_FACE = "#eeeeee"  # a padded cell that holds a copied (not zero) value: light gray, dashed


def window_panels(n, k, settings, *, cell=0.32, vertical=False):
    """One panel per ``(padding, stride)`` in ``settings``: the padded 1-D input of length
    ``n`` and the taps of every window of a size-``k`` kernel (``draw_window_positions``),
    titled with the padding, the stride and the output length. ``vertical``: stack the panels
    one under the other in a narrow figure, with larger text (it reads on a phone). Returns
    the figure."""
    width = max(n + 2 * p for p, _ in settings) + 2.4
    heights = [0.8 * output_size(n, k, padding=p, stride=s) + 1.4 for p, s in settings]
    if vertical:
        fig, axes = plt.subplots(len(settings), 1, squeeze=False,
                                 figsize=(cell * width, sum(cell * h + 0.55 for h in heights)),
                                 gridspec_kw={"height_ratios": heights})
        axes, title_size, label_size = axes[:, 0], 11, 10
    else:
        fig, axes = plt.subplots(1, len(settings), squeeze=False,
                                 figsize=(cell * width * len(settings), cell * max(heights) + 0.5),
                                 gridspec_kw={"width_ratios": [1] * len(settings)})
        axes, title_size, label_size = axes[0], 10, None
    for ax, (p, s), height in zip(axes, settings, heights, strict=True):
        draw_window_positions(ax, n=n, k=k, padding=p, stride=s)
        ax.set_xlim(-2.2, width - 2.2)
        ax.set_ylim(-((height if vertical else max(heights)) - 1.4) - 0.2, 1.2)
        out = output_size(n, k, padding=p, stride=s)
        ax.set_title(f"padding {p}, stride {s}:\n{n} inputs → {out} outputs",
                     fontsize=title_size)
        for label in ax.texts if label_size else ():  # "out 0", "out 1", ...
            label.set_fontsize(label_size)
    fig.tight_layout()
    return fig


def draw_padded_rows(ax, rows, pad):
    """Draw each 1-D tensor of ``rows`` (a dict: label -> padded row, all of one length) as a
    row of numbered cells, the ``pad`` cells at each end dashed (white if they hold 0, gray if
    they copy a value). Labels go on the left, one row under the other."""
    for r, (label, row) in enumerate(rows.items()):
        y = -1.3 * r
        values = [float(v) for v in row]
        for i, v in enumerate(values):
            is_pad = i < pad or i >= len(values) - pad
            face = (PADDING if v == 0 else PAD_FACE) if is_pad else INPUT
            ax.add_patch(plt.Rectangle((i, y), 1, 1, facecolor=face, edgecolor="0.3",
                                       linestyle="--" if is_pad else "-"))
            ax.text(i + 0.5, y + 0.5, f"{v:g}", ha="center", va="center", fontsize=10,
                    color="0.45" if is_pad else "black")
        ax.text(-0.3, y + 0.5, label, ha="right", va="center", fontsize=10)
    length = max(len(row) for row in rows.values())
    ax.set_xlim(-3.2, length + 0.1)
    ax.set_ylim(-1.3 * (len(rows) - 1) - 0.1, 1.1)
    ax.set_aspect("equal")
    ax.axis("off")


def frequency_response(kernel, frequencies, rate):
    """How much a 1-D ``kernel`` scales a sine of each frequency in ``frequencies`` (Hz),
    sampled at ``rate`` per second: ``|sum_m kernel[m] exp(-2πi f m / rate)|`` (float64).

    Example:
        >>> import torch
        >>> response = frequency_response(torch.tensor([0.5, 0.5]), [0.0, 4000.0], 8000)
        >>> [round(float(r), 6) for r in response]
        [1.0, 0.0]
    """
    kernel = torch.as_tensor(kernel, dtype=torch.float64).flatten()
    f = torch.as_tensor(frequencies, dtype=torch.float64)
    phase = -2 * math.pi * f[:, None] / rate * torch.arange(len(kernel), dtype=torch.float64)
    return torch.hypot((kernel * torch.cos(phase)).sum(1), (kernel * torch.sin(phase)).sum(1))


def draw_frequency_responses(ax, kernels, rate, *, limit=None, marks=()):
    """Plot ``frequency_response`` of each kernel (a dict: label -> 1-D kernel) from 0 to
    ``rate / 2``; a dashed vertical line at ``limit`` (Hz) and a dotted one at each of
    ``marks`` (Hz)."""
    f = torch.linspace(0, rate / 2, 801, dtype=torch.float64)
    for label, kernel in kernels.items():
        ax.plot(f / 1000, frequency_response(kernel, f, rate), label=label)
    if limit is not None:
        ax.axvline(limit / 1000, color="black", linestyle="--", lw=1,
                   label=f"new limit, {limit / 1000:g} kHz")
    for mark in marks:
        ax.axvline(mark / 1000, color="0.5", linestyle=":", lw=1)
        ax.text(mark / 1000, 1.04, f"{mark / 1000:g} kHz", ha="center", fontsize=9)
    ax.set_xlim(0, rate / 2000)
    ax.set_ylim(0, 1.12)
    ax.set_xlabel("frequency (kHz)")
    ax.set_ylabel("amplitude kept")
    ax.legend(loc="upper right", fontsize=9)
    return ax
