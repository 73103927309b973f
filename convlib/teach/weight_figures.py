"""Figures of a multi-channel layer's weight: its kernels as blocks, and what groups cut.

``weight_blocks_figure`` draws the 4-D weight (c_o, c_i, k_h, k_w) as c_o blocks of c_i
slices between the input and the output, as CS231n draws a convolutional layer (its label
writes the symbols in mathtext, so no underscore shows).
``groups_figure`` draws, for several values of ``groups``, which input channels each output
channel's kernel reads. Who reads what comes from ``convlib.channels.corr2d_multi`` itself
(``reads``); nothing here computes a convolution of its own.
"""

import matplotlib.pyplot as plt
import torch
from matplotlib.patches import Rectangle

from ..channels import corr2d_multi
from ..shapes import output_size

# one colour per input channel (red, green, blue first: a colour image's channels)
CHANNEL_COLOURS = ("#e57373", "#81c784", "#64b5f6", "#ffb74d", "#ba68c8", "#4db6ac",
                   "#f06292", "#a1887f")
OUTPUT_COLOUR = "#d5ecd4"


def _colour(c):
    return CHANNEL_COLOURS[c % len(CHANNEL_COLOURS)]


def reads(in_channels, out_channels, groups=1):
    """Which input channels each output channel reads, found by running the layer.

    Each input channel in turn is set to 1 (the others 0) and sent through
    ``corr2d_multi`` with a 1x1 weight of ones and ``groups``; output ``o`` reads input ``c``
    when it is not 0. Returns a (c_o, c_i) boolean tensor.

    Example:
        >>> reads(4, 2, groups=2).int().tolist()
        [[1, 1, 0, 0], [0, 0, 1, 1]]
    """
    K = torch.ones(out_channels, in_channels // groups, 1, 1)
    seen = torch.zeros(out_channels, in_channels, dtype=torch.bool)
    for c in range(in_channels):
        X = torch.zeros(in_channels, 1, 1)
        X[c] = 1
        seen[:, c] = corr2d_multi(X, K, groups=groups)[:, 0, 0] != 0
    return seen


def _block(ax, x, y, rows, cols, colours, depth=0.45, lw=0.8):
    """A stack of ``len(colours)`` grids of rows x cols unit cells, the first in front,
    each further one shifted up and right by ``depth``; (x, y) is the front's bottom left.
    Returns the number of cells drawn."""
    drawn = 0
    for s in reversed(range(len(colours))):  # the back slice first
        dx = dy = s * depth
        for i in range(rows):
            for j in range(cols):
                ax.add_patch(Rectangle((x + dx + j, y + dy + i), 1, 1,
                                       facecolor=colours[s], edgecolor="0.25",
                                       linewidth=lw))
                drawn += 1
    return drawn


def weight_blocks_figure(in_channels=3, out_channels=2, kernel_size=3, n=5, cell=0.32):
    """Draw an input of ``in_channels`` slices of n x n, the layer's ``out_channels`` kernels,
    each ``in_channels`` x k x k (one slice per input channel, coloured as that channel),
    and the output: one n - k + 1 square map per kernel.

    The figure's ``cells`` attribute holds the number of unit cells drawn per part.
    """
    k = kernel_size
    m = output_size(n, k)
    depth = 0.45
    inputs = [_colour(c) for c in range(in_channels)]
    fig, ax = plt.subplots(figsize=(cell * (n + 4 * (k + 3) + m + 8), cell * (n + 6.5)))
    cells = {"input": _block(ax, 0, 1, n, n, inputs, depth)}
    x = n + in_channels * depth + 2.2
    ax.text(x - 1.1, 1 + n / 2, r"$\star$", ha="center", va="center", fontsize=20)
    label_y = -0.2
    ax.text(n / 2, label_y, f"input\n{in_channels} × {n} × {n}", ha="center", va="top",
            fontsize=10)
    cells["kernels"] = 0
    for o in range(out_channels):
        y = 1 + (n - k) / 2
        cells["kernels"] += _block(ax, x, y, k, k, inputs, depth)
        ax.text(x + k / 2, label_y, f"kernel {o}\n{in_channels} × {k} × {k}", ha="center",
                va="top", fontsize=10)
        x += k + in_channels * depth + 1.6
    ax.text(x - 1.6 - (out_channels * (k + in_channels * depth + 1.6) - 1.6) / 2,
            n + 2.4 + in_channels * depth,
            f"weight: {out_channels} × {in_channels} × {k} × {k}  "
            r"($c_o \times c_i \times k_h \times k_w$)",
            ha="center", va="bottom", fontsize=11)
    ax.text(x - 0.2, 1 + n / 2, "=", ha="center", va="center", fontsize=18)
    x += 0.8
    y = 1 + (n - m) / 2
    cells["output"] = _block(ax, x, y, m, m, [OUTPUT_COLOUR] * out_channels, depth)
    ax.text(x + m / 2, label_y, f"output\n{out_channels} × {m} × {m}", ha="center",
            va="top", fontsize=10)
    ax.set_xlim(-0.5, x + m + out_channels * depth + 0.5)
    ax.set_ylim(-2.2, n + 3.6 + in_channels * depth)
    ax.set_aspect("equal")
    ax.axis("off")
    fig.cells = cells
    return fig


def groups_figure(in_channels=4, out_channels=4, groups=(1, 2, 4), cell=0.36):
    """One panel per value of ``groups``: the input channels on the left, each output
    channel's kernel (its slices coloured as the input channels it reads) and the output
    channel on the right, with a line from every input channel the kernel reads.

    The figure's ``links`` attribute maps each ``groups`` value to its (c_o, c_i) ``reads``.
    """
    fig, axes = plt.subplots(1, len(groups), figsize=(cell * 11 * len(groups),
                                                      cell * (2 * max(in_channels,
                                                                      out_channels) + 3)))
    axes = [axes] if len(groups) == 1 else list(axes)
    links = {}
    rows = max(in_channels, out_channels)
    for ax, g in zip(axes, groups, strict=True):
        seen = reads(in_channels, out_channels, g)
        links[g] = seen
        y_in = [2 * (in_channels - 1 - c) + rows - in_channels for c in range(in_channels)]
        y_out = [2 * (out_channels - 1 - o) + rows - out_channels
                 for o in range(out_channels)]
        for c in range(in_channels):
            ax.add_patch(Rectangle((0, y_in[c]), 1.2, 1.2, facecolor=_colour(c),
                                   edgecolor="0.25"))
            ax.text(-0.3, y_in[c] + 0.6, f"in {c}", ha="right", va="center", fontsize=9)
        for o in range(out_channels):
            slices = seen[o].nonzero().flatten().tolist()
            x0 = 5.0
            for s, c in enumerate(slices):
                ax.add_patch(Rectangle((x0 + 0.55 * s, y_out[o] + 0.1), 0.55, 1.0,
                                       facecolor=_colour(c), edgecolor="0.25"))
                ax.plot([1.2, x0], [y_in[c] + 0.6, y_out[o] + 0.6], color=_colour(c),
                        linewidth=1.4, zorder=0)
            x1 = x0 + 0.55 * in_channels + 0.6
            ax.add_patch(Rectangle((x1, y_out[o]), 1.2, 1.2, facecolor=OUTPUT_COLOUR,
                                   edgecolor="0.25"))
            ax.plot([x0 + 0.55 * len(slices), x1], [y_out[o] + 0.6] * 2, color="0.4",
                    linewidth=1)
            ax.text(x1 + 1.5, y_out[o] + 0.6, f"out {o}", ha="left", va="center",
                    fontsize=9)
        name = f"groups = {g}" + (" (depthwise)" if g == in_channels else "")
        ax.set_title(f"{name}\nweight ({out_channels}, {in_channels // g}, k, k)",
                     fontsize=10)
        ax.set_xlim(-2, 12.2)
        ax.set_ylim(-0.6, 2 * rows)
        ax.set_aspect("equal")
        ax.axis("off")
    fig.links = links
    return fig
