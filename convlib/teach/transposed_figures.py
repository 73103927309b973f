"""Figures of chapter 7: a transposed convolution as a sum of stamped kernels.

The numbers come from ``convlib.transposed.conv_transpose2d``: each stamp is the transposed
convolution of an input with a single nonzero element, and the sum drawn at the right is the
transposed convolution of the whole input. Nothing here computes what it returns.
"""

import matplotlib.pyplot as plt
import torch

from ..checks import as_matrix, as_pair
from ..transposed import conv_transpose2d
from .plotting import CURRENT, OUTPUT, PENDING, draw_matrix


def stamps(X, K, *, stride=1):
    """The stamp of every element of ``X`` (row-major): ``conv_transpose2d`` of ``X`` with
    all other elements set to zero. Returns a list of (i, j, stamp) with stamp of the full
    output's shape; the stamps sum to ``conv_transpose2d(X, K, stride=stride)``."""
    X, K = as_matrix("X", X), as_matrix("K", K)
    out = []
    for i in range(X.shape[0]):
        for j in range(X.shape[1]):
            one = torch.zeros_like(X)
            one[i, j] = X[i, j]
            out.append((i, j, conv_transpose2d(one, K, stride=stride)))
    return out


def stamps_figure(X, K, *, stride=1, cell=0.42):
    """One panel per element of ``X``: where its scaled kernel ``X[i, j]·K`` lands in the
    output (dark green, other cells blank), joined by "+", then "=" and the transposed
    convolution itself (light green). Returns the figure."""
    X, K = as_matrix("X", X), as_matrix("K", K)
    s = as_pair("stride", stride, minimum=1)
    parts = stamps(X, K, stride=s)
    Y = conv_transpose2d(X, K, stride=s)
    rows, cols = Y.shape
    gap = 1.3
    width = (len(parts) + 1) * cols + len(parts) * gap
    fig, ax = plt.subplots(figsize=(cell * width + 0.3, cell * rows + 0.9))
    x = 0.0
    for n, (i, j, stamp) in enumerate(parts):
        r0, c0 = i * s[0], j * s[1]
        inside = {(r, c) for r in range(r0, r0 + K.shape[0]) for c in range(c0, c0 + K.shape[1])}
        faces = {(r, c): CURRENT if (r, c) in inside else PENDING
                 for r in range(rows) for c in range(cols)}
        hidden = {(r, c) for r in range(rows) for c in range(cols)} - inside
        draw_matrix(ax, stamp, x, 0, faces, hidden=hidden)
        ax.text(x + cols / 2, 0.35, f"X[{i},{j}]·K = {float(X[i, j]):g}·K",
                ha="center", va="bottom", fontsize=10)
        x += cols
        sign = "+" if n < len(parts) - 1 else "="
        ax.text(x + gap / 2, -rows / 2, sign, ha="center", va="center", fontsize=18)
        x += gap
    draw_matrix(ax, Y, x, 0, {(r, c): OUTPUT for r in range(rows) for c in range(cols)})
    ax.text(x + cols / 2, 0.35, "output", ha="center", va="bottom", fontsize=10)
    ax.set_xlim(-0.2, x + cols + 0.2)
    ax.set_ylim(-rows - 0.2, 1.2)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig
