"""convlib.teach.network_figures: digits and maps in gray, kernels signed, one panel each."""

import doctest

import matplotlib.pyplot as plt
import pytest
import torch

from convlib.teach import network_figures
from convlib.teach.network_figures import digit_grid, feature_maps, kernel_rows, training_curves


def _images(fig):
    return [ax.images[0] for ax in fig.axes if ax.images]


def test_digit_grid_draws_each_image_in_gray_with_its_label():
    images = torch.rand(12, 1, 8, 8)
    fig = digit_grid(images, torch.arange(12) % 10, ncols=5)
    drawn = _images(fig)
    assert len(drawn) == 12 and len(fig.axes) == 15       # 3 rows of 5, 3 left empty
    assert all(im.get_cmap().name == "gray" for im in drawn)
    assert torch.equal(torch.tensor(drawn[3].get_array()), images[3, 0])
    assert [ax.get_title() for ax in fig.axes[:12]] == [str(i % 10) for i in range(12)]
    plt.close(fig)


def test_digit_grid_names_a_label_count_that_does_not_match():
    with pytest.raises(ValueError, match="labels has 3 entries but images holds 4"):
        digit_grid(torch.rand(4, 8, 8), [1, 2, 3])


def test_kernels_are_signed_with_zero_in_the_middle():
    K = torch.tensor([[1.0, -3.0], [0.5, 2.0]])
    fig = kernel_rows({"learned": {"k": K, "k2": -K}, "hand-made": {"h": torch.eye(2)}})
    drawn = _images(fig)
    assert len(drawn) == 3 and all(im.get_cmap().name == "coolwarm" for im in drawn)
    assert drawn[0].get_clim() == (-3.0, 3.0)
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert "learned" in texts and "hand-made" in texts
    plt.close(fig)


def test_feature_maps_draws_a_row_per_stage_with_one_scale_per_row():
    stages = {"input": torch.rand(1, 8, 8), "conv": torch.rand(16, 8, 8) * 5,
              "pool": torch.rand(32, 2, 2)}
    fig = feature_maps(stages, channels=4)
    drawn = _images(fig)
    assert len(drawn) == 1 + 4 + 4
    assert all(im.get_cmap().name == "gray" for im in drawn)
    conv = drawn[1:5]
    assert len({im.get_clim() for im in conv}) == 1           # one scale for the row
    assert conv[0].get_clim() == (float(stages["conv"].min()), float(stages["conv"].max()))
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert "conv\n16 × 8 × 8" in texts
    plt.close(fig)


def test_training_curves_plot_accuracy_in_percent():
    fig = training_curves({"CNN": {"loss": [2.0, 1.0, 0.5], "accuracy": [0.5, 0.9, 0.99]}})
    left, right = fig.axes
    assert left.get_yscale() == "log"
    assert right.lines[0].get_ydata().tolist() == [50.0, 90.0, 99.0]
    plt.close(fig)


def test_the_docstring_examples_run():
    result = doctest.testmod(network_figures, extraglobs={"torch": torch})
    assert result.attempted >= 4 and result.failed == 0
    plt.close("all")
