"""convlib.pooling.pool2d and the pooled output size, against F.max_pool2d / F.avg_pool2d."""

import itertools

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from conftest import examples
from hypothesis import given
from hypothesis import strategies as st

from convlib.pooling import pool2d
from convlib.shapes import pool_output_shape, pool_output_size


def torch_pool(X, kernel_size, mode="max", stride=None, padding=0, ceil_mode=False,
               count_include_pad=True):
    """PyTorch's pool of a (c, n_h, n_w) stack, via the 4-D (1, c, n_h, n_w) it expects."""
    if mode == "max":
        return F.max_pool2d(X[None], kernel_size, stride, padding, ceil_mode=ceil_mode)[0]
    return F.avg_pool2d(X[None], kernel_size, stride, padding, ceil_mode=ceil_mode,
                        count_include_pad=count_include_pad)[0]


def test_d2l_examples():
    X = torch.tensor([[0.0, 1, 2], [3, 4, 5], [6, 7, 8]])
    assert pool2d(X, 2, stride=1).tolist() == [[4, 5], [7, 8]]
    assert pool2d(X, 2, mode="avg", stride=1).tolist() == [[2, 3], [5, 6]]
    X = torch.arange(16.0).reshape(1, 4, 4)
    assert pool2d(X, 3).tolist() == [[[10]]]
    assert pool2d(X, 3, padding=1, stride=2).tolist() == [[[5, 7], [13, 15]]]
    assert pool2d(X, (2, 3), padding=(0, 1), stride=(2, 3)).tolist() == [[[5, 7], [13, 15]]]
    two = pool2d(torch.cat([X, X + 1]), 3, padding=1, stride=2)
    assert two.tolist() == [[[5, 7], [13, 15]], [[6, 8], [14, 16]]]


@st.composite
def pool_settings(draw):
    """A valid setting: window fits the padded input, padding at most half the window."""
    k = (draw(st.integers(1, 5)), draw(st.integers(1, 5)))
    p = tuple(draw(st.integers(0, k[a] // 2)) for a in (0, 1))
    n = tuple(draw(st.integers(max(1, k[a] - 2 * p[a]), 9)) for a in (0, 1))
    stride = draw(st.one_of(st.none(), st.integers(1, 4),
                            st.tuples(st.integers(1, 4), st.integers(1, 4))))
    return dict(n=n, kernel_size=k, padding=p, stride=stride, ceil_mode=draw(st.booleans()),
                count_include_pad=draw(st.booleans()), c=draw(st.integers(1, 3)),
                mode=draw(st.sampled_from(["max", "avg"])), seed=draw(st.integers(0, 999)))


@pytest.mark.slow
@examples(600)
@given(setting=pool_settings())
def test_pool2d_agrees_with_pytorch(setting):
    gen = torch.Generator().manual_seed(setting.pop("seed"))
    n, c = setting.pop("n"), setting.pop("c")
    X = torch.randn((c,) + n, generator=gen)
    expected = torch_pool(X, **setting)
    got = pool2d(X, **setting)
    assert got.shape == expected.shape
    assert torch.allclose(got, expected, atol=1e-6)
    # a single image (n_h, n_w) gives the first channel, without the channel dimension
    assert torch.allclose(pool2d(X[0], **setting), expected[0], atol=1e-6)
    stride = setting["stride"]
    assert got.shape[1:] == pool_output_shape(n, setting["kernel_size"], stride=stride,
                                              padding=setting["padding"],
                                              ceil_mode=setting["ceil_mode"])


def test_output_size_against_max_pool2d_on_a_grid():
    checked = ceil_differs = last_window_dropped = 0
    for n in range(1, 11):
        for k in range(1, 6):
            for p in range(k // 2 + 1):
                for s in range(1, 5):
                    if k > n + 2 * p:
                        continue
                    for ceil_mode in (False, True):
                        Y = F.max_pool2d(torch.zeros(1, 1, n, n), k, s, p, ceil_mode=ceil_mode)
                        assert Y.shape[-1] == pool_output_size(n, k, stride=s, padding=p,
                                                               ceil_mode=ceil_mode)
                        checked += 1
                    span = n + 2 * p - k
                    ceil_differs += span % s != 0
                    last_window_dropped += -(-span // s) * s >= n + p
    assert checked > 500 and ceil_differs > 50 and last_window_dropped > 5


def pytorch_pool_shape(n, k, s, p, ceil_mode, mode):
    """PyTorch's pooled length along one axis, or None where PyTorch refuses the setting."""
    pool = F.max_pool2d if mode == "max" else F.avg_pool2d
    try:
        return pool(torch.zeros(1, 1, 1, n), (1, k), (1, s), (0, p), ceil_mode=ceil_mode).shape[-1]
    except RuntimeError:
        return None


@pytest.mark.slow
def test_output_size_and_refusals_against_pytorch_on_every_small_setting():
    """Issue 19: with ceil_mode a window may reach past the padded input (PyTorch keeps it as
    long as it starts inside the input or its left padding); convlib refused those. Every
    n <= 8, k <= 6, p <= 3, s <= 6, both modes: the same length, or ValueError where
    PyTorch raises."""
    refused = longer_than_input = 0
    for n, k, p, s, ceil_mode in itertools.product(range(1, 9), range(1, 7), range(4),
                                                   range(1, 7), (False, True)):
        expected = {pytorch_pool_shape(n, k, s, p, ceil_mode, mode) for mode in ("max", "avg")}
        assert len(expected) == 1  # max and avg pools follow the same rule
        expected = expected.pop()
        if expected is None:
            with pytest.raises(ValueError):
                pool_output_size(n, k, stride=s, padding=p, ceil_mode=ceil_mode)
            refused += 1
        else:
            assert pool_output_size(n, k, stride=s, padding=p, ceil_mode=ceil_mode) == expected
            longer_than_input += k > n + 2 * p
    assert refused > 500 and longer_than_input > 50


def test_issue_19_ceil_mode_examples():
    # a 1 x 1 input, window 3, stride 3: one window, reaching two cells past the input
    assert pool2d(torch.tensor([[5.0]]), 3, ceil_mode=True).tolist() == [[5.0]]
    # [[7, 1]], window (1, 3), stride (1, 3): the mean of the two cells inside
    Y = pool2d(torch.tensor([[7.0, 1.0]]), (1, 3), mode="avg", stride=(1, 3), ceil_mode=True)
    assert Y.tolist() == [[4.0]]


@st.composite
def any_pool_settings(draw):
    """Any setting, valid for PyTorch or not: windows longer than the padded input, padding
    more than half the window, strides longer than the window."""
    k = (draw(st.integers(1, 6)), draw(st.integers(1, 6)))
    p = (draw(st.integers(0, 3)), draw(st.integers(0, 3)))
    n = (draw(st.integers(1, 8)), draw(st.integers(1, 8)))
    stride = draw(st.one_of(st.none(), st.integers(1, 6),
                            st.tuples(st.integers(1, 6), st.integers(1, 6))))
    return dict(n=n, kernel_size=k, padding=p, stride=stride, ceil_mode=draw(st.booleans()),
                count_include_pad=draw(st.booleans()), c=draw(st.integers(1, 2)),
                mode=draw(st.sampled_from(["max", "avg"])), seed=draw(st.integers(0, 999)))


@pytest.mark.slow
@examples(1500)
@given(setting=any_pool_settings())
def test_pool2d_agrees_with_pytorch_on_any_setting(setting):
    """Shapes and values as F.max_pool2d / F.avg_pool2d (count_include_pad both ways), and a
    ValueError exactly where PyTorch raises."""
    gen = torch.Generator().manual_seed(setting.pop("seed"))
    n, c = setting.pop("n"), setting.pop("c")
    X = torch.randn((c,) + n, generator=gen)
    shape_args = dict(stride=setting["stride"], padding=setting["padding"],
                      ceil_mode=setting["ceil_mode"])
    try:
        expected = torch_pool(X, **setting)
    except RuntimeError:
        with pytest.raises(ValueError):
            pool2d(X, **setting)
        with pytest.raises(ValueError):
            pool_output_shape(n, setting["kernel_size"], **shape_args)
        return
    got = pool2d(X, **setting)
    assert got.shape == expected.shape
    assert torch.allclose(got, expected, atol=1e-6)
    assert got.shape[1:] == pool_output_shape(n, setting["kernel_size"], **shape_args)


def test_max_pool_gradient_goes_to_the_first_of_tied_maxima():
    """Issue 19: pool2d split the gradient evenly between tied maxima; F.max_pool2d sends it
    all to the first one (in row-major order within the window)."""
    X = torch.tensor([[1.0, 1.0], [0.0, 1.0]], requires_grad=True)
    pool2d(X, 2).sum().backward()
    assert X.grad.tolist() == [[1.0, 0.0], [0.0, 0.0]]


@pytest.mark.parametrize("row, kernel_size, padding", [
    ([float("-inf"), float("-inf"), 3.0], (1, 2), (0, 1)),  # max -inf: a cell, not padding
    ([float("nan"), 1.0, float("nan"), 2.0], (1, 4), 0),     # NaN: the last NaN
    ([2.0, 0.0, 2.0, 2.0], (1, 3), (0, 1)),
])
def test_max_pool_gradient_edge_cases_are_pytorchs(row, kernel_size, padding):
    X = torch.tensor([[row]], requires_grad=True)
    X_ref = X.detach().clone().requires_grad_()
    pool2d(X, kernel_size, padding=padding).sum().backward()
    F.max_pool2d(X_ref, kernel_size, padding=padding).sum().backward()
    assert torch.equal(X.grad, X_ref.grad)


@pytest.mark.slow
@examples(300)
@given(setting=pool_settings())
def test_max_pool_gradients_with_ties_are_pytorchs(setting):
    """Integers in 0..2, so most windows hold ties; overlapping windows, padding, ceil_mode."""
    setting.update(mode="max")
    del setting["count_include_pad"]
    gen = torch.Generator().manual_seed(setting.pop("seed"))
    n, c = setting.pop("n"), setting.pop("c")
    X = torch.randint(0, 3, (c,) + n, generator=gen).double().requires_grad_()
    X_ref = X.detach().clone().requires_grad_()
    Y, Y_ref = pool2d(X, **setting), torch_pool(X_ref, **setting)
    weights = torch.randn(Y_ref.shape, generator=gen, dtype=torch.float64)
    (Y * weights).sum().backward()
    (Y_ref * weights).sum().backward()
    assert torch.equal(Y, Y_ref)
    assert torch.allclose(X.grad, X_ref.grad, atol=1e-12)


def test_ceil_mode_rule_drops_a_window_that_starts_in_the_right_padding():
    # n = 5, k = 2, p = 1, s = 2: ceil((5 + 2 - 2) / 2) + 1 = 4, but window 4 would start at 6
    assert pool_output_size(5, 2, stride=2, padding=1, ceil_mode=True) == 3
    assert pool_output_size(8, 3, stride=2, ceil_mode=True) == 4
    assert pool_output_size(8, 3, stride=2) == 3
    assert pool_output_size(6, 2) == 3  # stride defaults to the window


def test_count_include_pad_changes_the_border_means():
    X = torch.ones(3, 3)
    assert pool2d(X, 3, mode="avg", padding=1, stride=1)[0, 0] == pytest.approx(4 / 9)
    assert pool2d(X, 3, mode="avg", padding=1, stride=1, count_include_pad=False)[0, 0] == 1


def test_max_padding_never_wins():
    X = -torch.arange(1.0, 10.0).reshape(3, 3)
    # windows cover rows {0}, {1, 2} and columns {0}, {1, 2} of X, plus padding
    assert pool2d(X, 2, padding=1).tolist() == [[-1, -2], [-4, -5]]
    # zero padding would win every border window
    assert pool2d(torch.nn.functional.pad(X, (1, 1, 1, 1)), 2).tolist() == [[0, 0], [0, -5]]


def test_integer_input_gives_floats():
    Y = pool2d(torch.arange(9).reshape(3, 3), 2, mode="avg", stride=1)
    assert Y.dtype == torch.get_default_dtype() and Y.tolist() == [[2, 3], [5, 6]]


@pytest.mark.parametrize("kwargs, error, words", [
    (dict(kernel_size=5), ValueError, ["kernel_size [5, 5]", "shape [4, 4]", "height", "larger"]),
    (dict(kernel_size=(2, 7), padding=(0, 1)), ValueError, ["width", "larger", "4 + 2·1 = 6"]),
    (dict(kernel_size=3, padding=2), ValueError, ["padding 2", "half the kernel_size 3"]),
    (dict(kernel_size=(4, 2), padding=(1, 2)), ValueError, ["width", "padding 2", "size 2"]),
    (dict(kernel_size=2, mode="mean"), ValueError, ["mode", "'max' or 'avg'", "'mean'"]),
    (dict(kernel_size=2, mode=max), TypeError, ["mode", "str"]),
    (dict(kernel_size=0), ValueError, ["kernel_size", "at least 1"]),
    (dict(kernel_size=2.0), TypeError, ["kernel_size", "int or a pair"]),
    (dict(kernel_size=(2, 2, 2)), TypeError, ["kernel_size", "pair"]),
    (dict(kernel_size=2, stride=0), ValueError, ["stride", "at least 1"]),
    (dict(kernel_size=2, stride=(1, "2")), TypeError, ["stride"]),
    (dict(kernel_size=2, padding=-1), ValueError, ["padding", "at least 0"]),
    (dict(kernel_size=2, ceil_mode="yes"), TypeError, ["ceil_mode", "bool"]),
    (dict(kernel_size=2, mode="avg", count_include_pad=1), TypeError, ["count_include_pad"]),
])
def test_bad_settings_name_the_argument(kwargs, error, words):
    with pytest.raises(error) as info:
        pool2d(torch.zeros(4, 4), **kwargs)
    for word in words:
        assert word in str(info.value)


@pytest.mark.parametrize("X, error, words", [
    (torch.zeros(1, 1, 4, 4), ValueError, ["Expected X", "4-D", "[1, 1, 4, 4]"]),
    (torch.zeros(4), ValueError, ["Expected X", "1-D", "[4]"]),
    (torch.zeros(2, 0, 3), ValueError, ["empty", "[2, 0, 3]"]),
    ([[0.0, 1.0], [2.0, 3.0]], TypeError, ["X", "torch.Tensor", "list"]),
    (np.zeros((4, 4)), TypeError, ["X", "ndarray"]),
    (torch.zeros(4, 4, dtype=torch.bool), TypeError, ["X", "bool"]),
])
def test_bad_inputs_name_the_argument(X, error, words):
    with pytest.raises(error) as info:
        pool2d(X, 2)
    for word in words:
        assert word in str(info.value)


@pytest.mark.parametrize("args, kwargs, error, words", [
    ((3, 5), {}, ValueError, ["kernel_size 5", "n + 2p = 3 + 2·0 = 3"]),
    ((5, 3), dict(padding=2), ValueError, ["padding 2", "half the kernel_size 3"]),
    ((5, 0), {}, ValueError, ["kernel_size", "positive"]),
    ((5, 2), dict(stride=0), ValueError, ["stride", "positive"]),
    ((5, 2.5), {}, TypeError, ["kernel_size", "int"]),
    ((5, 2), dict(ceil_mode=1), TypeError, ["ceil_mode", "bool"]),
])
def test_pool_output_size_rejects_impossible_settings(args, kwargs, error, words):
    with pytest.raises(error) as info:
        pool_output_size(*args, **kwargs)
    for word in words:
        assert word in str(info.value)


def test_pool_arguments_after_the_window_are_keyword_only():
    with pytest.raises(TypeError):
        pool2d(torch.zeros(4, 4), 2, "avg")
    with pytest.raises(TypeError):
        pool_output_size(5, 2, 1)
    with pytest.raises(TypeError):
        pool_output_shape((5, 5), 2, 1)


def test_pool_output_shape_names_the_dimension():
    with pytest.raises(ValueError, match="in width: kernel_size 4"):
        pool_output_shape((8, 3), (2, 4))
    assert pool_output_shape((8, 5), (3, 2), padding=(0, 1), stride=2, ceil_mode=True) == (4, 3)


# The pooling animation and figure (convlib.teach).

D2L_X = torch.tensor([[0.0, 1, 2], [3, 4, 5], [6, 7, 8]])


@pytest.mark.parametrize("kwargs", [dict(kernel_size=2, stride=1),
                                    dict(kernel_size=2, padding=1),
                                    dict(kernel_size=(2, 3), mode="avg", stride=1)])
def test_pooling_animation_has_one_frame_per_output(kwargs):
    from convlib.teach.animation import pooling_animation, to_html

    anim = pooling_animation(D2L_X, **kwargs)
    kwargs = dict(kwargs)
    reference = torch_pool(D2L_X[None], kwargs.pop("kernel_size"), **kwargs)
    html = to_html(anim)
    assert anim.frame_count == reference[0].numel() == len(anim.titles)
    assert html.count("data:image/png;base64") == anim.frame_count
    assert "_anim_slider" in html and "://" not in html  # plays offline


@pytest.mark.slow
def test_pooling_animation_titles_are_d2l_sums():
    from convlib.teach.animation import pooling_animation, to_html

    anim = pooling_animation(D2L_X, 2, stride=1)
    assert anim.titles == ["max(0, 1, 3, 4) = 4", "max(1, 2, 4, 5) = 5",
                           "max(3, 4, 6, 7) = 7", "max(4, 5, 7, 8) = 8"]
    avg = pooling_animation(D2L_X, 2, mode="avg", stride=1)
    assert avg.titles[0] == "mean(0, 1, 3, 4) = 2"
    padded = pooling_animation(-D2L_X - 1, 2, padding=1)
    assert padded.titles[0] == "max(-∞, -∞, -∞, -1) = -1"
    for drawn in (anim, avg, padded):  # render them, as a page would
        assert "_anim_slider" in to_html(drawn)


def test_pool_step_marks_the_winner_and_padding():
    import matplotlib.pyplot as plt
    from matplotlib.colors import rgb_to_hsv, to_rgba

    from convlib.teach.plotting import PADDING, UNREACHED, WINDOW, WINNER, draw_pool_step

    fig, ax = plt.subplots()
    text = draw_pool_step(ax, D2L_X, 2, 1, 0, padding=1)  # rows 2-3, columns 0-1 of padded
    assert text == "max(-∞, 3, -∞, 6) = 6"
    faces = {(-round(r.get_y()) - 1, round(r.get_x())): r.get_facecolor()
             for r in ax.patches[:25]}  # the 5 x 5 padded input, (row, column)
    assert faces[(3, 1)] == to_rgba(WINNER)       # 6 wins (padded row 3, column 1)
    assert faces[(2, 1)] == to_rgba(WINDOW)       # 3 is in the window, but loses
    assert faces[(0, 0)] == to_rgba(PADDING)
    # stride 2 on the 5 x 5 padded input: no window reaches row 4 or column 4
    assert faces[(4, 0)] == faces[(0, 4)] == faces[(4, 4)] == to_rgba(UNREACHED)
    assert faces[(3, 3)] != to_rgba(UNREACHED)
    hue, saturation, _ = rgb_to_hsv(to_rgba(WINNER)[:3])
    assert 0.05 < hue < 0.12 and saturation > 0.6  # the winner is orange, as the page says
    assert sum(t.get_text() == "−∞" for t in ax.texts) == 16
    plt.close(fig)


def test_pooling_animation_rejects_bad_input():
    from convlib.teach.animation import pooling_animation

    with pytest.raises(ValueError, match="kernel_size"):
        pooling_animation(D2L_X, 4)
    with pytest.raises(ValueError, match="mode"):
        pooling_animation(D2L_X, 2, mode="min")
