"""The im2col figure of the chapter "How fast is a convolution?".

``im2col_figure`` draws a small image and kernel, the column matrix (one column per output
window, its entries the window's pixels, with their numbers), and the product of the
flattened kernel with that matrix, which is the output. The columns are cut from the image
window by window here, in plain sight; the chapter checks them against ``F.unfold`` and the
product against ``convlib.algorithms.im2col``.
"""

import matplotlib.pyplot as plt
import torch
from matplotlib.patches import Rectangle

from ..checks import as_matrix

HIGHLIGHTS = ("#64b5f6", "#ffb74d")  # two windows, their columns and their outputs
PLAIN = "white"
OUTPUT = "#d5ecd4"


def columns_of(X, K):
    """The column matrix of ``X`` (n_h, n_w) for a kernel of ``K``'s shape: column
    i * out_w + j holds window (i, j), read row by row.

    Example:
        >>> columns_of(torch.arange(9.0).reshape(3, 3), torch.ones(2, 2)).tolist()
        [[0.0, 1.0, 3.0, 4.0], [1.0, 2.0, 4.0, 5.0], [3.0, 4.0, 6.0, 7.0], [4.0, 5.0, 7.0, 8.0]]
    """
    X, K = as_matrix("X", X), as_matrix("K", K)
    k_h, k_w = K.shape
    out_h, out_w = X.shape[0] - k_h + 1, X.shape[1] - k_w + 1
    if out_h < 1 or out_w < 1:
        raise ValueError(f"K {tuple(K.shape)} is larger than X {tuple(X.shape)}")
    return torch.stack([X[i:i + k_h, j:j + k_w].flatten()
                        for i in range(out_h) for j in range(out_w)], dim=1)


def _number(v):
    return f"{v:g}"


def _grid(ax, x, y, values, fills, texts, size=9):
    """Draw ``values`` (rows, cols) as unit cells, top-left corner at (x, y), y growing
    upwards; ``fills[i][j]`` colours a cell. Each cell's number goes into ``texts``."""
    rows, cols = values.shape
    for i in range(rows):
        for j in range(cols):
            ax.add_patch(Rectangle((x + j, y - i - 1), 1, 1, facecolor=fills[i][j],
                                   edgecolor="0.3", linewidth=0.8))
            texts.append(ax.text(x + j + 0.5, y - i - 0.5, _number(values[i, j].item()),
                                 ha="center", va="center", fontsize=size))


def im2col_figure(X, K, highlight=(0, -1), cell=0.36):
    """Draw im2col for a small image ``X`` and kernel ``K`` (2-D tensors).

    Top row: the image with the windows of the ``highlight`` columns outlined, the kernel,
    and the output with those outputs coloured. Bottom row: the flattened kernel (a row)
    times the column matrix (k_h k_w rows, one column per window, its pixels' numbers in
    it) equals the output as a row. The figure's attributes ``columns`` (k_h k_w, L) and
    ``output`` (out_h, out_w) hold what is drawn, and ``numbers`` the drawn matrix's
    entries as text, column by column.
    """
    X, K = as_matrix("X", X), as_matrix("K", K)
    columns = columns_of(X, K)
    k_h, k_w = K.shape
    n_h, n_w = X.shape
    out_h, out_w = n_h - k_h + 1, n_w - k_w + 1
    L = out_h * out_w
    taps = k_h * k_w
    output_row = K.flatten()[None] @ columns  # (1, L)
    marked = [h % L for h in highlight]
    colour = {c: HIGHLIGHTS[m % len(HIGHLIGHTS)] for m, c in enumerate(marked)}

    width = taps + 1.5 + L + 1.5 + L
    height = max(n_h, k_h, out_h) + 2.2 + taps + 1.4
    fig, ax = plt.subplots(figsize=(cell * (width + 1), cell * (height + 0.6)))
    texts = []
    top = height - 0.2

    # top row: image, kernel, output
    _grid(ax, 0, top, X, [[PLAIN] * n_w for _ in range(n_h)], texts)
    for c in marked:
        i, j = divmod(c, out_w)
        ax.add_patch(Rectangle((j, top - i - k_h), k_w, k_h, fill=False,
                               edgecolor=colour[c], linewidth=3))
    ax.text(n_w / 2, top - n_h - 0.25, f"image {n_h} × {n_w}", ha="center", va="top",
            fontsize=10)
    x = n_w + 1.6
    ax.text(x - 0.8, top - n_h / 2, r"$\star$", ha="center", va="center", fontsize=22)
    _grid(ax, x, top - (n_h - k_h) / 2, K, [["#eeeeee"] * k_w for _ in range(k_h)], texts)
    ax.text(x + k_w / 2, top - n_h - 0.25, f"kernel {k_h} × {k_w}", ha="center", va="top",
            fontsize=10)
    x += k_w + 1.6
    ax.text(x - 0.8, top - n_h / 2, "=", ha="center", va="center", fontsize=16)
    output = output_row.reshape(out_h, out_w)
    fills = [[colour.get(i * out_w + j, OUTPUT) for j in range(out_w)] for i in range(out_h)]
    _grid(ax, x, top - (n_h - out_h) / 2, output, fills, texts)
    ax.text(x + out_w / 2, top - n_h - 0.25, f"output {out_h} × {out_w}", ha="center",
            va="top", fontsize=10)

    # bottom row: kernel row @ column matrix = output row
    y = taps + 0.2
    mid = y - taps / 2
    _grid(ax, 0, mid + 0.5, K.flatten()[None], [["#eeeeee"] * taps], texts)
    ax.text(taps / 2, mid - 0.75, "kernel, flattened", ha="center", va="top", fontsize=10)
    x = taps + 1.5
    ax.text(x - 0.75, mid, "@", ha="center", va="center", fontsize=14)
    fills = [[colour.get(c, PLAIN) for c in range(L)] for _ in range(taps)]
    start = len(texts)
    _grid(ax, x, y, columns, fills, texts)
    drawn = texts[start:]
    # the matrix's numbers column by column (they were drawn row by row)
    numbers = [[drawn[r * L + c].get_text() for r in range(taps)] for c in range(L)]
    for c in range(L):
        ax.text(x + c + 0.5, y + 0.15, str(c), ha="center", va="bottom", fontsize=8,
                color="0.35")
    ax.text(x + L / 2, y - taps - 0.25,
            f"column matrix {taps} × {L}: one column per window", ha="center", va="top",
            fontsize=10)
    x += L + 1.5
    ax.text(x - 0.75, mid, "=", ha="center", va="center", fontsize=14)
    _grid(ax, x, mid + 0.5, output_row, [[colour.get(c, OUTPUT) for c in range(L)]], texts)
    ax.text(x + L / 2, mid - 0.75, "output, as a row", ha="center", va="top", fontsize=10)

    ax.set_xlim(-0.3, width + 0.3)
    ax.set_ylim(-0.3, height + 0.3)
    ax.set_aspect("equal")
    ax.axis("off")
    fig.columns = columns
    fig.output = output
    fig.numbers = numbers
    return fig
