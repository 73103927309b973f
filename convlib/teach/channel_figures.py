"""Figures of multi-channel correlation: each channel's slice, its partial result, the sum.

The partial results come from ``convlib.corr2d`` and the sum from ``convlib.channels``;
nothing here computes what they return.
"""

import matplotlib.pyplot as plt

from ..channels import corr2d_multi
from ..checks import as_tensor
from ..correlate import corr2d
from .plotting import CURRENT, KERNEL, OUTPUT, WINDOW, draw_matrix, window_sum_text


def _as_channels(X, K):
    """Check shapes: ``X`` (c_i, n_h, n_w), ``K`` (c_i, k_h, k_w), one kernel per channel."""
    X = as_tensor("X", X, (3,), "(channels, rows, cols)")
    K = as_tensor("K", K, (3,), "(channels, rows, cols)")
    if X.shape[0] != K.shape[0]:
        raise ValueError(f"X has {X.shape[0]} channels (shape {list(X.shape)}) but K has "
                         f"{K.shape[0]} (shape {list(K.shape)}); they must match")
    return X, K


def channel_sum_text(X, K, i=0, j=0):
    """Output (i, j) written out channel by channel: '(0·0 + ...) + (1·1 + ...) = 19 + 37 = 56'.

    Each bracket is one channel's window times its kernel slice; then the partial results,
    then their sum.
    """
    X, K = _as_channels(X, K)
    k_h, k_w = K.shape[1:]
    total = corr2d_multi(X, K[None])[0, i, j]
    parts = [window_sum_text(X[c, i:i + k_h, j:j + k_w], K[c], 0).rsplit(" = ", 1)[0]
             for c in range(X.shape[0])]
    partials = [f"{float(corr2d(X[c], K[c])[i, j]):g}" for c in range(X.shape[0])]
    return (" + ".join(f"({p})" for p in parts) + " = " + " + ".join(partials)
            + f" = {float(total):g}")


def channel_sum_figure(X, K, i=0, j=0, cell=0.42):
    """Draw, one row per channel c, ``X[c] ⋆ K[c] = partial c``, and below them their sum.

    ``X``: (c_i, n_h, n_w), ``K``: (c_i, k_h, k_w). The window for output (i, j) is shaded
    in every channel, and output (i, j) is highlighted in every partial result and in the
    sum. Returns the figure; its title is ``channel_sum_text``.
    """
    X, K = _as_channels(X, K)
    c_i, n_h, n_w = X.shape
    k_h, k_w = K.shape[1:]
    partials = [corr2d(X[c], K[c]) for c in range(c_i)]
    Y = corr2d_multi(X, K[None])[0]
    out_h, out_w = Y.shape
    row = n_h + 1.0
    x_kernel = n_w + 1.2
    x_out = x_kernel + k_w + 1.2
    width = x_out + out_w + 0.4
    height = row * c_i + out_h + 0.6
    fig, ax = plt.subplots(figsize=(cell * (width + 3.2), cell * height + 0.7))
    window = {(r, c) for r in range(i, i + k_h) for c in range(j, j + k_w)}
    out_faces = {(a, b): OUTPUT for a in range(out_h) for b in range(out_w)} | {(i, j): CURRENT}
    for c in range(c_i):
        top = -c * row
        middle = top - n_h / 2
        ax.text(-0.4, middle, f"channel {c}", ha="right", va="center", fontsize=10)
        draw_matrix(ax, X[c], 0, top, {cell_: WINDOW for cell_ in window})
        ax.text(x_kernel - 0.6, middle, "⋆", ha="center", va="center", fontsize=16)
        draw_matrix(ax, K[c], x_kernel, top - (n_h - k_h) / 2,
                    {(a, b): KERNEL for a in range(k_h) for b in range(k_w)})
        ax.text(x_out - 0.6, middle, "=", ha="center", va="center", fontsize=16)
        draw_matrix(ax, partials[c], x_out, top - (n_h - out_h) / 2, out_faces)
        if c:
            ax.text(x_out + out_w + 0.5, top + 0.5, "+", ha="center", va="center",
                    fontsize=16)
    top = -c_i * row + 0.2
    ax.plot([x_out - 0.2, x_out + out_w + 0.2], [top + 0.3, top + 0.3], color="0.2", lw=1.5)
    ax.text(x_out - 0.4, top - out_h / 2, "sum over channels  =", ha="right", va="center",
            fontsize=11)
    draw_matrix(ax, Y, x_out, top, out_faces)
    ax.set_xlim(-3.2, width)
    ax.set_ylim(top - out_h - 0.2, 0.2)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(channel_sum_text(X, K, i, j), fontsize=10)
    return fig
