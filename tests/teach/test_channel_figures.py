import matplotlib.pyplot as plt
import pytest
import torch

from convlib.teach.channel_figures import channel_sum_figure, channel_sum_text

X = torch.tensor([[[0, 1, 2], [3, 4, 5], [6, 7, 8]], [[1, 2, 3], [4, 5, 6], [7, 8, 9]]])
K = torch.tensor([[[0, 1], [2, 3]], [[1, 2], [3, 4]]])


def test_text_is_d2l_s_worked_example():
    assert channel_sum_text(X, K) == \
        "(0·0 + 1·1 + 3·2 + 4·3) + (1·1 + 2·2 + 4·3 + 5·4) = 19 + 37 = 56"
    assert channel_sum_text(X, K, 1, 1).endswith("= 43 + 77 = 120")


def test_figure_shows_slices_partials_and_sum():
    fig = channel_sum_figure(X, K)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert fig.axes[0].get_title() == channel_sum_text(X, K)
    assert "channel 0" in texts and "channel 1" in texts
    for partial in ([19, 25, 37, 43], [37, 47, 67, 77], [56, 72, 104, 120]):
        assert all(str(v) in texts for v in partial), partial
    # 2 inputs of 9 cells, 2 kernels of 4, 2 partials of 4, the sum of 4: 38 numbers
    assert sum(t.replace(".", "").isdigit() for t in texts) == 38
    plt.close(fig)


def test_three_channels():
    X3, K3 = torch.rand(3, 4, 5), torch.rand(3, 2, 2)
    fig = channel_sum_figure(X3, K3, 1, 2)
    assert "channel 2" in [t.get_text() for t in fig.axes[0].texts]
    assert fig.axes[0].get_title().count("(") == 3
    plt.close(fig)


@pytest.mark.parametrize("X_bad, K_bad, message", [
    (X[0], K, r"Expected X to be a 3-D tensor \(channels, rows, cols\), got 2-D tensor of "
     r"shape \[3, 3\]"),
    (X, K[None], r"Expected K to be a 3-D tensor .* got 4-D tensor of shape \[1, 2, 2, 2\]"),
    (X, K[:1], r"X has 2 channels \(shape \[2, 3, 3\]\) but K has 1 \(shape \[1, 2, 2\]\)"),
])
def test_bad_input_is_named(X_bad, K_bad, message):
    with pytest.raises(ValueError, match=message):
        channel_sum_figure(X_bad, K_bad)



def test_a_list_is_refused_with_a_type_error():
    with pytest.raises(TypeError, match="X must be a torch.Tensor, got list"):
        channel_sum_figure([[1]], K)
