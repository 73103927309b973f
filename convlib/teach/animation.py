"""Sliding-window animations that play in a static web page (no kernel needed).

``correlation_animation`` and ``pooling_animation`` return a matplotlib ``FuncAnimation``
with one frame per output cell; ``to_html`` renders it as self-contained JavaScript HTML
(frames embedded as PNG).
"""

import re
from html import escape

import matplotlib.pyplot as plt
from matplotlib.animation import FuncAnimation

from ..checks import as_matrix, as_pair
from ..correlate import corr2d
from .plotting import draw_pool_step, draw_step, figure_size


def correlation_animation(X, K, padding=0, stride=1, values=True, interval=900, dpi=96,
                          cell=0.42):
    """Animate ``corr2d(X, K, padding, stride)`` window by window, one frame per output.

    ``X``: (n_h, n_w), ``K``: (k_h, k_w). Returns a ``FuncAnimation`` (its figure is already
    closed, so a notebook shows only the animation); its ``frame_count`` attribute is the
    number of outputs and ``titles`` the frames' titles (the sum written out, e.g.
    '0·0 + 1·1 + 3·2 + 4·3 = 19'). ``cell``: inches per grid cell (smaller cells, lighter
    pages).
    """
    X, K = as_matrix("X", X), as_matrix("K", K)
    p, s = as_pair("padding", padding, minimum=0), as_pair("stride", stride, minimum=1)
    out_h, out_w = corr2d(X, K, padding=p, stride=s).shape
    fig, ax = plt.subplots(figsize=figure_size(X, K, p, s, cell), dpi=dpi)

    def frame(n):
        ax.clear()
        text = draw_step(ax, X, K, n // out_w, n % out_w, p, s, values)
        ax.set_title(text if values else f"output cell ({n // out_w}, {n % out_w})", fontsize=10)

    anim = FuncAnimation(fig, frame, frames=out_h * out_w, interval=interval)
    anim.frame_count = out_h * out_w
    anim.titles = frame_titles(frame, ax, anim.frame_count)
    plt.close(fig)
    return anim


def frame_titles(frame, ax, count):
    """Draw each of ``count`` frames with ``frame(n)`` on ``ax`` and return their titles: the
    text of every step, for tests and for the page (what ``to_html`` shows, frame by frame)."""
    titles = []
    for n in range(count):
        frame(n)
        titles.append(ax.get_title())
    return titles


def pooling_animation(X, window, mode="max", padding=0, stride=None, values=True,
                      interval=900, dpi=96, cell=0.42):
    """Animate ``pool2d(X, window, mode=mode, stride=stride, padding=padding)``, frame by output.

    ``X``: (n_h, n_w). Each frame shades one window (for max, the winning cell in orange;
    cells no window reaches are pink) and fills in its output; the title writes the window
    out, e.g. 'max(0, 1, 3, 4) = 4'.
    Returns a closed ``FuncAnimation`` with a ``frame_count`` attribute and ``titles``, the
    list of frame titles.
    """
    from ..pooling import pool2d

    X = as_matrix("X", X)
    out_h, out_w = pool2d(X, window, mode=mode, stride=stride, padding=padding).shape
    p = as_pair("padding", padding, minimum=0)
    rows, cols = X.shape[0] + 2 * p[0], X.shape[1] + 2 * p[1]
    fig, ax = plt.subplots(figsize=(cell * (cols + out_w + 2.8), cell * rows + 0.6), dpi=dpi)

    def frame(n):
        ax.clear()
        text = draw_pool_step(ax, X, window, n // out_w, n % out_w, mode, padding, stride,
                              values)
        ax.set_title(text if values else f"output cell ({n // out_w}, {n % out_w})", fontsize=10)

    anim = FuncAnimation(fig, frame, frames=out_h * out_w, interval=interval)
    anim.frame_count = out_h * out_w
    anim.titles = frame_titles(frame, ax, anim.frame_count)
    plt.close(fig)
    return anim

CDN_STYLESHEET = re.compile(r'<link rel="stylesheet"[^>]*font-awesome[^>]*>\s*')
"""matplotlib's jshtml links Font Awesome 4 from a CDN for its button icons."""


def to_html(anim, alt=""):
    """The animation as JavaScript HTML with its controls, for ``IPython.display.HTML``.

    ``alt``: what the animation shows, in words, for readers who cannot see it (the frame
    image's ``alt`` text). The CDN stylesheet link is dropped, so the page needs no network:
    the book's theme bundles Font Awesome, whose ``fa`` icon classes the buttons use.
    """
    html = CDN_STYLESHEET.sub("", anim.to_jshtml(default_mode="loop"))
    if alt:
        html = html.replace('<img id="_anim_img', f'<img alt="{escape(alt)}" id="_anim_img', 1)
    return html


def transposed_animation(X, K, padding=0, stride=1, values=True, interval=900, dpi=96,
                         cell=0.42):
    """Animate ``conv_transpose2d(X, K, padding, stride)`` stamp by stamp.

    ``X``: (n_h, n_w), ``K``: (k_h, k_w). One frame per input element (row-major): it adds
    ``X[i, j] * K`` into the full output (``convlib.teach.plotting.draw_stamp``); the rows and
    columns ``padding`` removes are dashed. Returns a ``FuncAnimation`` (figure closed) with
    a ``frame_count`` attribute, n_h * n_w.
    """
    from .plotting import draw_stamp, stamp_figure_size

    X, K = as_matrix("X", X), as_matrix("K", K)
    p, s = as_pair("padding", padding, minimum=0), as_pair("stride", stride, minimum=1)
    draw_stamp(plt.figure().gca(), X, K, 0, 0, p, s)  # raises here for a bad setting
    plt.close()
    fig, ax = plt.subplots(figsize=stamp_figure_size(X, K, s, cell), dpi=dpi)
    n_w = X.shape[1]

    def frame(n):
        ax.clear()
        text = draw_stamp(ax, X, K, n // n_w, n % n_w, p, s, values)
        ax.set_title(text if values else f"input ({n // n_w}, {n % n_w})", fontsize=10)

    anim = FuncAnimation(fig, frame, frames=X.numel(), interval=interval)
    anim.frame_count = X.numel()
    plt.close(fig)
    return anim
