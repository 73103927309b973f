import pytest
import torch
import torch.nn.functional as F
from conftest import examples
from hypothesis import given
from hypothesis import strategies as st
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from convlib import corr2d
from convlib.channels import (
    conv_parameters,
    corr2d_multi,
    multiply_adds,
    separable_multiply_adds,
    separable_parameters,
)

X_D2L = torch.tensor([[[0, 1, 2], [3, 4, 5], [6, 7, 8]], [[1, 2, 3], [4, 5, 6], [7, 8, 9]]])
K_D2L = torch.tensor([[[0, 1], [2, 3]], [[1, 2], [3, 4]]])


def test_d2l_example():
    Y = corr2d_multi(X_D2L, K_D2L[None])
    assert Y.is_floating_point() and Y.tolist() == [[[56.0, 72.0], [104.0, 120.0]]]


def test_each_output_channel_sums_one_channel_correlations():
    X, K, b = torch.randn(3, 6, 7), torch.randn(2, 3, 3, 2), torch.randn(2)
    Y = corr2d_multi(X, K, b)
    for o in range(2):
        expected = sum(corr2d(X[i], K[o, i]) for i in range(3)) + b[o]
        assert torch.allclose(Y[o], expected, atol=1e-5)


@st.composite
def settings_(draw):
    groups = draw(st.integers(1, 3))
    c_i, c_o = groups * draw(st.integers(1, 3)), groups * draw(st.integers(1, 3))
    k = (draw(st.integers(1, 4)), draw(st.integers(1, 4)))
    p = (draw(st.integers(0, 2)), draw(st.integers(0, 2)))
    s = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    d = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    n = tuple(max(draw(st.integers(1, 9)), d[a] * (k[a] - 1) + 1 - 2 * p[a]) for a in (0, 1))
    batch = draw(st.sampled_from([None, 1, 2]))
    bias = draw(st.booleans())
    return groups, c_i, c_o, k, p, s, d, n, batch, bias


@examples(150)
@given(settings_(), st.integers(0, 2**31 - 1))
def test_agrees_with_f_conv2d(setting, seed):
    groups, c_i, c_o, k, p, s, d, n, batch, bias = setting
    gen = torch.Generator().manual_seed(seed)
    shape = (c_i,) + n if batch is None else (batch, c_i) + n
    X = torch.randn(shape, generator=gen, dtype=torch.float64)
    K = torch.randn((c_o, c_i // groups) + k, generator=gen, dtype=torch.float64)
    b = torch.randn(c_o, generator=gen, dtype=torch.float64) if bias else None
    Y = corr2d_multi(X, K, b, padding=p, stride=s, dilation=d, groups=groups)
    ref = F.conv2d(X if batch else X[None], K, b, stride=s, padding=p, dilation=d,
                   groups=groups)
    assert Y.shape == (ref.shape if batch else ref.shape[1:])
    assert torch.allclose(Y, ref if batch else ref[0], atol=1e-10)


def test_gradients_flow_to_every_input():
    X = torch.randn(2, 5, 5, requires_grad=True)
    K = torch.randn(3, 2, 2, 2, requires_grad=True)
    b = torch.zeros(3, requires_grad=True)
    corr2d_multi(X, K, b).sum().backward()
    assert X.grad.shape == X.shape and K.grad.shape == K.shape and b.grad.tolist() == [16] * 3


@pytest.mark.parametrize("kwargs, error, message", [
    (dict(X=torch.ones(4, 4)), ValueError,
     r"Expected X to be a 3-D or 4-D tensor \(c_i, n_h, n_w\) or \(N, c_i, n_h, n_w\), "
     r"got 2-D tensor of shape \[4, 4\]"),
    (dict(X=torch.ones(1, 1, 2, 4, 4)), ValueError, r"X .* got 5-D tensor of shape"),
    (dict(X=[[[1.0]]]), TypeError, "X must be a torch.Tensor, got list"),
    (dict(X=torch.ones(2, 4, 4, dtype=torch.bool)), TypeError, "X must hold real numbers"),
    (dict(X=torch.ones(2, 0, 4)), ValueError, r"X must not be empty, got shape \[2, 0, 4\]"),
    (dict(K=torch.ones(2, 2, 2)), ValueError,
     r"Expected K to be a 4-D tensor \(c_o, c_i / groups, k_h, k_w\), got 3-D tensor "
     r"of shape \[2, 2, 2\]"),
    (dict(K=torch.ones(1, 3, 2, 2)), ValueError,
     r"X has c_i = 2 channels \(shape \[2, 4, 4\]\) but K of shape \[1, 3, 2, 2\] with "
     r"groups = 1 expects 3"),
    (dict(X=torch.ones(3, 4, 4), K=torch.ones(2, 1, 2, 2), groups=2), ValueError,
     r"input channels c_i = 3 is not divisible by groups = 2 \(X has shape \[3, 4, 4\]"),
    (dict(X=torch.ones(4, 4, 4), K=torch.ones(3, 2, 2, 2), groups=2), ValueError,
     r"output channels c_o = 3 is not divisible by groups = 2 .*K has shape \[3, 2, 2, 2\]"),
    (dict(groups=0), ValueError, "groups must be positive, got 0"),
    (dict(groups=1.0), TypeError, "groups must be an int"),
    (dict(bias=torch.ones(3)), ValueError,
     r"Expected bias to be of length c_o = 1 \(K has shape \[1, 2, 2, 2\]\), got shape \[3\]"),
    (dict(bias=torch.ones(1, 1)), ValueError,
     r"Expected bias to be a 1-D tensor of length c_o = 1, got 2-D tensor of shape \[1, 1\]"),
    (dict(bias=1.0), TypeError, "bias must be a torch.Tensor"),
    (dict(K=torch.ones(1, 2, 5, 2)), ValueError,
     r"kernel K of shape \[1, 2, 5, 2\] is larger than input X of shape \[2, 4, 4\] in height"),
    (dict(K=torch.ones(1, 2, 2, 3), dilation=2), ValueError,
     r"\(dilated to span \[3, 5\]\) is larger than input X of shape \[2, 4, 4\] in width$"),
    (dict(K=torch.ones(1, 2, 5, 5)), ValueError,
     r"shape \[1, 2, 5, 5\] is larger than input X of shape \[2, 4, 4\] in height and width$"),
    (dict(padding=-1), ValueError, "padding must be at least 0"),
    (dict(stride=(1, 0)), ValueError, "stride must be at least 1"),
    (dict(dilation=1.5), TypeError, "dilation must be an int or a pair of ints"),
])
def test_bad_input_is_named(kwargs, error, message):
    args = dict(X=torch.ones(2, 4, 4), K=torch.ones(1, 2, 2, 2)) | kwargs
    with pytest.raises(error, match=message):
        corr2d_multi(**args)


def test_padding_lets_a_large_kernel_fit():
    assert corr2d_multi(torch.ones(2, 4, 4), torch.ones(1, 2, 5, 5), padding=1).shape == (1, 2, 2)


@pytest.mark.parametrize("c_i, c_o, k, groups, bias", [
    (64, 128, 3, 1, True), (64, 128, 3, 4, True), (64, 64, 3, 64, False), (3, 16, (5, 1), 1, True),
    (6, 9, (2, 3), 3, False),
])
def test_parameter_count_is_nn_conv2d_s(c_i, c_o, k, groups, bias):
    layer = nn.Conv2d(c_i, c_o, k, groups=groups, bias=bias)
    assert conv_parameters(c_i, c_o, k, groups=groups,
                           bias=bias) == sum(p.numel() for p in layer.parameters())


@pytest.mark.slow
@pytest.mark.parametrize("c_i, c_o, k, groups, n", [
    (64, 128, 3, 1, 10), (64, 128, 3, 4, 9), (8, 8, 3, 8, 7), (3, 6, (1, 2), 3, 5)])
def test_multiply_adds_are_half_the_flop_counter_s(c_i, c_o, k, groups, n):
    layer = nn.Conv2d(c_i, c_o, k, groups=groups)
    X = torch.randn(1, c_i, n, n)
    with FlopCounterMode(display=False) as counter:
        Y = layer(X)
    assert 2 * multiply_adds(c_i, c_o, k, output_shape=tuple(Y.shape[2:]),
                             groups=groups) == counter.get_total_flops()


def test_separable_counts():
    depthwise, pointwise = nn.Conv2d(64, 64, 3, groups=64), nn.Conv2d(64, 128, 1)
    assert separable_parameters(64, 128, 3) == sum(
        p.numel() for m in (depthwise, pointwise) for p in m.parameters())
    X = torch.randn(1, 64, 12, 12)
    with FlopCounterMode(display=False) as counter:
        Y = pointwise(depthwise(X))
    assert 2 * separable_multiply_adds(64, 128, 3, output_shape=tuple(Y.shape[2:])) == \
        counter.get_total_flops()
    assert separable_multiply_adds(64, 128, 3) == 64 * 9 + 64 * 128


@pytest.mark.parametrize("call, error, message", [
    (lambda: conv_parameters(3, 4, 3, groups=2), ValueError, "c_i = 3 is not divisible"),
    (lambda: conv_parameters(0, 4, 3), ValueError, "c_i must be positive"),
    (lambda: conv_parameters(3, 4.0, 3), TypeError, "c_o must be an int"),
    (lambda: multiply_adds(4, 6, 3, groups=4), ValueError, "c_o = 6 is not divisible"),
    (lambda: multiply_adds(4, 4, 0), ValueError, "kernel_size must be at least 1"),
    (lambda: multiply_adds(4, 4, 3, output_shape=(0, 2)), ValueError,
     "output_shape must be at least 1"),
])
def test_cost_helpers_reject_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()
