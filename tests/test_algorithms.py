"""Every algorithm computes the same correlation as F.conv2d; the chooser picks one that works."""

import pytest
import torch
import torch.nn.functional as F

from convlib import corr2d, corr2d_loop
from convlib.algorithms import METHODS
from convlib.correlate import SMALL_OUTPUT, TOLERANCE, choose_method

SHAPES = [  # (input, kernel): square, non-square, 1x1, kernel as large as the input
    ((9, 9), (3, 3)), ((7, 12), (2, 5)), ((12, 7), (4, 1)), ((5, 6), (1, 1)),
    ((6, 6), (6, 6)), ((5, 8), (5, 8)), ((33, 40), (9, 11)), ((1, 9), (1, 4)),
]


def reference(X, K, **kw):
    return F.conv2d(X.double()[None, None], K.double()[None, None], **kw)[0, 0]


def assert_close(got, X, K, **kw):
    expected = reference(X, K, **kw)
    assert got.shape == expected.shape
    scale = K.double().abs().sum() * X.double().abs().max()
    assert (got.double() - expected).abs().max() <= TOLERANCE * max(scale.item(), 1e-30)


@pytest.mark.parametrize("method", sorted(METHODS))
@pytest.mark.parametrize("xs, ks", SHAPES)
def test_every_method_matches_f_conv2d(method, xs, ks):
    X, K = torch.randn(xs), torch.randn(ks)
    assert_close(corr2d(X, K, method=method), X, K)


@pytest.mark.parametrize("method", sorted(METHODS))
@pytest.mark.parametrize("kw", [dict(padding=1), dict(stride=2),
                                dict(padding=(2, 0), stride=(3, 2)), dict(dilation=2),
                                dict(padding=2, stride=2, dilation=(1, 3))])
def test_every_method_with_padding_stride_dilation(method, kw):
    X, K = torch.randn(13, 11), torch.randn(3, 2)
    assert_close(corr2d(X, K, method=method, **kw), X, K, **kw)


@pytest.mark.parametrize("method", sorted(METHODS))
def test_integer_input(method):
    X, K = torch.randint(-5, 6, (10, 9)), torch.randint(-2, 3, (3, 3))
    got = corr2d(X, K, method=method)
    assert got.is_floating_point()
    assert torch.allclose(got, corr2d_loop(X, K), atol=1e-4)


@pytest.mark.parametrize("method", sorted(METHODS))
def test_constant_image(method):
    X, K = torch.full((16, 16), 0.7), torch.tensor([[1.0, -1.0], [2.0, -2.0]])  # sums to 0
    got = corr2d(X, K, method=method)
    assert got.abs().max() <= TOLERANCE * K.abs().sum() * 0.7
    blur = corr2d(X, torch.ones(5, 5) / 25, method=method)
    assert torch.allclose(blur, torch.full_like(blur, 0.7), atol=1e-5)


@pytest.mark.parametrize("method", sorted(METHODS))
def test_float64_stays_float64(method):
    X, K = torch.randn(8, 8, dtype=torch.float64), torch.randn(3, 3, dtype=torch.float64)
    got = corr2d(X, K, method=method)
    assert got.dtype == torch.float64
    assert torch.allclose(got, reference(X, K), atol=1e-12)


@pytest.mark.parametrize("method", sorted(METHODS))
def test_gradients_reach_the_kernel_whatever_the_method(method):
    X, K = torch.randn(9, 9), torch.randn(3, 3, requires_grad=True)
    corr2d(X, K, method=method).pow(2).sum().backward()
    K_ref = K.detach().clone().requires_grad_()
    F.conv2d(X[None, None], K_ref[None, None]).pow(2).sum().backward()
    assert torch.allclose(K.grad, K_ref.grad, rtol=1e-4, atol=1e-4)


def test_the_rule():
    assert choose_method((3, 3), (510, 510)) == "direct"
    assert choose_method((5, 5), (508, 508)) == "direct"
    assert choose_method((7, 7), (506, 506)) == "fft"
    assert choose_method((7, 7), (253, 253), stride=(2, 2)) == "direct"  # 49 / 4 taps
    assert choose_method((3, 3), (126, 126)) == "torch"
    assert choose_method((31, 31), (98, 98)) == "fft"
    assert choose_method((3, 3), (510, 510), needs_grad=True) == "torch"
    assert 126 * 126 <= SMALL_OUTPUT < 510 * 510


@pytest.mark.parametrize("n, k, kw", [
    (512, 3, {}), (200, 31, {}), (64, 64, {}), (300, 7, dict(stride=3)), (257, 2, dict(padding=1)),
    (190, 15, dict(dilation=2)), (6, 8, {}), (1000, 1, {}),
])
def test_the_chooser_never_picks_a_method_that_fails(n, k, kw):
    X, K = torch.rand(n, n if n != 6 else 8), torch.randn(min(k, n), k)
    assert_close(corr2d(X, K, **kw), X, K, **kw)


def test_unknown_method_is_named():
    with pytest.raises(ValueError, match="method must be None or one of"):
        corr2d(torch.zeros(3, 3), torch.zeros(2, 2), method="winograd")
