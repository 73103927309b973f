"""Figures of the sliding window: the input grid, the kernel, and the output cell they make.

Everything is drawn on one set of axes in "cell" units: a matrix of shape (rows, cols) is a
block of unit squares, row 0 at the top. The numbers come from ``convlib.corr2d``.
"""


import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from matplotlib.patches import Rectangle

from ..checks import as_matrix, as_pair
from ..correlate import corr2d

INPUT, WINDOW, KERNEL, OUTPUT, CURRENT = "#dbe9f6", "#5b9bd5", "#f4d8b0", "#d5ecd4", "#4caf50"
PADDING, UNREACHED = "#ffffff", "#f2b8b5"  # padding: white, dashed; unreached: pink
PENDING = "#ffffff"  # an output cell not computed yet (white, until its frame fills it in)
WINNER = "#f5a142"  # orange: the cell that wins a max-pool window


def draw_matrix(ax, M, x=0.0, y=0.0, faces=None, values=True, hidden=(), dashed=()):
    """Draw matrix ``M`` (rows, cols) as unit cells whose top-left corner is at (x, y).

    ``faces`` maps (i, j) to a fill colour (default ``INPUT``); cells in ``hidden`` get no
    number, cells in ``dashed`` a dashed border (padding).
    """
    faces = faces or {}
    rows, cols = M.shape
    for i in range(rows):
        for j in range(cols):
            ax.add_patch(Rectangle(
                (x + j, y - i - 1), 1, 1, facecolor=faces.get((i, j), INPUT),
                edgecolor="0.3", linewidth=1, linestyle="--" if (i, j) in dashed else "-"))
            if values and (i, j) not in hidden:
                ax.text(x + j + 0.5, y - i - 0.5, f"{float(M[i, j]):g}", ha="center",
                        va="center", fontsize=11, color="black")


def window_sum_text(window, K, total):
    """The sum of products written out: '0·0 + 1·1 + 3·2 + 4·3 = 19'."""
    pairs = zip(window.flatten(), K.flatten(), strict=True)
    terms = " + ".join(f"{float(a):g}·{float(b):g}" for a, b in pairs)
    return f"{terms} = {float(total):g}"


def unreached_cells(shape, kernel, stride):
    """Cells of a (padded) input of ``shape`` that no window position covers."""
    covered = torch.zeros(shape, dtype=torch.bool)
    for r in range(0, shape[0] - kernel[0] + 1, stride[0]):
        for c in range(0, shape[1] - kernel[1] + 1, stride[1]):
            covered[r:r + kernel[0], c:c + kernel[1]] = True
    return {(int(i), int(j)) for i, j in (~covered).nonzero()}


def draw_output(ax, Y, x, y, current, done, values=True):
    """Draw output ``Y`` (out_h, out_w) at (x, y) as far as a sliding window has got: its
    first ``done`` cells (row-major) filled in (light green, numbers shown when ``values``),
    the ``current`` cell dark green, the cells still to come white and empty."""
    order = [(a, b) for a in range(Y.shape[0]) for b in range(Y.shape[1])]
    faces = {c: OUTPUT for c in order[:done]} | {c: PENDING for c in order[done:]}
    faces[current] = CURRENT
    draw_matrix(ax, Y, x, y, faces, values, hidden=set(order[done:]))


def draw_step(ax, X, K, i, j, *, stride=1, padding=0, values=True, done=None):
    """Draw ``X ⋆ K = Y`` with the window for output (i, j) shaded, on axes ``ax``.

    ``X``: (n_h, n_w), ``K``: (k_h, k_w). Input cells are light blue, the window dark blue,
    padding cells dashed and white, cells no window reaches pink; the kernel is tan. In the
    output, the first ``done`` cells (row-major; default: up to and including (i, j)) are
    filled in, light green, with (i, j) dark green; the rest are white and empty.
    Returns the sum text for output (i, j).
    """
    X, K = as_matrix("X", X), as_matrix("K", K)
    p, s = as_pair("padding", padding, minimum=0), as_pair("stride", stride, minimum=1)
    Y = corr2d(X, K, padding=p, stride=s)
    Xp = F.pad(X, (p[1], p[1], p[0], p[0]))
    rows, cols = Xp.shape
    pad_cells = {(r, c) for r in range(rows) for c in range(cols)
                 if not (p[0] <= r < rows - p[0] and p[1] <= c < cols - p[1])}
    faces = {cell: PADDING for cell in pad_cells}
    faces.update({cell: UNREACHED for cell in unreached_cells(Xp.shape, K.shape, s)})
    r0, c0 = i * s[0], j * s[1]
    for r in range(r0, r0 + K.shape[0]):
        for c in range(c0, c0 + K.shape[1]):
            faces[(r, c)] = WINDOW
    draw_matrix(ax, Xp, 0, 0, faces, values, dashed=pad_cells)

    x = cols + 1.2
    ax.text(x - 0.6, -rows / 2, "⋆", ha="center", va="center", fontsize=18)
    draw_matrix(ax, K, x, -(rows - K.shape[0]) / 2,
                {(a, b): KERNEL for a in range(K.shape[0]) for b in range(K.shape[1])}, values)
    x += K.shape[1] + 1.2
    ax.text(x - 0.6, -rows / 2, "=", ha="center", va="center", fontsize=18)
    n_done = i * Y.shape[1] + j + 1 if done is None else done
    draw_output(ax, Y, x, -(rows - Y.shape[0]) / 2, (i, j), n_done, values)
    ax.set_xlim(-0.2, x + Y.shape[1] + 0.2)
    ax.set_ylim(-rows - 0.2, 0.2)
    ax.set_aspect("equal")
    ax.axis("off")
    window = Xp[r0:r0 + K.shape[0], c0:c0 + K.shape[1]]
    return window_sum_text(window, K, Y[i, j])



def pool_window_text(values, mode, result):
    """The pooled window written out: 'max(0, 1, 3, 4) = 4' or 'mean(0, 1, 3, 4) = 2'."""
    terms = ", ".join(f"{float(v) + 0.0:g}".replace("inf", "∞") for v in values.flatten())
    return f"{'max' if mode == 'max' else 'mean'}({terms}) = {float(result) + 0.0:g}"


def draw_pool_step(ax, X, kernel_size, i, j, *, mode="max", stride=None, padding=0,
                   values=True):
    """Draw ``X → pool → Y`` with the window for output (i, j) shaded, on axes ``ax``.

    ``X``: (n_h, n_w). Padding cells are dashed and white (they hold −∞ for max, 0 for avg);
    cells no window reaches are pink; for max, the cell that wins the window is orange.
    Outputs up to (i, j) are filled in (``draw_output``), the rest white and empty.
    Returns the text of output (i, j), e.g. 'max(0, 1, 3, 4) = 4'.
    """
    from ..pooling import pool2d

    X = as_matrix("X", X)
    Y = pool2d(X, kernel_size, mode=mode, stride=stride, padding=padding)
    k = as_pair("kernel_size", kernel_size, minimum=1)
    p = as_pair("padding", padding, minimum=0)
    s = k if stride is None else as_pair("stride", stride, minimum=1)
    fill = float("-inf") if mode == "max" else 0.0
    Xp = F.pad(X, (p[1], p[1], p[0], p[0]), value=fill)
    rows, cols = Xp.shape
    pad_cells = {(r, c) for r in range(rows) for c in range(cols)
                 if not (p[0] <= r < rows - p[0] and p[1] <= c < cols - p[1])}
    faces = {cell: PADDING for cell in pad_cells}
    faces.update({cell: UNREACHED for cell in unreached_cells(Xp.shape, k, s)})
    r0, c0 = i * s[0], j * s[1]
    inside = Xp[r0:r0 + k[0], c0:c0 + k[1]]
    for r in range(r0, r0 + inside.shape[0]):
        for c in range(c0, c0 + inside.shape[1]):
            faces[(r, c)] = WINDOW
    if mode == "max":
        a, b = divmod(int(inside.argmax()), inside.shape[1])
        faces[(r0 + a, c0 + b)] = WINNER
    infinite = pad_cells if mode == "max" else set()
    draw_matrix(ax, Xp, 0, 0, faces, values, hidden=infinite, dashed=pad_cells)
    for r, c in infinite if values else ():
        ax.text(c + 0.5, -r - 0.5, "−∞", ha="center", va="center", fontsize=10, color="0.4")

    x = cols + 2.4
    ax.annotate("", xy=(x - 0.5, -rows / 2), xytext=(cols + 0.5, -rows / 2),
                arrowprops=dict(arrowstyle="->", color="0.3"))
    ax.text((cols + x) / 2, -rows / 2 + 0.35, mode, ha="center", va="bottom", fontsize=10)
    draw_output(ax, Y, x, -(rows - Y.shape[0]) / 2, (i, j), i * Y.shape[1] + j + 1, values)
    ax.set_xlim(-0.2, x + Y.shape[1] + 0.2)
    ax.set_ylim(-rows - 0.2, 0.2)
    ax.set_aspect("equal")
    ax.axis("off")
    return pool_window_text(inside, mode, Y[i, j])

def correlation_figure(X, K, i=0, j=0, *, stride=1, padding=0, values=True):
    """A figure of one step of the correlation: window (i, j) of X, the kernel, output (i, j)."""
    fig, ax = plt.subplots(figsize=figure_size(X, K, padding=padding, stride=stride))
    text = draw_step(ax, X, K, i, j, padding=padding, stride=stride, values=values)
    if values:
        ax.set_title(text, fontsize=11)
    return fig


def figure_size(X, K, *, stride=1, padding=0, cell=0.42):
    """Figure size (inches) that fits the ``X ⋆ K = Y`` drawing at ``cell`` inches per cell."""
    p = as_pair("padding", padding, minimum=0)
    rows, cols = X.shape[0] + 2 * p[0], X.shape[1] + 2 * p[1]
    out_w = corr2d(X, K, padding=p, stride=stride).shape[1]
    return (cell * (cols + K.shape[1] + out_w + 2.8), cell * rows + 0.6)


def heatmap(ax, M, title="", values=True, cmap="coolwarm", vmin=None, vmax=None):
    """Show matrix ``M`` (rows, cols) as coloured cells with their values written in.

    By default the colours are symmetric around 0 (blue negative, red positive), so edges of
    either sign stand out; ``vmin`` and ``vmax`` set the ends of the scale instead (e.g.
    ``vmin=0`` for counts). A value on a dark cell is written in white. Returns the image
    artist.
    """
    M = as_matrix("M", M).detach()
    limit = max(float(M.abs().max()), 1e-12)
    image = ax.imshow(M.numpy(), cmap=cmap, vmin=-limit if vmin is None else vmin,
                      vmax=limit if vmax is None else vmax)
    if values:
        for (i, j), v in zip(torch.cartesian_prod(torch.arange(M.shape[0]),
                                                  torch.arange(M.shape[1])).tolist(),
                             M.flatten().tolist(), strict=True):
            red, green, blue, _ = image.cmap(image.norm(v))
            dark = 0.2126 * red + 0.7152 * green + 0.0722 * blue < 0.45  # luminance
            ax.text(j, i, f"{v + 0.0:g}", ha="center", va="center", fontsize=9,  # no "-0"
                    color="white" if dark else "black")
    ax.set_xticks(range(M.shape[1]))
    ax.set_yticks(range(M.shape[0]))
    ax.set_title(title)
    return image


def image_grid(images, ncols=4, size=2.6, dpi=72, modes=None):
    """A figure with one labelled panel per image: ``images`` maps a title to an (h, w) tensor.

    Each image is shown in gray through ``to_unit_range(image, mode)``; ``modes`` maps a
    title to its mode (``"clip"`` for pictures, ``"signed"`` for edge maps, where 0 is
    mid-gray); titles not in ``modes`` get ``"auto"``.
    Photographs make heavy PNGs, so the figure is drawn at a modest ``dpi`` by default.
    """
    from .display import to_unit_range

    nrows = -(-len(images) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(size * ncols, size * nrows + 0.3),
                             squeeze=False, dpi=dpi)
    for ax in axes.flat:
        ax.axis("off")
    for ax, (title, image) in zip(axes.flat, images.items(), strict=False):
        mode = (modes or {}).get(title, "auto")
        ax.imshow(to_unit_range(image, mode).numpy(), cmap="gray", vmin=0, vmax=1)
        ax.set_title(title, fontsize=10)
    fig.tight_layout()
    return fig


def plot_losses(runs, ax=None, title="", log=True):
    """Plot loss curves: ``runs`` maps a label to a list of losses (or a ``FitResult``).

    A run that diverged is drawn dashed and labelled so. Log scale by default, since losses
    fall (or grow) geometrically. Returns the axes.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(6.5, 3.6))
    for label, run in runs.items():
        losses = getattr(run, "losses", run)
        diverged = getattr(run, "diverged", False)
        ax.plot(range(1, len(losses) + 1), losses, linestyle="--" if diverged else "-",
                marker="." if len(losses) < 60 else None,
                label=f"{label} (diverged)" if diverged else label)
    if log:
        ax.set_yscale("log")
    ax.set_xlabel("step")
    ax.set_ylabel("loss")
    ax.set_title(title)
    ax.grid(True, alpha=0.3)
    ax.legend()
    return ax


def _draw_tap_rows(ax, positions, width, label):
    """Below a row of ``width`` cells, one row per entry of ``positions`` (a list of lists of
    cell indices): its taps as dark squares joined by a line, labelled ``label`` and its
    number. Then frame the axes around it all."""
    for row, taps in enumerate(positions, start=1):
        y = -row * 0.8
        ax.plot([taps[0] + 0.5, taps[-1] + 0.5], [y + 0.3, y + 0.3], color=WINDOW, lw=1)
        for c in taps:
            ax.add_patch(Rectangle((c + 0.2, y + 0.1), 0.6, 0.4, facecolor=WINDOW))
        ax.text(-0.4, y + 0.3, f"{label} {row - 1}", ha="right", va="center", fontsize=8)
    ax.set_xlim(-2.2, width + 0.2)
    ax.set_ylim(-len(positions) * 0.8 - 0.2, 1.2)
    ax.set_aspect("equal")
    ax.axis("off")


def draw_window_positions(ax, n, k, *, stride=1, padding=0, dilation=1):
    """Draw, along one dimension, the padded input and the taps each output position reads.

    Top row: the n + 2p input cells (padding dashed, cells no window reaches pink, padding or
    not). Below it, one row per output: its k taps as dark squares joined by a line.
    """
    from ..shapes import window_positions

    positions = window_positions(n, k, padding=padding, stride=stride, dilation=dilation)
    width = n + 2 * padding
    reached = {i for taps in positions for i in taps}
    for i in range(width):
        is_pad = i < padding or i >= n + padding
        face = UNREACHED if i not in reached else PADDING if is_pad else INPUT
        ax.add_patch(Rectangle((i, 0), 1, 1, facecolor=face, edgecolor="0.3",
                               linestyle="--" if is_pad else "-"))
    _draw_tap_rows(ax, positions, width, "out")


def stamp_figure_size(X, K, stride=1, cell=0.42):
    """Figure size (inches) that fits the ``X · K → Y`` stamping drawing (``draw_stamp``)."""
    s = as_pair("stride", stride, minimum=1)
    full = [(X.shape[a] - 1) * s[a] + K.shape[a] for a in (0, 1)]
    rows = max(X.shape[0], K.shape[0], full[0])
    return (cell * (X.shape[1] + K.shape[1] + full[1] + 2.8), cell * rows + 0.6)


def draw_stamp(ax, X, K, i, j, *, stride=1, padding=0, values=True):
    """Draw input element (i, j) of ``X`` stamping its scaled kernel into the output.

    ``X``: (n_h, n_w), ``K``: (k_h, k_w). Left: X with (i, j) shaded; middle: K; right: the
    full (uncropped) output with the stamps of every element up to (i, j) (row-major) summed,
    from ``convlib.transposed.conv_transpose2d``, the current stamp shaded. The ``padding``
    rows and columns a transposed convolution removes are dashed. Returns the step as text.
    """
    from ..transposed import conv_transpose2d

    X, K = as_matrix("X", X), as_matrix("K", K)
    p, s = as_pair("padding", padding, minimum=0), as_pair("stride", stride, minimum=1)
    conv_transpose2d(X, K, padding=p, stride=s)  # checks that the setting has an output
    done = torch.zeros(X.numel())
    done[:i * X.shape[1] + j + 1] = 1
    Y = conv_transpose2d(X * done.reshape(X.shape), K, stride=s)
    rows = max(X.shape[0], K.shape[0], Y.shape[0])
    draw_matrix(ax, X, 0, -(rows - X.shape[0]) / 2, {(i, j): WINDOW}, values)
    x = X.shape[1] + 1.2
    ax.text(x - 0.6, -rows / 2, "·", ha="center", va="center", fontsize=18)
    draw_matrix(ax, K, x, -(rows - K.shape[0]) / 2,
                {(a, b): KERNEL for a in range(K.shape[0]) for b in range(K.shape[1])}, values)
    x += K.shape[1] + 1.2
    ax.text(x - 0.6, -rows / 2, "→", ha="center", va="center", fontsize=18)
    cropped = {(r, c) for r in range(Y.shape[0]) for c in range(Y.shape[1])
               if not (p[0] <= r < Y.shape[0] - p[0] and p[1] <= c < Y.shape[1] - p[1])}
    faces = {(r, c): PADDING if (r, c) in cropped else OUTPUT
             for r in range(Y.shape[0]) for c in range(Y.shape[1])}
    r0, c0 = i * s[0], j * s[1]
    faces.update({(r, c): CURRENT for r in range(r0, r0 + K.shape[0])
                  for c in range(c0, c0 + K.shape[1])})
    draw_matrix(ax, Y, x, -(rows - Y.shape[0]) / 2, faces, values, dashed=cropped)
    ax.set_xlim(-0.2, x + Y.shape[1] + 0.2)
    ax.set_ylim(-rows - 0.2, 0.2)
    ax.set_aspect("equal")
    ax.axis("off")
    return (f"X[{i},{j}] = {float(X[i, j]):g} adds {float(X[i, j]):g}·K at rows "
            f"{r0}–{r0 + K.shape[0] - 1}, columns {c0}–{c0 + K.shape[1] - 1}")
