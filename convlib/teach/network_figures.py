"""Figures of a small convolutional network: its data, its training, its kernels and maps.

- ``digit_grid``: labelled 8 × 8 digits, in gray
- ``training_curves``: loss and test accuracy per epoch, one line per network
- ``kernel_rows``: rows of small kernels in a diverging colormap (blue negative, red positive)
- ``feature_maps``: one image's feature maps, a row per layer, in gray

Images and feature maps are drawn in gray (white = large); kernels, which are signed, in the
diverging ``coolwarm`` colormap with 0 in the middle. Each function returns the figure.
"""

import matplotlib.pyplot as plt
import torch

from ..checks import as_tensor
from .plotting import heatmap


def digit_grid(images, labels, ncols=10, size=0.8, titles=None):
    """A grid of gray images, each titled with its label.

    Args:
        images: (N, h, w) or (N, 1, h, w), values with white = the largest.
        labels: N labels (ints or strings), written above the images.
        ncols: images per row.
        size: the side of one image, in inches.
        titles: an optional text for the whole figure.

    Example:
        >>> fig = digit_grid(torch.rand(4, 8, 8), [0, 1, 2, 3], ncols=2)
        >>> len(fig.axes)
        4
    """
    images = as_tensor("images", images, (3, 4), "(N, h, w) or (N, 1, h, w)").detach()
    if images.dim() == 4:
        images = images[:, 0]
    labels = [str(label) for label in (labels.tolist() if torch.is_tensor(labels)
                                       else labels)]
    if len(labels) != len(images):
        raise ValueError(f"labels has {len(labels)} entries but images holds "
                         f"{len(images)} images (shape {list(images.shape)})")
    nrows = -(-len(images) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(size * ncols, (size + 0.25) * nrows),
                             squeeze=False)
    low, high = float(images.min()), float(images.max())
    for ax in axes.flat:
        ax.axis("off")
    for ax, image, label in zip(axes.flat, images, labels, strict=False):
        ax.imshow(image.numpy(), cmap="gray", vmin=low, vmax=high)
        ax.set_title(label, fontsize=10, pad=2)
    if titles:
        fig.suptitle(titles)
    fig.tight_layout(pad=0.3)
    return fig


def training_curves(histories, epochs_label="epoch"):
    """Loss (left) and test accuracy in % (right) per epoch, one line per network.

    Args:
        histories: maps a network's name to a dict with lists ``"loss"`` (the mean training
            loss of each epoch) and ``"accuracy"`` (the test accuracy after each epoch, a
            fraction).

    Example:
        >>> fig = training_curves({"a": {"loss": [1.0, 0.5], "accuracy": [0.8, 0.9]}})
        >>> [ax.get_ylabel() for ax in fig.axes]
        ['training loss', 'test accuracy (%)']
    """
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.2))
    for name, history in histories.items():
        epochs = range(1, len(history["loss"]) + 1)
        left.plot(epochs, history["loss"], marker=".", label=name)
        right.plot(epochs, [100 * a for a in history["accuracy"]], marker=".", label=name)
    left.set_yscale("log")
    left.set_ylabel("training loss")
    right.set_ylabel("test accuracy (%)")
    for ax in (left, right):
        ax.set_xlabel(epochs_label)
        ax.grid(True, alpha=0.3)
        ax.legend()
    fig.tight_layout()
    return fig


def kernel_rows(rows, size=0.9):
    """Rows of kernels, each in ``coolwarm`` with its own scale symmetric around 0.

    Args:
        rows: maps a row's label to a dict from a kernel's title to a 2-D tensor.
        size: the side of one kernel, in inches.

    Example:
        >>> fig = kernel_rows({"hand-made": {"a": torch.eye(3)}, "learned": {"b": -torch.eye(3),
        ...                                                                "c": torch.ones(3, 3)}})
        >>> len([ax for ax in fig.axes if ax.images])
        3
    """
    ncols = max(len(kernels) for kernels in rows.values())
    fig, axes = plt.subplots(len(rows), ncols, figsize=(size * ncols + 1.4, (size + 0.3)
                                                        * len(rows)), squeeze=False)
    for ax in axes.flat:
        ax.axis("off")
    for row, (label, kernels) in zip(axes, rows.items(), strict=True):
        for ax, (title, K) in zip(row, kernels.items(), strict=False):
            heatmap(ax, K, values=False)
            ax.set_title(title, fontsize=9, pad=2)
            ax.set_xticks([])
            ax.set_yticks([])
            ax.axis("on")
        row[0].text(-0.5 - 0.35 * K.shape[1], (K.shape[0] - 1) / 2, label, ha="right",
                    va="center", fontsize=10)
    fig.tight_layout(pad=0.3)
    return fig


def feature_maps(stages, channels=8, size=0.8):
    """One image's feature maps: a row per stage, its first ``channels`` channels.

    Args:
        stages: maps a stage's name to a (c, h, w) tensor (the input too, with c = 1).
        channels: at most this many channels of each stage are drawn.
        size: the side of one map, in inches.

    Each row has one gray scale, from its smallest to its largest value, so maps of one layer
    compare.

    Example:
        >>> fig = feature_maps({"input": torch.rand(1, 8, 8), "conv": torch.rand(16, 8, 8)})
        >>> len([ax for ax in fig.axes if ax.images])
        9
    """
    fig, axes = plt.subplots(len(stages), channels + 1,
                             figsize=(size * (channels + 1.6), (size + 0.15) * len(stages)),
                             squeeze=False, gridspec_kw={"width_ratios": [1.6] + [1] * channels})
    for ax in axes.flat:
        ax.axis("off")
    for row, (name, maps) in zip(axes, stages.items(), strict=True):
        maps = as_tensor(name, maps, (3,), "(c, h, w)").detach()
        row[0].text(1.0, 0.5, f"{name}\n{' × '.join(map(str, maps.shape))}", ha="right",
                    va="center", fontsize=9, transform=row[0].transAxes)
        low, high = float(maps.min()), float(maps.max())
        for ax, M in zip(row[1:], maps[:channels], strict=False):
            ax.imshow(M.numpy(), cmap="gray", vmin=low, vmax=max(high, low + 1e-12))
            ax.axis("on")   # a thin frame, so that white at a border stays inside the map
            ax.set_xticks([])
            ax.set_yticks([])
    fig.tight_layout(pad=0.2)
    return fig
