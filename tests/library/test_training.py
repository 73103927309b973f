import math

import pytest
import torch
from torch import nn

import convlib
from convlib.images import stripes
from convlib.training import (
    FitResult,
    fit_kernel,
    format_loss,
    hessian_eigenvalues,
    loss_hessian,
)

X = stripes()
Y = convlib.corr2d(X, torch.tensor([[1.0, -1.0]]))
X4, Y4 = X.reshape(1, 1, 6, 8), Y.reshape(1, 1, 6, 7)


def test_eigenvalues_without_bias_are_12_and_60():
    eig = hessian_eigenvalues(nn.Conv2d(1, 1, (1, 2), bias=False), X4, Y4)
    assert torch.allclose(eig, torch.tensor([12.0, 60.0]), atol=1e-4)


def test_eigenvalues_with_bias():
    eig = hessian_eigenvalues(convlib.Conv2D((1, 2)), X, Y)
    assert eig[0].item() == pytest.approx(12.0, abs=1e-3)
    assert eig[-1].item() == pytest.approx(124.3068, abs=1e-3)
    # closed form of the 2x2 block in the symmetric subspace: (144 + sqrt(24^2 + 4*2592)) / 2
    assert eig[-1].item() == pytest.approx((144 + math.sqrt(576 + 10368)) / 2, rel=1e-5)


def test_hessian_is_two_a_transpose_a():
    A = torch.stack([X[:, :-1].flatten(), X[:, 1:].flatten(), torch.ones(42)], dim=1)
    assert torch.allclose(loss_hessian(convlib.Conv2D((1, 2)), X, Y), 2 * A.T @ A)


def test_mean_loss_scales_the_hessian_by_one_over_n():
    ratio = hessian_eigenvalues(convlib.Conv2D((1, 2)), X, Y) / \
        hessian_eigenvalues(convlib.Conv2D((1, 2)), X, Y, loss="mean")
    assert torch.allclose(ratio, torch.full((3,), 42.0), rtol=1e-4)


@pytest.mark.slow
@pytest.mark.parametrize("lr", [0.005, 0.0147, 0.0160])
def test_converges_below_the_bound_with_bias(lr):
    layer = convlib.Conv2D((1, 2))
    result = fit_kernel(layer, X, Y, lr=lr, steps=3000, tol=1e-6)
    assert not result.diverged and result.final_loss < 1e-6
    assert torch.allclose(layer.weight, torch.tensor([[1.0, -1.0]]), atol=1e-3)


@pytest.mark.slow
@pytest.mark.parametrize("lr", [0.0165, 0.03, 0.1])
def test_diverges_above_the_bound_with_bias(lr):
    result = fit_kernel(convlib.Conv2D((1, 2)), X, Y, lr=lr, steps=3000)
    assert result.diverged and "diverged" in result.message and "too large" in result.message
    assert all(math.isfinite(v) for v in result.losses)  # no NaN reaches the plot


@pytest.mark.slow
@pytest.mark.parametrize("lr, diverges", [(0.03, False), (0.0333, False), (0.034, True)])
def test_bound_without_bias_is_one_thirtieth(lr, diverges):
    result = fit_kernel(nn.Conv2d(1, 1, (1, 2), bias=False), X4, Y4, lr=lr, steps=3000)
    assert result.diverged == diverges


@pytest.mark.slow
def test_d2l_experiment_reaches_the_kernel():
    conv = nn.Conv2d(1, 1, (1, 2), bias=False)
    result = fit_kernel(conv, X4, Y4, lr=3e-2, steps=200, tol=1e-6)
    assert result.final_loss < 1e-6 and result.message.startswith("converged")
    assert torch.allclose(conv.weight.reshape(1, 2), torch.tensor([[1.0, -1.0]]), atol=1e-3)


def test_adam_and_the_callback():
    calls = []
    fit_kernel(convlib.Conv2D((1, 2)), X, Y, lr=0.1, steps=5, optimizer="adam",
               callback=lambda step, loss: calls.append(step))
    assert calls == [1, 2, 3, 4, 5]


def test_every_prints_the_loss(capsys):
    fit_kernel(convlib.Conv2D((1, 2)), X, Y, lr=0.01, steps=4, every=2)
    assert capsys.readouterr().out.count("loss") == 2


def test_every_prints_losses_as_format_loss_does(capsys):
    """Never "loss 0.000000" for a loss that is not yet below 1e-8 (nor its last digits)."""
    layer = convlib.Conv2D((1, 2))
    run = fit_kernel(layer, X, Y, lr=0.01, steps=4, every=1)
    printed = [line.split("loss ")[1] for line in capsys.readouterr().out.splitlines()]
    assert printed == [format_loss(value) for value in run.losses]


@pytest.mark.parametrize("kwargs, word", [
    ({"lr": 0}, "lr"), ({"lr": -1}, "lr"), ({"lr": "big"}, "lr"),
    ({"steps": 0}, "steps"), ({"steps": 2.5}, "steps"),
    ({"loss": "l1"}, "loss"), ({"optimizer": "rmsprop"}, "optimizer"),
])
def test_bad_arguments(kwargs, word):
    args = {"lr": 0.01, "steps": 5} | kwargs
    with pytest.raises(ValueError, match=word):
        fit_kernel(convlib.Conv2D((1, 2)), X, Y, **args)


def test_shape_mismatch_names_both_shapes():
    with pytest.raises(ValueError, match=r"\[6, 6\].*\[6, 7\]"):
        fit_kernel(convlib.Conv2D((1, 3)), X, Y, lr=0.01, steps=5)
    with pytest.raises(ValueError, match="must match"):
        loss_hessian(convlib.Conv2D((1, 3)), X, Y)


def test_format_loss_hides_rounding_noise():
    assert format_loss(3.14159e-9) == "< 1e-08"
    assert format_loss(0.012345) == "0.012"
    assert repr(FitResult([5.0, 1e-12])) == "FitResult(steps=2, final_loss=< 1e-08, diverged=False)"


@pytest.mark.slow
def test_convolution_layer_learns_the_flipped_kernel_of_correlation_data():
    K_true = torch.tensor([[1.0, 2.0], [0.0, -1.0]])
    data = torch.rand(12, 12)
    corr_layer = convlib.Conv2D(2)
    conv_layer = convlib.Conv2D(2, operation="convolution")
    for layer in (corr_layer, conv_layer):
        fit_kernel(layer, data, convlib.corr2d(data, K_true), lr=0.05, steps=3000,
                   loss="mean", optimizer="adam")
    assert torch.allclose(corr_layer.weight, K_true, atol=1e-2)
    assert torch.allclose(conv_layer.weight, K_true.flip(0, 1), atol=1e-2)


def test_plot_losses_marks_divergence_and_uses_a_log_scale():
    import matplotlib.pyplot as plt

    from convlib.teach.plotting import plot_losses

    good = fit_kernel(convlib.Conv2D((1, 2)), X, Y, lr=0.01, steps=20)
    bad = fit_kernel(convlib.Conv2D((1, 2)), X, Y, lr=0.05, steps=50)
    ax = plot_losses({"good": good, "bad": bad, "plain list": [3.0, 2.0, 1.0]}, title="t")
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels == ["good", "bad (diverged)", "plain list"]
    assert [line.get_linestyle() for line in ax.get_lines()] == ["-", "--", "-"]
    assert ax.get_yscale() == "log" and ax.get_title() == "t"
    plt.close(ax.figure)
