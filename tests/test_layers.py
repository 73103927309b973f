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
    from convlib import conv2d

    layer = Conv2D((2, 3), operation="convolution")
    X = torch.randn(5, 6)
    assert torch.allclose(layer(X), conv2d(X, layer.weight) + layer.bias)
    assert repr(layer) == "Conv2D(kernel_size=(2, 3), operation='convolution')"
    with pytest.raises(ValueError, match="operation"):
        Conv2D(2, operation="dilation")
