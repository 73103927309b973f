import matplotlib.pyplot as plt
import pytest
import torch
from torch import nn

from convlib.teach.weight_figures import groups_figure, reads, weight_blocks_figure


def test_reads_matches_nn_conv2d_dependencies():
    for c_i, c_o, g in [(4, 4, 1), (4, 4, 2), (4, 4, 4), (6, 3, 3), (4, 8, 2)]:
        conv = nn.Conv2d(c_i, c_o, 1, groups=g, bias=False)
        x = torch.randn(1, c_i, 1, 1, requires_grad=True)
        jac = torch.autograd.functional.jacobian(conv, x)
        expected = jac.reshape(c_o, c_i) != 0
        assert torch.equal(reads(c_i, c_o, g), expected), (c_i, c_o, g)


def test_reads_depthwise_is_the_identity_pattern():
    assert torch.equal(reads(3, 3, 3), torch.eye(3, dtype=torch.bool))
    assert reads(4, 4, 1).all()


def test_weight_blocks_draw_every_cell_of_input_weight_and_output():
    fig = weight_blocks_figure(in_channels=3, out_channels=2, kernel_size=3, n=5)
    assert fig.cells == {"input": 3 * 5 * 5, "kernels": 2 * 3 * 3 * 3, "output": 2 * 3 * 3}
    assert len(fig.axes[0].patches) == 75 + 54 + 18
    texts = " ".join(t.get_text() for t in fig.axes[0].texts)
    assert "weight: 2 × 3 × 3 × 3" in texts and "output\n2 × 3 × 3" in texts
    assert "kernel 0" in texts and "kernel 1" in texts and "kernel 2" not in texts
    plt.close(fig)


def test_groups_figure_draws_one_slice_and_line_per_link():
    fig = groups_figure(in_channels=4, out_channels=4, groups=(1, 2, 4))
    for ax, g in zip(fig.axes, (1, 2, 4), strict=True):
        links = int(fig.links[g].sum())
        assert links == 4 * 4 // g
        # inputs + outputs + one kernel slice per link
        assert len(ax.patches) == 4 + 4 + links
        # one line per link, one from each kernel to its output
        assert len(ax.lines) == links + 4
        assert ax.get_title().startswith(f"groups = {g}")
    assert "depthwise" in fig.axes[2].get_title()
    plt.close(fig)


def test_groups_must_divide_the_channels():
    with pytest.raises(ValueError, match="divisible"):
        reads(4, 6, 4)


def test_weight_blocks_symbols_are_mathtext_not_literal_underscores():
    # "c_o" drawn as plain text shows its underscore; symbols go inside $...$
    import re

    fig = weight_blocks_figure(in_channels=3, out_channels=2, kernel_size=3, n=5)
    for t in fig.axes[0].texts:
        outside_math = re.sub(r"\$[^$]*\$", "", t.get_text())
        assert "_" not in outside_math, t.get_text()
    texts = " ".join(t.get_text() for t in fig.axes[0].texts)
    assert r"$c_o \times c_i \times k_h \times k_w$" in texts
    plt.close(fig)
