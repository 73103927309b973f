import pytest
import torch
from torch import nn

from convlib import Conv2D


@pytest.mark.parametrize("kernel_size", [2, (1, 2), (3, 2)])
def test_matches_nn_conv2d_with_same_parameters(kernel_size):
    layer = Conv2D(kernel_size)
    with torch.no_grad():
        layer.bias.fill_(-0.7)
    ref = nn.Conv2d(1, 1, kernel_size)
    with torch.no_grad():
        ref.weight.copy_(layer.weight[None, None])
        ref.bias.copy_(layer.bias.reshape(1))
    X = torch.randn(6, 7)
    assert torch.allclose(layer(X), ref(X[None, None])[0, 0], atol=1e-6)


def test_parameters_are_a_kernel_and_a_scalar_bias():
    shapes = {n: tuple(p.shape) for n, p in Conv2D((1, 2)).named_parameters()}
    assert shapes == {"weight": (1, 2), "bias": ()}
    assert repr(Conv2D(3)) == "Conv2D(kernel_size=(3, 3))"


def test_gradients_reach_weight_and_bias():
    layer = Conv2D(2)
    layer(torch.randn(4, 4)).sum().backward()
    assert layer.weight.grad.shape == (2, 2) and layer.bias.grad.shape == ()


@pytest.mark.parametrize("bad, error", [(0, ValueError), ((2, 2, 2), TypeError), (1.5, TypeError)])
def test_bad_kernel_size(bad, error):
    with pytest.raises(error, match="kernel_size"):
        Conv2D(bad)


def test_convolution_operation_flips_the_kernel():
    from convlib import convolve2d

    layer = Conv2D((2, 3), operation="convolution")
    X = torch.randn(5, 6)
    assert torch.allclose(layer(X), convolve2d(X, layer.weight) + layer.bias)
    assert repr(layer) == "Conv2D(kernel_size=(2, 3), operation='convolution')"
    with pytest.raises(ValueError, match="operation"):
        Conv2D(2, operation="dilation")


@pytest.mark.parametrize("c_i, c_o, kwargs", [
    (3, 4, dict(kernel_size=3)),
    (4, 6, dict(kernel_size=(2, 3), padding=1, stride=2, groups=2)),
    (6, 6, dict(kernel_size=3, padding=(1, 0), dilation=2, groups=6, bias=False)),
])
def test_multi_channel_layer_matches_nn_conv2d(c_i, c_o, kwargs):
    from convlib.layers import Conv2DMulti

    layer, ref = Conv2DMulti(c_i, c_o, **kwargs), nn.Conv2d(c_i, c_o, **kwargs)
    with torch.no_grad():
        ref.weight.copy_(layer.weight)
        if ref.bias is not None:
            ref.bias.copy_(layer.bias)
    assert layer.weight.shape == ref.weight.shape
    assert (layer.bias is None) == (ref.bias is None)
    X = torch.randn(2, c_i, 9, 8)
    assert torch.allclose(layer(X), ref(X), atol=1e-6)
    assert torch.allclose(layer(X[0]), ref(X)[0], atol=1e-6)  # one image, no batch


def test_multi_channel_layer_starts_like_nn_conv2d():
    from convlib.layers import Conv2DMulti

    torch.manual_seed(3)
    layer = Conv2DMulti(8, 16, 3, groups=2)
    torch.manual_seed(3)
    ref = nn.Conv2d(8, 16, 3, groups=2)
    assert torch.equal(layer.weight, ref.weight) and torch.equal(layer.bias, ref.bias)
    assert repr(layer) == "Conv2DMulti(8, 16, kernel_size=(3, 3), stride=(1, 1), groups=2)"


@pytest.mark.parametrize("args, kwargs", [
    ((4, 6, 3, 2), {}),
    ((4, 6, 3, 2, 1), {}),
    ((4, 6, (2, 3), 1, (1, 0), 2, 2, False), {}),
    ((4, 6, 3), dict(padding=1, stride=2)),
])
def test_multi_channel_layer_takes_nn_conv2d_arguments_in_order(args, kwargs):
    """Conv2DMulti(4, 6, 3, 2) is stride 2, as nn.Conv2d(4, 6, 3, 2) is."""
    from convlib.layers import Conv2DMulti

    layer, ref = Conv2DMulti(*args, **kwargs), nn.Conv2d(*args, **kwargs)
    for name in ("kernel_size", "stride", "padding", "dilation", "groups"):
        assert getattr(layer, name) == getattr(ref, name), name
    assert repr(layer) == repr(ref).replace("Conv2d", "Conv2DMulti")


@pytest.mark.parametrize("args, kwargs, error, message", [
    ((3, 4, 3), dict(groups=2), ValueError, "c_i = 3 is not divisible by groups = 2"),
    ((0, 4, 3), {}, ValueError, "in_channels must be positive, got 0"),
    ((3, 2.0, 3), {}, TypeError, "out_channels must be an int, got 2.0"),
    ((3, 4, 0), {}, ValueError, "kernel_size must be at least 1"),
    ((3, 4, 3), dict(stride=0), ValueError, "stride must be at least 1"),
])
def test_multi_channel_layer_rejects_bad_settings(args, kwargs, error, message):
    from convlib.layers import Conv2DMulti

    with pytest.raises(error, match=message):
        Conv2DMulti(*args, **kwargs)


def test_multi_channel_layer_names_a_wrong_input():
    from convlib.layers import Conv2DMulti

    with pytest.raises(ValueError, match=r"X has c_i = 2 channels \(shape \[2, 5, 5\]\)"):
        Conv2DMulti(3, 4, 3)(torch.ones(2, 5, 5))
