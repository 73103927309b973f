"""Figures of chapter 1: whose weights one output reads, the kernel's flip, receptive fields.

The numbers come from real layers and from ``convlib``: ``output_weights`` reads a layer's
weights for one output off its gradient, the flip figure's outputs come from
``convlib.corr2d`` and ``convlib.convolve2d``, and the receptive fields from
``convlib.influence``. Nothing here computes what they return.
"""

import matplotlib.pyplot as plt
import torch
from matplotlib.patches import Rectangle

from ..checks import as_matrix
from ..correlate import convolve2d, corr2d
from ..receptive_field import influence, receptive_field
from .plotting import CURRENT, KERNEL, OUTPUT, draw_matrix


def output_weights(layer, shape, i, j):
    """The weight each input pixel gets in output pixel (i, j) of ``layer``, as an image.

    ``layer`` maps a batch of one-channel images of ``shape`` (h, w) to outputs of the same
    size: an ``nn.Linear(h * w, h * w)`` (applied to the flattened image) or an
    ``nn.Conv2d(1, 1, k, padding=k // 2)``. Both are linear in the input, so the gradient
    of output (i, j) with respect to the input is exactly the weights it multiplies the
    input by (the bias aside). Returns a tensor of ``shape``.
    """
    h, w = shape
    X = torch.zeros(1, 1, h, w, requires_grad=True)
    if isinstance(layer, torch.nn.Linear):
        Y = layer(X.reshape(1, h * w)).reshape(1, 1, h, w)
    else:
        Y = layer(X)
    if tuple(Y.shape[-2:]) != (h, w):
        raise ValueError(f"layer maps an input of shape {[h, w]} to shape "
                         f"{list(Y.shape[-2:])}; expected the same size")
    Y[0, 0, i, j].backward()
    return X.grad[0, 0].detach()


def weights_figure(linear, conv, shape, outputs=((1, 1), (5, 4)), cell=0.3):
    """Two rows of panels: the input weights of each output pixel in ``outputs``, for the
    fully connected ``linear`` (top row) and the convolution ``conv`` (bottom row).

    Weights are drawn in a diverging colormap centred at 0 (exact zeros white); the output
    pixel's own position is outlined in green. Returns the figure.
    """
    h, w = shape
    rows = {"fully connected": linear, "3×3 convolution": conv}
    fig, axes = plt.subplots(2, len(outputs), squeeze=False,
                             figsize=(cell * w * len(outputs) + 1.4, cell * h * 2 + 0.9))
    for r, (name, layer) in enumerate(rows.items()):
        for c, (i, j) in enumerate(outputs):
            ax = axes[r, c]
            weights = output_weights(layer, shape, i, j)
            limit = max(float(weights.abs().max()), 1e-12)
            ax.imshow(weights.numpy(), cmap="RdBu_r", vmin=-limit, vmax=limit)
            ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, edgecolor=CURRENT,
                                   linewidth=2.5))
            used = int((weights != 0).sum())
            ax.set_title(f"output ({i}, {j}): {used} weights", fontsize=10)
            ax.set_xticks([])
            ax.set_yticks([])
            if c == 0:
                ax.set_ylabel(name, fontsize=11)
    fig.tight_layout()
    return fig


def flip_figure(X, K):
    """Two rows: ``X ⋆ K = Y`` (correlation) and ``X * K = X ⋆ flip(K)`` (convolution).

    ``X`` (n_h, n_w) and ``K`` (k_h, k_w) with their numbers; the outputs come from
    ``convlib.corr2d`` and ``convlib.convolve2d``. Returns the figure.
    """
    X, K = as_matrix("X", X), as_matrix("K", K)
    flipped = K.flip(0, 1)
    correlation, convolution = corr2d(X, K), convolve2d(X, K)
    n_h, n_w = X.shape
    k_h, k_w = K.shape
    out_h, out_w = correlation.shape
    kernel_faces = {(a, b): KERNEL for a in range(k_h) for b in range(k_w)}
    output_faces = {(a, b): OUTPUT for a in range(out_h) for b in range(out_w)}
    row = n_h + 1.6
    x_kernel, x_out = n_w + 1.4, n_w + k_w + 2.8
    width = x_out + out_w + 0.3
    fig, ax = plt.subplots(figsize=(0.42 * (width + 7.7), 0.42 * (row + n_h + 0.4)))
    for r, (label, symbol, result) in enumerate([("correlation", "⋆", correlation),
                                                 ("convolution", "*", convolution)]):
        top = -r * row
        middle = top - n_h / 2
        ax.text(-0.5, middle, label, ha="right", va="center", fontsize=11)
        draw_matrix(ax, X, 0, top)
        ax.text(x_kernel - 0.7, middle, symbol, ha="center", va="center",
                fontsize=24 if symbol == "⋆" else 18)
        draw_matrix(ax, K, x_kernel, top - (n_h - k_h) / 2, kernel_faces)
        ax.text(x_kernel + k_w / 2, top - (n_h - k_h) / 2 - k_h - 0.45, "K", ha="center",
                va="center", fontsize=10)
        ax.text(x_out - 0.7, middle, "=", ha="center", va="center", fontsize=16)
        draw_matrix(ax, result, x_out, top - (n_h - out_h) / 2, output_faces)
    # the convolution row, continued: X ⋆ flip(K) gives the same numbers
    top, middle = -row, -row - n_h / 2
    ax.text(width + 0.5, middle, "=", ha="center", va="center", fontsize=16)
    ax.text(width + 1.5, middle, "X", ha="center", va="center", fontsize=13)
    ax.text(width + 2.4, middle, "⋆", ha="center", va="center", fontsize=24)
    x_flip = width + 3.1
    draw_matrix(ax, flipped, x_flip, top - (n_h - k_h) / 2, kernel_faces)
    ax.text(x_flip + k_w / 2, top - (n_h - k_h) / 2 - k_h - 0.45, "flip(K)",
            ha="center", va="center", fontsize=10)
    ax.set_xlim(-4.4, x_flip + k_w + 0.2)
    ax.set_ylim(-row - n_h - 0.2, 0.2)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig


def receptive_field_figure(stacks, input_size, cell=0.22):
    """One panel per stack: the input grid, the receptive field of the middle output shaded.

    ``stacks`` maps a title to a list of (kernel, stride) layers; the field is
    ``convlib.influence(layers, input_size)``. Each panel's caption gives the extent
    (``convlib.receptive_field``) and the number of inputs in the field. Returns the figure.
    """
    fig, axes = plt.subplots(1, len(stacks), squeeze=False,
                             figsize=(len(stacks) * (cell * input_size + 0.5),
                                      cell * input_size + 0.9))
    for ax, (title, layers) in zip(axes[0], stacks.items(), strict=True):
        field = influence(layers, input_size)
        for a in range(input_size):
            for b in range(input_size):
                ax.add_patch(Rectangle((b, -a - 1), 1, 1, edgecolor="0.6", linewidth=0.6,
                                       facecolor=CURRENT if field[a, b] else "white"))
        r = receptive_field(layers)
        ax.set_title(title, fontsize=10)
        ax.set_xlabel(f"extent {r}, {int(field.sum())} inputs", fontsize=10)
        ax.set_xlim(-0.2, input_size + 0.2)
        ax.set_ylim(-input_size - 0.2, 0.2)
        ax.set_aspect("equal")
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_visible(False)
    fig.tight_layout()
    return fig
