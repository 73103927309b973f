import pytest
import torch
import torch.nn.functional as F
from conftest import examples
from hypothesis import given
from hypothesis import strategies as st
from torch import nn

from convlib import corr2d
from convlib.shapes import (
    comp_conv2d,
    explain_output_size,
    output_shape,
    output_size,
    pad_same,
    same_padding,
    window_positions,
)


@pytest.mark.parametrize("k, p, s, expected", [
    (3, 1, 1, (8, 8)), ((5, 3), (2, 1), 1, (8, 8)), (3, 1, 2, (4, 4)),
    ((3, 5), (0, 1), (3, 4), (2, 2)),
])
def test_the_four_d2l_examples(k, p, s, expected):
    assert output_shape((8, 8), k, padding=p, stride=s) == expected
    conv = nn.Conv2d(1, 1, kernel_size=k, padding=p, stride=s)
    assert tuple(comp_conv2d(conv, torch.rand(8, 8)).shape) == expected


def test_ten_5x5_layers_take_240_to_200():
    n = 240
    for _ in range(10):
        n = output_size(n, 5)
    assert n == 200


@pytest.mark.parametrize("n, s", [(8, 2), (9, 2), (10, 3), (7, 1)])
def test_same_padding_and_stride_give_ceil_n_over_s(n, s):
    for k in (1, 2, 3, 4, 5):
        total = sum(same_padding(k))
        assert total == k - 1
        # total padding k - 1 (split as evenly as possible) gives floor((n + s - 1) / s)
        assert (n - k + total) // s + 1 == (n + s - 1) // s


@pytest.mark.parametrize("k", [1, 2, 3, 4, 5, 6])
def test_pad_same_keeps_the_size(k):
    X, K = torch.rand(7, 9), torch.rand(k, k)
    assert corr2d(pad_same(X, K.shape), K).shape == (7, 9)
    top, bottom = same_padding(k)
    assert top - bottom in (0, 1)


def test_window_positions():
    assert window_positions(5, 3, padding=1, stride=2) == [[0, 1, 2], [2, 3, 4], [4, 5, 6]]
    assert window_positions(5, 2, padding=0, stride=1, dilation=3) == [[0, 3], [1, 4]]


def test_explain_fills_in_the_numbers():
    expected = "⌊(8 + 2·1 − 1·(3 − 1) − 1) / 2⌋ + 1 = ⌊7 / 2⌋ + 1 = 4"
    assert explain_output_size(8, 3, padding=1, stride=2) == expected


@pytest.mark.parametrize("args, error, words", [
    ((5, 0), ValueError, ["kernel size", "positive"]),
    ((5, 3, dict(stride=0)), ValueError, ["stride", "positive"]),
    ((5, 3, dict(padding=-1)), ValueError, ["padding", "non-negative"]),
    ((5, 3, dict(dilation=0)), ValueError, ["dilation"]),
    ((0, 1), ValueError, ["n"]),
    ((4, 7, dict(padding=1)), ValueError, ["larger than the padded input", "4 + 2·1 = 6"]),
    ((5, 3, dict(dilation=3)), ValueError, ["dilated to span 7"]),
    ((5, 2.0), TypeError, ["kernel size", "int"]),
])
def test_output_size_rejects_impossible_settings(args, error, words):
    kwargs = args[2] if len(args) > 2 else {}
    with pytest.raises(error) as info:
        output_size(*args[:2], **kwargs)
    assert all(w in str(info.value) for w in words)


def test_output_shape_names_the_dimension():
    with pytest.raises(ValueError, match="in width: kernel size 9"):
        output_shape((8, 8), (3, 9))
    with pytest.raises(ValueError, match="stride"):
        output_shape((8, 8), 3, stride=(1, 0))


# Property tests: the formula against what PyTorch actually produces.
dims = st.tuples(st.integers(1, 40), st.integers(1, 7), st.integers(0, 4), st.integers(1, 5),
                 st.integers(1, 4))


@examples(2000)
@given(h=dims, w=dims)
def test_output_shape_matches_nn_conv2d(h, w):
    (n_h, k_h, p_h, s_h, d_h), (n_w, k_w, p_w, s_w, d_w) = h, w
    conv = nn.Conv2d(1, 1, (k_h, k_w), padding=(p_h, p_w), stride=(s_h, s_w),
                     dilation=(d_h, d_w), bias=False)
    fits = all(d * (k - 1) + 1 <= n + 2 * p for n, k, p, _, d in (h, w))
    if not fits:
        with pytest.raises(ValueError):
            output_shape((n_h, n_w), (k_h, k_w), padding=(p_h, p_w), stride=(s_h, s_w),
                         dilation=(d_h, d_w))
        with pytest.raises(RuntimeError):
            conv(torch.zeros(1, 1, n_h, n_w))
        return
    with torch.no_grad():
        actual = tuple(conv(torch.zeros(1, 1, n_h, n_w)).shape[2:])
    assert output_shape((n_h, n_w), (k_h, k_w), padding=(p_h, p_w), stride=(s_h, s_w),
                        dilation=(d_h, d_w)) == actual


@examples(400)
@given(h=dims, w=dims, seed=st.integers(0, 2**16))
def test_corr2d_values_match_f_conv2d(h, w, seed):
    (n_h, k_h, p_h, s_h, d_h), (n_w, k_w, p_w, s_w, d_w) = h, w
    if any(d * (k - 1) + 1 > n + 2 * p for n, k, p, _, d in (h, w)):
        return
    gen = torch.Generator().manual_seed(seed)
    X, K = torch.randn(n_h, n_w, generator=gen), torch.randn(k_h, k_w, generator=gen)
    kw = {"padding": (p_h, p_w), "stride": (s_h, s_w), "dilation": (d_h, d_w)}
    expected = F.conv2d(X.double()[None, None], K.double()[None, None], **kw)[0, 0]
    got = corr2d(X, K, **kw)
    assert got.shape == expected.shape
    scale = max(1.0, expected.abs().max().item())
    assert (got.double() - expected).abs().max().item() <= 1e-5 * scale
