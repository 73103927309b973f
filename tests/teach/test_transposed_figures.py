"""The stamps figure: its stamps are single-element transposed convolutions that sum to the
whole, and the numbers it draws are theirs."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

from convlib.teach.transposed_figures import stamps, stamps_figure  # noqa: E402

X = torch.tensor([[0.0, 1.0], [2.0, 3.0]])
K = torch.tensor([[0.0, 1.0], [2.0, 3.0]])


def test_stamps_sum_to_pytorch():
    for stride in (1, 2):
        parts = stamps(X, K, stride=stride)
        total = sum(stamp for _, _, stamp in parts)
        expected = F.conv_transpose2d(X[None, None], K[None, None], stride=stride)[0, 0]
        assert [(i, j) for i, j, _ in parts] == [(0, 0), (0, 1), (1, 0), (1, 1)]
        assert torch.equal(total, expected)


def test_each_stamp_is_the_scaled_kernel_at_its_place():
    for i, j, stamp in stamps(X, K, stride=2):
        assert torch.equal(stamp[2 * i:2 * i + 2, 2 * j:2 * j + 2], X[i, j] * K)
        assert stamp.abs().sum() == (X[i, j] * K).abs().sum()


def test_figure_draws_the_output_and_one_label_per_stamp():
    fig = stamps_figure(X, K)
    texts = [t.get_text() for t in fig.axes[0].texts]
    plt.close(fig)
    assert [t for t in texts if t.startswith("X[")] == [
        "X[0,0]·K = 0·K", "X[0,1]·K = 1·K", "X[1,0]·K = 2·K", "X[1,1]·K = 3·K"]
    assert texts.count("+") == 3 and texts.count("=") == 1
    # the output's nine numbers are the last nine before its label
    out = texts.index("output")
    assert texts[out - 9:out] == ["0", "0", "1", "0", "4", "6", "4", "12", "9"]
