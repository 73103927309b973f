import matplotlib.pyplot as plt
import pytest
import torch
import torch.nn.functional as F

from convlib.algorithms import im2col
from convlib.teach.im2col_figure import columns_of, im2col_figure


@pytest.mark.parametrize("n_h, n_w, k_h, k_w", [(4, 4, 2, 2), (4, 5, 3, 2), (5, 4, 3, 3)])
def test_columns_are_f_unfold_and_the_product_is_the_correlation(n_h, n_w, k_h, k_w):
    X = torch.arange(1.0, n_h * n_w + 1).reshape(n_h, n_w)
    K = torch.arange(k_h * k_w, dtype=torch.float32).reshape(k_h, k_w) - 2
    assert torch.equal(columns_of(X, K), F.unfold(X[None, None], (k_h, k_w))[0])
    fig = im2col_figure(X, K)
    expected = F.conv2d(X[None, None], K[None, None])[0, 0]
    assert torch.equal(fig.columns, F.unfold(X[None, None], (k_h, k_w))[0])
    assert torch.equal(fig.output, expected)  # integer-valued: exact
    assert torch.equal(fig.output, im2col(X, K))
    plt.close(fig)


def test_drawn_numbers_are_the_windows_pixels():
    X = torch.arange(1.0, 17).reshape(4, 4)
    K = torch.tensor([[1.0, 0], [2, -1]])
    fig = im2col_figure(X, K, highlight=(0, 5))
    assert len(fig.numbers) == 9 and all(len(col) == 4 for col in fig.numbers)
    for c, col in enumerate(fig.numbers):
        i, j = divmod(c, 3)
        window = X[i:i + 2, j:j + 2].flatten().tolist()
        assert col == [f"{v:g}" for v in window], c
    texts = " ".join(t.get_text() for t in fig.axes[0].texts)
    assert "column matrix 4 × 9" in texts and "output 3 × 3" in texts
    plt.close(fig)


def test_a_kernel_larger_than_the_image_is_refused():
    with pytest.raises(ValueError, match="larger"):
        columns_of(torch.ones(2, 2), torch.ones(3, 3))
