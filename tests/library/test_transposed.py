import itertools

import pytest
import torch
import torch.nn.functional as F
from conftest import examples
from hypothesis import given
from hypothesis import strategies as st

from convlib import corr2d
from convlib.shapes import output_size, transposed_output_size
from convlib.transposed import conv_transpose2d, correlation_matrix, stamp_positions

X = torch.tensor([[0.0, 1.0], [2.0, 3.0]])
K = torch.tensor([[0.0, 1.0], [2.0, 3.0]])


def stamp_loop(X, K, stride):
    """The definition, independently of convlib: each X[i, j] adds X[i, j] * K."""
    h, w = K.shape
    Y = torch.zeros((X.shape[0] - 1) * stride + h, (X.shape[1] - 1) * stride + w)
    for i in range(X.shape[0]):
        for j in range(X.shape[1]):
            Y[i * stride:i * stride + h, j * stride:j * stride + w] += X[i, j] * K
    return Y


@pytest.mark.parametrize("stride", [1, 2, 3])
def test_matches_the_stamping_loop(stride):
    Xr, Kr = torch.randn(3, 4), torch.randn(2, 3)
    assert torch.allclose(conv_transpose2d(Xr, Kr, stride=stride), stamp_loop(Xr, Kr, stride),
                          atol=1e-6)


def test_d2l_padding_removes_the_border():
    full = conv_transpose2d(X, K)
    assert torch.equal(conv_transpose2d(X, K, padding=1), full[1:-1, 1:-1])


def test_integer_input_gives_float():
    Y = conv_transpose2d(X.long(), K.long())
    assert Y.dtype == torch.get_default_dtype()
    assert torch.equal(Y, stamp_loop(X, K, 1))


def test_gradients_flow():
    Xg = X.clone().requires_grad_()
    conv_transpose2d(Xg, K, stride=2).sum().backward()
    assert torch.equal(Xg.grad, torch.full_like(X, float(K.sum())))


settings_strategy = st.fixed_dictionaries({
    "n_h": st.integers(1, 6), "n_w": st.integers(1, 6),
    "k_h": st.integers(1, 4), "k_w": st.integers(1, 4),
    "p_h": st.integers(0, 3), "p_w": st.integers(0, 3),
    "s_h": st.integers(1, 4), "s_w": st.integers(1, 4),
    "a_h": st.integers(0, 3), "a_w": st.integers(0, 3),
    "d_h": st.integers(1, 3), "d_w": st.integers(1, 3),
})


def _valid(v, axis):
    n, k, p, s, a, d = (v[f"{x}_{axis}"] for x in "nkpsad")
    return a < max(s, d) and (n - 1) * s - 2 * p + d * (k - 1) + a + 1 >= 1


@examples(300)
@given(settings_strategy, st.integers(0, 2 ** 16))
def test_agrees_with_pytorch_or_refuses_like_it(v, seed):
    gen = torch.Generator().manual_seed(seed)
    Xr = torch.randn(v["n_h"], v["n_w"], generator=gen)
    Kr = torch.randn(v["k_h"], v["k_w"], generator=gen)
    kwargs = dict(padding=(v["p_h"], v["p_w"]), stride=(v["s_h"], v["s_w"]),
                  output_padding=(v["a_h"], v["a_w"]), dilation=(v["d_h"], v["d_w"]))
    if _valid(v, "h") and _valid(v, "w"):
        expected = F.conv_transpose2d(Xr[None, None], Kr[None, None], **kwargs)[0, 0]
        got = conv_transpose2d(Xr, Kr, **kwargs)
        assert got.shape == expected.shape
        assert got.shape == tuple(transposed_output_size(
            v[f"n_{x}"], v[f"k_{x}"], padding=v[f"p_{x}"], stride=v[f"s_{x}"],
            output_padding=v[f"a_{x}"], dilation=v[f"d_{x}"])
            for x in "hw")
        assert torch.allclose(got, expected, atol=1e-5)
    else:  # PyTorch refuses it, or returns an empty tensor; convlib refuses it
        try:
            empty = F.conv_transpose2d(Xr[None, None], Kr[None, None], **kwargs)
        except RuntimeError:
            pass
        else:
            assert empty.numel() == 0
        with pytest.raises(ValueError, match="X of shape"):
            conv_transpose2d(Xr, Kr, **kwargs)


@examples(200)
@given(st.integers(1, 9), st.integers(1, 5), st.integers(0, 3), st.integers(1, 4),
       st.integers(0, 3), st.integers(1, 3))
def test_size_formula_matches_pytorch(n, k, p, s, a, d):
    try:
        expected = F.conv_transpose1d(torch.zeros(1, 1, n), torch.zeros(1, 1, k), padding=p,
                                      stride=s, output_padding=a, dilation=d).shape[-1]
    except RuntimeError:
        expected = None
    if expected:
        assert transposed_output_size(n, k, padding=p, stride=s, output_padding=a,
                                      dilation=d) == expected
    else:  # refused by PyTorch, or an empty result: convlib refuses both
        with pytest.raises(ValueError):
            transposed_output_size(n, k, padding=p, stride=s, output_padding=a, dilation=d)


@examples(100)
@given(st.integers(2, 12), st.integers(1, 4), st.integers(0, 2), st.integers(1, 3))
def test_output_padding_recovers_every_input_size(n, k, p, s):
    if k > n + 2 * p:
        return
    m = output_size(n, k, padding=p, stride=s)
    a = (n + 2 * p - k) % s
    assert transposed_output_size(m, k, padding=p, stride=s, output_padding=a) == n


@pytest.mark.parametrize("args, message", [
    (dict(n=0, k=3), "n must be positive, got 0"),
    (dict(n=-2, k=3), "n must be positive, got -2"),
    (dict(n=3, k=0), "kernel size must be positive, got 0"),
    (dict(n=3, k=3, padding=-1), "padding must be non-negative, got -1"),
    (dict(n=3, k=3, stride=0), "stride must be positive, got 0"),
    (dict(n=3, k=3, output_padding=-1), "output_padding must be non-negative, got -1"),
    (dict(n=3, k=3, dilation=0), "dilation must be positive, got 0"),
    (dict(n=3, k=3, stride=2, output_padding=2),
     r"output_padding must be smaller than (stride or dilation|max\(stride, dilation\) = 2), "
     "got output_padding 2 with stride 2 and dilation 1"),
    (dict(n=2, k=2, padding=2), "padding 2 leaves no output: .* = -1"),
    (dict(n=1, k=1, padding=1), "padding 1 leaves no output"),
    (dict(n=2, k=4, padding=3, stride=2), "padding 3 leaves no output: .* = 0"),
])
def test_size_errors(args, message):
    with pytest.raises(ValueError, match=message):
        transposed_output_size(**args)


@pytest.mark.parametrize("args", [dict(n=3.0, k=3), dict(n=3, k=True),
                                  dict(n=3, k=3, output_padding="1")])
def test_size_type_errors(args):
    with pytest.raises(TypeError, match="must be an int"):
        transposed_output_size(**args)


def test_output_padding_is_allowed_below_the_dilation():
    assert transposed_output_size(3, 3, dilation=2, output_padding=1) == 8


@pytest.mark.parametrize("kwargs, error, message", [
    (dict(output_padding=1), ValueError,
     r"X of shape \[2, 2\] and K of shape \[2, 2\], in height: output_padding must be "
     r"smaller than (stride or dilation|max\(stride, dilation\))"),
    (dict(stride=(1, 2), output_padding=(0, 2)), ValueError, "in width: output_padding"),
    (dict(padding=2), ValueError, r"X of shape \[2, 2\] .* in height: padding 2 leaves no"),
    (dict(padding=(0, 2)), ValueError, "in width: padding 2 leaves no output"),
    (dict(padding=-1), ValueError, "padding must be at least 0, got -1"),
    (dict(stride=0), ValueError, "stride must be at least 1, got 0"),
    (dict(output_padding=-1), ValueError, "output_padding must be at least 0, got -1"),
    (dict(dilation=0), ValueError, "dilation must be at least 1, got 0"),
    (dict(stride=1.5), TypeError, "stride must be an int or a pair of ints, got 1.5"),
    (dict(padding=(1, 1, 1)), TypeError, "padding must be an int or a pair of ints"),
])
def test_conv_transpose2d_errors(kwargs, error, message):
    with pytest.raises(error, match=message):
        conv_transpose2d(X, K, **kwargs)


@pytest.mark.parametrize("Xb, Kb, error, message", [
    (X[0], K, ValueError, r"Expected X to be a 2-D tensor, got 1-D tensor of shape \[2\]"),
    (X, K[None], ValueError, r"Expected K to be a 2-D tensor, got 3-D tensor of shape"),
    (X.tolist(), K, TypeError, "X must be a torch.Tensor, got list"),
    (X, torch.ones(0, 2), ValueError, r"K must not be empty, got shape \[0, 2\]"),
    (X.bool(), K, TypeError, "X must hold real numbers"),
])
def test_conv_transpose2d_rejects_bad_tensors(Xb, Kb, error, message):
    with pytest.raises(error, match=message):
        conv_transpose2d(Xb, Kb)


@pytest.mark.parametrize("shape, k_shape, padding, stride",
                         [((3, 3), (2, 2), 0, 1), ((4, 5), (2, 3), 0, 1),
                          ((5, 5), (3, 3), 1, 2), ((6, 4), (3, 2), 0, 2)])
def test_correlation_matrix_is_the_correlation(shape, k_shape, padding, stride):
    Xr, Kr = torch.randn(shape), torch.randn(k_shape)
    W = correlation_matrix(shape, Kr, padding=padding, stride=stride)
    Y = F.conv2d(Xr[None, None], Kr[None, None], padding=padding, stride=stride)[0, 0]
    assert W.shape == (Y.numel(), Xr.numel())
    assert torch.allclose(W @ Xr.flatten(), Y.flatten(), atol=1e-5)
    # and its transpose is the transposed convolution, with the output_padding that fits
    a = tuple((shape[i] + 2 * padding - k_shape[i]) % stride for i in (0, 1))
    back = conv_transpose2d(Y, Kr, padding=padding, stride=stride, output_padding=a)
    assert torch.allclose(W.T @ Y.flatten(), back.flatten(), atol=1e-5)


def test_correlation_matrix_of_d2l_example_is_sparse():
    W = correlation_matrix((3, 3), torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
    assert W.shape == (4, 9) and int((W != 0).sum()) == 16
    assert W[0].tolist() == [1, 2, 0, 3, 4, 0, 0, 0, 0]
    assert torch.equal(W @ torch.arange(9.0), corr2d(torch.arange(9.0).reshape(3, 3),
                       torch.tensor([[1.0, 2.0], [3.0, 4.0]])).flatten())


@pytest.mark.parametrize("input_shape, k_shape, kw", [
    ((6, 7), (3, 2), dict(dilation=2)), ((7, 9), (2, 3), dict(padding=(1, 2), stride=2,
                                                            dilation=(3, 2))),
])
def test_correlation_matrix_with_dilation(input_shape, k_shape, kw):
    """Issue 19: the chapter's formula has a dilation, correlation_matrix had none."""
    Xr, Kr = torch.randn(input_shape), torch.randn(k_shape)
    W = correlation_matrix(input_shape, Kr, **kw)
    Y = F.conv2d(Xr[None, None], Kr[None, None], **kw)[0, 0]
    assert W.shape == (Y.numel(), Xr.numel())
    assert torch.allclose(W @ Xr.flatten(), Y.flatten(), atol=1e-5)


@pytest.mark.parametrize("input_shape, Kb, kw, error, words", [
    ((0, 3), K, {}, ValueError, ["input_shape", "at least 1"]),
    ((1, 3), K, {}, ValueError, ["input_shape (1, 3)", "K of shape [2, 2]", "in height"]),
    ((3, 4), K, dict(dilation=(1, 4)), ValueError, ["input_shape (3, 4)", "in width",
                                                    "dilated"]),
    ((3, 3), K, dict(stride=0), ValueError, ["stride"]),
    ((3, 3), torch.ones(2), {}, ValueError, ["Expected K to be a 2-D tensor"]),
    ([3, "3"], K, {}, TypeError, ["input_shape"]),
])
def test_correlation_matrix_errors_name_input_shape(input_shape, Kb, kw, error, words):
    """Issue 19: the errors spoke of an input X that the caller never passed."""
    with pytest.raises(error) as info:
        correlation_matrix(input_shape, Kb, **kw)
    for word in words:
        assert word in str(info.value)
    assert "X" not in str(info.value)


def test_correlation_matrix_settings_are_keyword_only():
    with pytest.raises(TypeError):
        correlation_matrix((3, 3), K, 1)


def test_stamp_positions():
    assert stamp_positions(3, 3, stride=2) == [[0, 1, 2], [2, 3, 4], [4, 5, 6]]
    assert stamp_positions(2, 2, dilation=3) == [[0, 3], [1, 4]]
    with pytest.raises(ValueError, match="stride must be positive"):
        stamp_positions(3, 3, stride=0)


@examples(200)
@given(st.integers(1, 12), st.integers(1, 4), st.integers(0, 2), st.integers(1, 4),
       st.integers(1, 3))
def test_output_padding_for_goes_back_to_n(n, k, p, s, d):
    from convlib.transposed import output_padding_for

    if d * (k - 1) + 1 > n + 2 * p:
        with pytest.raises(ValueError, match="larger than the padded input"):
            output_padding_for(n, k, padding=p, stride=s, dilation=d)
        return
    m = F.conv1d(torch.zeros(1, 1, n), torch.zeros(1, 1, k), padding=p, stride=s,
                 dilation=d).shape[-1]
    a = output_padding_for(n, k, padding=p, stride=s, dilation=d)
    back = F.conv_transpose1d(torch.zeros(1, 1, m), torch.zeros(1, 1, k), padding=p,
                              stride=s, dilation=d, output_padding=a).shape[-1]
    assert back == n


def test_an_empty_result_is_refused_where_pytorch_returns_one():
    X2, K4 = torch.ones(2, 1), torch.ones(4, 4)
    kwargs = dict(padding=(3, 0), stride=(2, 1))
    assert F.conv_transpose2d(X2[None, None], K4[None, None], **kwargs).shape[2] == 0
    with pytest.raises(ValueError, match=r"in height: padding 3 leaves no output: .* = 0"):
        conv_transpose2d(X2, K4, **kwargs)


@pytest.mark.parametrize("n, k, p, s, d", [(6, 3, 1, 2, 1), (7, 4, 2, 3, 1), (8, 3, 0, 2, 2)])
def test_the_transpose_needs_the_output_padding_that_gives_back_the_shape(n, k, p, s, d):
    """W.T maps back to the (n, n) input; output_padding 0 does not, when the stride forgets
    rows, and output_padding_for does (correlation_matrix's docstring)."""
    from convlib.transposed import output_padding_for

    K = torch.randn(k, k)
    m = output_size(n, k, padding=p, stride=s, dilation=d)
    a = output_padding_for(n, k, padding=p, stride=s, dilation=d)
    assert a > 0 and transposed_output_size(m, k, padding=p, stride=s, output_padding=0,
                                            dilation=d) == n - a
    Xg = torch.randn(n, n, requires_grad=True)
    Y = corr2d(Xg, K, padding=p, stride=s, dilation=d)
    G = torch.randn(Y.shape)
    (Y * G).sum().backward()
    back = conv_transpose2d(G, K, padding=p, stride=s, output_padding=a, dilation=d)
    assert torch.allclose(back, Xg.grad, atol=1e-5)


def test_output_padding_0_gives_the_smallest_input_size_unless_padding_is_large():
    """The chapter's claim: with 2p <= d(k - 1), output_padding 0 takes m back to the
    smallest of the s input sizes that correlate to m; with more padding, not always."""
    for n, k, p, s, d in itertools.product(range(1, 16), range(1, 5), range(4), range(1, 4),
                                           (1, 2)):
        if d * (k - 1) + 1 > n + 2 * p:
            continue
        m = output_size(n, k, padding=p, stride=s, dilation=d)
        sizes = [x for x in range(1, n + s + 1)
                 if d * (k - 1) + 1 <= x + 2 * p and output_size(x, k, padding=p, stride=s,
                                                                 dilation=d) == m]
        if 2 * p <= d * (k - 1):
            smallest = transposed_output_size(m, k, padding=p, stride=s, output_padding=0,
                                              dilation=d)
            assert len(sizes) == s and smallest == min(sizes)
    # k = 1, p = 1, s = 3: only n = 1 correlates to 1, and output_padding 0 gives nothing
    assert output_size(1, 1, padding=1, stride=3) == 1 and output_size(2, 1, padding=1,
                                                                       stride=3) == 2
    with pytest.raises(ValueError, match="padding 1 leaves no output"):
        transposed_output_size(1, 1, padding=1, stride=3)
