import pytest
import torch
import torch.nn.functional as F

from convlib import convolve2d, corr2d, corr2d_loop

X = torch.tensor([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]])
K = torch.tensor([[0.0, 1.0], [2.0, 3.0]])


def reference(X, K, **kw):
    return F.conv2d(X[None, None].double(), K[None, None].double(), **kw)[0, 0]


@pytest.mark.parametrize("fn", [corr2d, corr2d_loop])
def test_seed_example(fn):
    assert torch.equal(fn(X, K), torch.tensor([[19.0, 25.0], [37.0, 43.0]]))


@pytest.mark.parametrize("fn", [corr2d, corr2d_loop])
@pytest.mark.parametrize("xs, ks", [((5, 5), (3, 3)), ((7, 4), (2, 3)), ((6, 8), (1, 2)),
                                    ((4, 9), (4, 1)), ((3, 3), (3, 3)), ((1, 5), (1, 5))])
def test_matches_torch_on_random_input(fn, xs, ks):
    Xr, Kr = torch.randn(xs), torch.randn(ks)
    assert torch.allclose(fn(Xr, Kr).double(), reference(Xr, Kr), atol=1e-5)


def test_loop_and_fast_agree():
    Xr, Kr = torch.randn(9, 11), torch.randn(3, 2)
    assert torch.allclose(corr2d(Xr, Kr), corr2d_loop(Xr, Kr), atol=1e-5)


@pytest.mark.parametrize("fn", [corr2d, corr2d_loop])
def test_integer_input_gives_float(fn):
    Y = fn(torch.tensor([[0, 1, 2], [3, 4, 5], [6, 7, 8]]), torch.tensor([[0, 1], [2, 3]]))
    assert Y.is_floating_point()
    assert Y.tolist() == [[19.0, 25.0], [37.0, 43.0]]


def test_true_convolution_flips_the_kernel():
    Xr, Kr = torch.randn(6, 7), torch.randn(3, 2)
    assert torch.allclose(convolve2d(Xr, Kr), corr2d(Xr, Kr.flip(0, 1)))
    assert not torch.allclose(convolve2d(Xr, Kr), corr2d(Xr, Kr))


@pytest.mark.parametrize("padding, stride", [(1, 1), (0, 2), ((2, 1), (3, 4)), ((0, 1), 2)])
def test_padding_and_stride_match_torch(padding, stride):
    Xr, Kr = torch.randn(8, 9), torch.randn(3, 2)
    got = corr2d(Xr, Kr, padding=padding, stride=stride).double()
    assert torch.allclose(got, reference(Xr, Kr, padding=padding, stride=stride), atol=1e-5)


def test_gradients_flow_to_the_kernel():
    Kr = torch.randn(2, 2, requires_grad=True)
    corr2d(torch.randn(4, 4), Kr).sum().backward()
    assert Kr.grad is not None and Kr.grad.shape == (2, 2)


@pytest.mark.parametrize("fn", [corr2d, corr2d_loop])
@pytest.mark.parametrize("bad_x, bad_k, error, words", [
    (torch.zeros(1, 3, 3), K, ValueError, ["X", "2-D", "3-D", "[1, 3, 3]"]),
    (X, torch.zeros(2), ValueError, ["K", "2-D", "1-D", "[2]"]),
    ([[1, 2], [3, 4]], K, TypeError, ["X", "torch.Tensor", "list"]),
    (X, torch.zeros(0, 2), ValueError, ["K", "empty", "[0, 2]"]),
    (X, torch.zeros(4, 2), ValueError, ["K", "[4, 2]", "X", "[3, 3]", "height"]),
    (X, torch.zeros(1, 5), ValueError, ["[1, 5]", "width"]),
    (X, torch.zeros(4, 4), ValueError, ["[4, 4]", "in height and width"]),
    (X.bool(), K, TypeError, ["X", "bool"]),
])
def test_bad_input_names_the_argument_and_shapes(fn, bad_x, bad_k, error, words):
    with pytest.raises(error) as info:
        fn(bad_x, bad_k)
    for word in words:
        assert word in str(info.value)


@pytest.mark.parametrize("kw, error, word", [
    ({"padding": -1}, ValueError, "padding"),
    ({"stride": 0}, ValueError, "stride"),
    ({"stride": 1.5}, TypeError, "stride"),
    ({"padding": (1, 2, 3)}, TypeError, "padding"),
])
def test_bad_padding_and_stride(kw, error, word):
    with pytest.raises(error, match=word):
        corr2d(X, K, **kw)


def test_padding_lets_a_large_kernel_fit():
    assert corr2d(X, torch.ones(5, 5), padding=1).shape == (1, 1)
    with pytest.raises(ValueError, match="padded to"):
        corr2d(X, torch.ones(6, 5), padding=1)


def test_mixed_dtypes_promote_like_torch():
    Y = corr2d(torch.randn(5, 5, dtype=torch.float64), torch.randn(2, 2))
    assert Y.dtype == torch.float64
