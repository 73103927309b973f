"""The pooling chapter's opening figure: an input, its windows, and both pools side by side."""

import matplotlib.pyplot as plt
from matplotlib.patches import Rectangle

from ..pooling import pool2d
from .plotting import heatmap

WINDOW_COLOURS = ("tab:orange", "tab:green", "tab:purple", "tab:red")


def pooling_overview(X, kernel_size=2):
    """Draw X (n_h, n_w), its non-overlapping windows, and its max and average pools.

    Args:
        X: a 2-D tensor whose height and width are multiples of ``kernel_size``.
        kernel_size: the side of the square window; the stride is the window, as in PyTorch.

    Returns the figure: three panels (input, max pool, average pool), the windows outlined
    in matching colours (the colours repeat after four windows).

    Example::

        >>> import torch
        >>> fig = pooling_overview(torch.arange(16.0).reshape(4, 4))
        >>> [ax.get_title() for ax in fig.axes]
        ['input (4, 4)', 'max pool (2, 2)', 'average pool (2, 2)']
    """
    k = int(kernel_size)
    if X.dim() != 2 or X.shape[0] % k or X.shape[1] % k:
        raise ValueError(f"X must be 2-D with height and width multiples of kernel_size {k}, "
                         f"got shape {list(X.shape)}")
    pools = {"max pool": pool2d(X, k), "average pool": pool2d(X, k, mode="avg")}
    fig, axes = plt.subplots(1, 3, figsize=(8, 3),
                             gridspec_kw={"width_ratios": [X.shape[1], X.shape[1] / k,
                                                           X.shape[1] / k]})
    low, high = float(X.min()), float(X.max())
    heatmap(axes[0], X, f"input {tuple(X.shape)}", cmap="Greys", vmin=low, vmax=high)
    for ax, (name, Y) in zip(axes[1:], pools.items(), strict=True):
        heatmap(ax, Y, f"{name} {tuple(Y.shape)}", cmap="Greys", vmin=low, vmax=high)
    out_w = X.shape[1] // k
    for index in range(X.numel() // (k * k)):
        i, j = divmod(index, out_w)
        colour = WINDOW_COLOURS[index % len(WINDOW_COLOURS)]
        axes[0].add_patch(Rectangle((j * k - 0.45, i * k - 0.45), k - 0.1, k - 0.1,
                                    fill=False, edgecolor=colour, linewidth=3))
        for ax in axes[1:]:
            ax.add_patch(Rectangle((j - 0.45, i - 0.45), 0.9, 0.9, fill=False,
                                   edgecolor=colour, linewidth=3))
    for ax in axes:
        ax.set_xticks([])
        ax.set_yticks([])
    fig.tight_layout()
    return fig
